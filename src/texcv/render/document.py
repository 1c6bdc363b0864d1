"""Build the moderncv LaTeX document for a CV. Knows moderncv and PyLaTeX, not files."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import PurePath

from pylatex import Document
from pylatex.base_classes import LatexObject
from pylatex.utils import NoEscape

from texcv.render import columns
from texcv.render import latex as tex
from texcv.render.dates import duration, format_duration, format_range
from texcv.render.design import footer, own_colors, own_font
from texcv.render.engine_choice import EngineChoice, Needs, choose
from texcv.render.escape import encode_url, url_for_display
from texcv.render.fonts import FontPlan, by_name
from texcv.render.inline import inline, keyword, literal, paragraphs, target
from texcv.render.links import mailto, social_url, tel
from texcv.render.locale import Words, words_for
from texcv.render.metadata import metadata
from texcv.render.page_numbers import page_numbers
from texcv.render.publications import publication_entry, publication_section
from texcv.render.script_preamble import pdflatex_scripts, unicode_fonts
from texcv.schema import (
    CV,
    BulletEntry,
    DatedEntry,
    Entry,
    Header,
    ItemEntry,
    Photo,
    PublicationEntry,
    Section,
    TextEntry,
)
from texcv.schema.columns import (
    ColumnsEntry,
    DoubleBulletEntry,
    DoubleItemEntry,
    SkillEntry,
    SkillHeadEntry,
    SkillLegendEntry,
)
from texcv.source.yaml_reader import format_path


def render(
    cv: CV,
    *,
    engine: str | None = None,
    words: Words | None = None,
    choice: EngineChoice | None = None,
    fonts: FontPlan | None = None,
    today: datetime.date | None = None,
    version: str = "",
) -> str:
    """The complete .tex for ``cv``. Lines after ``% texcv-source: PATH`` come from PATH.

    ``choice`` is the engine choice made for it (made here when not given); ``fonts`` the
    fonts a LuaLaTeX or XeLaTeX build loads (texcv.render.fonts; by name when not given).
    ``today`` is the build's date (durations up to `present`); ``version`` names the CV's
    revision in a footer's {version}. Both come from the build, which knows the repository.
    """
    choice = choice or choose(cv, engine)
    engine = engine or choice.engine
    words = words or words_for(cv.locale)
    today = today or datetime.date.today()
    document = new_document(cv, engine, words, metadata(cv, words), needs=choice.needs, fonts=fonts)
    if cv.design.footer:  # the CV's pages only, not its letters'
        document.preamble.extend(
            footer(cv.design.footer, cv.header.full_name, words, today, version)
        )
    document.append(tex.MakeCvTitle())
    context = _Context(cv, words, today)
    for index, section in enumerate(cv.sections):
        document.append(mark(("sections", index)))
        document.append(tex.Section(inline(section.title)))
        document.extend(_section_body(section, ("sections", index), context))
        for number, sub in enumerate(section.subsections):
            path = ("sections", index, "subsections", number)
            document.append(mark(path))
            document.append(tex.SubSection(inline(sub.title)))
            document.extend(_section_body(sub, path, context))
    return document.dumps() + "\n"


def new_document(
    cv: CV,
    engine: str,
    words: Words,
    properties: LatexObject,
    *,
    photo: bool = True,
    needs: Needs | None = None,
    fonts: FontPlan | None = None,
) -> Document:
    """The preamble a CV and its letters share: moderncv in the CV's design, the fixed
    pieces, the fonts and encodings the text's scripts ``needs`` (``fonts``: a LuaLaTeX or
    XeLaTeX build's, texcv.render.fonts; by name when not given), the header (the sender,
    for a letter), the PDF's ``properties`` and page numbers."""
    document = _document(cv, engine)
    if engine != "pdflatex":
        plan = fonts or by_name()
        document.preamble.append(unicode_fonts(plan, engine, own_font=bool(cv.design.font)))
        if cv.design.font:  # the person's own family, over texcv's Noto
            document.preamble.extend(own_font(cv.design.font, engine, plan))
    # Above: the same for every CV with this design, so the build can precompile it into a
    # format (mylatexformat stops dumping here; without a format this is \relax).
    document.preamble.append(tex.EndOfDump())
    document.preamble.append(tex.Template("xmp-build"))  # hyperxmp, faster (not in the format)
    scripts = pdflatex_scripts(needs) if engine == "pdflatex" and needs else None
    if scripts is not None and scripts.pieces:  # nothing at all for plain Latin text
        document.preamble.append(scripts)
    _header(document, cv.header, photo=photo)
    document.preamble.append(properties)
    document.preamble.append(tex.Template("reproducible"))
    if cv.metadata.pdfa:
        document.preamble.append(tex.Template("pdfa"))  # after reproducible: keeps an ID
    document.preamble.append(page_numbers(words))
    return document


@dataclass(frozen=True)
class _Context:
    """What every entry's LaTeX may depend on besides the entry."""

    cv: CV
    words: Words
    today: datetime.date


def _section_body(
    section: Section, path: tuple[str | int, ...], context: _Context
) -> Iterator[LatexObject]:
    """A section's (or subsection's) entries, each after its source mark."""
    if section.kind == "publication":
        other = partial(_entry, context=context)

        def here(inner: tuple[str | int, ...]) -> tex.SourceMark:
            return mark((*path, *inner[2:]))  # publications.py writes ("sections", i, ...)

        index = path[1]
        assert isinstance(index, int)
        yield from publication_section(section, index, context.cv, context.words, here, other)
        return
    count = len(section.entries)
    for number, entry in enumerate(section.entries):
        yield mark((*path, "entries", number))
        label = None
        if section.numbering is not None:
            label = str(number + 1 if section.numbering == "up" else count - number) + "."
        yield _entry(entry, context, label=label, durations=section.durations)


def mark(path: tuple[str | int, ...]) -> tex.SourceMark:
    """``% texcv-source: PATH``: the lines below come from PATH (texcv.diagnose reads it)."""
    return tex.SourceMark(format_path(path))


def _document(cv: CV, engine: str) -> Document:
    design = cv.design
    options = [f"{design.font_size}pt", f"{design.paper}paper", design.font_family]
    if not design.symbols:
        options.append("nosymbols")
    document = Document(
        # PyLaTeX's own \documentclass and packages would go through its escaper: texcv's
        # commands replace them below.
        fontenc=None,
        inputenc=None,
        lmodern=False,
        textcomp=False,
        page_numbers=False,  # PyLaTeX's lastpage breaks moderncv's own page numbers
        font_size="normalsize",
    )
    document.documentclass = tex.DocumentClass(
        keyword("moderncv"), options=[keyword(option) for option in options]
    )
    # PyLaTeX answers page_numbers=False with \pagestyle{empty}; moderncv numbers pages itself.
    document.data = [
        item for item in document.data if getattr(item, "latex_name", "") != "pagestyle"
    ]
    if engine == "pdflatex":
        document.packages.add(tex.UsePackage(keyword("fontenc"), options=[keyword("T1")]))
        document.packages.add(tex.UsePackage(keyword("inputenc"), options=[keyword("utf8")]))
        document.packages.add(tex.UsePackage(keyword("lmodern")))
    document.packages.add(tex.UsePackage(keyword("geometry")))
    document.packages.add(tex.Geometry(tex.Settings(margin=keyword(design.margin))))
    if not design.page_numbers:
        document.preamble.append(tex.NoPageNumbers())
    if design.style == "fancy" and engine != "pdflatex":
        document.preamble.append(tex.Template("fancy-unicode"))
    document.preamble.append(tex.ModernCvStyle(keyword(design.style)))
    document.preamble.append(tex.ModernCvColor(keyword(design.color)))
    if design.colors:
        document.preamble.extend(own_colors(design.colors))
    document.preamble.append(tex.Template("pdflatex" if engine == "pdflatex" else "unicode"))
    document.preamble.append(tex.Template("tweaks"))
    document.preamble.append(tex.Template("links"))
    document.preamble.append(tex.Template("details"))
    if design.style == "casual":
        document.preamble.append(tex.Template("footer"))
    if design.symbols:
        document.preamble.append(tex.Template("icons"))
    if design.date_width:
        width = tex.SetLength(tex.HintsColumnWidth(), keyword(design.date_width))
        document.preamble.append(width)
    document.preamble.append(tex.Template("xmp"))
    if cv.metadata.pdfa:
        document.preamble.append(tex.Template("pdfa-options"))
    return document


def photo_file(photo: Photo) -> str:
    """The photo's name beside the .tex: fixed, so no path from cv.yaml reaches TeX."""
    return "photo" + PurePath(photo.path).suffix.lower()


def _header(document: Document, header: Header, *, photo: bool = True) -> None:
    add = document.preamble.append
    add(tex.Name(literal(header.first_name), literal(header.last_name)))
    if header.title:
        add(tex.Title(inline(header.title)))
    if header.born:
        add(tex.Born(literal(header.born)))
    if header.address:
        a = header.address
        add(tex.Address(literal(a.street), literal(a.city), literal(a.country)))
    # Every link in the header is a \texcvurl{target}{text} (latex_templates/links.tex):
    # moderncv would change the targets it builds itself.
    for phone in header.phones:
        number = literal(phone.number)
        shown = number if phone.kind == "fax" else _url(tel(phone.number), number)
        add(tex.Phone(shown, keyword(phone.kind)))
    for number, email in enumerate(header.emails):
        linked = _url(mailto(email), literal(email))
        # moderncv shows one address; the others follow the social links, with its icon.
        if number == 0:
            add(tex.Email(linked))
        else:
            add(tex.Social(keyword("email"), linked, literal(email)))
    if header.homepage:
        shown = literal(url_for_display(header.homepage))
        add(tex.Homepage(_url(encode_url(header.homepage), shown)))
    for social in header.social:
        url = social_url(social)
        shown = literal(social.label)
        # A network moderncv does not know gets the generic link icon (icons.tex).
        network = keyword(social.known or "link")
        add(tex.Social(network, _url(url, shown) if url else None, shown))
    if header.photo and photo:
        p = header.photo
        add(tex.Photo(keyword(p.width), keyword(p.frame), keyword(photo_file(p))))
    if header.extra_info:
        add(tex.ExtraInfo(tex.TexcvDetail(inline(header.extra_info))))
    if header.quote:
        add(tex.Quote(inline(header.quote)))


def _text_rows(label: NoEscape, parts: list[NoEscape]) -> LatexObject:
    r"""A text entry: one \cvitem per paragraph, so that a long text (a research statement)
    breaks across pages between its paragraphs (a \cvitem is a table row, which cannot), the
    rows with no space between them but the last's; the label on the first."""
    if len(parts) < 2:
        return tex.CvItem(label, parts[0] if parts else NoEscape(""))
    rows = [
        tex.CvItem(label if index == 0 else NoEscape(""), part, options=[NoEscape("0pt")])
        for index, part in enumerate(parts[:-1])
    ]
    rows.append(tex.CvItem(NoEscape(""), parts[-1]))
    return tex.Joined(*rows, separator="%\n")


def _url(url: str, text: NoEscape) -> tex.TexcvUrl:
    """A header link to exactly ``url`` (already encoded), showing ``text``."""
    return tex.TexcvUrl(target(url), text)


def _entry(
    entry: Entry, context: _Context, *, label: str | None = None, durations: bool = False
) -> LatexObject:
    """``label`` numbers the entry (in the label or date column) when its section says so."""
    number = literal(label)
    match entry:
        case TextEntry():
            return _text_rows(number, paragraphs(entry.text))
        case BulletEntry() if label:
            return tex.CvItem(number, inline(entry.text))
        case BulletEntry():
            return tex.CvListItem(inline(entry.text))
        case ItemEntry() if entry.comment:
            return tex.CvItemWithComment(
                inline(entry.label),
                columns.with_level(entry.level, inline(entry.text)),
                inline(entry.comment),
            )
        case ItemEntry():
            return tex.CvItem(
                inline(entry.label), columns.with_level(entry.level, inline(entry.text))
            )
        case DatedEntry():
            return _dated(entry, context, label, durations)
        case PublicationEntry():
            return publication_entry(entry, context.cv, context.words, label)
        case DoubleItemEntry():
            return columns.double_item(entry)
        case DoubleBulletEntry():
            return columns.double_bullet(entry)
        case ColumnsEntry():
            return columns.columns(entry)
        case SkillEntry():
            return columns.skill(entry)
        case SkillLegendEntry():
            return columns.skill_legend(entry)
        case SkillHeadEntry():
            return columns.skill_head(entry)
    raise TypeError(f"unknown entry {entry!r}")


def _dated(entry: DatedEntry, context: _Context, label: str | None, durations: bool) -> tex.CvEntry:
    """``\\cventry``; its date column stacks number, dates, duration and degree."""
    words, style = context.words, context.cv.design.dates
    description: tex.Latex = inline(entry.description)
    if entry.highlights:
        description = tex.Joined(description, columns.bullets(entry.highlights))
    hint: list[tex.Latex] = []
    if label:
        hint.append(literal(label))
    dates = format_range(entry.start, entry.end, words, single=entry.date, style=style)
    if dates:
        hint.append(dates)
    span = duration(entry.start, entry.end, context.today) if durations else None
    if span is not None:
        hint.append(format_duration(span, words))
    if entry.degree:
        hint.append(inline(entry.degree))
    # The hint column is \raggedleft: \\ (not \newline, which pads) keeps lines flush right.
    return tex.CvEntry(
        tex.Joined(*hint, separator=tex.LineBreak().dumps()),
        inline(entry.title),
        inline(entry.organisation),
        inline(entry.location),
        inline(entry.note),
        description,
    )
