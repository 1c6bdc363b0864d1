"""Read texcv's LaTeX back as the text it prints, with pylatexenc (for the property tests).

pylatexenc parses LaTeX the way TeX reads it (groups, arguments, comments, math, control
sequences); the commands texcv writes are given the text they print here, because
pylatexenc's own table gets some of them wrong (``\\textasciicircum`` as U+02C6) or lacks them.
"""

from __future__ import annotations

from pylatexenc import macrospec
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context
from pylatexenc.latexwalker import LatexWalker, get_default_latex_context_db

from texcv.render.escape import LINE_BREAK, NO_LIGATURE

PRINTS = {
    "textbackslash": "\\",
    "textasciicircum": "^",
    "textasciitilde": "~",
    "textless": "<",
    "textgreater": ">",
    "textbar": "|",
    "textquotedbl": '"',
    "textquotesingle": "'",
    "textasciigrave": "`",
    "string": "",  # \string~ in a URL prints the tilde that follows
}

_parse_context = get_default_latex_context_db()
_parse_context.add_context_category(
    "texcv",
    macros=[
        *(macrospec.MacroSpec(name, "") for name in PRINTS),
        *(macrospec.MacroSpec(name, "{") for name in ("textbf", "emph")),
        macrospec.MacroSpec("href", "{{"),
    ],
    prepend=True,
)
_text_context = text_context()
_text_context.add_context_category(
    "texcv",
    macros=[
        *(MacroTextSpec(name, text) for name, text in PRINTS.items()),
        *(MacroTextSpec(name, "%(1)s") for name in ("textbf", "emph")),
        MacroTextSpec("href", "%(2)s"),
    ],
    prepend=True,
)
_converter = LatexNodes2Text(latex_context=_text_context, strict_latex_spaces=True)


def latex_to_text(latex: str) -> str:
    """What ``latex`` prints, for the commands texcv writes; unknown commands print nothing."""
    latex = latex.replace(NO_LIGATURE, "{}")  # a kern, like a group, parts a ligature
    latex = latex.replace(LINE_BREAK, "{}")  # a permitted line break prints nothing
    nodes, _, _ = LatexWalker(
        latex, latex_context=_parse_context, tolerant_parsing=False
    ).get_latex_nodes()
    return _converter.nodelist_to_text(nodes)


def url_of(latex_url: str) -> str:
    """The URL an escaped \\href argument links to (what hyperref writes into the PDF)."""
    out = latex_url.replace(r"\string~", "~").replace(r"\string_", "_")
    for ch in "%&#":
        out = out.replace("\\" + ch, ch)
    return out
