"""A titled section and its entries; the section's `kind` fills in each entry's."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from texcv.schema.base import StrictModel, Text
from texcv.schema.entries import Entry, EntryKind
from texcv.schema.input_files import INPUT_FILE_FORMAT
from texcv.schema.publications import (
    AuthorFormat,
    GroupBy,
    Highlight,
    Numbering,
    NumberPer,
    PublicationFilter,
    PublicationGroup,
    SortOrder,
)
from texcv.schema.variants import Tag, tags_field

SHORTHAND_KINDS = ("text", "bullet")
# `numbered` applies to every section (issue 15), the others to publications sections only.
PUBLICATION_OPTIONS = (
    "bibtex",
    "sort",
    "group_by",
    "groups",
    "number_per",
    "authors",
    "highlight",
    "filter",
)
# What to write instead, in a section that is not a publications section.
_INSTEAD = {
    "sort": "list the entries in the order they should print",
    "group_by": "split the section into one section per group",
}


class Section(StrictModel):
    """A titled section; its `kind` is the default kind of its entries."""

    title: Text = Field(description="Section heading.", examples=["Education"])
    kind: EntryKind = Field(
        "entry",
        description="Default kind of this section's entries: text, bullet, item, entry, "
        "publication, double_item, double_bullet, columns, skill, skill_legend, skill_head.",
        examples=["entry", "publication"],
    )
    entries: list[Entry] = Field(
        default_factory=list,
        description="The entries, in the order they are printed. A plain string is a text or bullet entry.",
        examples=[[{"start": "2020-09", "end": "present", "title": "Ph.D. Student"}]],
    )
    tags: list[Tag] = tags_field()
    # Publications sections only (kind: publication); see schema/publications.py.
    bibtex: str | None = Field(
        None,
        min_length=1,
        description="A .bib file (relative to cv.yaml) whose works are listed after `entries`.",
        examples=["publications.bib"],
        json_schema_extra={"format": INPUT_FILE_FORMAT},
    )
    sort: SortOrder = Field(
        "newest", description="Order of the works: newest, oldest, as-written.", examples=["newest"]
    )
    group_by: GroupBy = Field(
        "none",
        description="Group the works under year or type headings (texcv's own titles; "
        "`groups` chooses titles and order).",
        examples=["year"],
    )
    groups: list[PublicationGroup] = Field(
        default_factory=list,
        description="Your own groups, in the order printed: each a title and the types or "
        "keywords of its works. A work goes in the first group it matches; works matching "
        "none come last, under the heading for other publications.",
        examples=[
            [
                {"title": "Peer Reviewed Conferences", "types": ["inproceedings"]},
                {"title": "Chapters in Edited Volumes", "types": ["incollection"]},
                {"title": "Dissertations", "types": ["phdthesis"]},
            ]
        ],
    )
    numbered: bool | Numbering = Field(
        False,
        description="Number the entries of any section: up (1., 2., 3.) or down (3., 2., 1.; "
        "also `true`). Works are numbered [1], [2], ... or [12], [11], ...",
        examples=["up", "down", True],
    )
    number_per: NumberPer = Field(
        "section",
        description="Count across the whole section (section) or start again in each "
        "group (group).",
        examples=["group"],
    )
    highlight: list[Highlight] = Field(
        default_factory=list,
        description="People set apart in author lists (the owner is always bold), each "
        "group with a style and an optional legend under the section.",
        examples=[
            [
                {
                    "names": ["Ada Lovelace"],
                    "style": "underline",
                    "legend": "Underlined: students I supervised.",
                }
            ]
        ],
    )
    durations: bool = Field(
        False,
        description="Print how long each dated entry lasted under its dates (3 years 7 months).",
        examples=[True],
    )
    subsections: list[Section] = Field(
        default_factory=list,
        description="Titled groups of entries inside this section (moderncv's \\subsection), "
        "printed after its own entries; each takes title, kind, entries, numbered, durations "
        "and tags.",
        examples=[[{"title": "Vocational", "entries": [{"title": "Job title"}]}]],
    )
    authors: AuthorFormat = Field(
        "initials",
        description="How .bib authors are printed, given names first: initials (Q.-T. Le) or "
        "as-written (given names as the .bib spells them: Quoc-Tung Le).",
        examples=["initials"],
    )
    filter: PublicationFilter = Field(
        default_factory=PublicationFilter,
        description="Keep only some works (by year, by keyword).",
        examples=[{"since": 2020, "keywords": ["selected"]}],
    )

    @property
    def numbering(self) -> Literal["up", "down"] | None:
        """How entries are numbered: `numbered: true` counts down, as it always did."""
        if self.numbered is False:
            return None
        return "down" if self.numbered is True else self.numbered

    @model_validator(mode="after")
    def _subsections_are_flat(self) -> Section:
        for sub in self.subsections:
            used = [n for n in ("subsections", "bibtex") if n in sub.model_fields_set]
            if used:
                raise PydanticCustomError(
                    "subsection_option",
                    "a subsection cannot have {names}",
                    {"names": " or ".join(f"`{name}`" for name in used), "field": "subsections"},
                )
        return self

    @model_validator(mode="after")
    def _publication_options_need_publications(self) -> Section:
        if self.kind != "publication":
            used = [name for name in PUBLICATION_OPTIONS if name in self.model_fields_set]
            if used:
                names = " and ".join(
                    filter(None, [", ".join(f"`{n}`" for n in used[:-1]), f"`{used[-1]}`"])
                )
                verb = "applies" if len(used) == 1 else "apply"
                instead = [_INSTEAD[name] for name in used if name in _INSTEAD]
                raise PydanticCustomError(
                    "publication_option",
                    "{names} {verb} only to a publications section (kind: publication)",
                    {
                        "names": names,
                        "verb": verb,
                        "field": used[0],
                        "hint": "; ".join(
                            [
                                "set `kind: publication` if the entries are publications",
                                *(f"otherwise {text}" for text in instead[:1]),
                                *instead[1:],
                            ]
                        ),
                    },
                )
        if self.groups and self.group_by != "none":
            raise PydanticCustomError(
                "groups_and_group_by",
                "give either `group_by` or `groups`, not both (`groups` sets titles and order)",
                {"field": "groups"},
            )
        return self

    @model_validator(mode="before")
    @classmethod
    def _fill_entry_kinds(cls, data: Any) -> Any:
        """Give each entry the section's kind unless it names its own; strings become text."""
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            return data
        kind = data.get("kind", "entry")
        filled = []
        for entry in data["entries"]:
            if isinstance(entry, dict) and "kind" not in entry:
                entry = {"kind": kind, **entry}
            elif isinstance(entry, str) and kind in SHORTHAND_KINDS:
                entry = {"kind": kind, "text": entry}
            filled.append(entry)
        return {**data, "entries": filled}
