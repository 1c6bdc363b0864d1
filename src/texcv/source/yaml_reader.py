"""Read a YAML file into plain Python data, remembering where every key and value came from.

Knows YAML and positions, nothing about CVs. Guards against what PyYAML lets through:
duplicate keys (PyYAML keeps the last one silently), alias bombs, huge or non-UTF-8 files.
Scalars are resolved the YAML 1.2 way (no ``yes``/``no`` booleans, no automatic dates), so
``2020-09`` and ``NO`` stay text. What was typed is kept too: for a plain scalar that YAML
makes a number, boolean or null (``0612345678``, ``1.10``, ``true``, ``null``), `Positions`
remembers its source text, and `as_typed` hands it on, so a field that takes text can print it
exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from texcv.errors import Code, InputError, InputErrors, Location
from texcv.source.input_file import require_file

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_NODES = 200_000
MAX_DEPTH = 64

DataPath = tuple[str | int, ...]

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_IMPLICIT_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "null", "bool", "int", "float", "timestamp", "value")
)
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$")


@dataclass
class Positions:
    """Where each value (and each mapping key) of a loaded document starts; where each scalar
    value ends (``ends``, for editors that underline the whole value)."""

    file: str
    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    # The source text of each plain scalar YAML resolved to a number, boolean or null.
    typed: dict[DataPath, str] = field(default_factory=dict)
    ends: dict[DataPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: DataPath, *, key: bool = False) -> Location:
        """The closest known place for ``path``: itself, else its nearest ancestor."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                end = () if key else self.ends.get(probe, ())
                return Location(self.file, *table[probe], *end)
            if not key and probe in self.keys:
                return Location(self.file, *self.keys[probe])
            probe = probe[:-1]
        if () in self.values:
            return Location(self.file, *self.values[()])
        return Location(self.file, 1, 1)


@dataclass
class Loaded:
    data: Any
    positions: Positions
    text: str


class PlainScalar(str):
    """A plain scalar as typed (``0612345678``), with what YAML resolved it to in ``value``.

    A field that takes text keeps the string; any other field takes ``value``
    (texcv.schema.base decides by the field's type).
    """

    value: Any

    def __new__(cls, text: str, value: Any) -> PlainScalar:
        scalar = super().__new__(cls, text)
        scalar.value = value
        return scalar


def as_typed(data: Any, typed: dict[DataPath, str], path: DataPath = ()) -> Any:
    """``data`` with each resolved scalar listed in ``typed`` as a PlainScalar."""
    if path in typed and not isinstance(data, str):
        return PlainScalar(typed[path], data)
    if isinstance(data, dict):
        return {key: as_typed(item, typed, (*path, key)) for key, item in data.items()}
    if isinstance(data, list):
        return [as_typed(item, typed, (*path, index)) for index, item in enumerate(data)]
    return data


def walk_strings(value: Any, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every string inside loaded (or dumped) data, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, (*path, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk_strings(item, (*path, index))


def format_path(path: DataPath) -> str:
    """``("sections", 3, "entries", 2)`` -> ``sections[3].entries[2]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_text(path: Path, display: str) -> str:
    """The file's text, or an InputError saying exactly why it cannot be read."""
    require_file(path, display)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"file is too large ({size / 1048576:.1f} MiB; the limit is "
                f"{MAX_FILE_BYTES // 1048576} MiB)",
                location=Location(display),
                hint="a CV is a few hundred kilobytes at most; is this the right file?",
                code=Code.INPUT_TOO_LARGE,
            )
        raw = path.read_bytes()
    except OSError as error:
        raise InputError(
            f"cannot read {display}: {error.strerror}",
            location=Location(display),
            code=Code.FILE_UNREADABLE,
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise InputError(
            f"the file is not valid UTF-8: byte 0x{raw[error.start]:02x} cannot start or "
            "continue a character",
            location=Location(display, line, column),
            hint="save the file as UTF-8 (most editors: 'Save with encoding')",
            code=Code.NOT_UTF8,
        ) from None


def load_yaml(path: Path, display: str | None = None) -> Loaded:
    """Load ``path``; every problem becomes an InputError pointing into the file."""
    display = display or str(path)
    text = read_text(path, display)
    return load_yaml_text(text, display)


def _compose(text: str) -> Node | None:
    """libyaml's parser when installed (10x faster, same positions); on an error PyYAML's own
    parser runs again, so messages stay the same (they name the offending character)."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.compose(text, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


def load_yaml_text(text: str, display: str) -> Loaded:
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(error, display) from None
    except yaml.YAMLError as error:
        raise InputError(
            f"invalid YAML: {error}", location=Location(display), code=Code.YAML_SYNTAX
        ) from None
    except RecursionError:
        raise _too_deep(text, display) from None
    if root is None or (isinstance(root, ScalarNode) and root.value.strip() == ""):
        raise InputError(
            "the file is empty",
            location=Location(display, 1, 1),
            hint="run `texcv new` for a starter cv.yaml",
            code=Code.FILE_EMPTY,
        )
    builder = _Builder(display)
    try:
        _refuse_alias_bombs(root, display)
        data = builder.build(root, (), 0)
    except RecursionError:
        raise _too_deep(text, display) from None
    if builder.errors:
        raise InputErrors(builder.errors)
    return Loaded(data=data, positions=builder.positions, text=text)


def _syntax_error(error: yaml.MarkedYAMLError, display: str) -> InputError:
    mark = error.problem_mark or error.context_mark
    location = Location(display, mark.line + 1, mark.column + 1) if mark else Location(display)
    problem = error.problem or "invalid YAML"
    message = f"YAML syntax: {problem}"
    if error.context:
        context_mark = error.context_mark
        where = f" (line {context_mark.line + 1})" if context_mark else ""
        message += f", {error.context}{where}"
    hint = None
    if "\\t" in problem or "'\\t'" in problem or "tab" in problem.lower():
        hint = "YAML indentation must use spaces, not tabs"
    elif re.search(r"found '[\]}]'", problem):
        hint = "a closing bracket has no opening one before it"
    elif "mapping values are not allowed" in problem:
        hint = "put text containing ': ' in quotes, or check this line's indentation"
    elif "expected <block end>" in problem:
        hint = "check the indentation of this line against the lines above it"
    elif "found unexpected end of stream" in problem or re.search(
        r"expected ',' or '[\]}]'", problem
    ):
        hint = "a bracket or quote opened earlier is not closed"
    elif "could not find expected ':'" in problem:
        hint = "a key is missing its ':' or a quote is not closed"
    return InputError(message, location=location, hint=hint, code=Code.YAML_SYNTAX)


def _too_deep(text: str, display: str) -> InputError:
    """Nesting so deep that the YAML parser itself gave up; point at the deepest line."""
    depth, deepest, line = 0, (0, 1), 1
    for char in text:
        if char == "\n":
            line += 1
        elif char in "[{":
            depth += 1
            deepest = max(deepest, (depth, -line))
        elif char in "]}":
            depth -= 1
    return InputError(
        f"the document is nested too deeply (more than {MAX_DEPTH} levels)",
        location=Location(display, -deepest[1] if deepest[0] else None),
        hint="a CV needs a handful of levels; look for runs of '[' or '{'",
        code=Code.INPUT_TOO_LARGE,
    )


def _refuse_alias_bombs(root: Node, display: str) -> None:
    """Refuse documents whose aliases would expand past MAX_NODES, before expanding any.

    Sizes are counted once per distinct node, so a "billion laughs" file costs a few hundred
    steps here instead of a billion values in memory.
    """
    sizes: dict[int, int] = {}
    uses: dict[int, int] = {}
    open_nodes: set[int] = set()

    def children(node: Node) -> list[Node]:
        if isinstance(node, SequenceNode):
            return list(node.value)
        if isinstance(node, MappingNode):
            return [part for pair in node.value for part in pair]
        return []

    def size(node: Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in open_nodes:
            raise InputError(
                "a YAML alias is used inside its own anchor, which never ends",
                location=Location(display, node.start_mark.line + 1, node.start_mark.column + 1),
                hint="remove the '*alias' that refers to the value containing it",
                code=Code.YAML_SYNTAX,
            )
        open_nodes.add(key)
        total = 1
        for child in children(node):
            uses[id(child)] = uses.get(id(child), 0) + 1
            total += size(child)
        open_nodes.discard(key)
        sizes[key] = total
        return total

    total = size(root)
    if total <= MAX_NODES:
        return
    culprit = root
    while True:  # descend to the smallest value that is too big by itself
        big = [c for c in children(culprit) if sizes[id(c)] > MAX_NODES and uses[id(c)] == 1]
        if not big:
            break
        culprit = big[0]
    mark = culprit.start_mark
    raise InputError(
        f"YAML aliases here expand to {sizes[id(culprit)]:,} values (the limit is {MAX_NODES:,})",
        location=Location(display, mark.line + 1, mark.column + 1),
        hint="this looks like an alias bomb ('billion laughs'); remove the repeated "
        "'*alias' references",
        code=Code.INPUT_TOO_LARGE,
    )


class _Builder:
    """Turns a composed YAML node tree into dicts, lists and scalars with positions."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.positions = Positions(display)
        self.errors: list[InputError] = []
        self.count = 0

    def _where(self, node: Node) -> tuple[int, int]:
        return (node.start_mark.line + 1, node.start_mark.column + 1)

    def build(self, node: Node, path: DataPath, depth: int) -> Any:
        self.count += 1
        if depth > MAX_DEPTH:
            raise InputError(
                f"the document is nested too deeply (more than {MAX_DEPTH} levels)",
                location=Location(self.display, *self._where(node)),
                hint="a CV needs a handful of levels; look for runs of '[' or '{'",
                code=Code.INPUT_TOO_LARGE,
            )
        if self.count > MAX_NODES:
            raise InputError(
                f"the document has more than {MAX_NODES:,} values",
                location=Location(self.display, *self._where(node)),
                hint="a CV has a few thousand at most; is this the right file?",
                code=Code.INPUT_TOO_LARGE,
            )
        self.positions.values.setdefault(path, self._where(node))
        if isinstance(node, ScalarNode):
            self.positions.ends.setdefault(path, (node.end_mark.line + 1, node.end_mark.column + 1))
            value = self._scalar(node)
            if not isinstance(value, str) and node.value:  # an empty value stays "nothing"
                self.positions.typed[path] = node.value
            return value
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        raise InputError(
            "unsupported YAML node",
            location=Location(self.display, *self._where(node)),
            code=Code.YAML_SYNTAX,
        )

    def _scalar(self, node: ScalarNode) -> Any:
        value = node.value
        if node.style or node.tag not in _IMPLICIT_TAGS:  # plain: None (PyYAML), "" (libyaml)
            return value  # quoted, block or explicitly tagged: text as written
        if _NULL.match(value):
            return None
        if _BOOL.match(value):
            return value.lower() == "true"
        if _INT.match(value):
            return int(value.replace("_", ""))
        if _FLOAT.match(value) and any(c.isdigit() for c in value):
            return float(value.replace("_", ""))
        return value

    def _mapping(self, node: MappingNode, path: DataPath, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        seen: dict[Any, Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self._merge(value_node, result, path, depth)
                continue
            if not isinstance(key_node, ScalarNode):
                self.errors.append(
                    InputError(
                        "a mapping key must be plain text, not a list or mapping",
                        location=Location(self.display, *self._where(key_node)),
                        code=Code.YAML_SYNTAX,
                    )
                )
                continue
            key = self._scalar(key_node)
            key = key if isinstance(key, str) else key_node.value  # `2024:` is the key "2024"
            if key in seen:
                first = seen[key]
                self.errors.append(
                    InputError(
                        f"duplicate key '{key}' (first defined at line "
                        f"{first.start_mark.line + 1}); YAML would silently keep only "
                        "the last one",
                        location=Location(self.display, *self._where(key_node)),
                        path=format_path((*path, key)),
                        hint="remove or rename one of the two",
                        code=Code.DUPLICATE_KEY,
                    )
                )
                continue
            seen[key] = key_node
            child = (*path, key)
            self.positions.keys[child] = self._where(key_node)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _merge(self, value_node: Node, result: dict[Any, Any], path: DataPath, depth: int) -> None:
        sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
        for source in sources:
            if not isinstance(source, MappingNode):
                self.errors.append(
                    InputError(
                        "'<<' merges need a mapping (or a list of mappings)",
                        location=Location(self.display, *self._where(source)),
                        code=Code.YAML_SYNTAX,
                    )
                )
                continue
            for key, value in self._mapping(source, path, depth + 1).items():
                result.setdefault(key, value)
