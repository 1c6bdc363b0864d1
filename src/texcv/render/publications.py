"""A publications section as moderncv LaTeX, laid out like a bibliography.

Each work is a moderncv entry, read in a conventional reference order (IEEE's abbreviations):
the date in the left column; the **title**, the *journal or book title* (a journal with its
volume(number)), then the details: editors (eds.), edition, series, vol., no., ch., pp. with
an en dash, the kind of thesis or report, school or institution, publisher, place; the note;
and on the line below the authors (the owner in bold, highlight groups in their style) and
the links (DOI, URL, arXiv and other e-prints). Works may sit under group headings (year,
type, or the section's own `groups`) and be numbered up or down, per group or across the
section; legends of highlight groups close the section.

The entries arrive filtered and sorted (texcv.prepare.bib_works); this module only lays them out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from pylatex.base_classes import LatexObject
from pylatex.utils import NoEscape

from texcv.prepare.names import is_owner
from texcv.render import latex as tex
from texcv.render.dates import DateStyle, format_range
from texcv.render.inline import inline, link, literal
from texcv.render.links import publication_links
from texcv.render.locale import Words
from texcv.schema import CV, Entry, PublicationEntry, Section
from texcv.schema.markup import plain_text
from texcv.schema.publications import PUBLICATION_TYPES, Highlight, group_type

UNDATED = "undated"  # the year group of works whose free-text date names no year
Mark = Callable[[tuple[str | int, ...]], LatexObject]
RenderEntry = Callable[[Entry], LatexObject]
Group = tuple[NoEscape | None, list[tuple[int, Entry]]]  # heading (LaTeX), entries
_STYLES: dict[str, type[tex.TexCommand]] = {
    "bold": tex.TextBf,
    "italic": tex.TextIt,
    "underline": tex.Underline,
}
_PAGE_RANGE = re.compile(r"\s*(?:-+|–|—)\s*")


def publication_section(
    section: Section, index: int, cv: CV, words: Words, mark: Mark, other: RenderEntry
) -> Iterator[LatexObject]:
    """The section's entries under their group headings; each one after its source mark.

    ``other`` renders what is not a publication (a text entry introducing the list, say).
    """
    groups = list(_groups(list(enumerate(section.entries)), section, words))
    labels = _numbers(groups, section)
    for heading, group in groups:
        if heading is not None:
            yield tex.SubSection(heading)
        for position, entry in group:
            yield mark(("sections", index, "entries", position))
            if isinstance(entry, PublicationEntry):
                label = labels.get(position)
                yield publication_entry(entry, cv, words, label, section.highlight)
            else:
                yield other(entry)
    for highlight in section.highlight:
        if highlight.legend:
            yield tex.CvItem(NoEscape(""), inline(highlight.legend))


def publication_entry(
    entry: PublicationEntry,
    cv: CV,
    words: Words,
    label: str | None = None,
    highlight: Sequence[Highlight] = (),
) -> tex.CvEntry:
    """``\\cventry{date}{title}{container}{details}{note}{authors. links}``."""
    authors = _authors(entry, cv, highlight)
    description = NoEscape(". ".join(part for part in (authors, *_links(entry)) if part))
    style: DateStyle = cv.design.dates
    date = format_range(None, None, words, single=entry.date, style=style)
    hint: tex.Latex = date
    if label is not None:
        # The hint column is \raggedleft, so \\ (not \newline, which pads the line's right
        # end) breaks the line and keeps both flush right.
        hint = tex.Joined(literal(label), tex.LineBreak(), date) if date else literal(label)
    return tex.CvEntry(
        hint,
        inline(entry.title),
        _container(entry),
        _details(entry, words),
        inline(entry.note),
        description,
    )


def _authors(entry: PublicationEntry, cv: CV, highlight: Sequence[Highlight]) -> NoEscape:
    """The author list: the owner in bold, each highlight group's people in its style."""
    mine = (
        set(entry.owner)
        if entry.owner is not None
        else {n for n, a in enumerate(entry.authors, 1) if is_owner(a, cv.owner.names)}
    )
    names = []
    for number, author in enumerate(entry.authors, 1):
        latex = literal(author)
        for group in highlight:
            if is_owner(author, group.names):
                latex = tex.as_latex(_STYLES[group.style](latex))
        if number in mine:
            latex = tex.as_latex(tex.TextBf(latex))
        names.append(latex)
    return NoEscape(", ".join(names))


def _container(entry: PublicationEntry) -> NoEscape:
    """The journal (with volume(number)) or book title: moderncv sets it in italics."""
    venue = inline(entry.venue)
    if venue and group_type(entry.type) == "article" and entry.volume:
        issue = f"({inline(entry.number)})" if entry.number else ""
        return NoEscape(f"{venue} {inline(entry.volume)}{issue}")
    return venue


def _details(entry: PublicationEntry, words: Words) -> NoEscape:
    """Everything between the container and the note, in reference order, comma-separated."""
    say = words.bibliography
    article = group_type(entry.type) == "article" and bool(entry.venue)
    parts: list[str] = []
    if entry.editors:
        role = say["editors"] if len(entry.editors) > 1 else say["editor"]
        parts.append(f"{', '.join(literal(e) for e in entry.editors)} ({literal(role)})")
    if entry.edition:
        parts.append(_word(say["edition"], edition=_edition(entry.edition, words)))
    if entry.series:
        parts.append(inline(entry.series))
    if entry.volume and not article:
        parts.append(_word(say["volume"], volume=plain_text(entry.volume)))
    kind = _work_kind(entry, words)
    if entry.number and not article:
        if kind and group_type(entry.type) == "techreport":
            kind = f"{kind} {literal(plain_text(entry.number))}"
        else:
            parts.append(_word(say["number"], number=plain_text(entry.number)))
    if entry.chapter:
        parts.append(_word(say["chapter"], chapter=plain_text(entry.chapter)))
    if entry.pages:
        pages = plain_text(entry.pages)
        ranged = _PAGE_RANGE.search(pages) is not None
        pages = _PAGE_RANGE.sub("–", pages)  # 19--35, 19-35 and 19 – 35 print as 19–35
        parts.append(_word(say["pages" if ranged else "page"], pages=pages))
    if kind:
        parts.append(kind)
    for text in (entry.institution, entry.publisher, entry.location):
        if text:
            parts.append(inline(text))
    return NoEscape(", ".join(part for part in parts if part))


def _word(template: str, **values: str) -> str:
    """A locale template (``pp. {pages}``) filled with text, escaped."""
    return literal(template.format(**values))


def _edition(edition: str, words: Words) -> str:
    """``2`` -> ``2nd`` (English) or ``2e`` (French); text is kept as written."""
    text = plain_text(edition)
    if not text.isdigit():
        return text
    number = int(text)
    if words.language != "en":
        return f"{number}e"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10 if number % 100 not in (11, 12, 13) else 0)
    return f"{number}{suffix or 'th'}"


def _work_kind(entry: PublicationEntry, words: Words) -> str:
    """``PhD thesis``, ``Technical report``: the entry's own word, or the type's."""
    if entry.work_type:
        return inline(entry.work_type)
    word = words.work_types.get(entry.type)
    return literal(word) if word else ""


def _links(entry: PublicationEntry) -> list[str]:
    """DOI, e-print and URL, linked where texcv.render.links says (each target once)."""
    return [
        link(target, literal(label)) if target else literal(label)
        for _, label, target in publication_links(entry)
    ]


def _groups(entries: list[tuple[int, Entry]], section: Section, words: Words) -> Iterator[Group]:
    """(heading, entries) in print order. By year, works without one come under the locale's
    "Undated" (a trailing group without a heading would read as part of the last year);
    anything else without a group (a text entry) comes last, unheaded."""
    if section.groups:
        yield from _own_groups(entries, section, words)
        return
    if section.group_by == "none":
        yield None, entries
        return
    groups: dict[str | None, list[tuple[int, Entry]]] = {}
    for item in entries:
        groups.setdefault(_group_key(item[1], section.group_by), []).append(item)
    keys = [key for key in groups if key is not None]
    if section.group_by == "type":
        keys.sort(key=PUBLICATION_TYPES.index)
    for key in keys:
        if section.group_by == "type":
            heading = words.publication_types[key]
        else:
            heading = words.undated if key == UNDATED else key
        yield literal(heading), groups[key]  # texcv's own words: text, not markup
    if None in groups:
        yield None, groups[None]


def _own_groups(
    entries: list[tuple[int, Entry]], section: Section, words: Words
) -> Iterator[Group]:
    """The section's `groups`, in their order; a work goes in the first one it matches, and
    works in none come last under texcv's heading for other publications."""
    placed: list[list[tuple[int, Entry]]] = [[] for _ in section.groups]
    rest: list[tuple[int, Entry]] = []
    for item in entries:
        entry = item[1]
        for number, group in enumerate(section.groups):
            if isinstance(entry, PublicationEntry) and _in_group(
                entry, group.types, group.keywords
            ):
                placed[number].append(item)
                break
        else:
            rest.append(item)
    for group, items in zip(section.groups, placed, strict=True):
        if items:
            yield inline(group.title), items
    if rest:
        yield literal(words.publication_types["misc"]), rest


def _in_group(entry: PublicationEntry, types: Sequence[str], keywords: Sequence[str]) -> bool:
    if entry.type in types or group_type(entry.type) in types:
        return True
    return bool(set(keywords) & {*entry.keywords, *entry.tags})


def _group_key(entry: Entry, group_by: str) -> str | None:
    if not isinstance(entry, PublicationEntry):
        return None
    if group_by == "type":
        return group_type(entry.type)
    if entry.date is None or entry.date.undated:  # no date, or text without a year ("in prep")
        return UNDATED
    if entry.date.present:
        return None
    return str(entry.date.year)


def _numbers(groups: list[Group], section: Section) -> dict[int, str]:
    """The label of each numbered work, by its position: ``[n]`` counting up or down, across
    the section or within each group."""
    if section.numbered is False:
        return {}
    up = section.numbered == "up"
    counts = [
        [position for position, entry in group if isinstance(entry, PublicationEntry)]
        for _, group in groups
    ]
    labels: dict[int, str] = {}
    total = sum(len(positions) for positions in counts)
    number = 1 if up else total
    for positions in counts:
        if section.number_per == "group":
            number = 1 if up else len(positions)
        for position in positions:
            labels[position] = f"[{number}]"
            number += 1 if up else -1
    return labels
