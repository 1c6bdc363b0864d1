"""The inline markup texcv reads in text fields: **bold**, *italic* and [text](url).

Nothing else is interpreted; a backslash before ``*``, ``[`` or ``]`` makes it literal.
Parsing yields spans; the schema checks their links, turning spans into LaTeX is the
renderer's job. A URL may hold parentheses in pairs (``.../Silicon_Valley_(TV_series)``).
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

_TOKEN = re.compile(
    r"\\(?P<escaped>[*\[\]])"
    r"|\[(?P<label>(?:\\.|[^\[\]\\])+)\]\((?P<url>(?:[^\s()]|\([^\s()]*\))+)\)"
    r"|\*\*(?P<bold>(?=\S)(?:\\.|[^\\])+?(?<=\S))\*\*(?!\*)"
    r"|\*(?P<italic>(?=[^\s*])(?:\\.|[^*\\])+?(?<=\S))\*"
)


class _Markup:
    """Marks a text type whose value is read as markup (texcv.schema.base.Text)."""


MARKUP = _Markup()


@dataclass(frozen=True)
class Span:
    """Plain text, or a styled group of spans; a link carries its target."""

    text: str = ""
    style: str | None = None  # None, "bold", "italic" or "link"
    children: tuple[Span, ...] = field(default_factory=tuple)
    url: str | None = None

    def plain(self) -> str:
        """The text a reader sees, without markup."""
        if self.style is None:
            return self.text
        return "".join(child.plain() for child in self.children)


def parse(text: str) -> tuple[Span, ...]:
    """Split ``text`` into spans; unmatched markers stay literal."""
    spans: list[Span] = []
    buffer: list[str] = []
    position = 0
    for match in _TOKEN.finditer(text):
        buffer.append(text[position : match.start()])
        position = match.end()
        if match.group("escaped"):
            buffer.append(match.group("escaped"))
            continue
        if buffer:
            spans.append(Span("".join(buffer)))
            buffer = []
        if match.group("label") is not None:
            spans.append(
                Span(style="link", children=parse(match.group("label")), url=match.group("url"))
            )
        elif match.group("bold") is not None:
            spans.append(Span(style="bold", children=parse(match.group("bold"))))
        else:
            spans.append(Span(style="italic", children=parse(match.group("italic"))))
    buffer.append(text[position:])
    rest = "".join(buffer)
    if rest:
        spans.append(Span(rest))
    return tuple(_merge_plain(spans))


def _merge_plain(spans: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if span.style is None and merged and merged[-1].style is None:
            merged[-1] = Span(merged[-1].text + span.text)
        elif span.style is not None or span.text:
            merged.append(span)
    return merged


def links(text: str) -> list[str]:
    """The targets of the links in ``text``, in order (also inside bold and italic)."""

    def walk(spans: tuple[Span, ...]) -> list[str]:
        found: list[str] = []
        for span in spans:
            if span.url is not None:
                found.append(span.url)
            found.extend(walk(span.children))
        return found

    return walk(parse(text))


def plain_text(text: str) -> str:
    """What ``text`` reads as once its markup is applied."""
    return "".join(span.plain() for span in parse(text))


def markup_texts(
    model: BaseModel, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text of ``model`` read as markup, with its path (``sections[0].entries[2].title``)."""
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        marked = _marked(info.metadata) or _marked(info.annotation)
        yield from _texts(value, (*path, name), marked, info.annotation)


def _texts(
    value: Any, path: tuple[str | int, ...], marked: bool, annotation: Any
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, BaseModel):
        yield from markup_texts(value, path)
    elif isinstance(value, str) and marked:
        yield path, value
    elif isinstance(value, (list, tuple)):
        item = _item_type(annotation)
        for index, element in enumerate(value):
            yield from _texts(element, (*path, index), _marked(item), item)


def _item_type(annotation: Any) -> Any:
    """``list[X]`` (possibly optional) -> ``X``."""
    if typing.get_origin(annotation) in (list, tuple):
        return typing.get_args(annotation)[0]
    for arg in typing.get_args(annotation):
        if typing.get_origin(arg) in (list, tuple):
            return typing.get_args(arg)[0]
    return None


def _marked(annotation: Any) -> bool:
    """Whether MARKUP is in an annotation's metadata (through Optional and Annotated)."""
    if annotation is MARKUP:
        return True
    if isinstance(annotation, (list, tuple)):
        return any(_marked(item) for item in annotation)
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return any(_marked(item) for item in annotation.__metadata__)
    if origin in (typing.Union, types.UnionType):
        return any(_marked(arg) for arg in typing.get_args(annotation))
    return False
