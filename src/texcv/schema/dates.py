"""Dates as people write them on a CV: a year, a month, a day, `present`, or any text.

ISO forms (``2023``, ``2023-09``, ``2023-09-15``) are checked and printed in the CV's language
(``Sep 2023``). Anything else is free text ("Spring 2017", "Feb.–Apr. 2019", "in prep"),
printed exactly as written; it sorts and is checked by the years it names (``2018–20`` covers
2018 to 2020), or by an explicit date given beside it: ``{text: Spring 2017, sort: 2017-03}``.
Text that has the shape of an ISO date is always an ISO date, so ``2023-13`` stays an error.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
# Looks like an ISO date (digits and hyphens only): checked as one, never taken as free text.
# The JSON Schema's check of an ISO date (month 1-12, day 1-31; texcv checks the calendar).
ISO_PATTERN = r"^\d{4}(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12]\d|3[01]))?)?$"
_ISO_SHAPE = re.compile(r"^\d+(-\d*)*$")
_YEAR = re.compile(r"(?<!\d)(1[0-9]{3}|2[0-9]{3})(?!\d)")
# "2018–20", "2018-20", "2018/20": a second year written with two digits.
_SHORT_END = re.compile(r"(?<!\d)(\d{2})(\d{2})\s*[-–—/]\s*(\d{2})(?!\d)")
PRESENT_WORDS = frozenset({"present", "now", "today", "ongoing"})
MAX_TEXT = 60  # a date column is narrow; longer text is surely a misplaced field


@dataclass(frozen=True)
class CVDate:
    """A year, optionally with month and day; the open end `present`; or free text.

    Free text keeps ``text`` (printed as written); its ``year`` is the first year it names
    (0 when it names none) and ``last_year`` the last, so that it can still be sorted and
    checked. ``inferred`` says those years were read from the text, not given.
    """

    year: int = 0
    month: int | None = None
    day: int | None = None
    present: bool = False
    text: str | None = None
    last_year: int | None = None
    inferred: bool = False

    @classmethod
    def parse(cls, value: Any) -> CVDate:
        """An ISO date or `present` (strict: anything else is an error)."""
        if isinstance(value, CVDate):
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise PydanticCustomError(
                "date_type",
                "expected a date such as 2023, 2023-09, 2023-09-15 or present, got {kind}",
                {"kind": type(value).__name__},
            )
        text = str(value).strip()
        if text.lower() in PRESENT_WORDS:
            return cls(present=True)
        match = _DATE.match(text)
        if not match:
            raise PydanticCustomError(
                "date_format",
                "'{text}' is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or present",
                {"text": text},
            )
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        if month is not None and not 1 <= month <= 12:
            raise PydanticCustomError(
                "date_month",
                "month {month} does not exist in '{text}'",
                {"month": month, "text": text},
            )
        if day is not None and month is not None:
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise PydanticCustomError(
                    "date_day",
                    "day {day} does not exist in '{text}' ({name} {year} has {last} days)",
                    {
                        "day": day,
                        "text": text,
                        "name": calendar.month_name[month],
                        "year": year,
                        "last": last,
                    },
                )
        return cls(year=year, month=month, day=day)

    @classmethod
    def read(cls, value: Any) -> CVDate:
        """What a date field accepts: an ISO date, `present`, free text, or {text, sort}."""
        if isinstance(value, dict):
            return cls._text_with_sort(value)
        if isinstance(value, str) and not _ISO_SHAPE.match(value.strip()):
            text = value.strip()
            if text.lower() in PRESENT_WORDS:
                return cls(present=True)
            return cls.free_text(text)
        return cls.parse(value)

    @classmethod
    def free_text(cls, text: str) -> CVDate:
        if not text:
            raise PydanticCustomError("date_empty", "a date cannot be empty", {})
        if len(text) > MAX_TEXT:
            raise PydanticCustomError(
                "date_long",
                "a date of {length} characters is too long for the date column (at most {max})",
                {"length": len(text), "max": MAX_TEXT},
            )
        years = [int(y) for y in _YEAR.findall(text)]
        for century, first, last in _SHORT_END.findall(text):
            if int(last) > int(first):
                years.append(int(century + last))
        return cls(
            year=years[0] if years else 0,
            last_year=max(years) if years else None,
            text=text,
            inferred=True,
        )

    @classmethod
    def _text_with_sort(cls, value: dict[str, Any]) -> CVDate:
        unknown = sorted(set(value) - {"text", "sort"})
        if unknown or "text" not in value or "sort" not in value:
            raise PydanticCustomError(
                "date_mapping",
                "a date given as a mapping needs exactly `text` (as printed) and `sort` "
                "(YYYY, YYYY-MM or YYYY-MM-DD){extra}",
                {"extra": f"; unknown: {', '.join(unknown)}" if unknown else ""},
            )
        text = value["text"]
        if not isinstance(text, (str, int)) or isinstance(text, bool) or not str(text).strip():
            raise PydanticCustomError("date_text", "`text` must be the date as printed", {})
        sort = cls.parse(value["sort"])
        if sort.present:
            raise PydanticCustomError("date_sort", "`sort` must be a date, not present", {})
        return replace(sort, text=str(text).strip())

    @property
    def undated(self) -> bool:
        """Free text naming no year ("in prep"): nothing to sort or check by."""
        return self.text is not None and self.year == 0

    def sort_key(self) -> tuple[int, int, int]:
        """Later dates sort higher; `present` is after everything."""
        if self.present:
            return (9999, 12, 31)
        return (self.year, self.month or 0, self.day or 0)

    def end_key(self) -> tuple[int, int, int]:
        """The last day this date covers (2023 ends at 2023-12-31), for range checks."""
        if self.present:
            return (9999, 12, 31)
        return (self.last_year or self.year, self.month or 12, self.day or 31)

    def __str__(self) -> str:
        if self.present:
            return "present"
        if self.text is not None:
            return self.text
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


def _serialize(date: CVDate) -> Any:
    if date.text is not None and not date.inferred:
        return {"text": date.text, "sort": str(replace(date, text=None))}
    return str(date)


DateField = Annotated[
    CVDate,
    PlainValidator(CVDate.read),
    PlainSerializer(_serialize),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": ISO_PATTERN},
                {"type": "string", "enum": sorted(PRESENT_WORDS)},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
                {
                    "type": "string",
                    "maxLength": MAX_TEXT,
                    "not": {"pattern": _ISO_SHAPE.pattern},
                    "description": "Any other text is printed as written and sorts by the "
                    "years it names.",
                    "examples": ["Spring 2017", "Feb.–Apr. 2019", "2018–20", "in prep"],
                },
                {
                    "type": "object",
                    "description": "Free text with the date it sorts and is checked by.",
                    "properties": {
                        "text": {"type": "string", "description": "The date as printed."},
                        "sort": {
                            "type": "string",
                            "pattern": ISO_PATTERN,
                            "description": "The date it sorts by (YYYY, YYYY-MM, YYYY-MM-DD).",
                        },
                    },
                    "required": ["text", "sort"],
                    "additionalProperties": False,
                    "examples": [{"text": "Spring 2017", "sort": "2017-03"}],
                },
            ]
        }
    ),
]
