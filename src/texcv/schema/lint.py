"""Likely mistakes in a valid CV: reported as warnings, never stopping the build.

Entries out of date order within a section, an end date in the future that is not
`present`, sections without entries, the same entry written twice in one section, and a
hand-written publication without authors among works with authors (allowed, as for a .bib work
without any, but there rarely meant). Each warns only where the mistake is likely: a list sorted by end date is in order,
and the same talk listed under two sections is a choice, not a slip.
"""

from __future__ import annotations

import datetime
import itertools
import json
from collections.abc import Callable, Iterator

from texcv.errors import Code, InputWarning
from texcv.schema import CV, CVDate, DatedEntry, Entry, PublicationEntry
from texcv.source.yaml_reader import DataPath, Positions, format_path


def lint(cv: CV, positions: Positions, today: datetime.date | None = None) -> list[InputWarning]:
    """Every warning for ``cv``, in file order."""
    today = today or datetime.date.today()
    found = [
        *_empty_sections(cv, positions),
        *_date_order(cv, positions),
        *_future_ends(cv, positions, today),
        *_duplicates(cv, positions),
        *_authorless(cv, positions),
    ]

    def order(warning: InputWarning) -> tuple[int, int]:
        loc = warning.location
        return (loc.line or 0, loc.column or 0) if loc else (0, 0)

    return sorted(found, key=order)


def _warning(
    code: Code,
    message: str,
    path: DataPath,
    positions: Positions,
    *,
    key: bool = False,
    hint: str = "",
) -> InputWarning:
    return InputWarning(
        message,
        location=positions.locate(path, key=key and path in positions.keys),
        path=format_path(path),
        hint=hint or None,
        code=code,
    )


def _entries(cv: CV) -> Iterator[tuple[DataPath, Entry]]:
    for path, section in cv.parts():
        for number, entry in enumerate(section.entries):
            yield (*path, "entries", number), entry


def _empty_sections(cv: CV, positions: Positions) -> Iterator[InputWarning]:
    for path, section in cv.parts():
        # A publications section may take its works from a .bib file instead; a section may
        # hold its entries in subsections.
        if not section.entries and not section.bibtex and not section.subsections:
            yield _warning(
                Code.EMPTY_SECTION,
                f"section '{section.title}' has no entries",
                (*path, "title"),
                positions,
                key=True,
                hint="add entries or remove the section; it would print as a lone heading",
            )


def _start(entry: Entry) -> tuple[str, CVDate] | None:
    """The date an entry begins, and the key it is written under."""
    if isinstance(entry, DatedEntry):
        if entry.start is not None:
            return "start", entry.start
        if entry.date is not None:
            return "date", entry.date
    if isinstance(entry, PublicationEntry) and entry.date is not None:
        return "date", entry.date
    return None


def _end(entry: Entry) -> tuple[str, CVDate] | None:
    """The date an entry is over (its start when it has no end), and the key it is under."""
    if isinstance(entry, DatedEntry) and entry.end is not None:
        return "end", entry.end
    return _start(entry)


# The orders a section may be listed in: by which date, and newest first or not.
_ORDERS = (
    (_start, True, "start"),
    (_start, False, "start"),
    (_end, True, "end"),
    (_end, False, "end"),
)


def _date_order(cv: CV, positions: Positions) -> Iterator[InputWarning]:
    """Within a section, dated entries should run newest first or oldest first, by their
    start dates or by their end dates. A section in none of these orders is measured against
    the one it follows best, and the entries that break it are reported.

    Dates are periods (2022 is all of 2022), so 2022-05 after 2022 is in order either way.
    """
    for path, section in cv.parts():
        if section.kind == "publication":  # texcv sorts it, or `sort: as-written` says not to
            continue
        best: list[tuple[int, str, CVDate, CVDate]] | None = None
        best_order = _ORDERS[0]
        for order in _ORDERS:
            found = _breaks(section.entries, *order[:2])
            if best is None or len(found) < len(best):
                best, best_order = found, order
        for number, key, when, before in best or []:
            _, descending, by = best_order
            relation, listing = ("newer", "newest") if descending else ("older", "oldest")
            yield _warning(
                Code.DATE_ORDER,
                f"entry out of date order: {when} is {relation} than the entry before it "
                f"({before}), but this section lists {listing} first (by {by} date)",
                (*path, "entries", number, key),
                positions,
                key=True,
                hint="move the entry, or correct its date",
            )


def _breaks(
    entries: list[Entry],
    date_of: Callable[[Entry], tuple[str, CVDate] | None],
    descending: bool,
) -> list[tuple[int, str, CVDate, CVDate]]:
    """(entry number, key, its date, the date before it) for each entry out of this order."""
    dated = [  # free text without a year ("in prep") has no place in a date order
        (number, *found)
        for number, entry in enumerate(entries)
        if (found := date_of(entry)) is not None and not found[1].undated
    ]
    found = []
    for before, (number, key, when) in itertools.pairwise(dated):
        late, early = (when, before[2]) if descending else (before[2], when)
        if _after(late, early):
            found.append((number, key, when, before[2]))
    return found


def _after(one: CVDate, other: CVDate) -> bool:
    """``one`` begins after ``other`` is over."""
    first_day = (one.year, one.month or 1, one.day or 1) if not one.present else one.sort_key()
    return first_day > other.end_key()


def _future_ends(cv: CV, positions: Positions, today: datetime.date) -> Iterator[InputWarning]:
    now = (today.year, today.month, today.day)
    for path, entry in _entries(cv):
        end = entry.end if isinstance(entry, DatedEntry) else None
        if end is not None and not end.present and end.sort_key() > now:
            yield _warning(
                Code.FUTURE_END,
                f"the end date {end} is in the future",
                (*path, "end"),
                positions,
                key=True,
                hint="write `end: present` for something still going on",
            )


def _duplicates(cv: CV, positions: Positions) -> Iterator[InputWarning]:
    """The same entry twice in one section (across sections it is a choice: a talk that is
    also a publication)."""
    seen: dict[tuple[DataPath, str], DataPath] = {}
    for path, entry in _entries(cv):
        fingerprint = json.dumps(entry.model_dump(mode="json"), sort_keys=True)
        first = seen.setdefault((path[:-2], fingerprint), path)  # per section or subsection
        if first != path:
            line = positions.locate(first).line
            yield _warning(
                Code.DUPLICATE_ENTRY,
                f"duplicate entry: the same as {format_path(first)} (line {line})",
                path,
                positions,
                hint="remove one of the two",
            )


def _authorless(cv: CV, positions: Positions) -> Iterator[InputWarning]:
    """A work without authors among works with authors (forgotten, most likely); a section
    whose works all go without (reports, software, JSON Resume's works) means it."""
    for part, section in cv.parts():
        works = [(n, e) for n, e in enumerate(section.entries) if isinstance(e, PublicationEntry)]
        if not any(entry.authors for _, entry in works):
            continue
        for number, entry in works:
            if not entry.authors:
                yield _warning(
                    Code.NO_AUTHORS,
                    "publication without authors: it is listed without any",
                    (*part, "entries", number),
                    positions,
                    hint="add `authors: [...]` (your name as in owner.names is set in bold)",
                )
