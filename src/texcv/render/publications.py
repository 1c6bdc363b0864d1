"""A publications section as moderncv LaTeX: optional year or type headings, numbers counting
down, the owner's name in bold however the author list spells it, DOI and URL links.

The entries arrive filtered and sorted (texcv.prepare.bib_works); this module only lays them out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from pylatex.base_classes import LatexObject
from pylatex.utils import NoEscape

from texcv.prepare.names import is_owner
from texcv.render import latex as tex
from texcv.render.dates import DateStyle, format_range
from texcv.render.escape import url_for_display
from texcv.render.inline import bold, inline, link, literal
from texcv.render.locale import Words
from texcv.schema import CV, Entry, PublicationEntry, Section
from texcv.schema.publications import PUBLICATION_TYPES

Mark = Callable[[tuple[str | int, ...]], LatexObject]
RenderEntry = Callable[[Entry], LatexObject]


def publication_section(
    section: Section, index: int, cv: CV, words: Words, mark: Mark, other: RenderEntry
) -> Iterator[LatexObject]:
    """The section's entries under their group headings; each one after its source mark.

    ``other`` renders what is not a publication (a text entry introducing the list, say).
    """
    entries = list(enumerate(section.entries))
    number = sum(isinstance(entry, PublicationEntry) for _, entry in entries)
    for heading, group in _groups(entries, section.group_by, words):
        if heading is not None:
            yield tex.SubSection(literal(heading))
        for position, entry in group:
            yield mark(("sections", index, "entries", position))
            label = None
            if section.numbered and isinstance(entry, PublicationEntry):
                label, number = f"[{number}]", number - 1
            if isinstance(entry, PublicationEntry):
                yield publication_entry(entry, cv, words, label)
            else:
                yield other(entry)


def publication_entry(
    entry: PublicationEntry, cv: CV, words: Words, label: str | None = None
) -> tex.CvEntry:
    """``\\cventry{date}{title}{venue}{location}{note}{authors. links}``."""
    mine = (
        set(entry.owner)
        if entry.owner is not None
        else {n for n, a in enumerate(entry.authors, 1) if is_owner(a, cv.owner.names)}
    )
    authors = ", ".join(
        bold(literal(a)) if number in mine else literal(a)
        for number, a in enumerate(entry.authors, 1)
    )
    links = []
    if entry.doi:
        links.append(link(f"https://doi.org/{entry.doi}", literal(f"doi:{entry.doi}")))
    if entry.url:
        links.append(link(entry.url, literal(url_for_display(entry.url))))
    description = NoEscape(authors + "".join(f". {item}" for item in links))
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
        inline(entry.venue),
        inline(entry.location),
        inline(entry.note),
        description,
    )


def _groups(
    entries: list[tuple[int, Entry]], group_by: str, words: Words
) -> Iterator[tuple[str | None, list[tuple[int, Entry]]]]:
    """(heading, entries) in print order; entries without a year or type come last, unheaded."""
    if group_by == "none":
        yield None, entries
        return
    groups: dict[str | None, list[tuple[int, Entry]]] = {}
    for item in entries:
        groups.setdefault(_group_key(item[1], group_by), []).append(item)
    keys = [key for key in groups if key is not None]
    if group_by == "type":
        keys.sort(key=PUBLICATION_TYPES.index)
    for key in keys:
        heading = words.publication_types[key] if group_by == "type" else key
        yield heading, groups[key]
    if None in groups:
        yield None, groups[None]


def _group_key(entry: Entry, group_by: str) -> str | None:
    if not isinstance(entry, PublicationEntry):
        return None
    if group_by == "type":
        return entry.type
    if entry.date is None or entry.date.present:
        return None
    return str(entry.date.year)
