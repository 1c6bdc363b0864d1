"""Read a .bib file into plain records, LaTeX turned into text; knows BibTeX, not CVs.

pybtex parses (string macros, month macros, BibTeX's name rules, line numbers in its errors);
pylatexenc turns field values into Unicode text (``{\\'e}`` -> é, braces dropped). Nothing
from the .bib reaches TeX as LaTeX: the renderer escapes it like any other text. ``@preamble``
is ignored.

Like BibTeX itself, the reader goes on past what it cannot read: stray text, an undefined
``@string`` name or a repeated key is a warning at its line (a repeated entry is skipped, as
BibTeX does). Only an entry left open at the end of the file, which swallows everything after
it, is an error.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Person
from pybtex.exceptions import PybtexError
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from texcv.errors import Code, InputError, InputErrors, InputWarning, Location
from texcv.source.bibtex_limits import LimitedParser
from texcv.source.yaml_reader import read_text

# Fields that hold a link or an identifier: unescaped, never typeset as LaTeX text.
LINK_FIELDS = frozenset({"url", "doi", "eprint", "hal_id", "isbn", "issn"})
_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*(\w+)[ \t]*[{(][ \t]*([^,\s]*)", re.MULTILINE)
# pylatexenc reads \textasciicircum as a modifier letter (U+02C6) and drops \textless,
# \textgreater, \textbar, \textquotedbl and \textbrace...: they are the ASCII characters
# they print (texcv's .bib writer uses them, texcv.source.bibtex_writer).
_CONTEXT = get_default_latex_context_db()
_CONTEXT.add_context_category(
    "texcv-ascii",
    prepend=True,
    macros=[
        MacroTextSpec(name, text)
        for name, text in (
            ("textasciicircum", "^"),
            ("textless", "<"),
            ("textgreater", ">"),
            ("textbar", "|"),
            ("textquotedbl", '"'),
            ("textbraceleft", "{"),
            ("textbraceright", "}"),
        )
    ],
)
_LATEX = LatexNodes2Text(latex_context=_CONTEXT, math_mode="text", strict_latex_spaces=True)
# Values without these characters need no LaTeX parser (most of a large .bib): braces go.
_NEEDS_LATEX = re.compile(r"[\\$~`'%-]")
# \url{target} and \href{target}{text}: kept as links, not flattened into text.
_LINK = re.compile(
    r"\\url\s*\{(?P<url>[^{}]*)\}"
    r"|\\href\s*\{(?P<target>[^{}]*)\}\s*\{(?P<label>(?:[^{}]|\{[^{}]*\})*)\}"
)
# Accent commands and the combining mark each adds: {\\'e}, \\'{e}, \\'e, \\c{c}, \\"{\\i}.
_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
}
_ACCENT = re.compile(
    r"\\(?P<accent>['`^\"~=.]|[uvHckr](?=[\s{]))\s*"
    r"(?:\{(?P<braced>\\[ij]|[A-Za-z])\}|(?P<letter>\\[ij](?![A-Za-z])|[A-Za-z]))"
)
_ESCAPED = re.compile(r"\\([&%$#_{}])")
# Letters written as commands; a command word eats the spaces after it, as in TeX.
_LETTERS = {
    "aa": "å",
    "AA": "Å",
    "o": "ø",
    "O": "Ø",
    "ss": "ß",
    "l": "ł",
    "L": "Ł",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "i": "ı",
    "j": "ȷ",
}
_LETTER = re.compile(r"\\(aa|AA|ae|AE|oe|OE|ss|[oOlLij])(?![A-Za-z])\s*")
_LIGATURES = (("---", "—"), ("--", "–"), ("``", "“"), ("''", "”"), ("~", " "))
Segment = tuple[str, str | None]  # text, and the URL it links to (None: plain text)
_URL_ESCAPES = {r"\_": "_", r"\%": "%", r"\&": "&", r"\#": "#", r"\~{}": "~", r"\~": "~"}


@dataclass(frozen=True)
class BibEntry:
    """One work from the .bib: its type (lower case), key, line and fields as text."""

    key: str
    type: str
    line: int
    fields: dict[str, str]  # lower-case field names; values are plain text
    authors: tuple[Person, ...]  # name parts are plain text
    editors: tuple[Person, ...]
    # Text fields that hold \url or \href, as text and link segments (their `fields` value
    # is the same text without the links' targets).
    links: dict[str, tuple[Segment, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class BibFile:
    """A .bib file's entries in file order, and what was skipped or guessed while reading."""

    entries: list[BibEntry]
    warnings: list[InputWarning]


def read_bib(path: Path, display: str) -> BibFile:
    """The .bib at ``path`` (``display`` names it in messages)."""
    return parse_bib(read_text(path, display), display)


def parse_bib(text: str, display: str) -> BibFile:
    """Parse .bib text; problems are warnings (or an InputError) at ``display:LINE``."""
    starts = _entry_starts(text)
    lines: dict[str, int] = {}
    for line, name in starts:
        lines.setdefault(name[name.index("{") + 1 : -1].casefold(), line)
    stopped: list[Exception] = []
    with pybtex.errors.capture() as captured:
        try:
            data: BibliographyData = LimitedParser(display).parse_string(text)
        except PybtexError as error:  # what capture() does not catch ends the parse
            stopped.append(error)
            data = BibliographyData()
    fatal = stopped + [e for e in captured if type(e).__name__ == "PrematureEOF"]
    if fatal:
        raise InputErrors([_error(error, text, display, lines) for error in fatal])
    warnings = [_warning(error, text, display, lines, starts) for error in captured]
    warnings.sort(key=lambda warning: warning.location.line or 0 if warning.location else 0)
    entries = [
        _entry(key, entry, lines.get(key.casefold(), 1)) for key, entry in data.entries.items()
    ]
    return BibFile(entries, warnings)


@lru_cache(maxsize=4096)  # names, venues and publishers recur in every entry
def latex_to_text(value: str) -> str:
    """``Spurious {V}alleys of R{\\'e}mi`` -> ``Spurious Valleys of Rémi``.

    The LaTeX most .bib fields hold (braces, accents, escaped specials, dashes) is read by a
    few substitutions, checked equal to pylatexenc's reading on every field of the corpus in
    tests/bib_corpus; anything else (math, other macros, comments) goes to pylatexenc.
    """
    if not _NEEDS_LATEX.search(value):
        return " ".join(value.replace("{", "").replace("}", "").split())
    simple = _simple_latex(value)
    if simple is not None:
        return simple
    return " ".join(_LATEX.latex_to_text(value).split())


def _simple_latex(value: str) -> str | None:
    """The text of ``value`` if it uses only accents, escaped specials, dashes, quotes and
    braces; None otherwise."""
    if "$" in value or "%" in value.replace("\\%", ""):
        return None
    text = _ACCENT.sub(_accented, value)
    text = _ESCAPED.sub(lambda found: found.group(1), text)
    text = _LETTER.sub(lambda found: _LETTERS[found.group(1)], text)
    if "\\" in text:
        return None
    for latex, plain in _LIGATURES:  # before braces go: -{}- stays two hyphens
        text = text.replace(latex, plain)
    return " ".join(text.replace("{", "").replace("}", "").split())


def _accented(found: re.Match[str]) -> str:
    letter = found.group("letter") or found.group("braced")
    letter = {"\\i": "i", "\\j": "j"}.get(letter, letter)  # \\"\\i is ï
    combined = unicodedata.normalize("NFC", letter + _ACCENTS[found.group("accent")])
    return combined if len(combined) == 1 else found.group(0)


def segments(value: str) -> tuple[Segment, ...]:
    """``See \\url{https://x.org}`` -> ``(("See ", None), ("https://x.org", "https://x.org"))``:
    text as text, \\url and \\href as links. Spaces next to a link are kept."""
    out: list[Segment] = []
    position = 0
    for match in _LINK.finditer(value):
        out.append((_text_keeping_edges(value[position : match.start()]), None))
        if match.group("url") is not None:
            target = link_text(match.group("url"))
            out.append((target, target))
        else:
            out.append((latex_to_text(match.group("label")), link_text(match.group("target"))))
        position = match.end()
    out.append((_text_keeping_edges(value[position:]), None))
    return tuple((text, url) for text, url in out if text or url)


def _text_keeping_edges(value: str) -> str:
    text = latex_to_text(value)
    if not text:
        return " " if value[:1].isspace() or value[-1:].isspace() else ""
    lead = " " if value[:1].isspace() else ""
    trail = " " if value[-1:].isspace() else ""
    return f"{lead}{text}{trail}"


def link_text(value: str) -> str:
    """A URL or DOI field as the link itself: ``\\url{}``, braces and escapes removed."""
    value = re.sub(r"\\(?:url|href)\s*\{([^{}]*)\}", r"\1", value.strip())
    for escaped, plain in _URL_ESCAPES.items():
        value = value.replace(escaped, plain)
    return value.replace("{", "").replace("}", "").strip()


def _entry(key: str, entry: object, line: int) -> BibEntry:
    fields: dict[str, str] = {}
    links: dict[str, tuple[Segment, ...]] = {}
    for name, value in entry.fields.items():  # type: ignore[attr-defined]
        name = name.lower()
        if name in LINK_FIELDS:
            fields[name] = link_text(value)
        elif "\\url" in value or "\\href" in value:
            links[name] = segments(value)
            fields[name] = " ".join("".join(text for text, _ in links[name]).split())
        else:
            fields[name] = latex_to_text(value)
    persons = entry.persons  # type: ignore[attr-defined]
    return BibEntry(
        key=key,
        type=entry.type.lower(),  # type: ignore[attr-defined]
        line=line,
        fields=fields,
        authors=tuple(_plain_person(p) for p in persons.get("author", ())),
        editors=tuple(_plain_person(p) for p in persons.get("editor", ())),
        links=links,
    )


def _plain_person(person: Person) -> Person:
    for attribute in ("first_names", "middle_names", "prelast_names", "last_names"):
        parts = [latex_to_text(part) for part in getattr(person, attribute)]
        setattr(person, attribute, [part for part in parts if part])
    person.lineage_names = [latex_to_text(p) for p in person.lineage_names if latex_to_text(p)]
    return person


def _entry_starts(text: str) -> list[tuple[int, str]]:
    """(line, ``@type{key}``) of each entry, in file order."""
    starts: list[tuple[int, str]] = []
    line, position = 1, 0
    for match in _ENTRY_START.finditer(text):
        if match.group(1).lower() in ("string", "preamble", "comment"):
            continue
        line += text.count("\n", position, match.start())
        position = match.start()
        starts.append((line, f"@{match.group(1).lower()}{{{match.group(2)}}}"))
    return starts


def _warning(
    error: Exception,
    text: str,
    display: str,
    lines: dict[str, int],
    starts: list[tuple[int, str]],
) -> InputWarning:
    """A problem pybtex read past, at its line, naming the entry it is in."""
    found = _error(error, text, display, lines)
    line = found.location.line if found.location else None
    message = found.message
    if message.startswith("duplicate entry key"):
        message = f"{_inside(line, starts)}the key is used twice; this second entry is skipped"
        hint = "give each entry its own key (BibTeX also keeps only the first)"
    elif message.startswith("undefined string"):
        name = message.rsplit(" ", 1)[-1]
        message = f"{_inside(line, starts)}undefined @string '{name}': the field is left empty"
        hint = "put text values in braces or quotes: month = {sept}"
    else:
        where = _inside(line, starts)
        message = f"{where}{message}; the text up to the next @ is skipped"
        hint = (
            "an @ starts an entry for BibTeX, even in a comment; write 'at' there"
            if where.startswith("outside")
            else "check this entry's commas, braces and quotes; BibTeX skips the rest too"
        )
    return InputWarning(message, location=Location(display, line), hint=hint, code=Code.BIB_SYNTAX)


def _inside(line: int | None, starts: list[tuple[int, str]]) -> str:
    """``@type{key}: `` for the entry that holds ``line`` (the last one starting at or before
    it)."""
    if line is None:
        return ""
    names = [name for start, name in starts if start <= line]
    return f"{names[-1]}: " if names else "outside any entry: "


def _error(error: Exception, text: str, display: str, lines: dict[str, int]) -> InputError:
    message = str(error)
    line: int | None = getattr(error, "lineno", None)
    message = re.sub(r"^(syntax error|undefined string) in line \d+: ", r"\1: ", message)
    hint = None
    if type(error).__name__ == "PrematureEOF":
        line = _last_entry_line(text) or line
        message = "this entry is not closed before the end of the file"
        hint = "a closing '}' (or '\"') is missing in this entry"
    elif message.startswith("undefined string"):
        hint = "put text values in braces or quotes: title = {...}"
    elif line is None:
        key = re.search(r"(?:entry(?: with key)?:? )(\S+)", message)
        if key:
            line = _duplicate_line(text, key.group(1)) or lines.get(key.group(1).casefold())
        quoted = re.search(r"'(.+)'", message)
        if line is None and quoted and quoted.group(1) in text:
            line = text.count("\n", 0, text.index(quoted.group(1))) + 1
        if message.startswith("repeated bibliography entry"):
            message = message.replace("repeated bibliography entry", "duplicate entry key")
            hint = "each entry needs its own key; rename or remove one of them"
    return InputError(message, location=Location(display, line), hint=hint, code=Code.BIB_SYNTAX)


def _last_entry_line(text: str) -> int | None:
    starts = [m.start() for m in _ENTRY_START.finditer(text)]
    return text.count("\n", 0, starts[-1]) + 1 if starts else None


def _duplicate_line(text: str, key: str) -> int | None:
    """The line of the second ``@type{key`` (the repeated one), when there are two."""
    found = [m for m in _ENTRY_START.finditer(text) if m.group(2).casefold() == key.casefold()]
    return text.count("\n", 0, found[1].start()) + 1 if len(found) > 1 else None
