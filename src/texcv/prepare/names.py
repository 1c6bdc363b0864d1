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


ET_AL = "et al."


def format_person(person: Person, style: AuthorFormat) -> str:
    """``Q.-T. Le`` (initials) or ``Quoc-Tung Le`` (as-written), given names first; BibTeX's
    ``and others`` is ``et al.``."""
    if not person.first_names and not person.middle_names and person.last_names == ["others"]:
        return ET_AL
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
    the family names are equal and the given names agree: either word for word (each an
    initial or the same word: ``Q.-T. Le`` = ``Quoc-Tung Le`` = ``Le, Quoc Tung``), or on the
    first given name alone, middle names being optional (``Swaroop Ravindra Joshi`` =
    ``Swaroop Joshi`` = ``S. R. Joshi``). Two given names that are both spelt out must be the
    same word: ``Quang-Tuan Le`` is someone else.
    """
    if author == ET_AL:
        return False
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
    return any(len(part) > 1 for word in _given_words(person) for part in word)


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
    words_a, words_b = _given_words(a), _given_words(b)
    flat_a = [part for word in words_a for part in word]
    flat_b = [part for word in words_b for part in word]
    if len(flat_a) == len(flat_b) and all(map(_agree, flat_a, flat_b)):
        return True  # word for word: Q. T. Le = Quoc-Tung Le
    if not words_a or not words_b:
        return not words_a and not words_b
    first_a, first_b = words_a[0], words_b[0]
    if len(first_a) != len(first_b) or not all(map(_agree, first_a, first_b)):
        return False  # the first given name (a hyphenated one whole) must agree
    middle_a = [part for word in words_a[1:] for part in word]
    middle_b = [part for word in words_b[1:] for part in word]
    return all(map(_agree, middle_a, middle_b))  # where both have middle names


def _agree(x: str, y: str) -> bool:
    """Two given names agree: the same word, or an initial and a word it begins."""
    if len(x) > 1 and len(y) > 1:
        return x == y
    return x[:1] == y[:1]


def _given_words(person: Person) -> list[list[str]]:
    """Given names as words, each split at hyphens and dots into parts (folded): ``Quoc-Tung
    R.`` -> ``[["quoc", "tung"], ["r"]]``; ``Q.T.`` -> ``[["q", "t"]]``."""
    words: list[list[str]] = []
    for name in person.first_names + person.middle_names:
        parts = [_fold(piece) for part in _HYPHEN.split(name) for piece in part.split(".")]
        parts = [part for part in parts if part]
        if parts:
            words.append(parts)
    return words


def _fold(text: str) -> str:
    """Lower case, without accents or punctuation: ``Rémi`` -> ``remi``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalnum()).casefold()


def _squash(name: str) -> str:
    return re.sub(r"[\s.,\-‐‑]+", "", name).casefold()
