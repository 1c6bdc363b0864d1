"""Words texcv writes itself (month names, "present", PDF subject), per language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    language: str  # BCP 47 tag, also the PDF's /Lang
    months: tuple[str, ...]  # abbreviated month names, January first
    present: str
    subject: str  # PDF subject; {name} is the person's full name
    babel: str  # babel language name


ENGLISH = Words(
    language="en",
    months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    present="present",
    subject="Curriculum vitae of {name}",
    babel="english",
)

LOCALES: dict[str, Words] = {"en": ENGLISH}
