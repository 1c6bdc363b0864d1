"""Publications sections made whole: works from the section's .bib, filtered and sorted.

Runs after validation and before variant selection: a .bib work becomes a PublicationEntry
like a hand-written one (its `keywords` are its tags), so tags, filters, sorting and the
renderer treat both alike. Errors in the .bib point at ``file.bib:LINE``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from texcv.errors import InputError, InputErrors, Location
from texcv.prepare.names import format_person, is_owner
from texcv.prepare.origins import Origins
from texcv.schema import CV, PublicationEntry, Section
from texcv.schema.dates import CVDate
from texcv.schema.publications import PUBLICATION_TYPES, AuthorFormat
from texcv.source.bibtex_reader import BibEntry, read_bib
from texcv.source.yaml_reader import DataPath, Positions

# BibTeX types texcv prints under another one's heading.
TYPE_ALIASES = {
    "conference": "inproceedings",
    "inbook": "incollection",
    "proceedings": "book",
    "mastersthesis": "phdthesis",
    "thesis": "phdthesis",
    "report": "techreport",
    "manual": "techreport",
    "unpublished": "misc",
    "online": "misc",
    "preprint": "misc",
}
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MARKUP = re.compile(r"([*\[\]])")


def complete_publications(cv: CV, positions: Positions, base: Path) -> tuple[CV, Origins]:
    """``cv`` with every publications section's .bib works added, filtered and sorted, and
    where each entry came from (``positions`` places errors about the `bibtex:` key)."""
    came_from = Origins()
    sections: list[Section] = []
    errors: list[InputError] = []
    for index, section in enumerate(cv.sections):
        origins = came_from.add_section(("sections", index))
        here: DataPath = ("sections", index)
        placed: list[tuple[Any, DataPath]] = [
            (entry, (*here, "entries", number)) for number, entry in enumerate(section.entries)
        ]
        if section.kind != "publication":
            origins.extend(origin for _, origin in placed)
            sections.append(section)
            continue
        if section.bibtex:
            try:
                where = positions.locate((*here, "bibtex"))
                works = bib_works(section, base, where, cv.owner.names)
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
        sections.append(section.model_copy(update={"entries": [entry for entry, _ in placed]}))
    if errors:
        raise InputErrors(errors)
    return cv.model_copy(update={"sections": sections}), came_from


def bib_works(
    section: Section, base: Path, where: Location, owner_names: Sequence[str]
) -> list[PublicationEntry]:
    """The section's .bib as publication entries; ``where`` is its `bibtex:` line."""
    assert section.bibtex is not None
    path = base / section.bibtex
    if not path.is_file():
        raise InputError(
            f"the BibTeX file {section.bibtex} does not exist",
            location=where,
            hint=f"the path is relative to the folder of cv.yaml ({base.resolve()})",
        )
    display = str(path)  # as cv.yaml is named, so "publications.bib" beside "cv.yaml"
    entries = read_bib(path, display)
    works: list[PublicationEntry] = []
    errors: list[InputError] = []
    for entry in entries:
        try:
            works.append(to_publication(entry, section.authors, display, owner_names))
        except InputError as error:
            errors.append(error)
    if errors:
        raise InputErrors(errors)
    return works


def to_publication(
    entry: BibEntry, style: AuthorFormat, display: str, owner_names: Sequence[str] = ()
) -> PublicationEntry:
    """One .bib entry as a PublicationEntry, or an InputError at its line.

    The owner is recognised on the names as the .bib spells them, before initials hide who
    is who (``Quang-Tuan Le`` and ``Quoc-Tung Le`` are both ``Q.-T. Le``).
    """
    where = Location(display, entry.line)
    fields = entry.fields
    kind = TYPE_ALIASES.get(entry.type, entry.type)
    kind = kind if kind in PUBLICATION_TYPES else "misc"
    people = entry.authors or (entry.editors if kind in ("book", "misc") else ())
    if not people:
        raise InputError(f"@{entry.type}{{{entry.key}}} has no author", location=where)
    if not fields.get("title"):
        raise InputError(f"@{entry.type}{{{entry.key}}} has no title", location=where)
    data: dict[str, Any] = {
        "kind": "publication",
        "type": kind,
        "authors": [format_person(person, style) for person in people],
        "title": _literal(fields["title"]),
        "venue": _literal(_venue(kind, fields)),
        "location": _literal(
            fields.get("address") or fields.get("location") or fields.get("venue")
        ),
        "date": _date(fields, entry, where),
        "doi": _doi(fields.get("doi")),
        "url": fields.get("url") or None,
        "note": _literal(fields.get("note")),
        "tags": _keywords(fields.get("keywords", "")),
        "owner": [
            number
            for number, person in enumerate(people, 1)
            if is_owner(format_person(person, "as-written"), owner_names)
        ],
    }
    try:
        return PublicationEntry.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as error:
        first = error.errors()[0]
        name = ".".join(str(part) for part in first["loc"]) or "entry"
        raise InputError(
            f"@{entry.type}{{{entry.key}}}: field '{name}': {first['msg']}",
            location=where,
            value=str(first.get("input"))[:80],
        ) from None


def _venue(kind: str, fields: dict[str, str]) -> str | None:
    if kind == "article":
        venue = fields.get("journal") or fields.get("journaltitle")
        if venue and fields.get("volume"):
            venue += f" {fields['volume']}" + (
                f"({fields['number']})" if fields.get("number") else ""
            )
        return venue
    candidates = {
        "inproceedings": ("booktitle", "series", "publisher"),
        "incollection": ("booktitle", "publisher"),
        "book": ("publisher", "series"),
        "phdthesis": ("school", "institution"),
        "techreport": ("institution", "school", "publisher"),
        "misc": ("howpublished", "publisher", "organization", "journal"),
    }[kind]
    venue = next((fields[name] for name in candidates if fields.get(name)), None)
    if kind == "techreport" and venue and fields.get("number"):
        venue += f" {fields['number']}"
    if venue is None and fields.get("eprint"):
        prefix = fields.get("archiveprefix") or fields.get("eprinttype") or ""
        venue = f"{prefix}:{fields['eprint']}" if prefix else fields["eprint"]
    return venue


def _date(fields: dict[str, str], entry: BibEntry, where: Location) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from `date`, or from `year` and `month`."""
    if fields.get("date"):
        text = fields["date"].split("/")[0].strip()
    else:
        year = fields.get("year", "").strip()
        if not year:
            return None
        if not re.fullmatch(r"\d{4}", year):
            raise InputError(
                f"@{entry.type}{{{entry.key}}}: year '{year}' is not a four-digit year",
                location=where,
            )
        text = year
        month = _month(fields.get("month", ""))
        if month:
            text += f"-{month:02d}"
    try:
        CVDate.parse(text)
    except Exception:
        raise InputError(
            f"@{entry.type}{{{entry.key}}}: '{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
            location=where,
        ) from None
    return text


def _month(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return int(text)
    return _MONTHS.index(text[:3]) + 1 if text[:3] in _MONTHS else None


def _doi(value: str | None) -> str | None:
    if not value:
        return None
    return re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", value.strip(), flags=re.IGNORECASE)


def _keywords(value: str) -> list[str]:
    return [word.strip() for word in re.split(r"[,;]", value) if word.strip()]


def _literal(text: str | None) -> str | None:
    """.bib text as a texcv Text field: its *, [ and ] are not markup."""
    return _MARKUP.sub(r"\\\1", text) if text else None


def _kept(entry: Any, section: Section) -> bool:
    """Whether the section's filter keeps ``entry`` (hand-written or from the .bib)."""
    rule = section.filter
    if rule.keywords and not set(rule.keywords) & set(getattr(entry, "tags", ())):
        return False
    if rule.since is None and rule.until is None:
        return True
    date = getattr(entry, "date", None)
    if date is None or date.present:
        return False
    return (rule.since is None or date.year >= rule.since) and (
        rule.until is None or date.year <= rule.until
    )


def _sorted(placed: list[tuple[Any, DataPath]], order: str) -> list[tuple[Any, DataPath]]:
    """Newest or oldest first; a year-only date counts as its year's end; undated works last.

    The sort is stable, so works of the same date keep the order they were written in.
    """
    if order == "as-written":
        return placed
    dated = [item for item in placed if getattr(item[0], "date", None) is not None]
    undated = [item for item in placed if getattr(item[0], "date", None) is None]
    dated.sort(key=lambda item: item[0].date.end_key(), reverse=order == "newest")
    return dated + undated
