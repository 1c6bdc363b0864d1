"""How each text with a required form (a link, a DOI, a length, a tag) is explained to a person.

A pattern is for the validator; people get its rule in words, examples of valid values and,
where a likely fix exists, a "did you mean". A `Form` sits in the type's ``Annotated``
metadata beside its pattern, so the error message (texcv.schema.validate) and the type can
never drift apart, and no regex is ever shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

# Link targets texcv accepts: a web or FTP address with its host, an e-mail or a phone number.
LINK_PATTERN = r"^(https?|ftp)://[^\s/]\S*$|^(mailto|tel):\S+$"


@dataclass(frozen=True)
class Form:
    """What a value must look like, in words: ``'x' is not NOUN: RULE``, then examples."""

    noun: str
    rule: str
    examples: tuple[str, ...]
    fix: Callable[[str], str | None] | None = None  # a corrected value to suggest

    def message(self, value: str) -> str:
        text = f"{value!r} is not {self.noun}: {self.rule}"
        fixed = self.fix(value) if self.fix else None
        if fixed and fixed != value:
            text += f"; did you mean {fixed!r}?"
        return text

    def hint(self) -> str:
        return "for example: " + ", ".join(self.examples)


def _with_scheme(value: str) -> str | None:
    """``example.com/page`` -> ``https://example.com/page``; an address -> ``mailto:``."""
    value = value.strip()
    if re.fullmatch(r"[^\s@/:]+@[^\s@/]+\.[^\s@/]+", value):
        return f"mailto:{value}"
    scheme = re.match(r"^(https?|ftp):/*", value, flags=re.IGNORECASE)
    rest = value[scheme.end() :] if scheme else value.removeprefix("//")
    if re.match(r"^[\w-]+(\.[\w-]+)+(:\d+)?([/?#]\S*)?$", rest):
        return f"{scheme.group(1).lower() if scheme else 'https'}://{rest}"
    return None


def _bare_doi(value: str) -> str | None:
    """``doi:10.1/x`` or ``https://doi.org/10.1/x`` -> ``10.1/x``."""
    match = re.search(r"(10\.\d{4,9}/\S+)$", value.strip())
    return match.group(1) if match else None


def _no_spaces(value: str) -> str | None:
    return re.sub(r"\s+", "", value) or None


def _word(value: str) -> str | None:
    """``my tag`` -> ``my-tag``."""
    return re.sub(r"[^\w.+-]+", "-", value.strip()).strip("-.+") or None


LINK = Form(
    "a full link",
    "a link starts with https:// or http:// (or mailto:, tel:) followed by the address",
    ("https://example.org", "https://github.com/octocat", "mailto:ada@example.org"),
    _with_scheme,
)
DOI = Form(
    "a DOI",
    "a DOI starts with 10., then digits, a slash and the rest, without doi: or https://doi.org/",
    ("10.1137/21M1441561", "10.48550/arXiv.2112.00386"),
    _bare_doi,
)
LENGTH = Form(
    "a length",
    "write a number directly followed by a unit: pt, cm, mm, in or em",
    ("2cm", "0.75in", "64pt"),
    _no_spaces,
)
PHOTO_FILE = Form(
    "a photo file texcv can use",
    "give a .jpg, .jpeg, .png or .pdf file (convert other formats first)",
    ("photo.jpg", "images/me.png"),
)
TAG = Form(
    "a tag",
    "a tag is one word of letters, digits and . + - _ (no spaces), starting with a letter or digit",
    ("short", "selected", "grant-2025"),
    _word,
)
VARIANT = Form(
    "a variant name",
    "a variant name is one word of letters, digits, - and _ (no spaces), starting with a "
    "letter or digit; it becomes part of the PDF's file name",
    ("short", "grant-2025", "fr_academic"),
    lambda value: re.sub(r"[^A-Za-z0-9_-]+", "-", value.strip()).strip("-_") or None,
)


def link_error(url: str) -> str | None:
    """Why ``url`` cannot be a link target, in words; None when it can."""
    if re.match(LINK_PATTERN, url):
        return None
    return LINK.message(url)
