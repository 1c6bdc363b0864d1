"""People's names in author lists: printing them one way, and recognising the CV's owner.

Names are split the BibTeX way by pybtex (``First von Last, Jr`` and ``von Last, Jr, First``),
so ``Le, Quoc-Tung``, ``Quoc-Tung Le`` and ``Q.-T. Le`` all have the last name ``Le``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from pybtex.database import Person
from pybtex.exceptions import PybtexError

from texcv.schema.publications import AuthorFormat

_HYPHEN = re.compile(r"[-‐‑]")
_LETTER = re.compile(r"\w")


def format_person(person: Person, style: AuthorFormat) -> str:
    """``Q.-T. Le`` (initials) or ``Quoc-Tung Le`` (as-written), given names first."""
    given = person.first_names + person.middle_names
    if style == "initials":
        given = [_initials(name) for name in given]
    family = person.prelast_names + person.last_names + person.lineage_names
    return " ".join(part for part in (*given, *family) if part)


def _initials(name: str) -> str:
    """``Quoc-Tung`` -> ``Q.-T.``; ``Q-T.`` -> ``Q.-T.``; ``Élisa`` -> ``É.``."""
    parts = [part.strip(".") for part in _HYPHEN.split(name)]
    letters = [_first_letter(part) for part in parts if _first_letter(part)]
    return "-".join(f"{letter}." for letter in letters) or name


def _first_letter(text: str) -> str:
    match = _LETTER.search(text)
    return match.group(0) if match else ""


def is_owner(author: str, owner_names: Iterable[str]) -> bool:
    """Whether ``author`` is one of the owner's spellings, however punctuated or ordered.

    Two spellings match when the text is equal ignoring case, spaces and punctuation, or when
    the family names are equal and the given names agree: same initials, and the same words
    wherever both spell a given name out (``Q.-T. Le`` = ``Quoc-Tung Le`` = ``Le, Quoc Tung``;
    ``Quang-Tuan Le`` is someone else).
    """
    if any(_squash(author) == _squash(name) for name in owner_names):
        return True
    parsed = _parse(author)
    if parsed is None:
        return False
    variants = [other for other in map(_parse, owner_names) if other is not None]
    if _spelt_out(parsed):
        # When you spell your given names out somewhere, a spelt-out name must be that one:
        # `Q-T. Le` in owner.names does not make `Quang-Tuan Le` you.
        full = [other for other in variants if _spelt_out(other)]
        variants = full or variants
    return any(_same_person(parsed, other) for other in variants)


def _spelt_out(person: Person) -> bool:
    return any(len(part) > 1 for part in _given_parts(person))


@cache  # the same few names recur in every entry; Person objects are only read here
def _parse(name: str) -> Person | None:
    try:
        return Person(name)
    except PybtexError:
        return None


def _same_person(a: Person, b: Person) -> bool:
    family_a = _fold(" ".join(a.prelast_names + a.last_names))
    family_b = _fold(" ".join(b.prelast_names + b.last_names))
    if not family_a or family_a != family_b:
        return False
    given_a, given_b = _given_parts(a), _given_parts(b)
    if [p[:1] for p in given_a] != [p[:1] for p in given_b]:
        return False
    return all(x == y for x, y in zip(given_a, given_b, strict=True) if len(x) > 1 and len(y) > 1)


def _given_parts(person: Person) -> list[str]:
    """Given names split at spaces and hyphens, folded; an initial is one letter."""
    parts: list[str] = []
    for name in person.first_names + person.middle_names:
        for part in _HYPHEN.split(name):
            for piece in part.split("."):
                folded = _fold(piece)
                if folded:
                    parts.append(folded)
    return parts


def _fold(text: str) -> str:
    """Lower case, without accents or punctuation: ``Rémi`` -> ``remi``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


def _squash(name: str) -> str:
    return re.sub(r"[\s.,\-‐‑]+", "", name).casefold()
