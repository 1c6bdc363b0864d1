"""Whether an input file is there to read: checked before anything reads it.

Apart from texcv.source.yaml_reader so that a build can check its cv.yaml (and start TeX
early) before PyYAML is imported.
"""

from __future__ import annotations

from pathlib import Path

from texcv.errors import Code, InputError, Location


def require_file(path: Path, display: str) -> None:
    """An InputError when ``path`` is missing or a folder: checked before anything reads it,
    so `build` and `check` say the same thing (and exit 2) whatever runs first."""
    if not path.exists():
        raise InputError(
            f"no such file: {display}",
            location=Location(display),
            hint="give the path to your cv.yaml, or run `texcv new` to start one",
            code=Code.FILE_MISSING,
        )
    if path.is_dir():
        raise InputError(
            f"{display} is a directory, not a YAML file",
            location=Location(display),
            code=Code.FILE_UNREADABLE,
        )
