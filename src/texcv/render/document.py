"""Build the moderncv LaTeX document for a CV. Knows moderncv and PyLaTeX, not files."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import PurePath

from pylatex import Document
from pylatex.base_classes import LatexObject
from pylatex.lists import Itemize
from pylatex.utils import NoEscape

from texcv.render import moderncv as mc
from texcv.render.dates import DateStyle, format_range
from texcv.render.engine_choice import choose_engine
from texcv.render.escape import encode_url, escape_text, escape_url, url_for_display
from texcv.render.inline import inline, literal
from texcv.render.links import mailto, social_url, tel
from texcv.render.locale import Words, words_for
from texcv.render.metadata import metadata
from texcv.render.page_numbers import page_numbers
from texcv.render.publications import publication_entry, publication_section
from texcv.render.templates import DUMP_END as FIXED_PREAMBLE_END
from texcv.render.templates import template
from texcv.schema import (
    CV,
    BulletEntry,
    DatedEntry,
    Entry,
    Header,
    ItemEntry,
    Photo,
    PublicationEntry,
    TextEntry,
)
from texcv.source.yaml_reader import format_path

SOURCE_MARK = "% texcv-source: "


def render(cv: CV, *, engine: str | None = None, words: Words | None = None) -> str:
    """The complete .tex for ``cv``. Lines after ``% texcv-source: PATH`` come from PATH."""
    engine = engine or choose_engine(cv)
    words = words or words_for(cv.locale)
    document = _document(cv, engine)
    # Above: the same for every CV with this design, so the build can precompile it into a
    # format (mylatexformat stops dumping here; without a format this is \relax). The line must
    # end in a real newline, not PyLaTeX's "%", or the format's line scanner runs on.
    document.preamble.append(NoEscape(FIXED_PREAMBLE_END + "\n"))
    _header(document, cv.header)
    document.preamble.append(metadata(cv, words))
    document.preamble.append(NoEscape(template("reproducible")))
    document.preamble.append(page_numbers(words))
    document.append(NoEscape(r"\makecvtitle"))
    for index, section in enumerate(cv.sections):
        document.append(_mark(("sections", index)))
        document.append(mc.Section(inline(section.title)))
        if section.kind == "publication":
            other = partial(_entry, cv=cv, words=words)
            document.extend(publication_section(section, index, cv, words, _mark, other))
            continue
        for number, entry in enumerate(section.entries):
            document.append(_mark(("sections", index, "entries", number)))
            document.append(_entry(entry, cv, words))
    return document.dumps() + "\n"


def _mark(path: tuple[str | int, ...]) -> NoEscape:
    return NoEscape(f"\n{SOURCE_MARK}{format_path(path)}\n")


def _document(cv: CV, engine: str) -> Document:
    design = cv.design
    pdflatex = engine == "pdflatex"
    document = Document(
        documentclass="moderncv",
        document_options=[f"{design.font_size}pt", f"{design.paper}paper", design.font_family]
        + ([] if design.symbols else ["nosymbols"]),
        fontenc="T1" if pdflatex else None,
        inputenc="utf8" if pdflatex else None,
        lmodern=pdflatex,
        textcomp=False,
        page_numbers=False,  # PyLaTeX's lastpage breaks moderncv's own page numbers
        geometry_options={"margin": design.margin},
        font_size="normalsize",
    )
    # PyLaTeX answers page_numbers=False with \pagestyle{empty}; moderncv numbers pages itself.
    document.data = [
        item for item in document.data if getattr(item, "latex_name", "") != "pagestyle"
    ]
    if not design.page_numbers:
        document.preamble.append(NoEscape(r"\nopagenumbers"))
    document.preamble.append(mc.ModernCvStyle(design.style))
    document.preamble.append(mc.ModernCvColor(design.color))
    document.preamble.append(NoEscape(template("pdflatex" if pdflatex else "unicode")))
    document.preamble.append(NoEscape(template("tweaks")))
    document.preamble.append(NoEscape(template("links")))
    document.preamble.append(NoEscape(template("details")))
    if design.style == "casual":
        document.preamble.append(NoEscape(template("footer")))
    if design.symbols:
        document.preamble.append(NoEscape(template("icons")))
    if design.date_width:
        document.preamble.append(
            NoEscape(rf"\setlength{{\hintscolumnwidth}}{{{design.date_width}}}")
        )
    return document


def photo_file(photo: Photo) -> str:
    """The photo's name beside the .tex: fixed, so no path from cv.yaml reaches TeX."""
    return "photo" + PurePath(photo.path).suffix.lower()


def _header(document: Document, header: Header) -> None:
    add = document.preamble.append
    add(mc.Name(literal(header.first_name), literal(header.last_name)))
    if header.title:
        add(mc.Title(inline(header.title)))
    if header.born:
        add(mc.Born(literal(header.born)))
    if header.address:
        a = header.address
        add(mc.Address(literal(a.street), literal(a.city), literal(a.country)))
    # Every link in the header is a \texcvurl{target}{text} (latex_templates/links.tex):
    # moderncv would change the targets it builds itself.
    for phone in header.phones:
        number = literal(phone.number)
        add(
            mc.Phone(number if phone.kind == "fax" else _url(tel(phone.number), number), phone.kind)
        )
    for number, email in enumerate(header.emails):
        linked = _url(mailto(email), literal(email))
        # moderncv shows one address; the others follow the social links, with its icon.
        add(mc.Email(linked) if number == 0 else mc.Social("email", linked, literal(email)))
    if header.homepage:
        shown = escape_text(url_for_display(header.homepage))
        add(mc.Homepage(_url(encode_url(header.homepage), shown)))
    for social in header.social:
        target = social_url(social)
        account = literal(social.account)
        add(mc.Social(social.network, _url(target, account) if target else "", account))
    if header.photo:
        p = header.photo
        add(mc.Photo(p.width, p.frame, photo_file(p)))
    if header.extra_info:
        add(mc.ExtraInfo(rf"\texcvdetail{{{inline(header.extra_info)}}}"))
    if header.quote:
        add(mc.Quote(inline(header.quote)))


def _url(target: str, text: str) -> str:
    """``\\texcvurl{target}{text}``: a header link to exactly ``target`` (already encoded)."""
    return rf"\texcvurl{{{escape_url(target)}}}{{{text}}}"


def _entry(entry: Entry, cv: CV, words: Words) -> LatexObject:
    match entry:
        case TextEntry():
            return mc.CvItem("", inline(entry.text))
        case BulletEntry():
            return mc.CvListItem(inline(entry.text))
        case ItemEntry() if entry.comment:
            return mc.CvItemWithComment(
                inline(entry.label), inline(entry.text), inline(entry.comment)
            )
        case ItemEntry():
            return mc.CvItem(inline(entry.label), inline(entry.text))
        case DatedEntry():
            return _dated(entry, words, cv.design.dates)
        case PublicationEntry():
            return publication_entry(entry, cv, words)
    raise TypeError(f"unknown entry {entry!r}")


def _dated(entry: DatedEntry, words: Words, style: DateStyle = "month") -> mc.CvEntry:
    description = inline(entry.description)
    if entry.highlights:
        description = NoEscape(description + _itemize(inline(h) for h in entry.highlights))
    return mc.CvEntry(
        format_range(entry.start, entry.end, words, single=entry.date, style=style),
        inline(entry.title),
        inline(entry.organisation),
        inline(entry.location),
        inline(entry.note),
        description,
    )


def _itemize(items: Iterable[str]) -> str:
    itemize = Itemize()
    for item in items:
        itemize.add_item(NoEscape(item))
    return itemize.dumps()
