"""Pick the TeX engine the text needs: pdflatex when every character is in its fonts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from texcv.schema import CV


def _pdflatex_safe(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x250  # ASCII, Latin-1, Latin Extended-A and -B (T1 + textcomp cover most)
        or 0x2010 <= code <= 0x2027  # dashes, quotes, bullet, ellipsis
        or code in (0x20AC, 0x2122, 0x2030, 0x2039, 0x203A)
    )


def strings(value: Any) -> Iterator[str]:
    """Every string inside a dumped model."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def needs_unicode_engine(cv: CV) -> bool:
    return any(not _pdflatex_safe(ch) for text in strings(cv.model_dump()) for ch in text)


def choose_engine(cv: CV) -> str:
    if cv.design.engine != "auto":
        return cv.design.engine
    return "lualatex" if needs_unicode_engine(cv) else "pdflatex"
