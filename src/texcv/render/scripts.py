"""Split text into runs by the script their font must handle: the same answer for every engine.

Text in the document's own Latin fonts stays as it is. A run of another script is wrapped by
the escaper in ``\\texcvscript{KEY}{...}``; the preamble, written for the engine and for the
scripts this CV uses, says what each key does (latex_templates/scripts.tex): a font encoding
for pdfLaTeX (``Grek`` -> LGR, ``Cyrl`` -> T2A, ``vi`` -> T5), a font and a writing direction
for LuaLaTeX (``Arab`` -> Noto Sans Arabic, right to left). Keys are ISO 15924 script codes
(from Unicode's Scripts.txt through fontTools, since Python's unicodedata has no script
property), with Chinese, Japanese kana and Korean joined as ``Hani`` (one Noto CJK font
prints them all), plus ``vi``: a Latin word with a letter only Vietnamese fonts have whole
(``Quốc``), set as one word so that its letters kern together.

Inside a run: combining marks follow their letter; spaces (and, right to left, digits and
punctuation) between two letters of the same script stay in it; punctuation that belongs to
the script (Arabic comma, ideographic full stop) joins it. Digits inside a right-to-left run
are marked left to right (``\\texcvltr``), as Unicode's bidirectional algorithm would show
them; digits after its last word belong to the line around it, which runs left to right like
every line of a CV (``Ph.D., جامعة القاهرة, 2020``). Between Chinese or Japanese characters,
which have no spaces, the escaper allows a line break (``\\texcvcjkbreak``), except before
closing and after opening punctuation.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from texcv.render.charset import SYMBOLS, t1_ts1, vietnamese_letters, vietnamese_marks

# Scripts whose characters the document's own fonts print: no run of their own.
_OWN = frozenset({"Latn", "Zyyy", "Zinh", "Zzzz"})
# Scripts printed by one font: its key.
_JOINED = {"Hira": "Hani", "Kana": "Hani", "Bopo": "Hani", "Hang": "Hani"}
VIETNAMESE = "vi"
CJK = "Hani"
# No line break before these (closing punctuation) or after those (opening), in CJK text.
_NO_BREAK_BEFORE = frozenset("、。，．：；？！）」』】〕〉》’”〙〗〛ー・ゝゞヽヾ々〻")
_NO_BREAK_AFTER = frozenset("（「『【〔〈《‘“〘〖〚")


@dataclass(frozen=True)
class Run:
    """``text[start:end]`` in the script ``key`` (None: the document's own fonts)."""

    start: int
    end: int
    key: str | None


@cache
def script(ch: str) -> str:
    """The ISO 15924 code of ``ch``'s script (``Zyyy``: common to all, ``Zinh``: inherited)."""
    if ch < "\u0250":  # Latin and its punctuation: no table look-up for most text
        return "Latn" if ch.isalpha() else "Zyyy"
    from fontTools.unicodedata import script as unicode_script

    return str(unicode_script(ch))


@cache
def _latin_modern() -> frozenset[str]:
    """Characters of Latin and common scripts that pdfLaTeX's T1/TS1 fonts print: no look-up."""
    return t1_ts1() | frozenset(SYMBOLS)


@cache
def key_of(ch: str) -> str | None:
    """The run key of ``ch`` alone (None for Latin, common and inherited characters)."""
    if ch in _latin_modern():
        return None
    code = script(ch)
    if code in _OWN:
        return None
    return _JOINED.get(code, code)


@cache
def right_to_left(key: str) -> bool:
    """Whether the script ``key`` is written right to left (Arabic, Hebrew, Syriac, ...)."""
    if key == VIETNAMESE:
        return False
    from fontTools.unicodedata import script_horizontal_direction

    return str(script_horizontal_direction(key, "LTR")) == "RTL"


@cache
def _extensions(ch: str) -> frozenset[str]:
    """The scripts a common character is used with (Unicode's ScriptExtensions)."""
    if ch < "\u0250":
        return frozenset()
    from fontTools.unicodedata import script_extension

    found = {_JOINED.get(code, code) for code in script_extension(ch)}
    if unicodedata.east_asian_width(ch) in ("F", "W"):  # fullwidth punctuation: CJK text's
        found.add(CJK)
    return frozenset(found)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def runs(text: str) -> list[Run]:
    """``text`` cut into runs; adjacent runs differ in key. One run for plain Latin text."""
    if text.isascii():
        return [Run(0, len(text), None)] if text else []
    keys = [key_of(ch) for ch in text]
    _mark_vietnamese_words(text, keys)
    if not any(keys):  # Latin with accents and symbols: one run, no script look-ups
        return [Run(0, len(text), None)]
    _attach_marks(text, keys)
    _join_across(text, keys)
    found: list[Run] = []
    start = 0
    for index in range(1, len(text) + 1):
        if index == len(text) or keys[index] != keys[start]:
            found.append(Run(start, index, keys[start]))
            start = index
    return found


def _mark_vietnamese_words(text: str, keys: list[str | None]) -> None:
    """A word with a letter only T5 prints whole, all of whose letters T5 has, is ``vi``."""
    marks = vietnamese_marks()
    if not any(ch in marks for ch in text):
        return
    letters = vietnamese_letters()
    index = 0
    while index < len(text):
        if not (text[index].isalpha() or _is_mark(text[index])):
            index += 1
            continue
        end = index
        while end < len(text) and (text[end].isalpha() or _is_mark(text[end])):
            end += 1
        word = text[index:end]
        if any(ch in marks for ch in word) and all(ch in letters for ch in word):
            keys[index:end] = [VIETNAMESE] * (end - index)
        index = end


def _attach_marks(text: str, keys: list[str | None]) -> None:
    """Combining marks (script ``Zinh``) belong to the run of the letter before them."""
    for index in range(1, len(text)):
        if keys[index] is None and script(text[index]) == "Zinh":
            keys[index] = keys[index - 1]


def _join_across(text: str, keys: list[str | None]) -> None:
    """Neutral characters between (or beside) letters of one script join that script's run."""
    for index, ch in enumerate(text):
        if keys[index] is not None or script(ch) == "Latn":
            continue
        before = keys[index - 1] if index else None
        if before is not None and before in _extensions(ch):
            keys[index] = before
    for index in range(len(text) - 1, -1, -1):
        ch = text[index]
        if keys[index] is not None or script(ch) == "Latn":
            continue
        after = keys[index + 1] if index + 1 < len(text) else None
        if after is not None and after in _extensions(ch):
            keys[index] = after
    index = 0
    while index < len(text):
        if keys[index] is not None or index == 0 or keys[index - 1] is None:
            index += 1
            continue
        key = keys[index - 1]
        end = index
        while end < len(text) and keys[end] is None and _neutral_in(text[end], key):
            end += 1
        if end < len(text) and keys[end] == key:
            keys[index:end] = [key] * (end - index)
        index = end + 1 if end == index else end


def _neutral_in(ch: str, key: str | None) -> bool:
    """Whether ``ch`` between two letters of ``key`` stays in their run."""
    if ch == " ":
        return True
    if key is None or not right_to_left(key):
        return False
    # Right to left: digits and punctuation between two words keep the run going.
    return script(ch) == "Zyyy" and not ch.isalpha()


def wrap(key: str, latex: str) -> str:
    """The LaTeX of a run of the script ``key`` (its text escaped already)."""
    return rf"\texcvscript{{{key}}}{{{latex}}}"


def left_to_right(latex: str) -> str:
    """Digits inside a right-to-left run, shown left to right."""
    return rf"\texcvltr{{{latex}}}"


def is_digit_like(ch: str) -> bool:
    """European and Arabic-Indic digits: numbers read left to right in any script."""
    return unicodedata.bidirectional(ch) in ("EN", "AN")


def cjk_break_after(ch: str, following: str) -> bool:
    """Whether a line may break between ``ch`` and ``following`` in CJK text."""
    if ch in _NO_BREAK_AFTER or following in _NO_BREAK_BEFORE or following == " ":
        return False
    return script(ch) in ("Hani", "Hira", "Kana", "Zyyy") and script(following) != "Hang"
