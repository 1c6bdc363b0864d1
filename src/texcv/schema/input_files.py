"""The files a CV reads besides cv.yaml (a photo, a .bib), so that changing one rebuilds it.

A field names such a file either by being listed in FILE_FIELDS or by carrying
``json_schema_extra={"format": INPUT_FILE_FORMAT}`` in its ``Field(...)``. Either way every
occurrence in the validated CV is found by walking it; paths are relative to cv.yaml, and
texcv.prepare.named_files keeps them inside its folder.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

INPUT_FILE_FORMAT = "texcv-input-file"
# (model class name, field name): add a field here when it holds a path to a file texcv reads,
# e.g. ("Section", "bibtex").
FILE_FIELDS: set[tuple[str, str]] = {("Photo", "path")}
# The file fields that name an image TeX includes (its content is checked before TeX runs).
IMAGE_FIELDS: set[tuple[str, str]] = {("Photo", "path")}

DataPath = tuple[str | int, ...]


@dataclass(frozen=True)
class NamedFile:
    """A file the CV names: where in cv.yaml (``path``), as written (``value``), which field."""

    path: DataPath
    value: str
    field: tuple[str, str]  # (model class name, field name)

    @property
    def is_image(self) -> bool:
        return self.field in IMAGE_FIELDS


def referenced_files(cv: BaseModel, base: Path) -> list[Path]:
    """Every file the CV names, resolved against ``base`` (the folder of cv.yaml)."""
    found = {base / named.value for named in named_files(cv) if named.value}
    return sorted(found)


def named_files(value: Any, path: DataPath = ()) -> Iterator[NamedFile]:
    """Every file the CV names, with its place (the validated CV's paths are cv.yaml's)."""
    if isinstance(value, BaseModel):
        model = type(value)
        for name, info in model.model_fields.items():
            item = getattr(value, name)
            if _names_a_file(model.__name__, name, info.json_schema_extra):
                for where, text in _strings(item, (*path, name)):
                    yield NamedFile(where, text, (model.__name__, name))
            else:
                yield from named_files(item, (*path, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from named_files(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from named_files(item, (*path, key))


def _names_a_file(model: str, field: str, extra: Any) -> bool:
    if (model, field) in FILE_FIELDS:
        return True
    return isinstance(extra, dict) and extra.get("format") == INPUT_FILE_FORMAT


def _strings(value: Any, path: DataPath) -> Iterator[tuple[DataPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
