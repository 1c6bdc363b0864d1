"""Map a line of the generated .tex back to the cv.yaml field it came from."""

from __future__ import annotations

import re

from texcv.errors import Location
from texcv.load import DataPath, Positions, format_path
from texcv.render import SOURCE_MARK

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


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


def locate_line(tex: str, line: int, positions: Positions) -> tuple[str, Location] | None:
    """(dotted path, place in cv.yaml) for a line of the .tex, when it came from an entry."""
    path = path_of_line(tex, line)
    if path is None:
        return None
    return format_path(path), positions.locate(path)
