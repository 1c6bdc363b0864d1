"""Turn text from cv.yaml into LaTeX that prints it literally. The one place that escapes.

Every character that TeX treats specially becomes a command that prints it, so no input can
open a group, start math, run a macro, read a file or merge into a ligature (``--``, ``''``,
``,,``, ``<<``). Control characters are dropped; runs of whitespace become one space.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

_CHARS: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}",
    "\u00a0": "~",
}
# Characters that form ligatures with a following copy of themselves in T1 fonts.
_LIGATURE_PAIRS = frozenset({"-", ",", "!", "?"})
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Drop control and format characters TeX would choke on; collapse whitespace."""
    kept = [
        ch
        for ch in text
        if ch in "\t\n\r " or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn")
    ]
    return _SPACE.sub(" ", "".join(kept)).strip()


def escape_text(text: str) -> str:
    """LaTeX that typesets ``text`` exactly as written."""
    text = clean(text)
    out: list[str] = []
    for index, ch in enumerate(text):
        out.append(_CHARS.get(ch, ch))
        following = text[index + 1 : index + 2]
        if ch in _LIGATURE_PAIRS and following in ("-", ",", "`", "!", "?", ch):
            out.append("{}")
    return "".join(out)


def escape_url(url: str) -> str:
    """A URL as an argument of \\href or \\url: percent-encode what TeX cannot take raw."""
    url = clean(url).replace(" ", "%20")
    encoded = quote(url, safe="/:?=&;@+$,-._!*'()[]%#~")
    encoded = encoded.replace("%", r"\%").replace("&", r"\&").replace("#", r"\#").replace("_", r"\_")
    return encoded.replace("~", r"\string~")  # a literal tilde both in the link and in its text


def url_for_display(url: str) -> str:
    """The visible text of a bare link: without the scheme, as people read it."""
    return re.sub(r"^(https?://|mailto:)", "", url).rstrip("/")
