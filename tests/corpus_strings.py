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
from pylatexenc.latex2text import (
    EnvironmentTextSpec,
    LatexNodes2Text,
    MacroTextSpec,
    SpecialsTextSpec,
)
from pylatexenc.latex2text import get_default_latex_context_db as text_context
from pylatexenc.latexwalker import (
    LatexEnvironmentNode,
    LatexMacroNode,
    LatexWalker,
    get_default_latex_context_db,
)

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
# What \makecvtitle prints: without it (a hand-made header), these print nothing.
_HEADER = {"name", "title", "address", "phone", "email", "homepage", "social", "extrainfo", "quote"}
# Commands in the body that print no text: spacing, rules, icons, settings, references
# (a citation's work is found in the .bib), and each one's arguments.
_SILENT = {
    "label": "{",
    "nocite": "{",
    "printbibliography": "[",
    "bibliographystyle": "{",
    "bibliography": "{",
    "nobibliography": "{",
    "bibentry": "{",
    "hangbibentry": "{",
    "cite": "{",
    "vspace": "*{",
    "hspace": "*{",
    "rule": "[{{",
    "phantom": "{",
    "setromanfont": "[{",
    "setsansfont": "[{",
    "setmonofont": "[{",
    "setcvskillcolumns": "[[[",
    "setcvskilllegendcolumns": "[[",
    "today": "",
    "\\": "*[",  # a line break and its optional space
}
# tipa's letters as the sounds they stand for (\textipa{/I/} prints /ɪ/).
_TIPA = {r"\ae": "æ", "A": "ɑ", "I": "ɪ", r"\textteshlig": "ʧ"}


def _walker_context() -> Any:
    context = get_default_latex_context_db()
    context.add_context_category(
        "moderncv",
        macros=[macrospec.MacroSpec(name, spec) for name, spec in {**_ARGS, **_SILENT}.items()],
        environments=[macrospec.EnvironmentSpec("minipage", "[[[{")],
        prepend=True,
    )
    return context


def _text_context(*, body: bool = False) -> Any:
    """What commands print. In the body (``body``), moderncv's commands print nothing (their
    arguments are read one by one) and a table's cells are lines of their own."""
    context = text_context()
    macros = [
        MacroTextSpec("newline", "\n"),
        MacroTextSpec("href", "%(2)s"),
        MacroTextSpec("cvskill", ""),
        MacroTextSpec("LaTeX", "LaTeX"),
        MacroTextSpec("texttt", "%(1)s"),  # pylatexenc prints nothing for it
        MacroTextSpec("\\", "\n"),
        *(MacroTextSpec(name, "") for name in _SILENT),
    ]
    if body:
        macros += [MacroTextSpec(name, "") for name in _ARGS if name != "href"]
    context.add_context_category(
        "moderncv",
        macros=macros,
        environments=[EnvironmentTextSpec("minipage", "%(body)s")],
        specials=[SpecialsTextSpec("&", "\n")] if body else [],
        prepend=True,
    )
    return context


def latex_text(source: str) -> str:
    """What a piece of LaTeX (a .bib field, say) prints: tipa's letters as sounds, icons as
    nothing, TeX's quotes as curly quotes."""
    source = re.sub(r"\\textipa\{([^}]*)\}", lambda m: _tipa(m.group(1)), source)
    source = re.sub(r"\\(fa|ai)[A-Z]\w*", "", source)
    source = re.sub(r"\$(\d+)\^\{(\w+)\}\$", r"\1\2", source)  # $6^{th}$
    walker = LatexWalker(source, latex_context=_walker_context(), tolerant_parsing=True)
    nodes, _, _ = walker.get_latex_nodes()
    text = LatexNodes2Text(latex_context=_text_context(), math_mode="verbatim").nodelist_to_text(
        nodes
    )
    return _curly_quotes(text)


def _tipa(letters: str) -> str:
    for name, sound in sorted(_TIPA.items(), key=lambda item: -len(item[0])):
        letters = letters.replace(name, sound)
    return letters


def moderncv(path: Path, *, until: str = r"\clearpage") -> tuple[list[str], list[str]]:
    r"""The arguments of moderncv's commands from the start to ``until`` (the letter in
    moderncv's template starts there), each line of each argument one string; then the text
    the document's body prints outside those commands (a hand-made header, a table), line by
    line, and the titles of \printbibliography's parts."""
    source = _expand_definitions(path.read_text(encoding="utf-8").split(until)[0])
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
        if node.macroname in _HEADER and "\\makecvtitle" not in source:
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
            texts.extend(_lines(text))
    texts.extend(_lines(_body_text(nodes)))
    texts.extend(re.findall(r"\\printbibliography\[[^\]]*title=\{([^}]*)\}", source))
    return texts, [f"mailto:{url}" if "@" in url and ":" not in url else url for url in urls]


def _lines(text: str) -> list[str]:
    lines = []
    for line in re.split(r"\n+", text):
        line = (
            re.sub(r"^\s*[*•\-]?\s*", "", line).strip()
            if line.strip().startswith(("*", "•"))
            else line.strip()
        )
        if line:
            lines.append(line)
    return lines


def _body_text(nodes: Any) -> str:
    """What the document's body prints outside moderncv's commands."""
    body = next(
        (
            node.nodelist
            for node in nodes or ()
            if isinstance(node, LatexEnvironmentNode) and node.environmentname == "document"
        ),
        [],
    )
    converter = LatexNodes2Text(latex_context=_text_context(body=True), math_mode="verbatim")
    return _curly_quotes(converter.nodelist_to_text(body))


def _curly_quotes(text: str) -> str:
    """TeX's `single quotes' as the curly quotes it prints (pylatexenc does ``these'')."""
    return re.sub(r"`([^`']*)'", r"‘\1’", text)


def _expand_definitions(source: str) -> str:
    r"""The preamble's text macros (``\def\myphone{(848) 932-6930}``) written out in the body,
    where the source uses them."""
    head, marker, body = source.partition(r"\begin{document}")
    for name, value in re.findall(r"\\def\\(\w+)\{([^{}]*)\}", head):
        body = re.sub(rf"\\{name}(?![A-Za-z])", lambda _, v=value: v, body)
    # A label before an icon that links ("Google scholar: [icon]"): texcv shows the network's
    # icon and the label, linked; the colon that pointed at the icon goes.
    body = re.sub(r":\s*(\\href\{[^}]*\}\{\\(?:fa|ai)\w+\})", r" \1", body)
    return head + marker + body


def _macros(nodes: Any) -> Iterator[LatexMacroNode]:
    for node in nodes or ():
        if isinstance(node, LatexMacroNode):
            yield node
            for arg in node.nodeargd.argnlist if node.nodeargd else ():
                if arg is not None:
                    yield from _macros(getattr(arg, "nodelist", None))
        else:
            yield from _macros(getattr(node, "nodelist", None))


# BibTeX: the works a .tex prints (\nocite{*}: all; \bibentry{key}: those cited)
# Fields the styles of the corpus do not print (biblatex-apa, apalike), each with the reason:
# file paths on the author's machine, abstracts, search keywords, ISSN and PubMed numbers,
# notes to self; month (apalike has none, the author's biblatex style clears it); `place`
# (no style knows it). The translation keeps what it can of them anyway (months in dates).
BIB_NOT_PRINTED = frozenset(
    {"file", "abstract", "keywords", "issn", "pmid", "annote", "month", "place", "crossref"}
)
_NAME_FIELDS = ("author", "editor")


def cited_keys(path: Path) -> set[str] | None:
    """The keys a .tex prints from its .bib; None for all of them (\\nocite{*})."""
    source = path.read_text(encoding="utf-8")
    if re.search(r"\\nocite\{\*\}", source):
        return None
    return set(re.findall(r"\\(?:hang)?bibentry\{([^}#]+)\}", source))


def bibtex(path: Path, keys: set[str] | None) -> tuple[list[str], list[str]]:
    """What the works printed from a .bib show: names given first as the .bib spells them,
    every printed field as text (a crossref's fields included), DOIs as links."""
    import pybtex.errors
    from pybtex.database.input.bibtex import Parser

    with pybtex.errors.capture():  # real .bib files have stray @ in comments
        data = Parser().parse_file(str(path))
    texts: list[str] = []
    urls: list[str] = []
    for key, entry in data.entries.items():
        if keys is not None and key not in keys:
            continue
        fields = {name.lower(): value for name, value in entry.fields.items()}
        parent = data.entries.get(fields.get("crossref", ""))
        if parent is not None:
            for name, value in parent.fields.items():
                fields.setdefault(name.lower(), value)
            for role, people in parent.persons.items():
                if role.lower() not in {r.lower() for r in entry.persons}:
                    entry.persons[role] = people
        for role, people in entry.persons.items():
            if role.lower() in _NAME_FIELDS:
                texts.extend(latex_text(_given_first(person)) for person in people)
        for name, value in fields.items():
            if name in BIB_NOT_PRINTED or not value.strip("{} "):
                continue
            if name == "doi":
                texts.append(f"doi:{value}")
                urls.append(f"https://doi.org/{value}")
            elif name == "url":
                urls.append(value)
            elif name == "date" and ISO.match(value):
                texts.append(value[:4])  # both styles print a date's year only
            else:
                urls.extend(re.findall(r"\\href\{([^}]*)\}", value))
                texts.extend(_lines(latex_text(value)))
    return texts, urls


def _given_first(person: Any) -> str:
    """``Kleinschmidt, Dave F`` as ``Dave F Kleinschmidt``; a name in braces as it is."""
    parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
    return " ".join([*parts, *person.lineage_names])


# moderncv's letter, after the CV (\clearpage ... \makeletterclosing)
_LETTER_ARGS = {"recipient": 2, "date": 1, "opening": 1, "closing": 1}
_MATH = re.compile(r"\$[^$]*\$|\\\[.*?\\\]", re.DOTALL)


def moderncv_letter(path: Path, *, after: str = r"\clearpage") -> list[str]:
    """The letter's text: recipient lines, date, opening, the body's paragraphs (mathematics
    left out: TeX draws it, the PDF's text holds no formula), closing and enclosures."""
    source = path.read_text(encoding="utf-8")
    if after not in source or r"\makelettertitle" not in source:
        return []
    source = source.split(after, 1)[1]
    source = "\n".join(line.split("%")[0] for line in source.splitlines())
    texts: list[str] = []
    for name, count in _LETTER_ARGS.items():
        found = re.search(rf"\\{name}" + r"\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}" * count, source)
        for argument in found.groups() if found else ():
            texts.extend(_lines(latex_text(argument.replace("\\\\", "\n"))))
    enclosure = re.search(r"\\enclosure(?:\[([^\]]*)\])?\{([^}]*\}?)\}", source)
    if enclosure:
        texts.extend(latex_text(part) for part in enclosure.groups() if part)
    body = source.split(r"\makelettertitle", 1)[1].split(r"\makeletterclosing", 1)[0]
    for paragraph in re.split(r"\n\s*\n", body):
        for piece in _MATH.split(paragraph):
            text = " ".join(latex_text(piece).split())
            if text:
                texts.append(text)
    return texts
