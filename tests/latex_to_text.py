"""Read texcv's LaTeX back as the text it prints, and check it does nothing else, with
pylatexenc (for the escape and property tests).

pylatexenc parses LaTeX the way TeX reads it (groups, arguments, comments, math, control
sequences); the commands that print one character are given that character here, because
pylatexenc's own table gets some of them wrong (``\\textasciicircum`` as U+02C6) or lacks them.
"""

from __future__ import annotations

import unicodedata

from pylatexenc import macrospec
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context
from pylatexenc.latexwalker import (
    LatexCharsNode,
    LatexGroupNode,
    LatexMacroNode,
    LatexNode,
    LatexSpecialsNode,
    LatexWalker,
    LatexWalkerError,
    get_default_latex_context_db,
)

from texcv.render.escape import LINE_BREAK, NO_LIGATURE, WORD_BREAK

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
    "texcvhyphen": "-",  # a hyphen in PDF strings (latex_templates/metadata.tex)
    "texcvcjkbreak": "",  # a permitted line break between CJK characters
    "newline": "\n",  # a line break typed in cv.yaml (a `|` block) stays a line break
}

_parse_context = get_default_latex_context_db()
_parse_context.add_context_category(
    "texcv",
    macros=[
        *(macrospec.MacroSpec(name, "") for name in PRINTS),
        *(macrospec.MacroSpec(name, "{") for name in ("textbf", "emph")),
        macrospec.MacroSpec("href", "{{"),
        macrospec.MacroSpec("texcvscript", "{{"),  # a run of another script: its text
        macrospec.MacroSpec("texcvltr", "{"),
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
        MacroTextSpec("texcvscript", "%(2)s"),
        MacroTextSpec("texcvltr", "%(1)s"),
    ],
    prepend=True,
)
_converter = LatexNodes2Text(latex_context=_text_context, strict_latex_spaces=True)


def _nodes(latex: str) -> list[LatexNode]:
    latex = latex.replace(NO_LIGATURE, "{}")  # a kern, like a group, parts a ligature
    latex = latex.replace(LINE_BREAK, "{}")  # a permitted line break prints nothing
    latex = latex.replace(WORD_BREAK, "{}")  # so does one inside a long word (tweaks.tex)
    nodes, _, _ = LatexWalker(
        latex, latex_context=_parse_context, tolerant_parsing=False
    ).get_latex_nodes()
    return nodes


def latex_to_text(latex: str) -> str:
    """What ``latex`` prints, for the commands texcv writes; unknown commands print nothing."""
    return _converter.nodelist_to_text(_nodes(latex))


# Characters TeX reads as something other than "print me" (escape, group, math, alignment,
# parameter, superscript, subscript, active tie, comment); brackets outside a group would be
# taken as a command's optional argument.
_ACTIVE = set("\\{}$&#^_~%")
_BRACKETS = set("[]")
# Pairs a font turns into one other glyph (T1 and TeX ligatures): -- ,, << >> '' `` !` ?`
_LIGATURES = ("--", ",,", "<<", ">>", "''", "``", "!`", "?`")
# Commands that print one character and take no argument: the ones above, and the control
# symbols \{ \} \$ \& \# \% \_ (``string`` is only for URLs, it changes how TeX reads on);
# \texcvcjkbreak prints nothing (a line may break there).
_PRINTS_ONE = (set(PRINTS) - {"string"}) | set("{}$&#%_")


def is_inert(latex: str) -> bool:
    """True when ``latex`` only prints characters. Parsed as TeX reads it, it holds plain
    characters (no ligature pair, no control character), the tie ``~``, commands that print
    one character and take no argument, and groups of at most one such piece (``{[}``, the
    ``{}`` ending a command name): nothing that reads a file, takes an argument or defines
    anything; no math, comment, alignment, parameter or optional argument; balanced braces."""
    try:
        nodes = _nodes(latex)
    except LatexWalkerError:  # unbalanced braces, a lone $, ...
        return False
    return all(_inert(node, in_group=False) for node in nodes)


def _inert(node: LatexNode, *, in_group: bool) -> bool:
    if isinstance(node, LatexCharsNode):
        forbidden = _ACTIVE if in_group else _ACTIVE | _BRACKETS
        return (
            not forbidden & set(node.chars)
            and not any(pair in node.chars for pair in _LIGATURES)
            and all(unicodedata.category(ch) != "Cc" for ch in node.chars)
        )
    if isinstance(node, LatexMacroNode):
        arguments = node.nodeargd.argnlist if node.nodeargd else []
        if node.macroname in _WRAPPERS:  # a run of another script: its key, then inert text
            *key, text = arguments
            return (
                all(isinstance(k, LatexGroupNode) and _is_key(k) for k in key)
                and isinstance(text, LatexGroupNode)
                and all(_inert(n, in_group=False) for n in text.nodelist)
            )
        return node.macroname in _PRINTS_ONE and not any(arguments)
    if isinstance(node, LatexGroupNode):
        return len(node.nodelist) <= 1 and all(_inert(n, in_group=True) for n in node.nodelist)
    if isinstance(node, LatexSpecialsNode):
        return node.specials_chars == "~"
    return False  # math, comments, environments


# The escaper's wrappers around a run of another script (texcv.render.scripts): a script key
# (letters only), then the run's text.
_WRAPPERS = {"texcvscript", "texcvltr"}


def _is_key(group: LatexGroupNode) -> bool:
    return (
        len(group.nodelist) == 1
        and isinstance(group.nodelist[0], LatexCharsNode)
        and (group.nodelist[0].chars.isascii() and group.nodelist[0].chars.isalpha())
    )


def url_of(latex_url: str) -> str:
    """The URL an escaped \\href argument links to (what hyperref writes into the PDF)."""
    out = latex_url.replace(r"\string~", "~").replace(r"\string_", "_")
    for ch in "%&#":
        out = out.replace("\\" + ch, ch)
    return out
