"""Pick the TeX engine the text needs: pdflatex when it can print every character so that
the PDF's text layer gives it back (texcv.render.charset), else lualatex with Noto fonts."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from texcv.render.charset import pdflatex_characters
from texcv.render.escape import clean
from texcv.render.locale import words_for
from texcv.schema import CV
from texcv.source.yaml_reader import walk_strings


def characters_pdflatex_lacks(texts: Iterable[str]) -> set[str]:
    """The characters of ``texts`` (as they reach TeX) that pdflatex cannot print faithfully."""
    allowed = pdflatex_characters()
    return set(clean(" ".join(texts))) - allowed


def printed_strings(cv: CV) -> Iterator[str]:
    """The person's text and the words texcv adds in the CV's language."""
    for data in (cv.model_dump(), dataclasses.asdict(words_for(cv.locale))):
        yield from (text for _, text in walk_strings(data))


def choose_engine(cv: CV) -> str:
    return engine_for(cv.design.engine, printed_strings(cv))


def engine_for(setting: str, texts: Iterable[str]) -> str:
    """The engine for a document of ``texts`` (a letter) whose design says ``setting``."""
    if setting != "auto":
        return setting
    return "lualatex" if characters_pdflatex_lacks(texts) else "pdflatex"
