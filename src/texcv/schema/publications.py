"""How a publications section lists its works: BibTeX source, order, groups, numbers, filter,
and which names in author lists stand out."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from texcv.schema.base import StrictModel, Text

PublicationType = Literal[
    "article", "inproceedings", "incollection", "book", "phdthesis", "techreport", "misc"
]
# In the order type groups are printed.
PUBLICATION_TYPES: tuple[str, ...] = get_args(PublicationType)
# Other BibTeX and biblatex types, each printed under the heading of the closest type above.
TYPE_ALIASES: dict[str, str] = {
    "conference": "inproceedings",
    "inbook": "incollection",
    "proceedings": "book",
    "collection": "book",
    "booklet": "book",
    "mastersthesis": "phdthesis",
    "masterthesis": "phdthesis",
    "bachelorthesis": "phdthesis",
    "thesis": "phdthesis",
    "report": "techreport",
    "manual": "techreport",
    "unpublished": "misc",
    "online": "misc",
    "preprint": "misc",
    "software": "misc",
    "dataset": "misc",
    "patent": "misc",
}
WorkType = Literal[
    "article",
    "inproceedings",
    "incollection",
    "book",
    "phdthesis",
    "techreport",
    "misc",
    "conference",
    "inbook",
    "proceedings",
    "collection",
    "booklet",
    "mastersthesis",
    "masterthesis",
    "bachelorthesis",
    "thesis",
    "report",
    "manual",
    "unpublished",
    "online",
    "preprint",
    "software",
    "dataset",
    "patent",
]
SortOrder = Literal["newest", "oldest", "as-written"]
GroupBy = Literal["none", "year", "type"]
AuthorFormat = Literal["initials", "as-written"]
Numbering = Literal["up", "down"]
NumberPer = Literal["section", "group"]
HighlightStyle = Literal["bold", "italic", "underline"]


def group_type(work_type: str) -> str:
    """The type whose heading a work of ``work_type`` is printed under (conference ->
    inproceedings)."""
    return TYPE_ALIASES.get(work_type, work_type)


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
        "or `keywords`/`tags` of hand-written entries).",
        examples=[["selected"]],
    )


class PublicationGroup(StrictModel):
    """A heading and the works under it: those of some types, or with some keywords."""

    title: Text = Field(description="The group's heading.", examples=["Peer Reviewed Conferences"])
    types: list[WorkType] = Field(
        default_factory=list,
        description="Works of these BibTeX types (inproceedings, conference, article, "
        "phdthesis, mastersthesis, ...). `inproceedings` also takes `conference`, `phdthesis` "
        "all theses, and so on; name the alias itself to take only it.",
        examples=[["inproceedings"], ["phdthesis", "mastersthesis"]],
    )
    keywords: list[str] = Field(
        default_factory=list,
        description="Works with one of these keywords.",
        examples=[["invited"]],
    )


class Highlight(StrictModel):
    """Some people set apart in every author list, e.g. the students you supervised."""

    names: list[str] = Field(
        min_length=1,
        description="Their names, matched like owner.names (family name and first given "
        "name or its initial).",
        examples=[["Ada Lovelace", "Grace Hopper"]],
    )
    style: HighlightStyle = Field(
        "italic",
        description="How their names are set: italic, underline or bold.",
        examples=["underline"],
    )
    legend: Text | None = Field(
        None,
        description="A line printed under the section that says what the style means.",
        examples=["Underlined: students I supervised."],
    )
