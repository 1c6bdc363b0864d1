"""`texcv new`: a small, valid, commented cv.yaml that shows every entry kind, and a starter
cover letter beside it (letters/example.yaml)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from texcv.errors import Code, InputError, Location

STARTER_NAME = "starter.yaml"
STARTER_LETTER_NAME = "starter-letter.yaml"
SCHEMA_NAME = "cv.schema.json"
LETTER_SCHEMA_NAME = "letter.schema.json"
EXAMPLE_LETTER = "example"  # letters/example.yaml


def starter_text() -> str:
    """The starter cv.yaml, as shipped inside the package."""
    return resources.files("texcv.app").joinpath(STARTER_NAME).read_text(encoding="utf-8")


def starter_letter_text() -> str:
    """The starter letter, as shipped inside the package."""
    return resources.files("texcv.app").joinpath(STARTER_LETTER_NAME).read_text(encoding="utf-8")


def write_starter(target: Path, *, letter: bool = True) -> list[Path]:
    """Write the starter (and, when missing, the JSON Schema its first line names and, with
    ``letter``, the starter letter and its schema).

    Never overwrites an existing file; a folder means ``folder/cv.yaml``. Returns the files
    written.
    """
    if target.is_dir():
        target = target / "cv.yaml"
    if target.exists() or target.is_symlink():
        raise InputError(
            f"{target} already exists; not overwriting it",
            location=Location(str(target)),
            hint="give another path, e.g. `texcv new my-cv.yaml`",
            code=Code.FILE_EXISTS,
        )
    if not target.parent.is_dir():
        raise InputError(
            f"the folder {target.parent} does not exist", location=Location(str(target))
        )
    from texcv.app.letter import LETTERS_FOLDER
    from texcv.schema.json_schema import json_schema_text

    written = [create_new_file(target, starter_text())]
    folder = target.parent
    beside = [(folder / SCHEMA_NAME, json_schema_text)]
    if letter:
        beside += [
            (folder / LETTERS_FOLDER / f"{EXAMPLE_LETTER}.yaml", starter_letter_text),
            (folder / LETTER_SCHEMA_NAME, lambda: json_schema_text(letter=True)),
        ]
    for path, text in beside:  # the ones already there are kept as they are
        if not path.exists() and not path.is_symlink():
            path.parent.mkdir(exist_ok=True)
            written.append(create_new_file(path, text()))
    return written


def create_new_file(path: Path, text: str) -> Path:
    """Create ``path`` with ``text``; fails rather than replace a file that appeared meanwhile."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        raise InputError(
            f"{path} already exists; not overwriting it",
            location=Location(str(path)),
            code=Code.FILE_EXISTS,
        ) from None
    except OSError as error:
        raise InputError(
            f"cannot create {path}: {error.strerror}", location=Location(str(path))
        ) from None
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)
    return path
