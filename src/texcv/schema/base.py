"""The base every cv.yaml model derives from: unknown keys are errors, numbers read as text."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from texcv.schema.forms import LENGTH, LINK, LINK_PATTERN, link_error
from texcv.schema.localized import LOCALIZED_JSON_SCHEMA, pick_language
from texcv.schema.markup import MARKUP, links


class StrictModel(BaseModel):
    """A misspelt key is an error, not a silent no-op; `title: 2048` is the text "2048"."""

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        frozen=True,
        validate_default=False,
    )


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
