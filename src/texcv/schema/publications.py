"""How a publications section lists its works: BibTeX source, order, groups, numbers, filter."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from texcv.schema.base import StrictModel

PublicationType = Literal[
    "article", "inproceedings", "incollection", "book", "phdthesis", "techreport", "misc"
]
# In the order type groups are printed.
PUBLICATION_TYPES: tuple[str, ...] = get_args(PublicationType)
SortOrder = Literal["newest", "oldest", "as-written"]
GroupBy = Literal["none", "year", "type"]
AuthorFormat = Literal["initials", "as-written"]


class PublicationFilter(StrictModel):
    """Which works a publications section keeps (all of them by default)."""

    since: int | None = Field(
        None, ge=1000, le=9999, description="Keep works from this year on.", examples=[2020]
    )
    until: int | None = Field(
        None, ge=1000, le=9999, description="Keep works up to this year.", examples=[2024]
    )
    keywords: list[str] = Field(
        default_factory=list,
        description="Keep only works with one of these keywords (the .bib `keywords` field, "
        "or `tags` of hand-written entries).",
        examples=[["selected"]],
    )
