"""Write texcv data as a tidy cv.yaml: the schema's key order, comments above choices.

Keys come in the order the schema's models declare them (the order `texcv new` writes them);
an entry leaves out its `kind` when the section's kind says it, and a text or bullet entry
that is only text is written as a plain string, as in the starter. Scalars are written plain
when YAML reads them back as the same text, else double-quoted (JSON escapes are YAML's too).
"""

from __future__ import annotations

import json
import re
import textwrap
import types
import typing
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel

from texcv.errors import InputError
from texcv.schema import CV
from texcv.schema.entries import ENTRY_KINDS
from texcv.schema.sections import Section
from texcv.source.yaml_reader import DataPath, load_yaml_text

SCHEMA_LINE = "# yaml-language-server: $schema=./cv.schema.json"
INDENT = "  "
WIDTH = 100  # comments wrap here, as the code does
DATE_KEYS = frozenset({"date", "start", "end"})
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PLAIN_START = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`]")
# What YAML cannot hold as it is, or reads as a line break (NEL, LS, PS): escaped when quoted.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def dump_cv(data: dict[str, Any], comments: dict[DataPath, str], preface: list[str]) -> str:
    """cv.yaml's text for ``data``; ``comments`` by data path; ``preface`` under line one."""
    lines = [SCHEMA_LINE, *(f"# {line}" if line else "#" for line in preface)]
    writer = _Writer(comments, lines)
    for key in _ordered(data, CV):
        lines.append("")
        writer.field(key, data[key], (key,), 0, _child(CV, key, data))
    return "\n".join(lines) + "\n"


class _Writer:
    def __init__(self, comments: dict[DataPath, str], lines: list[str]) -> None:
        self.comments = comments
        self.lines = lines

    def comment(self, path: DataPath, depth: int) -> None:
        text = self.comments.get(path)
        if text:
            pad = f"{INDENT * depth}# "
            for line in textwrap.wrap(text, width=max(40, WIDTH - len(pad))):
                self.lines.append(pad + line)

    def field(self, key: str, value: Any, path: DataPath, depth: int, model: Any) -> None:
        self.comment(path, depth)
        pad = INDENT * depth
        if value in ([], {}):
            self.lines.append(f"{pad}{key}: {'[]' if value == [] else '{}'}")
        elif isinstance(value, dict):
            self.lines.append(f"{pad}{key}:")
            self.mapping(value, path, depth + 1, model)
        elif isinstance(value, list):
            if key == "authors" and all(
                _plain(str(item)) and "," not in str(item) for item in value
            ):
                self.lines.append(f"{pad}{key}: [{', '.join(map(str, value))}]")
                return
            self.lines.append(f"{pad}{key}:")
            self.sequence(value, path, depth + 1, model)
        elif isinstance(value, str) and _block(value):
            self.lines.append(f"{pad}{key}: |-")
            self.lines.extend(f"{pad}{INDENT}{line}" if line else "" for line in value.split("\n"))
        elif key in DATE_KEYS and isinstance(value, str) and _DATE.match(value):
            self.lines.append(f"{pad}{key}: {value}")  # as the starter writes dates
        else:
            self.lines.append(f"{pad}{key}: {scalar(value)}")

    def mapping(self, value: dict[str, Any], path: DataPath, depth: int, model: Any) -> None:
        for key in _ordered(value, model):
            self.field(key, value[key], (*path, key), depth, _child(model, key, value))

    def sequence(self, items: list[Any], path: DataPath, depth: int, model: Any) -> None:
        pad = INDENT * depth
        for index, item in enumerate(items):
            item_path = (*path, index)
            if path == ("sections",) and index:
                self.lines.append("")
            self.comment(item_path, depth)
            if isinstance(item, dict):
                item_model = model
                if path[-1] == "entries":
                    item_model = ENTRY_KINDS.get(item.get("kind", ""), model)
                keys = _ordered(item, item_model)
                if not keys:
                    continue
                first, *rest = keys
                marker = len(self.lines)
                child = _child(item_model, first, item)
                self.field(first, item[first], (*item_path, first), depth + 1, child)
                # The item's dash goes on its first key's line; that key's comment above it.
                for at in range(marker, len(self.lines)):
                    line = self.lines[at]
                    if line.lstrip().startswith("#"):
                        self.lines[at] = pad + line.lstrip()
                        continue
                    self.lines[at] = f"{pad}- {line[len(pad) + 2 :]}"
                    break
                for key in rest:
                    child = _child(item_model, key, item)
                    self.field(key, item[key], (*item_path, key), depth + 1, child)
            elif isinstance(item, str) and _block(item):
                self.lines.append(f"{pad}- |-")
                self.lines.extend(
                    f"{pad}{INDENT}{line}" if line else "" for line in item.split("\n")
                )
            else:
                self.lines.append(f"{pad}- {scalar(item)}")


def scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = str(value)
    return text if _plain(text) else _quoted(text)


def _block(text: str) -> bool:
    """Multi-line text that a literal block (`|-`) writes exactly as it is."""
    if "\n" not in text or text != text.strip() or _NOT_PRINTABLE.search(text):
        return False
    lines = text.split("\n")
    return not lines[0].startswith((" ", "\t")) and all(line == line.rstrip() for line in lines)


def _plain(text: str) -> bool:
    """Whether ``text`` can stand unquoted and still be read back as this text."""
    if not text or text != text.strip() or not _PLAIN_START.match(text):
        return False
    if any(mark in text for mark in (": ", " #", "\n", "\t")) or text.endswith(":"):
        return False
    if _NOT_PRINTABLE.search(text):
        return False
    line = f"k: {text}"
    try:  # texcv's reader (1e3 is a number there) and YAML 1.1 (yes, 1:20, 0x1f) alike
        return yaml.safe_load(line) == {"k": text} and load_yaml_text(line, "").data == {"k": text}
    except (yaml.YAMLError, InputError):
        return False


def _quoted(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return _NOT_PRINTABLE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)


def _ordered(value: dict[str, Any], model: Any) -> list[str]:
    """The keys of ``value`` in the model's declaration order (unknown keys after)."""
    fields = list(model.model_fields) if _is_model(model) else []
    known = [key for key in fields if key in value]
    return known + [key for key in value if key not in known]


def _is_model(model: Any) -> bool:
    return isinstance(model, type) and issubclass(model, BaseModel)


def _child(model: Any, key: str, value: dict[str, Any]) -> Any:
    """The model of ``value[key]``; a section's entries follow the section's kind."""
    if model is Section and key == "entries":
        return ENTRY_KINDS.get(value.get("kind", "entry"))
    return _inner(model, key)


def _inner(model: Any, key: str) -> Any:
    """The model a field of ``model`` holds (through Optional, list and Annotated)."""
    if not _is_model(model) or key not in model.model_fields:
        return None
    annotation = model.model_fields[key].annotation
    while True:
        origin, args = get_origin(annotation), get_args(annotation)
        if _is_model(annotation):
            return annotation
        if origin is typing.Annotated or origin in (list, tuple):
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            models = [arg for arg in args if _is_model(arg) or get_origin(arg)]
            if not models:
                return None
            annotation = models[0]
        else:
            return None
