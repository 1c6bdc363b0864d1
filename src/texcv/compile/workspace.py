"""Where TeX runs: a persistent folder per document, so .aux files carry over between builds.

``<out>/.cache/<name>-<engine>/`` keeps the .aux, .out and friends of the last build, so a
rebuild needs one pass unless something that needs a second one changed. One build at a time
holds it (an flock on a lock file beside it); a build that finds it busy compiles in a fresh
scratch folder instead, so two builds at once both finish with a whole PDF. After a failed
build its auxiliary files are removed: a half-written .aux must not break the next build.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

CACHE = ".cache"


@dataclass(frozen=True)
class Workspace:
    path: Path
    persistent: bool  # False: a fresh scratch folder, removed after the build

    def spoil(self) -> None:
        """Empty the folder after a failed build: its .aux may be half written."""
        for item in self.path.iterdir():
            if item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)


def cache_dir(out_dir: Path) -> Path:
    return out_dir / CACHE


def persistent_folder(out_dir: Path, name: str, engine: str) -> Path:
    return cache_dir(out_dir) / f"{name}-{engine}"


def claim(out_dir: Path, name: str, engine: str) -> int | None:
    """The lock of the persistent folder (a file descriptor), or None when a build holds it."""
    root = cache_dir(out_dir)
    root.mkdir(parents=True, exist_ok=True)
    lock = os.open(root / f"{name}-{engine}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(lock)
        return None
    return lock


@contextlib.contextmanager
def workspace(
    out_dir: Path, name: str, engine: str, claimed: int | None = None
) -> Iterator[Workspace]:
    """The persistent folder when it is free, else a fresh one; spoiled if the build fails.

    ``claimed``: a lock already taken with ``claim`` (released here, at the end).
    """
    lock = claimed if claimed is not None else claim(out_dir, name, engine)
    if lock is None:
        yield from _scratch(cache_dir(out_dir), name)
        return
    try:
        folder = persistent_folder(out_dir, name, engine)
        folder.mkdir(exist_ok=True)
        space = Workspace(folder, persistent=True)
        try:
            yield space
        except BaseException:
            space.spoil()
            raise
    finally:
        os.close(lock)  # closing releases the flock


def _scratch(root: Path, name: str) -> Iterator[Workspace]:
    folder = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=root))
    try:
        yield Workspace(folder, persistent=False)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
