"""Read a .bib file into plain records, LaTeX turned into text; knows BibTeX, not CVs.

pybtex parses (string macros, month macros, BibTeX's name rules, line numbers in its errors);
pylatexenc turns field values into Unicode text (``{\\'e}`` -> é, braces dropped). Nothing
from the .bib reaches TeX as LaTeX: the renderer escapes it like any other text. ``@preamble``
is ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pybtex.errors
from pybtex.database import BibliographyData, Person
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from texcv.errors import InputError, InputErrors, Location
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


def read_bib(path: Path, display: str) -> list[BibEntry]:
    """The entries of the .bib at ``path`` (``display`` names it in errors), in file order."""
    return parse_bib(read_text(path, display), display)


def parse_bib(text: str, display: str) -> list[BibEntry]:
    """Parse .bib text; every problem becomes an InputError at ``display:LINE``."""
    lines = _entry_lines(text)
    with pybtex.errors.capture() as captured:
        try:
            data: BibliographyData = Parser().parse_string(text)
        except PybtexError as error:  # what capture() does not catch ends the parse
            captured.append(error)
            data = BibliographyData()
    errors = [_error(error, text, display, lines) for error in captured]
    if errors:
        raise InputErrors(errors)
    return [_entry(key, entry, lines.get(key.casefold(), 1)) for key, entry in data.entries.items()]


def latex_to_text(value: str) -> str:
    """``Spurious {V}alleys of R{\\'e}mi`` -> ``Spurious Valleys of Rémi``."""
    if not any(ch in value for ch in "\\{}$~-`'"):
        return value
    return " ".join(_LATEX.latex_to_text(value).split())


def link_text(value: str) -> str:
    """A URL or DOI field as the link itself: ``\\url{}``, braces and escapes removed."""
    value = re.sub(r"\\(?:url|href)\s*\{([^{}]*)\}", r"\1", value.strip())
    for escaped, plain in _URL_ESCAPES.items():
        value = value.replace(escaped, plain)
    return value.replace("{", "").replace("}", "").strip()


def _entry(key: str, entry: object, line: int) -> BibEntry:
    fields = {
        name.lower(): link_text(value) if name.lower() in LINK_FIELDS else latex_to_text(value)
        for name, value in entry.fields.items()  # type: ignore[attr-defined]
    }
    persons = entry.persons  # type: ignore[attr-defined]
    return BibEntry(
        key=key,
        type=entry.type.lower(),  # type: ignore[attr-defined]
        line=line,
        fields=fields,
        authors=tuple(_plain_person(p) for p in persons.get("author", ())),
        editors=tuple(_plain_person(p) for p in persons.get("editor", ())),
    )


def _plain_person(person: Person) -> Person:
    for attribute in ("first_names", "middle_names", "prelast_names", "last_names"):
        parts = [latex_to_text(part) for part in getattr(person, attribute)]
        setattr(person, attribute, [part for part in parts if part])
    person.lineage_names = [latex_to_text(p) for p in person.lineage_names if latex_to_text(p)]
    return person


def _entry_lines(text: str) -> dict[str, int]:
    """Line of each entry's ``@type{key``, by key (case-insensitive, as BibTeX compares)."""
    lines: dict[str, int] = {}
    for match in _ENTRY_START.finditer(text):
        if match.group(1).lower() in ("string", "preamble", "comment"):
            continue
        lines.setdefault(match.group(2).casefold(), text.count("\n", 0, match.start()) + 1)
    return lines


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
    return InputError(message, location=Location(display, line), hint=hint)


def _last_entry_line(text: str) -> int | None:
    starts = [m.start() for m in _ENTRY_START.finditer(text)]
    return text.count("\n", 0, starts[-1]) + 1 if starts else None


def _duplicate_line(text: str, key: str) -> int | None:
    """The line of the second ``@type{key`` (the repeated one), when there are two."""
    found = [m for m in _ENTRY_START.finditer(text) if m.group(2).casefold() == key.casefold()]
    return text.count("\n", 0, found[1].start()) + 1 if len(found) > 1 else None
