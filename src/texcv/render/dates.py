"""Dates and date ranges as the CV prints them: ``Sep 2020 – Dec 2023``."""

from __future__ import annotations

from texcv.escape import escape_text
from texcv.locale import Words
from texcv.schema import CVDate


def format_date(date: CVDate, words: Words) -> str:
    """LaTeX for one date: ``Sep~2020``, ``2020`` or the locale's word for present."""
    if date.present:
        return escape_text(words.present)
    if date.month is None:
        return str(date.year)
    month = escape_text(words.months[date.month - 1])
    if date.day is not None:
        return f"{date.day}~{month}~{date.year}"
    return f"{month}~{date.year}"


def format_range(
    start: CVDate | None, end: CVDate | None, words: Words, single: CVDate | None = None
) -> str:
    """LaTeX for the date column; an en dash between start and end."""
    if single is not None:
        return format_date(single, words)
    if start is None:
        return ""
    if end is None or end == start:
        return format_date(start, words)
    return f"{format_date(start, words)} -- {format_date(end, words)}"
