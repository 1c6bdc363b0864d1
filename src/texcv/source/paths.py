"""Paths named inside an input file stay inside that file's folder (or a folder allowed by name).

A cv.yaml may come from someone else; if it could name ``../../.ssh/id_rsa.pdf``, an absolute
path or a symbolic link leading out, Python would copy that file beside the .tex and the PDF
would carry it: TeX's own sandbox never sees the read. So every such path is resolved (``..``
and symbolic links followed) and must land inside one of the allowed folders; the reason it
does not is the error.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath


class OutsideRoots(ValueError):
    """A path leads out of the allowed folders; the message says how."""


@dataclass(frozen=True)
class Roots:
    """The folder of the input file (``base``) and other folders allowed explicitly."""

    base: Path
    allowed: tuple[Path, ...] = ()

    @classmethod
    def of(cls, base: Path, allowed: Sequence[Path] = ()) -> Roots:
        return cls(base, tuple(allowed))

    def describe(self) -> str:
        return f"the folder of cv.yaml ({self.base.resolve()})"

    def resolve(self, value: str) -> Path:
        """The file ``value`` names, resolved; OutsideRoots when it leads out of every root.

        A missing file is not an error here (the caller says what it was looking for).
        """
        named = self.base / value  # an absolute value replaces the base
        real = named.resolve()
        folders = [folder.resolve() for folder in (self.base, *self.allowed)]
        if any(real.is_relative_to(folder) for folder in folders):
            return real
        if PurePath(value).is_absolute():
            raise OutsideRoots(f"is an absolute path outside {self.describe()}")
        lexical = Path(os.path.normpath(self.base.resolve() / value))
        if not any(lexical.is_relative_to(folder) for folder in folders):
            raise OutsideRoots(f"leads out of {self.describe()} through '..'")
        raise OutsideRoots(f"is a symbolic link to {real}, outside {self.describe()}")
