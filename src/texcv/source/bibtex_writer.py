"""Write works as a .bib file that BibTeX, LaTeX and texcv's own reader all read as typed.

Field values are LaTeX inside braces: every character TeX treats specially is a command that
prints it, ligatures (``--``, ``''``, ``,,``) are kept apart, titles get a second pair of braces
so that BibTeX styles keep their capitals. Names containing the word "and" are braced whole,
so BibTeX does not split them into two people. Non-ASCII text is written as UTF-8.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from texcv.tex_specials import SPECIALS

_CHARS: dict[str, str] = {
    **SPECIALS,
    "{": r"\textbraceleft{}",  # not \{: BibTeX counts every brace, escaped or not
    "}": r"\textbraceright{}",
}
_LIGATURE_START = frozenset("-,")  # -- is an en dash, ,, a low quote: kept apart by {}
_SPACE = re.compile(r"\s+")
_AND = re.compile(r"\band\b", re.IGNORECASE)
# Fields whose value is a link or identifier: written as is, only braces and % kept safe.
LINK_FIELDS = frozenset({"url", "doi"})


@dataclass
class BibWork:
    """One work to write: a type, a key, its authors and its fields (plain text)."""

    type: str
    key: str
    authors: list[str]
    fields: dict[str, str] = field(default_factory=dict)


def escape_bib(text: str) -> str:
    """LaTeX for a .bib field that prints ``text`` exactly."""
    text = _SPACE.sub(" ", text).strip()
    out = []
    for index, ch in enumerate(text):
        out.append(_CHARS.get(ch, ch))
        if ch in _LIGATURE_START and text[index + 1 : index + 2] in _LIGATURE_START:
            out.append("{}")
    return "".join(out)


def bib_name(name: str) -> str:
    """One author for BibTeX's `author` field."""
    escaped = escape_bib(name)
    return f"{{{escaped}}}" if _AND.search(name) else escaped


def cite_key(authors: list[str], year: str, title: str, taken: set[str]) -> str:
    """``baggins2004finite``: first author's last word, year, first long title word; unique."""

    def ascii_word(text: str) -> str:
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]", "", folded.lower())

    last = ascii_word(authors[0].split()[-1]) if authors and authors[0].split() else "anon"
    words = [ascii_word(word) for word in title.split()]
    word = next((w for w in words if len(w) > 3), words[0] if words else "")
    base = f"{last}{year}{word}" or "work"
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}{chr(ord('a') + number - 2)}" if number <= 27 else f"{base}{number}"
    taken.add(key)
    return key


def dump_bib(works: Iterable[BibWork], preface: str = "") -> str:
    """The .bib text for ``works``, one entry per work, in order."""
    out = [f"% {line}" for line in preface.splitlines()]
    for work in works:
        lines = [f"@{work.type}{{{work.key},"]
        lines.append(f"  author = {{{' and '.join(bib_name(a) for a in work.authors)}}},")
        for name, value in work.fields.items():
            if name in LINK_FIELDS:
                written = value.replace("%", r"\%").replace("{", "%7B").replace("}", "%7D")
            elif name == "title":
                written = f"{{{escape_bib(value)}}}"
            else:
                written = escape_bib(value)
            lines.append(f"  {name} = {{{written}}},")
        lines.append("}")
        out.append("\n".join(lines))
    return "\n\n".join(out) + "\n"
