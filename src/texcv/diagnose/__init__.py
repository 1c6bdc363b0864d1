"""Map a line of the generated .tex back to the cv.yaml field it came from."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from texcv.errors import Location
from texcv.render import SOURCE_MARK
from texcv.source.yaml_reader import DataPath, Positions, format_path, walk_strings

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_UNICODE = re.compile(r"Unicode character (.) \(U\+")


def parse_path(text: str) -> DataPath:
    """``sections[3].entries[2]`` -> ``("sections", 3, "entries", 2)``."""
    return tuple(int(index) if index else name for name, index in _PART.findall(text))


def path_of_line(tex: str, line: int) -> DataPath | None:
    """The cv.yaml path whose LaTeX holds ``line`` (1-based): the nearest mark above it."""
    lines = tex.splitlines()
    for number in range(min(line, len(lines)) - 1, -1, -1):
        if lines[number].startswith(SOURCE_MARK):
            return parse_path(lines[number][len(SOURCE_MARK) :].strip())
    return None


def locate_line(
    tex: str,
    line: int,
    positions: Positions,
    data: Any = None,
    message: str = "",
    origin: Callable[[DataPath], DataPath] | None = None,
) -> tuple[str, Location] | None:
    """(dotted path, place in cv.yaml) for a line of the .tex, when it came from an entry.

    Given the loaded ``data`` and TeX's error ``message``, narrows the entry down to the field
    that holds the character TeX complained about. ``origin`` maps a path of the rendered CV
    back to cv.yaml's when entries were sorted or selected (texcv.prepare.variant.Prepared.origin).
    """
    path = path_of_line(tex, line)
    if path is None:
        return None
    if origin is not None:
        path = origin(path)
    if data is not None:
        path = narrow_to_field(path, data, message)
    return format_path(path), positions.locate(path)


def narrow_to_field(path: DataPath, data: Any, message: str) -> DataPath:
    """The field under ``path`` whose text holds the character TeX named, else ``path``."""
    match = _UNICODE.search(message)
    if match is None:
        return path
    value = data
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return path
    for field, text in walk_strings(value, path):
        if match.group(1) in text:
            return field
    return path
