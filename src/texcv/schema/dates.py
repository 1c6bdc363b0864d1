"""Dates as people write them on a CV: a year, a month, a day, or `present`."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
PRESENT_WORDS = frozenset({"present", "now", "today", "ongoing"})


@dataclass(frozen=True)
class CVDate:
    """A year, optionally with month and day; or the open end `present`."""

    year: int = 0
    month: int | None = None
    day: int | None = None
    present: bool = False

    @classmethod
    def parse(cls, value: Any) -> CVDate:
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

    def sort_key(self) -> tuple[int, int, int]:
        """Later dates sort higher; `present` is after everything."""
        if self.present:
            return (9999, 12, 31)
        return (self.year, self.month or 0, self.day or 0)

    def end_key(self) -> tuple[int, int, int]:
        """The last day this date covers (2023 ends at 2023-12-31), for range checks."""
        if self.present:
            return (9999, 12, 31)
        return (self.year, self.month or 12, self.day or 31)

    def __str__(self) -> str:
        if self.present:
            return "present"
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text


DateField = Annotated[
    CVDate,
    PlainValidator(CVDate.parse),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"},
                {"type": "string", "enum": sorted(PRESENT_WORDS)},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    ),
]
