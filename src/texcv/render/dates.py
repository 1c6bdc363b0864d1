"""Dates and date ranges as the CV prints them: ``Sep 2020 – Dec 2023`` or ``2020–2023``.

Two styles (design.dates): ``month`` shows each date as precisely as cv.yaml gives it;
``year`` shows years only and folds a range within one year into that year.
"""

from __future__ import annotations

import datetime
from typing import Literal

from pylatex.utils import NoEscape

from texcv.render.escape import escape_text
from texcv.render.locale import Words
from texcv.schema import CVDate

DateStyle = Literal["month", "year"]


def format_date(date: CVDate, words: Words, style: DateStyle = "month") -> NoEscape:
    """LaTeX for one date: ``Sep~2020``, ``2020`` or the locale's word for present."""
    if date.present:
        return NoEscape(escape_text(words.present))
    if date.text is not None:  # free text ("Spring 2017"): as written
        return NoEscape(escape_text(date.text))
    if date.month is None or style == "year":
        return NoEscape(str(date.year))
    month = escape_text(words.months[date.month - 1])
    if date.day is not None:
        return NoEscape(f"{date.day}~{month}~{date.year}")
    return NoEscape(f"{month}~{date.year}")


def format_range(
    start: CVDate | None,
    end: CVDate | None,
    words: Words,
    single: CVDate | None = None,
    style: DateStyle = "month",
) -> NoEscape:
    """LaTeX for the date column; an en dash between start and end.

    The dash is spaced between dates with words (``Sep 2020 -- Dec 2023``) and tight between
    bare years (``2020--2023``), as typographers write them.
    """
    if single is not None:
        return format_date(single, words, style)
    if start is None:
        return NoEscape("")
    first = format_date(start, words, style)
    if end is None:
        return first
    last = format_date(end, words, style)
    if last == first:
        return first
    tight = style == "year" and not end.present and start.text is None and end.text is None
    return NoEscape(f"{first}--{last}" if tight else f"{first} -- {last}")


def format_day(day: datetime.date, words: Words) -> str:
    """A letter's date in words, as plain text: ``March 15, 2024``, ``1er mars 2024``."""
    number = words.first_day if day.day == 1 else str(day.day)
    return words.day.format(day=number, month=words.month_names[day.month - 1], year=day.year)


def duration(
    start: CVDate | None, end: CVDate | None, today: datetime.date
) -> tuple[int, int] | None:
    """(years, months) from ``start`` to ``end`` (``present`` is ``today``), counting both end
    months: Jun 2023 to Aug 2023 is 3 months. None unless both are dates (not free text).

    Year-only dates count whole years (2018 to 2023 is 5 years).
    """
    if start is None or end is None or start.text is not None or end.text is not None:
        return None
    if end.present:
        end = CVDate(year=today.year, month=today.month)
    if start.month is None or end.month is None:
        return (max(end.year - start.year, 0), 0)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    return divmod(max(months, 0), 12)


def format_duration(span: tuple[int, int], words: Words) -> NoEscape:
    """``3 years 7 months`` in the CV's language; a zero part is left out."""
    years, months = span
    parts = []
    if years:
        parts.append(f"{years} {words.years if years > 1 else words.year}")
    if months or not years:
        parts.append(f"{months} {words.months_word if months != 1 else words.month}")
    return NoEscape(escape_text(" ".join(parts)))
