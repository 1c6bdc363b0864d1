"""Turn text from cv.yaml into LaTeX that prints it literally. The one place that escapes.

Every character that TeX treats specially becomes a command that prints it, so no input can
open a group, start math, run a macro, read a file, take an optional argument (``[``) or merge
into a ligature (``--``, ``''``, ``,,``, ``<<``, ``!```). The commands chosen are the ones whose
glyphs extract as the typed character from the PDF (``\\textquotesingle``, not ``'``, which
would print a curly quote). Control characters are dropped; runs of whitespace become one
space; leading and trailing spaces go. Every other character is passed on as it is: the engine
choice (texcv.render.engine_choice) makes sure the engine and fonts can print it.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from texcv.render import scripts
from texcv.tex_specials import SPECIALS

_CHARS: dict[str, str] = {
    **SPECIALS,
    "{": r"\{",
    "}": r"\}",
    "[": "{[}",
    "]": "{]}",
    "\u00a0": "~",
}
# Characters that merge with the next one into a ligature (``--`` into an en dash, ``,,``
# into a low quote, ``<<`` into a guillemet: fontspec's TeX ligatures see ``\textless`` as
# ``<``). A zero kern keeps them apart in pdfTeX and in LuaTeX alike (an empty group does not:
# LuaTeX applies the fonts' ligatures after the groups are gone).
_LIGATURE_START = frozenset("-,<>")
NO_LIGATURE = r"\kern0pt "
# Hyphenation is off (tweaks.tex) so that words stay whole in the text layer; a word longer
# than a column could hold (a URL, a path) may instead break after these characters. A break
# adds no glyph: the text layer only gains a line end there.
_LONG_WORD = re.compile(r"\S{25,}")
# ASCII text with none of these is written as it is: a character _CHARS replaces, or two
# that would join into a ligature.
_ESCAPED = re.compile("[" + re.escape("".join(_CHARS)) + "]|[-,<>]{2}")
_BREAK_AFTER = frozenset("/.-_?&=#:")
LINE_BREAK = r"\allowbreak "
# A stretch of a long word with no such character (a hash, a 5,000-letter word) may also break
# between any two of its letters, at a cost (latex_templates/tweaks.tex): TeX takes such a
# break only where the word would otherwise run into the margin. Only between characters of
# scripts drawn letter by letter (up to Armenian): a break between Arabic letters would undo
# their joining, one before a combining mark would detach it.
_UNBROKEN = re.compile(r"[^\s/.\-_?&=#:]{20,}")
_SPLITTABLE = re.compile(r"[\u0021-\u02ff\u0370-\u0482\u048a-\u058f]")  # no combining marks
WORD_BREAK = r"\texcvwordbreak "
# Between two Chinese or Japanese characters: a line may break there (they have no spaces).
CJK_BREAK = r"\texcvcjkbreak{}"
# Whitespace that separates words: collapsed into one space. Other Unicode spaces (no-break,
# em, ideographic) are characters of their own and kept.
_SPACE = re.compile(r"[\t\n\v\f\r \x1c-\x1f\x85\u2028\u2029]+")
# Control characters (Unicode category Cc) and lone surrogates (Cs), except the whitespace
# that _SPACE turns into a space.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff]")
# A hyphen in PDF strings (latex_templates/metadata.tex defines it).
PDF_HYPHEN = r"\texcvhyphen{}"
# What a keyword or TeX length may hold (escape_keyword).
_KEYWORD = re.compile(r"[A-Za-z0-9.]+")
_PERCENT_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
# Characters a URL keeps as they are; everything else is percent-encoded (UTF-8).
_URL_SAFE = "/:?=&;@+,-._!*'()%#~"


def clean(text: str) -> str:
    """Drop control characters TeX would choke on; collapse whitespace; strip the ends."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip(" ")


def escape_text(text: str) -> str:
    """LaTeX that typesets ``text`` exactly as written."""
    return escape_clean(clean(text))


def escape_clean(text: str, *, breaks: bool = True) -> str:
    """``escape_text`` for text already through ``clean`` (spaces at its ends are kept).

    ``breaks=False`` leaves out the line breaks in long words and CJK text (for PDF strings).
    Runs of another script than Latin are wrapped for their font (texcv.render.scripts).
    """
    if text.isascii() and not _ESCAPED.search(text) and not (breaks and _LONG_WORD.search(text)):
        return text  # most text: nothing to escape, wrap or break (the loop below, 10x faster)
    breakable = _inside_long_words(text) if breaks else set()
    splittable = _inside_unbroken_runs(text, breakable) if breaks else set()
    pieces: list[str] = []
    for index, ch in enumerate(text):
        piece = _CHARS.get(ch, ch)
        if ch in _LIGATURE_START and text[index + 1 : index + 2] in _LIGATURE_START:
            piece += NO_LIGATURE
        if ch in _BREAK_AFTER and index in breakable:
            piece += LINE_BREAK
        elif index in splittable:
            piece += WORD_BREAK
        pieces.append(piece)
    if text.isascii():
        return "".join(pieces)
    return "".join(_run_latex(text, pieces, run, breaks) for run in scripts.runs(text))


def _run_latex(text: str, pieces: list[str], run: scripts.Run, breaks: bool) -> str:
    """One run's escaped characters, wrapped for its script (texcv.render.scripts)."""
    if run.key is None:
        return "".join(pieces[run.start : run.end])
    out: list[str] = []
    index = run.start
    while index < run.end:
        ch = text[index]
        if scripts.right_to_left(run.key) and scripts.is_digit_like(ch):
            end = index + 1  # a number, with its inner separators: left to right
            while end < run.end and (
                scripts.is_digit_like(text[end])
                or (
                    text[end] in ".,:/"
                    and end + 1 < run.end
                    and scripts.is_digit_like(text[end + 1])
                )
            ):
                end += 1
            out.append(scripts.left_to_right("".join(pieces[index:end])))
            index = end
            continue
        out.append(pieces[index])
        if (
            breaks
            and run.key == scripts.CJK
            and index + 1 < run.end
            and scripts.cjk_break_after(ch, text[index + 1])
        ):
            out.append(CJK_BREAK)
        index += 1
    return scripts.wrap(run.key, "".join(out))


def escape_spaced(text: str) -> str:
    """``escape_text`` for text between markup: a space at either end stays, as one space, so
    ``a **b** c`` keeps its spaces; text of spaces alone becomes one space."""
    escaped = escape_text(text)
    if not escaped:
        return " " if text else ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return f"{lead}{escaped}{trail}"


def escape_tied(text: str) -> str:
    """Text whose spaces are no-break spaces (``~``), kept even at its ends: words that TeX
    fills in around parameters, as in ``page #1 sur #2``."""
    return "~".join(escape_text(word) for word in text.split(" "))


def escape_pdf_string(text: str) -> str:
    """Text for a PDF string (title, author...): escaped, with no line breaks. hyperref turns
    ``--`` into an en dash there whatever stands between the hyphens (a kern too), so each
    hyphen is ``PDF_HYPHEN``."""
    parts = clean(text).split("-")
    return PDF_HYPHEN.join(escape_clean(part, breaks=False) for part in parts)


def escape_keyword(text: str) -> str:
    """A value the schema takes only from a list or a pattern (a style name, a TeX length
    such as ``2cm``, the photo's fixed file name): passed on as it is. Anything but letters,
    digits and dots is refused, so a looser schema cannot let TeX through unescaped."""
    if not _KEYWORD.fullmatch(text):
        raise ValueError(f"not a keyword or TeX length: {text!r}")
    return text


def _inside_long_words(text: str) -> set[int]:
    """Positions inside words too long for a column (URLs, paths): they may break there."""
    return {i for word in _LONG_WORD.finditer(text) for i in range(word.start(), word.end() - 1)}


def _inside_unbroken_runs(text: str, breakable: set[int]) -> set[int]:
    """Positions in long words, between two splittable characters of a long run without a
    punctuation break: a break there costs, but keeps the word inside the page."""
    return {
        i
        for run in _UNBROKEN.finditer(text)
        for i in range(run.start(), run.end() - 1)
        if i in breakable and _SPLITTABLE.match(text[i]) and _SPLITTABLE.match(text[i + 1])
    }


def encode_url(url: str) -> str:
    """``url`` as a valid URI: spaces, non-ASCII and TeX-hostile characters percent-encoded.

    ``$``, ``[``, ``]``, ``{``, ``}``, ``\\``, ``^``, ``|``, ``"``, ``<``, ``>`` and backquote are
    encoded too: they would end an optional argument or change TeX's reading of the URL.
    A ``%`` that starts no ``%XX`` escape becomes ``%25``.
    """
    return quote(_PERCENT_ESCAPE.sub("%25", clean(url)), safe=_URL_SAFE)


def escape_url(url: str) -> str:
    """A URL as the target of \\href or \\texcvurl: the PDF's link holds it as given.

    ``_`` and ``~`` are written ``\\string_``, ``\\string~``: they stay plain characters when
    moderncv expands its header details (``\\_`` would become ``\\protect\\_`` in the link).
    """
    encoded = encode_url(url)
    for ch in "%&#":
        encoded = encoded.replace(ch, "\\" + ch)
    return encoded.replace("_", r"\string_").replace("~", r"\string~")


def url_for_display(url: str) -> str:
    """The visible text of a bare link: without the scheme, as people read it."""
    return re.sub(r"^(https?://|mailto:)", "", url).rstrip("/")
