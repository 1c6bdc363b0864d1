"""Text from the source formats as texcv text: RenderCV's Markdown, JSON Resume's plain text.

texcv reads three markups in text fields (**bold**, *italic*, [text](url)) and `\\*`, `\\[`,
`\\]` as literal characters. RenderCV's Markdown has a few more spellings of the same things
(`__bold__`, `_italic_`, backslash escapes) and code spans, which texcv has no style for (their
text is kept). JSON Resume text is plain: its stars and brackets are escaped so they print.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_TEXCV_SPECIAL = re.compile(r"([*\[\]])")
_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_LINK = re.compile(r"\[((?:\\.|[^\[\]\\])*)\]\(\s*<?([^\s<>]*(?:\([^\s()]*\)[^\s<>]*)*)>?\s*\)")
_UNDERSCORE_BOLD = re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)", re.DOTALL)
_UNDERSCORE_ITALIC = re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?!\w)", re.DOTALL)
# Markdown's backslash escapes; texcv keeps its own three (\* \[ \]) and prints the others.
_MD_ESCAPE = re.compile(r"\\([!\"#$%&'()+,\-./:;<=>?@^_`{|}~\\])")
_PLACEHOLDER = "\ue000{}\ue001"
_PLACEHOLDER_RE = re.compile("\ue000(\\d+)\ue001")


def plain_to_texcv(text: str) -> str:
    """Plain text as a texcv text field that prints it exactly: `*`, `[`, `]` escaped."""
    return _TEXCV_SPECIAL.sub(r"\\\1", text)


def markdown_to_texcv(text: str) -> str:
    """RenderCV Markdown as texcv markup: bold, italic and links kept, code spans as text."""
    kept: list[str] = []

    def keep(done: str) -> str:
        kept.append(done)
        return _PLACEHOLDER.format(len(kept) - 1)

    def convert(part: str) -> str:
        part = _CODE.sub(lambda m: keep(plain_to_texcv(m.group(2).strip())), part)
        part = _MD_ESCAPE.sub(lambda m: keep(m.group(1)), part)
        part = _LINK.sub(lambda m: keep(_link(convert(m.group(1)), m.group(2))), part)
        part = _UNDERSCORE_BOLD.sub(r"**\1**", part)
        return _UNDERSCORE_ITALIC.sub(r"*\1*", part)

    text = convert(text)
    while _PLACEHOLDER_RE.search(text):  # links may hold kept pieces of their own
        text = _PLACEHOLDER_RE.sub(lambda m: kept[int(m.group(1))], text)
    return text


def markdown_to_plain(text: str) -> str:
    """What a reader sees of RenderCV Markdown: for fields texcv prints without markup."""
    text = _CODE.sub(lambda m: m.group(2).strip(), text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _UNDERSCORE_BOLD.sub(r"\1", text)
    text = _UNDERSCORE_ITALIC.sub(r"\1", text)
    text = re.sub(r"(?<!\\)\*\*(?=\S)(.+?)(?<=\S)\*\*", r"\1", text)
    text = re.sub(r"(?<![\\*])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?!\*)", r"\1", text)
    return re.sub(r"\\([*\[\]])", r"\1", _MD_ESCAPE.sub(r"\1", text))


def has_markup(text: str) -> bool:
    """Whether ``text`` reads differently once its Markdown is applied."""
    return markdown_to_plain(text) != text


def link(label: str, url: str) -> str:
    """``[label](url)`` in texcv markup; characters texcv's link syntax stops at are encoded."""
    return f"[{label}]({quote(url, safe=_URL_SAFE)})"


def _link(label: str, url: str) -> str:
    return link(label, url) if url else label


_URL_SAFE = "/:?=&;@+,-._!*'%#~$"
