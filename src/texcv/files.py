"""Writing a file whole or not at all, the one way every stage does it.

A reader (make, an editor, a PDF viewer, the next build) must never see half a file, and a
failed write must leave the old one as it was. So the text goes to a temporary file in the
same folder (a rename is atomic only within one file system), named after the process so that
two builds at once never share it, and is then renamed over the target.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step."""
    _replace(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def copy_file(source: Path, target: Path) -> None:
    """Replace ``target`` with a copy of ``source`` in one step."""
    _replace(target, lambda temporary: shutil.copyfile(source, temporary))


def _replace(target: Path, fill: Callable[[Path], object]) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fill(temporary)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
