"""Text fields to LaTeX: inline markup becomes commands, everything else is escaped.

Each function here returns ``NoEscape``: LaTeX that texcv.render.latex's commands accept. They
are the only way text from cv.yaml becomes such LaTeX, and each one escapes it with
texcv.render.escape first.
"""

from __future__ import annotations

import re

from pylatex.utils import NoEscape

from texcv.render.escape import (
    escape_keyword,
    escape_spaced,
    escape_text,
    escape_url,
)
from texcv.render.latex import Emph, Href, NewLine, TextBf, as_latex
from texcv.schema.markup import Span, parse

# A line break with the spaces and empty lines around it: one break.
_LINE_BREAKS = re.compile(r"[ \t]*\n\s*")
_PARAGRAPHS = re.compile(r"[ \t]*\n[ \t]*\n\s*")  # an empty line (or more) between two
_BREAK = as_latex(NewLine())


def inline(text: str | None) -> NoEscape:
    """LaTeX for a text field with **bold**, *italic* and [text](url).

    A line break typed in the text (a ``|`` block in YAML, or ``\\n``) stays a line break;
    empty lines count as one, and none opens or closes the text (moderncv refuses a
    ``\\newline`` at the start of an item, and a blank line inside any of its arguments).
    """
    if not text:
        return NoEscape("")
    return NoEscape(_spans(parse(_LINE_BREAKS.sub("\n", text.strip()))).strip())


def paragraphs(text: str | None) -> list[NoEscape]:
    """``inline`` for each paragraph of ``text`` (parts between empty lines), so that each can
    be a row of its own and a page can break between them; one part when the text has one
    paragraph, or when markup runs across an empty line (splitting would change the text:
    the parts must join back, with the line breaks between them, into ``inline(text)``)."""
    whole = inline(text)
    chunks = _PARAGRAPHS.split(text.strip()) if text else []
    if len(chunks) < 2:
        return [whole] if whole else []
    parts = [inline(chunk) for chunk in chunks]
    return parts if _BREAK.join(parts) == whole else [whole]


def literal(text: str | None) -> NoEscape:
    """LaTeX for a field that takes no markup (names, numbers)."""
    return NoEscape(escape_text(text or ""))


def keyword(text: str) -> NoEscape:
    """A value the schema restricts to a list or a pattern (style, TeX length), or a name of
    texcv's own (a package): as it is, once escape.py has checked it is nothing more."""
    return NoEscape(escape_keyword(text))


def target(url: str) -> NoEscape:
    """A link target for \\href or \\texcvurl: the PDF's link holds it as given."""
    return NoEscape(escape_url(url))


def bold(latex: NoEscape) -> NoEscape:
    return as_latex(TextBf(latex))


def link(url: str, label: NoEscape) -> NoEscape:
    """``label`` linked to ``url``."""
    return as_latex(Href(target(url), label))


def _spans(spans: tuple[Span, ...]) -> str:
    return "".join(_span(span) for span in spans)


def _span(span: Span) -> str:
    if span.style is None:
        return _BREAK.join(escape_spaced(line) for line in span.text.split("\n"))
    # No break opens or closes a styled span (at an item's start, \newline is an error).
    inner = NoEscape(_spans(span.children).strip().removeprefix(_BREAK).removesuffix(_BREAK))
    if span.style == "bold":
        return bold(inner)
    if span.style == "italic":
        return as_latex(Emph(inner))
    assert span.url is not None
    return link(span.url, inner)
