"""The characters TeX reads specially, and the commands that print each one as itself.

Shared by the two places texcv writes LaTeX text: the renderer's escaper (texcv.render.escape)
and the .bib writer of `texcv import` (texcv.source.bibtex_writer), which differ only in the
braces (BibTeX counts every brace, escaped or not) and in what else they need.
"""

from __future__ import annotations

SPECIALS: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}",
}
