"""Text fields to LaTeX: inline markup becomes commands, everything else is escaped.

This is the only place that wraps LaTeX in NoEscape, and only LaTeX that texcv wrote around
text that escape.py escaped.
"""

from __future__ import annotations

from pylatex.utils import NoEscape

from texcv.render.escape import escape_text, escape_url
from texcv.schema.markup import Span, parse


def inline(text: str | None) -> NoEscape:
    """LaTeX for a text field with **bold**, *italic* and [text](url)."""
    if not text:
        return NoEscape("")
    return NoEscape(_spans(parse(text)).strip())


def literal(text: str | None) -> NoEscape:
    """LaTeX for a field that takes no markup (names, numbers)."""
    return NoEscape(escape_text(text or ""))


def bold(latex: str) -> NoEscape:
    return NoEscape(rf"\textbf{{{latex}}}")


def link(url: str, label_latex: str) -> NoEscape:
    return NoEscape(rf"\href{{{escape_url(url)}}}{{{label_latex}}}")


def _spans(spans: tuple[Span, ...]) -> str:
    return "".join(_span(span) for span in spans)


def _span(span: Span) -> str:
    if span.style is None:
        # Keep edge spaces so "a **b** c" stays spaced; escape_text strips them.
        text = escape_text(span.text)
        lead = " " if span.text[:1].isspace() and text else ""
        trail = " " if span.text[-1:].isspace() and text else ""
        return f"{lead}{text}{trail}" if text else (" " if span.text else "")
    inner = _spans(span.children).strip()
    if span.style == "bold":
        return rf"\textbf{{{inner}}}"
    if span.style == "italic":
        return rf"\emph{{{inner}}}"
    assert span.url is not None
    return link(span.url, inner)
