"""Tags on sections and entries, and the named variants (selections) a CV can be built as."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints

from texcv.schema.base import StrictModel
from texcv.schema.forms import TAG, VARIANT
from texcv.schema.languages import Language

Tag = Annotated[str, StringConstraints(pattern=r"^[\w][\w.+-]*$", max_length=40), TAG]
VARIANT_NAME = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
VariantName = Annotated[str, StringConstraints(pattern=VARIANT_NAME), VARIANT]

TAGS_DESCRIPTION = (
    "Labels that variants select by (e.g. short, selected); a variant with `tags` keeps "
    "what carries one of them."
)


def tags_field() -> Any:
    """The `tags` field every section and entry has."""
    return Field(default_factory=list, description=TAGS_DESCRIPTION, examples=[["short"]])


class Variant(StrictModel):
    """A named selection of the CV: `texcv build --variant NAME` writes cv-NAME.pdf."""

    description: str | None = Field(
        None, description="What this variant is for.", examples=["Two pages for grant calls."]
    )
    tags: list[Tag] | None = Field(
        None,
        description="Keep only sections and entries carrying one of these tags (a tagged "
        "section keeps all its entries); omit to keep everything.",
        examples=[["short"]],
    )
    exclude_tags: list[Tag] = Field(
        default_factory=list,
        description="Drop sections and entries carrying one of these tags.",
        examples=[["long"]],
    )
    locale: Language | None = Field(
        None,
        description="Language of this variant: texcv's own words and per-language text.",
        examples=["fr"],
    )
    design: dict[str, Any] = Field(
        default_factory=dict,
        description="Design settings that differ in this variant (same keys as `design`).",
        examples=[{"max_pages": 2, "dates": "year"}],
    )
