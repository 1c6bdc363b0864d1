"""The text strings of a CV as its author wrote it, in JSON Resume, RenderCV YAML, moderncv
LaTeX or BibTeX, for tests/test_corpus.py to find in the PDF texcv builds from its cv.yaml.

Each extractor reads the original file (never our translation) and returns what a reader
should see: strings as printed (ISO dates as texcv prints them, Markdown and LaTeX markup
applied) and the URLs that must be links. What an original holds but does not print (a
schema URL, a .bib's file paths) is left out by name, with the reason.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pylatexenc import macrospec
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec
from pylatexenc.latex2text import get_default_latex_context_db as text_context
from pylatexenc.latexwalker import LatexMacroNode, LatexWalker, get_default_latex_context_db

ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
# Networks moderncv draws as an icon: their names are not printed, the account is.
ICON_NETWORKS = {"twitter", "github", "linkedin", "orcid", "gitlab"}


def printed_date(text: str) -> str:
    """``2013-12-01`` as texcv prints it (1 Dec 2013); other text as it is."""
    match = ISO.match(text)
    if not match:
        return text
    year, month, day = match.groups()
    name = calendar.month_abbr[int(month)]
    return f"{int(day)} {name} {year}" if day else f"{name} {year}"


def is_url(text: str) -> bool:
    return (
        bool(re.match(r"^(https?://|www\.)|^[\w-]+(\.[\w-]+)+(/\S*)?$", text)) and " " not in text
    )


# JSON Resume
JSON_SKIPPED = {"$schema", "meta", "image"}  # the file's schema and metadata; an empty photo


def json_resume(path: Path) -> tuple[list[str], list[str]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    texts: list[str] = []
    urls: list[str] = []

    def walk(value: Any, key: str = "") -> None:
        if isinstance(value, dict):
            if str(value.get("network", "")).lower() in ICON_NETWORKS:
                value = {k: v for k, v in value.items() if k != "network"}
            for k, v in value.items():
                if k not in JSON_SKIPPED:
                    walk(v, k)
        elif isinstance(value, list):
            for item in value:
                walk(item, key)
        elif isinstance(value, str) and value:
            (urls if key == "url" else texts).append(value if key == "url" else printed_date(value))

    walk(data)
    return texts, urls


# RenderCV YAML
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def rendercv(path: Path) -> tuple[list[str], list[str]]:
    """Everything under `cv:` (design, locale and settings are how it looks, not what it says).

    Section keys print as titles (snake_case to Title Case, as RenderCV does); RenderCV reads
    ` - ` inside a highlight as a nested bullet; *...* and **...** are emphasis.
    """
    cv = yaml.safe_load(path.read_text(encoding="utf-8"))["cv"]
    texts: list[str] = []
    urls: list[str] = []
    for key, value in cv.items():
        if key == "sections":
            for title, entries in value.items():
                texts.append(title if " " in title else title.replace("_", " ").title())
                _rendercv_values(entries, texts, urls)
        elif key == "social_networks":
            for network in value:
                texts.append(network["username"])
        elif value:
            (urls if key == "website" else texts).append(str(value))
    return texts, urls


def _rendercv_values(value: Any, texts: list[str], urls: list[str], key: str = "") -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            _rendercv_values(v, texts, urls, k)
    elif isinstance(value, list):
        for item in value:
            _rendercv_values(item, texts, urls, key)
    elif value is not None:
        text = str(value)
        if key == "doi":
            texts.append(f"doi:{text}")
            urls.append(f"https://doi.org/{text}")
            return
        urls.extend(url for _, url in MARKDOWN_LINK.findall(text))
        text = MARKDOWN_LINK.sub(r"\1", text).replace("**", "").replace("*", "")
        for part in text.split(" - ") if key == "highlights" else [text]:
            texts.append(printed_date(part.strip()))


# moderncv LaTeX
_ARGS = {
    "name": "{{",
    "title": "{",
    "address": "{{{",
    "phone": "[{",
    "email": "{",
    "homepage": "{",
    "social": "[[{",
    "extrainfo": "{",
    "quote": "{",
    "section": "{",
    "subsection": "{",
    "cvitem": "[{{",
    "cvline": "{{",
    "cvlistitem": "[{",
    "cvdoubleitem": "[{{{{",
    "cvlistdoubleitem": "[{{",
    "cvitemwithcomment": "[{{{",
    "cventry": "[{{{{{{",
    "cvcolumn": "[{{",
    "cvskillentry": "*[{{{{{",
    "cvskilllegend": "*[[[[[[{",
    "cvskillhead": "[[[[[",
    "href": "{{",
    "cvskill": "{",
}
# Arguments that are not printed text: options (paddings, phone kinds, network names shown
# as icons, column widths) and the level number of a skill row (drawn as boxes).
_NOT_TEXT = {"cvskillentry": {0, 1, 3}, "href": {0}, "cvskill": {0}}


def _walker_context() -> Any:
    context = get_default_latex_context_db()
    context.add_context_category(
        "moderncv",
        macros=[macrospec.MacroSpec(name, spec) for name, spec in _ARGS.items()],
        prepend=True,
    )
    return context


def _text_context() -> Any:
    context = text_context()
    context.add_context_category(
        "moderncv",
        macros=[
            MacroTextSpec("newline", "\n"),
            MacroTextSpec("href", "%(2)s"),
            MacroTextSpec("cvskill", ""),
            MacroTextSpec("cite", ""),
            MacroTextSpec("LaTeX", "LaTeX"),
            MacroTextSpec("\\", "\n"),
        ],
        prepend=True,
    )
    return context


def moderncv(path: Path, *, until: str = r"\clearpage") -> tuple[list[str], list[str]]:
    """The arguments of moderncv's commands from the start to ``until`` (the letter in
    moderncv's template starts there), each line of each argument one string."""
    source = path.read_text(encoding="utf-8").split(until)[0]
    source = "\n".join(
        line.split("%")[0] if "\\%" not in line else line for line in source.splitlines()
    )
    walker = LatexWalker(source, latex_context=_walker_context(), tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    converter = LatexNodes2Text(latex_context=_text_context(), math_mode="verbatim")
    texts: list[str] = []
    urls: list[str] = []
    for node in _macros(nodes):
        if node.macroname == "href" and node.nodeargd and node.nodeargd.argnlist[0] is not None:
            urls.append(node.nodeargd.argnlist[0].latex_verbatim().strip("{}"))
        if node.macroname not in _ARGS or node.macroname == "href":
            continue
        skip = _NOT_TEXT.get(node.macroname, set())
        for index, arg in enumerate(node.nodeargd.argnlist if node.nodeargd else ()):
            if arg is None or index in skip:
                continue
            if _ARGS[node.macroname][index] == "[" and node.macroname not in (
                "cvskilllegend",
                "cvskillhead",
            ):
                continue
            text = converter.nodelist_to_text([arg]).strip()
            if node.macroname in ("cvskilllegend", "cvskillhead") and re.match(
                r"^-?[\d.]+em$", text
            ):
                continue
            for line in re.split(r"\n+", text):
                line = (
                    re.sub(r"^\s*[*•\-]?\s*", "", line).strip()
                    if line.strip().startswith(("*", "•"))
                    else line.strip()
                )
                if line:
                    texts.append(line)
    return texts, urls


def _macros(nodes: Any) -> Iterator[LatexMacroNode]:
    for node in nodes or ():
        if isinstance(node, LatexMacroNode):
            yield node
            for arg in node.nodeargd.argnlist if node.nodeargd else ():
                if arg is not None:
                    yield from _macros(getattr(arg, "nodelist", None))
        else:
            yield from _macros(getattr(node, "nodelist", None))
