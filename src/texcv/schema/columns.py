"""Entry kinds laid out in columns: two items or bullets side by side, free columns, and
moderncv's skill matrix (moderncvskillmatrix.sty, shipped with moderncv 2.3.1)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from texcv.schema.base import ENTRY_KIND, StrictModel, Text
from texcv.schema.highlights import Highlights, highlights_field
from texcv.schema.variants import Tag, tags_field

SkillLevel = Annotated[int, Field(ge=0, le=5)]


class LabelledText(StrictModel):
    """One half of a double item: a label and its text."""

    label: Text = Field(description="The word in the label column.", examples=["Languages"])
    text: Text = Field(description="The text beside it.", examples=["Python, C++"])
    level: SkillLevel | None = Field(
        None, description="A skill bar (0 to 5) before the text.", examples=[3]
    )


class DoubleItemEntry(StrictModel):
    """Two label-and-text items side by side (moderncv's \\cvdoubleitem)."""

    kind: Literal["double_item"] = Field(
        "double_item", description=ENTRY_KIND, examples=["double_item"]
    )
    left: LabelledText = Field(
        description="The item in the left half.",
        examples=[{"label": "Programming", "text": "Python, C++"}],
    )
    right: LabelledText | None = Field(
        None,
        description="The item in the right half (may be left out on the last row).",
        examples=[{"label": "Tools", "text": "Git, LaTeX"}],
    )
    tags: list[Tag] = tags_field()


class DoubleBulletEntry(StrictModel):
    """Two bullet points side by side (moderncv's \\cvlistdoubleitem)."""

    kind: Literal["double_bullet"] = Field(
        "double_bullet", description=ENTRY_KIND, examples=["double_bullet"]
    )
    left: Text = Field(description="The left bullet's text.", examples=["Item 1"])
    right: Text | None = Field(None, description="The right bullet's text.", examples=["Item 4"])
    tags: list[Tag] = tags_field()


class Column(StrictModel):
    """One column of a `columns` entry: a heading, then text and bullet points."""

    title: Text = Field(description="The column's heading.", examples=["Category 1"])
    text: Text | None = Field(
        None, description="Text under the heading.", examples=["Amongst others:"]
    )
    highlights: Highlights = highlights_field()
    after: Text | None = Field(
        None, description="Text after the bullet points.", examples=["(more upon request)"]
    )
    width: float | None = Field(
        None,
        gt=0,
        le=1,
        description="Share of the line this column takes (0 to 1); the others share the rest.",
        examples=[0.5],
    )


class ColumnsEntry(StrictModel):
    """Side-by-side columns, each with a heading (moderncv's cvcolumns environment)."""

    kind: Literal["columns"] = Field("columns", description=ENTRY_KIND, examples=["columns"])
    columns: list[Column] = Field(
        min_length=1,
        max_length=4,
        description="The columns, left to right (one to four).",
        examples=[[{"title": "Referees", "highlights": ["Person 1", "Person 2"]}]],
    )
    tags: list[Tag] = tags_field()


class SkillEntry(StrictModel):
    """A row of the skill matrix (moderncv's \\cvskillentry): category, level bar, skill,
    years of experience and a comment."""

    kind: Literal["skill"] = Field("skill", description=ENTRY_KIND, examples=["skill"])
    category: Text | None = Field(
        None,
        description="The group, in the label column (often only on its first row).",
        examples=["Languages:"],
    )
    level: SkillLevel = Field(description="Skill level, drawn as 0 to 5 boxes.", examples=[3])
    skill: Text = Field(description="The skill.", examples=["Python"])
    years: Text | None = Field(None, description="Years of experience.", examples=["2"])
    comment: Text | None = Field(
        None, description="A comment, in italics.", examples=["Daily use since 2019"]
    )
    rule: bool = Field(
        False, description="Draw a dashed line above this row (starts a group).", examples=[True]
    )
    tags: list[Tag] = tags_field()


class SkillLegendEntry(StrictModel):
    """The legend of the skill matrix's levels (moderncv's \\cvskilllegend)."""

    kind: Literal["skill_legend"] = Field(
        "skill_legend", description=ENTRY_KIND, examples=["skill_legend"]
    )
    title: Text | None = Field(None, description="A heading for the legend.", examples=["Legend"])
    levels: list[Text] | None = Field(
        None,
        min_length=5,
        max_length=5,
        description="What levels 1 to 5 mean (moderncv's English words by default).",
        examples=[["Basic", "Intermediate", "Extensive", "Expert", "Guru"]],
    )
    rules: bool = Field(
        False, description="Draw dashed lines between its columns.", examples=[True]
    )
    tags: list[Tag] = tags_field()


class SkillHeadEntry(StrictModel):
    """The column headings of the skill matrix (moderncv's \\cvskillhead)."""

    kind: Literal["skill_head"] = Field(
        "skill_head", description=ENTRY_KIND, examples=["skill_head"]
    )
    level: Text | None = Field(None, description="Heading of the level column.", examples=["Level"])
    skill: Text | None = Field(None, description="Heading of the skill column.", examples=["Skill"])
    years: Text | None = Field(None, description="Heading of the years column.", examples=["Years"])
    comment: Text | None = Field(
        None, description="Heading of the comment column.", examples=["Comment"]
    )
    tags: list[Tag] = tags_field()
