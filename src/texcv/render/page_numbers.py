"""The locale's words that go into the preamble rather than into entries (page numbers)."""

from __future__ import annotations

import re

from pylatex.utils import NoEscape

from texcv.render.escape import escape_text
from texcv.render.locale import Words
from texcv.render.templates import template

_FIELDS = {"{page}": "#1", "{total}": "#2"}


def page_numbers(words: Words) -> NoEscape:
    r"""``\texcvpagenumber{page}{total}`` in the locale's words, and the footer that uses it."""
    pieces = re.split(r"(\{page\}|\{total\})", words.page)
    pattern = "".join(_FIELDS.get(piece) or _keep_spaces(piece) for piece in pieces)
    definition = rf"\newcommand*{{\texcvpagenumber}}[2]{{{pattern}}}"
    return NoEscape(definition + "\n" + template("pagenumbers"))


def _keep_spaces(text: str) -> str:
    """Escaped text whose spaces stay, even at its edges (escape_text trims them)."""
    return "~".join(escape_text(word) for word in text.split(" "))
