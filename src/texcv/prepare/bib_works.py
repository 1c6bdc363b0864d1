"""Publications sections made whole: works from the section's .bib, filtered and sorted.

Runs after validation and before variant selection: a .bib work becomes a PublicationEntry
like a hand-written one (its `keywords` are its keywords, and those shaped like tags are also
its tags), so tags, filters, sorting and the renderer treat both alike.

A field used only for display never rejects a work: a DOI or URL that is not one, a year
that is not a year, a missing author or title are warnings at ``file.bib:LINE`` naming the
entry, and the work is printed without that part. Every standard field is kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args
from urllib.parse import quote

from pydantic import ValidationError

from texcv.errors import Code, InputError, InputErrors, InputWarning, Location
from texcv.prepare.names import format_person, is_owner
from texcv.prepare.origins import Origins
from texcv.schema import CV, PublicationEntry, Section
from texcv.schema.dates import CVDate
from texcv.schema.publications import AuthorFormat, WorkType, group_type
from texcv.source.bibtex_reader import BibEntry, Segment, read_bib
from texcv.source.yaml_reader import DataPath, Positions

WORK_TYPES = frozenset(get_args(WorkType))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MARKUP = re.compile(r"([*\[\]])")
_TAG = re.compile(r"^[\w][\w.+-]*$")
_YEAR = re.compile(r"^(\d{4})(?:[a-z]|\s*[-–—/].*)?$")  # 2012, 2012a, 2005--, 2019/2020
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_BARE_URL = re.compile(r"https?://[^\s<>\]\[{}]+[^\s<>\]\[{}.,;:!?)'\"]")
_ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
_ARXIV_IN_TEXT = re.compile(r"\barXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7})")
# The journal, book or channel a work appeared in, by type (the first field present).
_CONTAINER = {
    "article": ("journal", "journaltitle"),
    "inproceedings": ("booktitle", "eventtitle"),
    "incollection": ("booktitle",),
    "misc": ("howpublished", "journal", "booktitle"),
    "techreport": ("howpublished",),
    "book": ("howpublished",),
    "phdthesis": (),
}


def complete_publications(
    cv: CV, positions: Positions, base: Path
) -> tuple[CV, Origins, list[InputWarning]]:
    """``cv`` with every publications section's .bib works added, filtered and sorted, where
    each entry came from (``positions`` places errors about the `bibtex:` key), and the
    warnings the .bib files gave."""
    came_from = Origins()
    sections: list[Section] = []
    errors: list[InputError] = []
    warnings: list[InputWarning] = []
    for index, section in enumerate(cv.sections):
        origins = came_from.add_section(("sections", index))
        here: DataPath = ("sections", index)
        placed: list[tuple[Any, DataPath]] = [
            (entry, (*here, "entries", number)) for number, entry in enumerate(section.entries)
        ]
        subsections = [
            _completed_subsection(sub, (*here, "subsections", number), came_from, number)
            for number, sub in enumerate(section.subsections)
        ]
        if section.kind != "publication":
            origins.extend(origin for _, origin in placed)
            sections.append(section.model_copy(update={"subsections": subsections}))
            continue
        if section.bibtex:
            try:
                where = positions.locate((*here, "bibtex"))
                works, found = bib_works(section, base, where, cv.owner.names)
                warnings.extend(found)
            except InputErrors as error:
                errors.extend(error.errors)
                works = []
            except InputError as error:
                errors.append(error)
                works = []
            placed.extend((work, (*here, "bibtex")) for work in works)
        placed = [item for item in placed if _kept(item[0], section)]
        placed = _sorted(placed, section.sort)
        origins.extend(origin for _, origin in placed)
        update = {"entries": [entry for entry, _ in placed], "subsections": subsections}
        sections.append(section.model_copy(update=update))
    if errors:
        raise InputErrors(errors)
    return cv.model_copy(update={"sections": sections}), came_from, warnings


def _completed_subsection(sub: Section, here: DataPath, came_from: Origins, number: int) -> Section:
    """A publications subsection filtered and sorted like a section (it has no .bib)."""
    if sub.kind != "publication":
        return sub
    placed = [(entry, (*here, "entries", n)) for n, entry in enumerate(sub.entries)]
    placed = _sorted([item for item in placed if _kept(item[0], sub)], sub.sort)
    came_from.add_subsection(number).extend(origin for _, origin in placed)
    return sub.model_copy(update={"entries": [entry for entry, _ in placed]})


def bib_works(
    section: Section, base: Path, where: Location, owner_names: Sequence[str]
) -> tuple[list[PublicationEntry], list[InputWarning]]:
    """The section's .bib as publication entries and warnings; ``where`` is its `bibtex:`
    line."""
    assert section.bibtex is not None
    path = base / section.bibtex
    if not path.is_file():
        raise InputError(
            f"the BibTeX file {section.bibtex} does not exist",
            location=where,
            hint=f"the path is relative to the folder of cv.yaml ({base.resolve()})",
            code=Code.FILE_MISSING,
        )
    display = str(path)  # as cv.yaml is named, so "publications.bib" beside "cv.yaml"
    bib = read_bib(path, display)
    works: list[PublicationEntry] = []
    warnings = list(bib.warnings)
    for entry in bib.entries:
        work, found = to_publication(entry, section.authors, display, owner_names)
        works.append(work)
        warnings.extend(found)
    return works, warnings


def to_publication(
    entry: BibEntry, style: AuthorFormat, display: str, owner_names: Sequence[str] = ()
) -> tuple[PublicationEntry, list[InputWarning]]:
    """One .bib entry as a PublicationEntry, and warnings about what it could not use.

    The owner is recognised on the names as the .bib spells them, before initials hide who
    is who (``Quang-Tuan Le`` and ``Quoc-Tung Le`` are both ``Q.-T. Le``).
    """
    notes = _Notes(entry, display)
    fields = entry.fields
    kind = entry.type if entry.type in WORK_TYPES else "misc"
    people = entry.authors
    if not people:
        notes.add("has no author; it is listed without one", "author")
    title = fields.get("title") or ""
    if not title:
        title = _container(kind, fields) or entry.key
        notes.add(f"has no title; it is listed as '{title}'", "title")
    eprint, eprint_type = _eprint(fields)
    # An `eprint` that is a URL (some publishers export that) is the link when `url` is missing.
    url = _url(fields.get("url") or (None if eprint else fields.get("eprint")), notes)
    data: dict[str, Any] = {
        "kind": "publication",
        "type": kind,
        "authors": [format_person(person, style) for person in people],
        "title": _markup(entry, "title", title),
        "venue": _markup(entry, _container_field(kind, fields)),
        "editors": [format_person(person, style) for person in entry.editors],
        "edition": _markup(entry, "edition"),
        "series": _markup(entry, "series"),
        "volume": _markup(entry, "volume"),
        "number": _markup(entry, "number") or _markup(entry, "issue"),
        "chapter": _markup(entry, "chapter"),
        "pages": _markup(entry, "pages"),
        "work_type": _markup(entry, "type"),
        "institution": _markup(entry, _first(fields, "school", "institution", "organization")),
        "publisher": _markup(entry, "publisher"),
        "location": _markup(entry, _first(fields, "address", "location", "venue")),
        "date": _date(fields, notes),
        "doi": _doi(fields.get("doi"), notes),
        "url": url,
        "eprint": eprint,
        "eprint_type": eprint_type,
        "note": _markup(entry, "note"),
        "keywords": _keywords(fields.get("keywords") or fields.get("keyword") or ""),
        "owner": [
            number
            for number, person in enumerate(people, 1)
            if is_owner(format_person(person, "as-written"), owner_names)
        ],
    }
    data["tags"] = [word for word in data["keywords"] if _TAG.match(word) and len(word) <= 40]
    data = {k: v for k, v in data.items() if v is not None}
    for _ in range(len(data)):  # each round drops one more field the schema refuses
        try:
            return PublicationEntry.model_validate(data), notes.warnings
        except ValidationError as error:
            name = str(error.errors()[0]["loc"][0])
            if name in ("kind", "title", "type") or name not in data:
                raise InputError(  # a bug here, not the user's: say where all the same
                    f"@{entry.type}{{{entry.key}}}: texcv could not use this entry "
                    f"({error.errors()[0]['msg']})",
                    location=Location(display, entry.line),
                ) from None
            notes.add(f"{name} '{data.pop(name)}' is left out: {error.errors()[0]['msg']}", name)
    raise AssertionError("unreachable: every field was dropped")


class _Notes:
    """Warnings about one entry, each at its line and naming it."""

    def __init__(self, entry: BibEntry, display: str) -> None:
        self.entry = entry
        self.where = Location(display, entry.line)
        self.warnings: list[InputWarning] = []

    def add(self, message: str, field: str, hint: str | None = None) -> None:
        """``field`` names the .bib field the message is about (for readers of this code)."""
        entry = self.entry
        self.warnings.append(
            InputWarning(
                f"@{entry.type}{{{entry.key}}} {message}",
                location=self.where,
                hint=hint,
                code=Code.BIB_ENTRY,
            )
        )


def _first(fields: dict[str, str], *names: str) -> str | None:
    return next((name for name in names if fields.get(name)), None)


def _container_field(kind: str, fields: dict[str, str]) -> str | None:
    return _first(fields, *_CONTAINER.get(group_type(kind), ()))


def _container(kind: str, fields: dict[str, str]) -> str | None:
    name = _container_field(kind, fields)
    return fields[name] if name else None


def _markup(entry: BibEntry, name: str | None, text: str | None = None) -> str | None:
    """A field as a texcv Text: literal text, its \\url, \\href and bare URLs as links."""
    if name is None:
        return None
    if name in entry.links and text is None:
        return "".join(_segment(segment) for segment in entry.links[name]).strip() or None
    text = entry.fields.get(name) if text is None else text
    if not text:
        return None
    return _segment((text, None))


def _segment(segment: Segment) -> str:
    text, url = segment
    if url is not None:
        if not url.startswith(("http://", "https://")):
            return _literal(text)
        return f"[{_literal(text) or _literal(url)}]({_link_target(url)})"
    out, position = [], 0
    for match in _BARE_URL.finditer(text):
        out.append(_literal(text[position : match.start()]))
        out.append(f"[{_literal(match.group())}]({_link_target(match.group())})")
        position = match.end()
    out.append(_literal(text[position:]))
    return "".join(out)


def _link_target(url: str) -> str:
    """A URL the markup's ``(...)`` can hold: no spaces or parentheses."""
    return quote(url, safe="/:?=&;@+,-._!*'%#~")


def _literal(text: str) -> str:
    """.bib text as a texcv Text field: its *, [ and ] are not markup."""
    return _MARKUP.sub(r"\\\1", text)


def _date(fields: dict[str, str], notes: _Notes) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from `date`, or from `year` and `month`; None
    (undated, listed last) with a warning when neither is a date."""
    if fields.get("date"):
        text = fields["date"].split("/")[0].strip()
        name = "date"
    else:
        year = fields.get("year", "").strip()
        if not year:
            return None
        found = _YEAR.match(year)
        if not found:
            # Text such as "in prep" or "submitted" is a date as people write them (issue 15):
            # printed as written, listed last; BibTeX styles print it too.
            shown = year if _free_text(year) else None
            notes.add(
                f"year '{year}' is not a year; the work is undated (listed last"
                + (", the year printed as written)" if shown else ")"),
                "year",
                hint="write the year with four digits, e.g. year = {2024}",
            )
            return shown
        text, name = found.group(1), "year"
        month = _month(fields.get("month", ""))
        if month:
            text += f"-{month:02d}"
    try:
        CVDate.parse(text)
    except Exception:
        notes.add(
            f"{name} '{fields[name]}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD); "
            "the work is undated (listed last)",
            name,
        )
        return None
    return text


def _free_text(text: str) -> bool:
    """Can a date field hold ``text`` as free text (short, not shaped like an ISO date)?"""
    try:
        return CVDate.read(text).text is not None
    except ValueError:
        return False


def _month(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.index(text[:3]) + 1 if text[:3] in _MONTHS else None


def _doi(value: str | None, notes: _Notes) -> str | None:
    if not value:
        return None
    doi = re.sub(
        r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.IGNORECASE
    ).strip()
    if not _DOI.match(doi):
        notes.add(
            f"doi '{value}' is not a DOI (10.NNNN/...); it is not linked",
            "doi",
            hint="remove the field or write the DOI, e.g. doi = {10.1137/21M1441561}",
        )
        return None
    return doi


def _url(value: str | None, notes: _Notes) -> str | None:
    if not value:
        return None
    url = value.strip()
    if url.startswith("www."):
        url = "https://" + url
    url = quote(url, safe="/:?=&;@+,-._!*'()%#~[]$")
    if not re.match(r"^https?://\S+$", url):
        notes.add(f"url '{value}' is not a web address (https://...); it is not linked", "url")
        return None
    return url


def _eprint(fields: dict[str, str]) -> tuple[str | None, str | None]:
    """An e-print identifier and its archive: from `eprint`, or an arXiv ID in the
    journal or note (``journal = {arXiv preprint arXiv:2311.03215}``)."""
    eprint = (fields.get("eprint") or "").strip()
    archive = (fields.get("archiveprefix") or fields.get("eprinttype") or "").strip()
    if eprint and not eprint.startswith(("http://", "https://")):
        if not archive and _ARXIV_ID.match(eprint):
            archive = "arXiv"
        return eprint, archive or None
    for name in ("journal", "note", "howpublished"):
        found = _ARXIV_IN_TEXT.search(fields.get(name, ""))
        if found:
            return found.group(1), "arXiv"
    return None, None


def _keywords(value: str) -> list[str]:
    return [word.strip() for word in re.split(r"[,;]", value) if word.strip()]


def _kept(entry: Any, section: Section) -> bool:
    """Whether the section's filter keeps ``entry`` (hand-written or from the .bib)."""
    rule = section.filter
    if rule.keywords and not set(rule.keywords) & _keywords_of(entry):
        return False
    if rule.since is None and rule.until is None:
        return True
    date = getattr(entry, "date", None)
    if date is None or date.present:
        return False
    return (rule.since is None or date.year >= rule.since) and (
        rule.until is None or date.year <= rule.until
    )


def _keywords_of(entry: Any) -> set[str]:
    return {*getattr(entry, "keywords", ()), *getattr(entry, "tags", ())}


def _sorted(placed: list[tuple[Any, DataPath]], order: str) -> list[tuple[Any, DataPath]]:
    """Newest or oldest first; a year-only date counts as its year's end; undated works last.

    The sort is stable, so works of the same date keep the order they were written in.
    """
    if order == "as-written":
        return placed

    def has_year(item: tuple[Any, DataPath]) -> bool:  # "in prep" names none
        date = getattr(item[0], "date", None)
        return date is not None and not date.undated

    dated = [item for item in placed if has_year(item)]
    undated = [item for item in placed if not has_year(item)]
    dated.sort(key=lambda item: item[0].date.end_key(), reverse=order == "newest")
    return dated + undated
