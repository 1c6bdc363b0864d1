"""Writing a file whole or not at all, the one way every stage does it.

A reader (make, an editor, a PDF viewer, the next build) must never see half a file, and a
failed write must leave the old one as it was. So the text goes to a temporary file in the
same folder (a rename is atomic only within one file system), named after the process so that
two builds at once never share it, and is then renamed over the target.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from texcv.errors import DiskFull

# Below this many free bytes, a TeX run that failed to write is taken to have met a full disk
# (pdfTeX only says "fwrite() failed", or nothing when its log could not be written).
LOW_SPACE = 1 << 20


def write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step."""
    _replace(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one step."""
    _replace(path, lambda temporary: temporary.write_bytes(data))


def copy_file(source: Path, target: Path) -> None:
    """Replace ``target`` with a copy of ``source`` in one step."""
    _replace(target, lambda temporary: shutil.copyfile(source, temporary))


def _replace(target: Path, fill: Callable[[Path], object]) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        fill(temporary)
        os.replace(temporary, target)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError) and error.filename is None:
            error.filename = str(target)  # a failed write() names no file: say which
        raise


def disk_full(error: OSError, folder: Path) -> DiskFull | None:
    """The clear error for an OSError that is a full disk (``folder``: where, if it names no
    file), else None."""
    if error.errno not in (errno.ENOSPC, errno.EDQUOT):
        return None
    return DiskFull(str(Path(error.filename).parent) if error.filename else str(folder))


def low_on_space(folder: Path) -> bool:
    """Whether the file system holding ``folder`` has (almost) no space left."""
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE
    except OSError:
        return False
