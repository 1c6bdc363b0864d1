"""The person's own design choices beyond moderncv's named ones: RGB colours for its colour
slots, a font family, and a footer line whose page numbers TeX fills in."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from pylatex.base_classes import LatexObject
from pylatex.utils import NoEscape

from texcv.render import latex as tex
from texcv.render.dates import format_day
from texcv.render.escape import escape_spaced
from texcv.render.fonts import FontPlan
from texcv.render.inline import keyword, literal
from texcv.render.locale import Words
from texcv.render.script_preamble import FALLBACK
from texcv.schema.design import Colors

_SLOTS = {"text": "color0", "accent": "color1", "secondary": "color2"}


def own_colors(colors: Colors) -> Iterator[tex.DefineColor]:
    r"""``\definecolor{color1}{HTML}{3873B3}`` for each slot given (after \moderncvcolor)."""
    for field, slot in _SLOTS.items():
        value = getattr(colors, field)
        if value:
            yield tex.DefineColor(keyword(slot), keyword("HTML"), keyword(value[1:].upper()))


def own_font(family: str, engine: str, plan: FontPlan) -> Iterator[tex.TexCommand]:
    """The person's font for both of moderncv's families (roman and sans), by name through
    fontspec, after texcv's Noto fonts: under LuaLaTeX the plan's fallback fonts still print
    what the family lacks."""
    options = []
    if engine == "lualatex" and plan.fallback:
        options.append(NoEscape(f"RawFeature={{fallback={FALLBACK}}}"))
    for command in (tex.SetMainFont, tex.SetSansFont):
        yield command(literal(family), options=options)


def footer(
    text: str, name: str, words: Words, today: datetime.date, version: str
) -> Iterator[LatexObject | NoEscape]:
    r"""``\texcvfooter`` (the line, its fields filled in: the build's date in the CV's words,
    as a letter writes it) and footline.tex, which prints it on every page."""
    fields = {
        "{name}": literal(name),
        "{date}": literal(format_day(today, words)),
        "{page}": NoEscape(r"\thepage{}"),
        "{pages}": NoEscape(r"\pageref{texcvlastpage}"),
        "{version}": literal(version),
    }
    pieces = re.split(r"(\{\w+\})", text.replace("\n", " "))
    line = "".join(fields[piece] if piece in fields else escape_spaced(piece) for piece in pieces)
    yield tex.NewCommand(tex.TexcvFooter(), 0, NoEscape(line))
    yield tex.Template("footline")
