"""The locale's words that go into the preamble rather than into entries (page numbers)."""

from __future__ import annotations

import re

from pylatex.utils import NoEscape

from texcv.render.escape import escape_tied
from texcv.render.latex import Joined, NewCommand, Template, TexcvPageNumber
from texcv.render.locale import Words

_FIELDS = {"{page}": "#1", "{total}": "#2"}


def page_numbers(words: Words) -> Joined:
    r"""``\texcvpagenumber{page}{total}`` in the locale's words, and the footer that uses it."""
    pieces = re.split(r"(\{page\}|\{total\})", words.page)
    pattern = "".join(_FIELDS.get(piece) or escape_tied(piece) for piece in pieces)
    definition = NewCommand(TexcvPageNumber(), 2, NoEscape(pattern))
    return Joined(definition, Template("pagenumbers"), separator="\n")
