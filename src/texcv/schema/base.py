"""The base every cv.yaml model derives from: unknown keys are errors, text is kept as typed."""

from __future__ import annotations

import re
import types
import typing
from typing import Annotated, Any, Literal, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from texcv.schema.forms import LENGTH, LINK, LINK_PATTERN, link_error
from texcv.schema.localized import LOCALIZED_JSON_SCHEMA, pick_language
from texcv.schema.markup import MARKUP, links
from texcv.source.yaml_reader import PlainScalar


class StrictModel(BaseModel):
    """A misspelt key is an error, not a silent no-op; `phone: 0612345678` is the text
    "0612345678", as typed (YAML alone would make it the number 612345678)."""

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        frozen=True,
        validate_default=False,
        # Each model's validator is built on first use, all in one go from CV's, instead of
        # one by one as the classes are defined: a faster start (pydantic's deferred build).
        defer_build=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _as_typed(cls, data: Any) -> Any:
        """A field that takes text gets a plain scalar's source text; any other field gets
        what YAML resolved it to (`font_size: 11` is the number 11)."""
        if not isinstance(data, dict):
            return data
        fields = cls.model_fields
        return {
            key: as_field_takes(value, fields[key].annotation) if key in fields else value
            for key, value in data.items()
        }


def as_field_takes(value: Any, annotation: Any) -> Any:
    """``value`` (from texcv.source.yaml_reader.as_typed) as a field of type ``annotation``
    takes it: PlainScalars become text or their resolved value, in lists too. Mappings are
    left as they are: the models inside them decide for their own fields."""
    if isinstance(value, PlainScalar):
        return str(value) if takes_text(annotation) else value.value
    if isinstance(value, list):
        item = _list_item(annotation)
        if item is not None:
            return [as_field_takes(each, item) for each in value]
    return value


def takes_text(annotation: Any) -> bool:
    """Whether a field of this type accepts a string (str, Any, a union with str, a string
    Literal)."""
    if annotation is str or annotation is Any:
        return True
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return takes_text(args[0])
    if origin in (typing.Union, types.UnionType):
        return any(takes_text(arg) for arg in args)
    if origin is Literal:
        return any(isinstance(arg, str) for arg in args)
    return False


def _list_item(annotation: Any) -> Any:
    """The item type of a list type (also inside Annotated or an optional union), else None."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is list:
        return args[0]
    if origin is Annotated:
        return _list_item(args[0])
    if origin in (typing.Union, types.UnionType):
        items = [item for item in map(_list_item, args) if item is not None]
        return items[0] if items else None
    return None


def _links_are_absolute(text: str) -> str:
    """A link without its scheme (``[site](example.com)``) would be relative: broken in a PDF."""
    for url in links(text):
        problem = link_error(url)
        if problem:
            raise PydanticCustomError(
                "link_without_scheme", "the link {problem}", {"problem": problem}
            )
    return text


# Inline markup (**bold**, *italic*, [text](url)) is allowed in any Text; nothing else is
# interpreted: LaTeX commands in it are printed literally. A Text may also be given per
# language ({en: ..., fr: ...}); validation keeps the one being built (schema/localized.py).
Text = Annotated[
    str,
    BeforeValidator(pick_language),
    AfterValidator(_links_are_absolute),
    WithJsonSchema(LOCALIZED_JSON_SCHEMA),
    MARKUP,
]
Url = Annotated[
    str,
    Field(
        pattern=LINK_PATTERN,
        description="An absolute link (https://..., http://..., mailto:...).",
        examples=["https://inria.hal.science/tel-04329531"],
    ),
    LINK,
]

ENTRY_KIND = "Entry kind; usually set once on the section (`kind:`) rather than on each entry."

LENGTH_PATTERN = r"^\d+(\.\d+)?(pt|cm|mm|in|em)$"
_CM_PER_UNIT = {"pt": 2.54 / 72.27, "cm": 1.0, "mm": 0.1, "in": 2.54, "em": 12 * 2.54 / 72.27}
MAX_LENGTH_CM = 100.0  # far above any page, far below TeX's limit (about 575 cm)


def length_in_points(text: str) -> float:
    """A valid Length in TeX points (72.27 to the inch)."""
    match = re.match(r"^([\d.]+)([a-z]+)$", text)
    if not match:
        raise ValueError(f"not a length: {text!r}")
    return float(match.group(1)) * _CM_PER_UNIT[match.group(2)] * 72.27 / 2.54


def _sane_length(text: str) -> str:
    """Refuse lengths TeX cannot hold ("Dimension too large") before TeX sees them."""
    match = re.match(r"^([\d.]+)([a-z]+)$", text)
    if match and float(match.group(1)) * _CM_PER_UNIT.get(match.group(2), 0) > MAX_LENGTH_CM:
        raise PydanticCustomError(
            "length_too_large",
            "'{text}' is longer than {limit} cm; lengths on a CV page are a few cm",
            {"text": text, "limit": f"{MAX_LENGTH_CM:g}"},
        )
    return text


# A TeX length such as 2cm, 0.75in or 64pt.
Length = Annotated[str, Field(pattern=LENGTH_PATTERN), AfterValidator(_sane_length), LENGTH]
