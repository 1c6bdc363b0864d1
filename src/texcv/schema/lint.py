"""Likely mistakes in a valid CV: reported as warnings, never stopping the build.

Entries out of date order within a section, an end date in the future that is not
`present`, sections without entries, and the same entry written twice.
"""

from __future__ import annotations

import datetime
import itertools
import json
from collections.abc import Iterator

from texcv.errors import InputWarning
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
    ]

    def order(warning: InputWarning) -> tuple[int, int]:
        loc = warning.location
        return (loc.line or 0, loc.column or 0) if loc else (0, 0)

    return sorted(found, key=order)


def _warning(
    message: str, path: DataPath, positions: Positions, *, key: bool = False, hint: str = ""
) -> InputWarning:
    return InputWarning(
        message,
        location=positions.locate(path, key=key and path in positions.keys),
        path=format_path(path),
        hint=hint or None,
    )


def _entries(cv: CV) -> Iterator[tuple[DataPath, Entry]]:
    for index, section in enumerate(cv.sections):
        for number, entry in enumerate(section.entries):
            yield ("sections", index, "entries", number), entry


def _empty_sections(cv: CV, positions: Positions) -> Iterator[InputWarning]:
    for index, section in enumerate(cv.sections):
        # A publications section may take its works from a .bib file instead.
        if not section.entries and not getattr(section, "bibtex", None):
            yield _warning(
                f"section '{section.title}' has no entries",
                ("sections", index, "title"),
                positions,
                key=True,
                hint="add entries or remove the section; it would print as a lone heading",
            )


def _first_date(entry: Entry) -> tuple[str, CVDate] | None:
    """The date an entry sorts by, and the key it is written under."""
    if isinstance(entry, DatedEntry):
        if entry.start is not None:
            return "start", entry.start
        if entry.date is not None:
            return "date", entry.date
    if isinstance(entry, PublicationEntry) and entry.date is not None:
        return "date", entry.date
    return None


def _date_order(cv: CV, positions: Positions) -> Iterator[InputWarning]:
    """Within a section, dated entries should all run newest first (or all oldest first).

    Dates are periods (2022 is all of 2022), so 2022-05 after 2022 is in order either way.
    """
    for index, section in enumerate(cv.sections):
        dated = [
            (number, *found)
            for number, entry in enumerate(section.entries)
            if (found := _first_date(entry)) is not None
        ]
        pairs = list(itertools.pairwise(dated))
        newer_first = sum(_after(a[2], b[2]) for a, b in pairs)
        older_first = sum(_after(b[2], a[2]) for a, b in pairs)
        descending = newer_first >= older_first
        for before, (number, key, when) in pairs:
            late, early = (when, before[2]) if descending else (before[2], when)
            if _after(late, early):
                relation, listing = ("newer", "newest") if descending else ("older", "oldest")
                yield _warning(
                    f"entry out of date order: {when} is {relation} than the entry before it "
                    f"({before[2]}), but this section lists {listing} first",
                    ("sections", index, "entries", number, key),
                    positions,
                    key=True,
                    hint="move the entry, or correct its date",
                )


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
                f"the end date {end} is in the future",
                (*path, "end"),
                positions,
                key=True,
                hint="write `end: present` for something still going on",
            )


def _duplicates(cv: CV, positions: Positions) -> Iterator[InputWarning]:
    seen: dict[str, DataPath] = {}
    for path, entry in _entries(cv):
        fingerprint = json.dumps(entry.model_dump(mode="json"), sort_keys=True)
        first = seen.setdefault(fingerprint, path)
        if first != path:
            line = positions.locate(first).line
            yield _warning(
                f"duplicate entry: the same as {format_path(first)} (line {line})",
                path,
                positions,
                hint="remove one of the two",
            )
