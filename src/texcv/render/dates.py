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
    tight = style == "year" and not end.present
    return NoEscape(f"{first}--{last}" if tight else f"{first} -- {last}")


def format_day(day: datetime.date, words: Words) -> str:
    """A letter's date in words, as plain text: ``March 15, 2024``, ``1er mars 2024``."""
    number = words.first_day if day.day == 1 else str(day.day)
    return words.day.format(day=number, month=words.month_names[day.month - 1], year=day.year)
