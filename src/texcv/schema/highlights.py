"""Bullet points under an entry or a column, nested up to three levels."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field
from pydantic import Tag as Choice
from pydantic_core import PydanticCustomError

from texcv.schema.base import StrictModel, Text


def _bullet_kind(value: Any) -> str:
    """A mapping with `text` is a nested bullet; anything else is text (maybe per language)."""
    if isinstance(value, Highlight) or (isinstance(value, dict) and "text" in value):
        return "nested"
    return "text"


class Highlight(StrictModel):
    """A bullet point with bullet points of its own under it."""

    text: Text = Field(
        description="The bullet's text.", examples=["Achievement 2, with sub-achievements:"]
    )
    highlights: list[Bullet] = Field(
        description="Bullet points under this one (up to three levels in all).",
        examples=[["Sub-achievement (a);", "Sub-achievement (b);"]],
    )


Bullet = Annotated[
    Annotated[Text, Choice("text")] | Annotated[Highlight, Choice("nested")],
    Discriminator(_bullet_kind),
]
Highlights = list[Bullet]
MAX_HIGHLIGHT_DEPTH = 3  # LaTeX nests lists four deep; moderncv's entry takes one level


def check_depth(highlights: Highlights, depth: int = 1) -> None:
    for item in highlights:
        if isinstance(item, Highlight):
            if depth >= MAX_HIGHLIGHT_DEPTH:
                raise PydanticCustomError(
                    "highlights_depth",
                    "bullet points nest at most {max} levels deep",
                    {"max": MAX_HIGHLIGHT_DEPTH, "field": "highlights"},
                )
            check_depth(item.highlights, depth + 1)


def highlights_field() -> Any:
    """The `highlights` field of entries and columns: plain bullets or nested ones."""
    return Field(
        default_factory=list,
        description="Bullet points under the entry; a bullet may carry its own "
        "`highlights` (nested bullets).",
        examples=[
            [
                "Sparse matrix factorization.",
                {"text": "Talks:", "highlights": ["ICASSP 2021", "NeurIPS 2022"]},
            ]
        ],
    )
