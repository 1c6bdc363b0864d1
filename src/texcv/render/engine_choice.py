"""Pick the TeX engine the text needs, from the characters the CV prints.

pdfLaTeX when it can print every character so that the PDF's text layer gives it back: Latin
(T1/TS1, texcv.render.charset), Vietnamese words (T5), Greek (LGR), Cyrillic (T2A) and the
common symbols, all in the Latin Modern look. Anything else (CJK, Arabic, Hebrew, Indic
scripts, Thai, emoji...) needs LuaLaTeX with OpenType fonts; the choice says which character
asked for it and where it is, so the build can tell the person why their CV switched engine.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

from texcv.render import scripts
from texcv.render.charset import (
    cyrillic_letters,
    greek_letters,
    pdflatex_characters,
    vietnamese_letters,
)
from texcv.render.escape import clean
from texcv.render.locale import words_for
from texcv.schema import CV
from texcv.source.yaml_reader import DataPath, walk_strings


@dataclass(frozen=True)
class Needs:
    """What the printed text asks of the engine and fonts.

    ``characters`` maps each run key (texcv.render.scripts; None for the document's own
    fonts) to the characters printed in such runs. ``beyond_pdflatex`` is the first character
    pdfLaTeX cannot print, with the path of the field that holds it (None: texcv's own words).
    """

    characters: dict[str | None, frozenset[str]] = field(default_factory=dict)
    beyond_pdflatex: tuple[str, DataPath | None] | None = None

    @property
    def keys(self) -> frozenset[str]:
        """The scripts with runs of their own."""
        return frozenset(key for key in self.characters if key is not None)

    def all_characters(self) -> frozenset[str]:
        return frozenset().union(*self.characters.values())


@dataclass(frozen=True)
class EngineChoice:
    """The engine, and what the text needs of it (``needs.beyond_pdflatex`` says why not
    pdfLaTeX). ``forced``: design.engine named the engine."""

    engine: str
    needs: Needs
    forced: bool = False


@cache
def pdflatex_keys() -> dict[str | None, frozenset[str]]:
    """For each run key pdfLaTeX can print, the characters it prints in such runs."""
    space = frozenset(" ")
    return {
        None: pdflatex_characters(),
        scripts.VIETNAMESE: vietnamese_letters() | space,
        "Grek": greek_letters() | space,
        "Cyrl": cyrillic_letters() | space,
    }


def printed_strings(cv: CV) -> Iterator[tuple[DataPath | None, str]]:
    """The person's text (with its path in the CV) and the words texcv adds in its language."""
    yield from walk_strings(cv.model_dump())
    for _, text in walk_strings(dataclasses.asdict(words_for(cv.locale))):
        yield None, text


def text_needs(strings: Iterable[tuple[DataPath | None, str]]) -> Needs:
    """What these strings (as they reach TeX, after clean) need."""
    allowed = pdflatex_keys()
    found: dict[str | None, set[str]] = {None: set()}
    beyond: tuple[str, DataPath | None] | None = None
    ascii_seen: set[str] = set()
    for path, raw in strings:
        text = clean(raw)
        if text.isascii():
            ascii_seen.update(text)
            continue
        for run in scripts.runs(text):
            chars = set(text[run.start : run.end])
            found.setdefault(run.key, set()).update(chars)
            if beyond is None:
                lacking = chars - allowed.get(run.key, frozenset())
                if lacking:
                    first = next(ch for ch in text[run.start : run.end] if ch in lacking)
                    beyond = (first, path)
    found[None].update(ascii_seen)
    return Needs({key: frozenset(chars) for key, chars in found.items()}, beyond)


def choose(cv: CV, engine: str | None = None) -> EngineChoice:
    """The engine for ``cv``: ``engine`` (the build request's) or design.engine, else auto;
    a font family named in design.font needs fontspec, so LuaLaTeX."""
    setting = cv.design.engine
    if setting == "auto" and cv.design.font:
        setting = "lualatex"
    return choose_for(printed_strings(cv), setting, engine)


def choose_for(
    strings: Iterable[tuple[DataPath | None, str]], setting: str, engine: str | None = None
) -> EngineChoice:
    """The engine for a document of ``strings`` (a CV, a letter) whose design says
    ``setting`` (``auto`` or an engine); ``engine``, the build request's, comes first."""
    needs = text_needs(strings)
    forced = engine or (setting if setting != "auto" else None)
    if forced:
        return EngineChoice(forced, needs, forced=True)
    return EngineChoice("lualatex" if needs.beyond_pdflatex else "pdflatex", needs)


def characters_pdflatex_lacks(texts: Iterable[str]) -> set[str]:
    """The characters of ``texts`` (as they reach TeX) that pdfLaTeX cannot print faithfully."""
    allowed = pdflatex_keys()
    lacking: set[str] = set()
    for text in texts:
        cleaned = clean(text)
        for run in scripts.runs(cleaned):
            lacking |= set(cleaned[run.start : run.end]) - allowed.get(run.key, frozenset())
    return lacking


def choose_engine(cv: CV) -> str:
    return choose(cv).engine
