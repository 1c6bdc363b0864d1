"""Read a JSON file into plain Python data with the line and column of every key and value.

Python's json module parses (its messages, its number and string rules) but keeps no
positions, and the YAML loader cannot stand in: PyYAML refuses tabs, which many JSON files
indent with. So json decodes each scalar and this module walks the brackets around them,
filling the same `Positions` the YAML loader fills, so errors and warnings point into the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from texcv.errors import Code, InputError, Location
from texcv.source.yaml_reader import MAX_DEPTH, DataPath, Loaded, Positions, read_text

_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"


def load_json(path: Path, display: str | None = None) -> Loaded:
    """Load ``path``; every problem becomes an InputError pointing into the file."""
    display = display or str(path)
    return load_json_text(read_text(path, display), display)


def load_json_text(text: str, display: str) -> Loaded:
    try:
        json.loads(text, object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as error:
        raise InputError(
            f"invalid JSON: {error.msg}",
            location=Location(display, error.lineno, error.colno),
            code=Code.YAML_SYNTAX,
        ) from None
    except _DuplicateKey as error:
        raise InputError(
            f"duplicate key '{error.key}'; JSON readers would silently keep only the last one",
            location=_find_duplicate(text, display, error.key),
            hint="remove or rename one of the two",
            code=Code.DUPLICATE_KEY,
        ) from None
    except RecursionError:
        raise InputError(
            f"the document is nested too deeply (more than {MAX_DEPTH} levels)",
            location=Location(display),
            code=Code.INPUT_TOO_LARGE,
        ) from None
    walker = _Walker(text, display)
    data, _ = walker.value(walker.skip(0), (), 0)
    return Loaded(data=data, positions=walker.positions, text=text)


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _find_duplicate(text: str, display: str, key: str) -> Location:
    """The second place ``"key":`` appears (good enough for a message)."""
    needle = json.dumps(key, ensure_ascii=False)
    first = text.find(needle)
    second = text.find(needle, first + 1) if first >= 0 else -1
    at = second if second >= 0 else first
    if at < 0:
        return Location(display)
    line = text.count("\n", 0, at) + 1
    return Location(display, line, at - (text.rfind("\n", 0, at) + 1) + 1)


class _Walker:
    """Walks text that json.loads already accepted, recording where each value starts."""

    def __init__(self, text: str, display: str) -> None:
        self.text = text
        self.positions = Positions(display)
        self._line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]

    def where(self, index: int) -> tuple[int, int]:
        low, high = 0, len(self._line_starts) - 1
        while low < high:  # the last line start at or before index
            middle = (low + high + 1) // 2
            if self._line_starts[middle] <= index:
                low = middle
            else:
                high = middle - 1
        return low + 1, index - self._line_starts[low] + 1

    def skip(self, index: int) -> int:
        while index < len(self.text) and self.text[index] in _SPACE:
            index += 1
        return index

    def value(self, index: int, path: DataPath, depth: int) -> tuple[Any, int]:
        if depth > MAX_DEPTH:
            raise InputError(
                f"the document is nested too deeply (more than {MAX_DEPTH} levels)",
                location=Location(self.positions.file, *self.where(index)),
                code=Code.INPUT_TOO_LARGE,
            )
        self.positions.values.setdefault(path, self.where(index))
        opening = self.text[index]
        if opening == "{":
            return self._object(index + 1, path, depth)
        if opening == "[":
            return self._array(index + 1, path, depth)
        return _DECODER.raw_decode(self.text, index)

    def _object(self, index: int, path: DataPath, depth: int) -> tuple[dict[str, Any], int]:
        result: dict[str, Any] = {}
        index = self.skip(index)
        while self.text[index] != "}":
            key_start = index
            key, index = _DECODER.raw_decode(self.text, index)
            index = self.skip(self.skip(index) + 1)  # past the ':'
            child = (*path, key)
            self.positions.keys[child] = self.where(key_start)
            result[key], index = self.value(index, child, depth + 1)
            index = self.skip(index)
            if self.text[index] == ",":
                index = self.skip(index + 1)
        return result, index + 1

    def _array(self, index: int, path: DataPath, depth: int) -> tuple[list[Any], int]:
        result: list[Any] = []
        index = self.skip(index)
        while self.text[index] != "]":
            item, index = self.value(index, (*path, len(result)), depth + 1)
            result.append(item)
            index = self.skip(index)
            if self.text[index] == ",":
                index = self.skip(index + 1)
        return result, index + 1
