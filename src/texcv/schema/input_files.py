"""The files a CV reads besides cv.yaml (a photo, a .bib), so that changing one rebuilds it.

A field names such a file either by being listed in FILE_FIELDS or by carrying
``json_schema_extra={"format": INPUT_FILE_FORMAT}`` in its ``Field(...)``. Either way every
occurrence in the validated CV is found by walking it; paths are relative to cv.yaml.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

INPUT_FILE_FORMAT = "texcv-input-file"
# (model class name, field name): add a field here when it holds a path to a file texcv reads,
# e.g. ("Section", "bibtex").
FILE_FIELDS: set[tuple[str, str]] = {("Photo", "path")}


def referenced_files(cv: BaseModel, base: Path) -> list[Path]:
    """Every file the CV names, resolved against ``base`` (the folder of cv.yaml)."""
    found = {base / value for value in _values(cv) if value}
    return sorted(found)


def _values(value: Any) -> Iterator[str]:
    if isinstance(value, BaseModel):
        model = type(value)
        for name, info in model.model_fields.items():
            item = getattr(value, name)
            if _names_a_file(model.__name__, name, info.json_schema_extra):
                yield from _strings(item)
            else:
                yield from _values(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _values(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _values(item)


def _names_a_file(model: str, field: str, extra: Any) -> bool:
    if (model, field) in FILE_FIELDS:
        return True
    return isinstance(extra, dict) and extra.get("format") == INPUT_FILE_FORMAT


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
