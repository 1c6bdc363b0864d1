"""The small, explicit set of entry kinds a section holds, each named by its `kind`."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from texcv.schema.base import ENTRY_KIND, StrictModel, Text, Url
from texcv.schema.columns import (
    ColumnsEntry,
    DoubleBulletEntry,
    DoubleItemEntry,
    SkillEntry,
    SkillHeadEntry,
    SkillLegendEntry,
    SkillLevel,
)
from texcv.schema.dates import CVDate, DateField
from texcv.schema.forms import DOI
from texcv.schema.highlights import Highlights, check_depth, highlights_field
from texcv.schema.publications import WorkType
from texcv.schema.variants import Tag, tags_field

Doi = Annotated[str, Field(pattern=r"^10\.\d{4,9}/\S+$"), DOI]
KIND = ENTRY_KIND


class TextEntry(StrictModel):
    """A paragraph."""

    kind: Literal["text"] = Field("text", description=KIND, examples=["text"])
    text: Text = Field(
        description="The paragraph.", examples=["I am broadly interested in **optimization**."]
    )
    tags: list[Tag] = tags_field()


class BulletEntry(StrictModel):
    """One bullet point (moderncv's \\cvlistitem)."""

    kind: Literal["bullet"] = Field("bullet", description=KIND, examples=["bullet"])
    text: Text = Field(
        description="The bullet's text.", examples=["Optimization algorithms for sparse models."]
    )
    tags: list[Tag] = tags_field()


class ItemEntry(StrictModel):
    """A label and its text (moderncv's \\cvitem), e.g. a skill and its level."""

    kind: Literal["item"] = Field("item", description=KIND, examples=["item"])
    label: Text = Field(description="The word in the left column.", examples=["Programming"])
    text: Text = Field(description="The text beside it.", examples=["C, C++, Python"])
    comment: Text | None = Field(None, description="A comment at the right.", examples=["fluent"])
    level: SkillLevel | None = Field(
        None,
        description="A skill level drawn as moderncv's skill bar (0 to 5) before the text.",
        examples=[4],
    )
    tags: list[Tag] = tags_field()


class DatedEntry(StrictModel):
    """A dated entry (moderncv's \\cventry): a job, a degree, a talk, an award."""

    kind: Literal["entry"] = Field("entry", description=KIND, examples=["entry"])
    date: DateField | None = Field(
        None, description="A single date (instead of start/end).", examples=["2024-07"]
    )
    start: DateField | None = Field(None, description="Start date.", examples=["2020-09"])
    end: DateField | None = Field(
        None, description="End date, or present.", examples=["2023-12", "present"]
    )
    title: Text = Field(
        description="What: degree, position, talk title, prize.", examples=["Ph.D. Student"]
    )
    organisation: Text | None = Field(
        None, description="Where: institution, team, event.", examples=["ENS de Lyon"]
    )
    location: Text | None = Field(None, description="City, country.", examples=["Lyon, France"])
    note: Text | None = Field(
        None, description="A short extra (grade, role).", examples=["with honours"]
    )
    description: Text | None = Field(
        None,
        description="A paragraph under the entry.",
        examples=["Supervisors: Rémi Gribonval and Elisa Riccietti"],
    )
    highlights: Highlights = highlights_field()
    degree: Text | None = Field(
        None,
        description="A degree shown apart from the title, under the dates (the title then "
        "names the field of study).",
        examples=["PhD", "M.A."],
    )
    tags: list[Tag] = tags_field()

    @model_validator(mode="after")
    def _dates_make_sense(self) -> DatedEntry:
        check_depth(self.highlights)
        # `field` in the context names the key the message is about, for its line number.
        if self.date is not None and (self.start is not None or self.end is not None):
            raise PydanticCustomError(
                "date_conflict", "give either `date` or `start`/`end`, not both", {"field": "date"}
            )
        for name in ("date", "start"):
            if getattr(self, name) is not None and getattr(self, name).present:
                raise PydanticCustomError(
                    "date_present", "`present` can only be an end date", {"field": name}
                )
        if self.end is not None and self.start is None:
            raise PydanticCustomError(
                "date_missing_start", "`end` is given without `start`", {"field": "end"}
            )
        exact = self.start and self.end and not (self.start.inferred or self.end.inferred)
        if exact and _ends_before(self.end, self.start):
            raise PydanticCustomError(
                "date_order",
                "the end date {end} is before the start date {start}",
                {"end": str(self.end), "start": str(self.start), "field": "end"},
            )
        return self


def _ends_before(end: CVDate, start: CVDate) -> bool:
    return end.end_key() < start.sort_key()


class PublicationEntry(StrictModel):
    """A paper, with its authors; the CV owner's name is highlighted.

    The fields after `venue` follow BibTeX's (a .bib work fills them from its own fields) and
    are printed in a bibliography's order: editors, edition, series, volume(number), chapter,
    pages, the kind of thesis or report, institution, publisher, place, note.
    """

    kind: Literal["publication"] = Field("publication", description=KIND, examples=["publication"])
    authors: list[str] = Field(
        default_factory=list,
        description="One author per item; leave out for a work without authors.",
        examples=[["Q-T. Le", "R. Gribonval"]],
    )
    title: Text = Field(
        description="Title of the work.",
        examples=["Structured Support Exploration for Multi-layer Sparse Matrix Factorization"],
    )
    venue: Text | None = Field(
        None,
        description="Where it appeared: journal, proceedings or book title, or how it was "
        "published.",
        examples=["ICASSP 2021"],
    )
    editors: list[str] = Field(
        default_factory=list,
        description="Editors of the book or proceedings, one per item.",
        examples=[["D. E. Rumelhart", "J. L. McClelland"]],
    )
    edition: Text | None = Field(None, description="Edition of a book.", examples=["2nd"])
    series: Text | None = Field(
        None, description="Series of books or proceedings.", examples=["LNCS"]
    )
    volume: Text | None = Field(None, description="Volume.", examples=["43"])
    number: Text | None = Field(
        None, description="Issue number, or a report's number.", examples=["3"]
    )
    chapter: Text | None = Field(None, description="Chapter of a book.", examples=["6"])
    pages: Text | None = Field(
        None, description="Pages: a range (19--35 or 19-35) or a single page.", examples=["19--35"]
    )
    work_type: Text | None = Field(
        None,
        description="The kind of thesis or report as printed (BibTeX's `type` field); by "
        "default from `type`: PhD thesis, Master's thesis, Technical report.",
        examples=["Habilitation thesis"],
    )
    institution: Text | None = Field(
        None,
        description="School, university or institution (of a thesis or report), or the "
        "organisation behind a conference.",
        examples=["ENS de Lyon"],
    )
    publisher: Text | None = Field(None, description="Publisher.", examples=["Springer"])
    location: Text | None = Field(
        None,
        description="Where it was published or took place.",
        examples=["Toronto, Ontario, Canada"],
    )
    date: DateField | None = Field(None, description="Publication date.", examples=["2021-06"])
    doi: Doi | None = Field(
        None, description="DOI, without https://doi.org/.", examples=["10.1137/21M1441561"]
    )
    url: Url | None = Field(
        None, description="Link to the paper.", examples=["https://arxiv.org/abs/2112.00386"]
    )
    eprint: str | None = Field(
        None,
        description="An e-print identifier, linked for arXiv, HAL and PubMed.",
        examples=["2112.00386"],
    )
    eprint_type: str | None = Field(
        None,
        description="The archive of `eprint` (BibTeX's archivePrefix or eprinttype).",
        examples=["arXiv"],
    )
    note: Text | None = Field(
        None, description="Anything else (award, status).", examples=["Oral presentation"]
    )
    type: WorkType = Field(
        "misc",
        description="What kind of work (BibTeX's entry type); names its group when a "
        "section groups by type.",
        examples=["article", "inproceedings"],
    )
    owner: list[int] | None = Field(
        None,
        description="Which authors are you (1 for the first); by default, those matching "
        "owner.names.",
        examples=[[2]],
    )
    keywords: list[str] = Field(
        default_factory=list,
        description="Keywords (any text) for a section's `filter` and `groups`.",
        examples=[["machine learning", "invited"]],
    )
    tags: list[Tag] = tags_field()


Entry = Annotated[
    TextEntry
    | BulletEntry
    | ItemEntry
    | DatedEntry
    | PublicationEntry
    | DoubleItemEntry
    | DoubleBulletEntry
    | ColumnsEntry
    | SkillEntry
    | SkillLegendEntry
    | SkillHeadEntry,
    Field(discriminator="kind"),
]
ENTRY_KINDS: dict[str, type[StrictModel]] = {
    "text": TextEntry,
    "bullet": BulletEntry,
    "item": ItemEntry,
    "entry": DatedEntry,
    "publication": PublicationEntry,
    "double_item": DoubleItemEntry,
    "double_bullet": DoubleBulletEntry,
    "columns": ColumnsEntry,
    "skill": SkillEntry,
    "skill_legend": SkillLegendEntry,
    "skill_head": SkillHeadEntry,
}
EntryKind = Literal[
    "text",
    "bullet",
    "item",
    "entry",
    "publication",
    "double_item",
    "double_bullet",
    "columns",
    "skill",
    "skill_legend",
    "skill_head",
]
