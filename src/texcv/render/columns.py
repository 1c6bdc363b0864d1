"""Entries laid out in columns, as moderncv draws them: two items or bullets side by side
(``\\cvdoubleitem``, ``\\cvlistdoubleitem``), free columns (``cvcolumns``) and the skill matrix
(``\\cvskillentry``, ``\\cvskilllegend``, ``\\cvskillhead`` from moderncvskillmatrix.sty)."""

from __future__ import annotations

from pylatex.utils import NoEscape

from texcv.render import latex as tex
from texcv.render.inline import inline
from texcv.schema.columns import (
    ColumnsEntry,
    DoubleBulletEntry,
    DoubleItemEntry,
    LabelledText,
    SkillEntry,
    SkillHeadEntry,
    SkillLegendEntry,
)
from texcv.schema.highlights import Highlight, Highlights

EMPTY = NoEscape("")


def with_level(level: int | None, text: NoEscape) -> tex.Latex:
    """``text`` after a skill bar of ``level`` boxes (none when no level is given)."""
    if level is None:
        return text
    return tex.Joined(tex.CvSkill(NoEscape(str(level))), text, separator=" " if text else "")


def bullets(highlights: Highlights) -> tex.ItemList:
    """An itemize of the highlights; a nested highlight carries its own itemize."""
    items: list[tex.Latex] = []
    for item in highlights:
        if isinstance(item, Highlight):
            items.append(tex.Joined(inline(item.text), bullets(item.highlights)))
        else:
            items.append(inline(item))
    return tex.ItemList(items)


def double_item(entry: DoubleItemEntry) -> tex.CvDoubleItem:
    right = entry.right or LabelledText(label="", text="")
    return tex.CvDoubleItem(
        inline(entry.left.label),
        with_level(entry.left.level, inline(entry.left.text)),
        inline(right.label),
        with_level(right.level, inline(right.text)),
    )


def double_bullet(entry: DoubleBulletEntry) -> tex.CvListDoubleItem:
    return tex.CvListDoubleItem(inline(entry.left), inline(entry.right))


def columns(entry: ColumnsEntry) -> tex.CvColumns:
    made = []
    for column in entry.columns:
        content: list[tex.Latex] = [inline(column.text)]
        if column.highlights:
            content.append(bullets(column.highlights))
        content.append(inline(column.after))
        # A space between the parts: without bullets, text and `after` are one paragraph.
        content = [part for part in content if part]
        width = [NoEscape(f"{column.width:g}")] if column.width is not None else []
        made.append(
            tex.CvColumn(inline(column.title), tex.Joined(*content, separator=" "), options=width)
        )
    return tex.CvColumns(made)


def skill(entry: SkillEntry) -> tex.CvSkillEntry:
    return tex.CvSkillEntry(
        inline(entry.category),
        NoEscape(str(entry.level)),
        inline(entry.skill),
        inline(entry.years),
        inline(entry.comment),
        rule=entry.rule,
    )


def skill_legend(entry: SkillLegendEntry) -> tex.CvSkillLegend:
    levels = [inline(level) for level in entry.levels or ()]
    return tex.CvSkillLegend(inline(entry.title), levels, rules=entry.rules)


def skill_head(entry: SkillHeadEntry) -> tex.CvSkillHead:
    given = (entry.level, entry.skill, entry.years, entry.comment)
    if all(heading is None for heading in given):
        return tex.CvSkillHead()
    defaults = ("Level", "Skill", "Years", "Comment")  # moderncv's own, for those left out
    return tex.CvSkillHead(
        [inline(h) if h is not None else NoEscape(d) for h, d in zip(given, defaults, strict=True)]
    )
