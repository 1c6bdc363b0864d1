"""Every LaTeX command the renderer writes, as a small PyLaTeX class, so the renderer reads like
the document it makes. Fixed preamble pieces stay in latex_templates/ (``Template``).

Arguments and options are LaTeX already: text from cv.yaml escaped by texcv.render.escape
(through texcv.render.inline), or objects of this module. PyLaTeX escapes none of it
(``_default_escape = False``): its escaper is not texcv's (``-`` becomes ``{-}``, ``^`` an
accent) and would escape a second time. A plain ``str`` is refused, so text that skipped
escape.py fails here instead of reaching TeX.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from pylatex.base_classes import Arguments, CommandBase, LatexObject, Options, SpecialOptions
from pylatex.lists import Itemize
from pylatex.utils import NoEscape

from texcv.render.templates import DUMP_END, SOURCE_MARK, template

# LaTeX texcv wrote: escaped text marked NoEscape, or an object of this module.
Latex = NoEscape | LatexObject

__all__ = ["SOURCE_MARK"]  # (defined in templates.py, which the compile stage reads too)


def _checked(pieces: Iterable[Latex]) -> list[Latex]:
    checked = list(pieces)
    for piece in checked:
        if not isinstance(piece, NoEscape | LatexObject):
            raise TypeError(
                f"LaTeX expected, got the plain text {piece!r}: escape it (texcv.render.inline)"
            )
    return checked


def as_latex(piece: LatexObject) -> NoEscape:
    """``piece`` as LaTeX text, to write inside other text (``\\textbf`` in a sentence)."""
    return NoEscape(piece.dumps())


class TexCommand(CommandBase):
    r"""``\name[option]...{argument}...``: arguments and options are LaTeX, never escaped.

    moderncv takes several optional arguments, each in its own brackets
    (``\photo[64pt][0.4pt]{file}``), so options are ``SpecialOptions`` unless a class says
    otherwise. ``then`` are arguments after the options (``\newcommand*{\name}[2]{body}``).
    """

    _default_escape = False
    _options: ClassVar[type[Options]] = SpecialOptions
    _repr_attributes_override: ClassVar[list[str]] = ["latex_name", "options", "arguments"]

    def __init__(
        self, *arguments: Latex, options: Sequence[Latex] = (), then: Sequence[Latex] = ()
    ) -> None:
        super().__init__(
            arguments=Arguments(_checked(arguments)),
            options=self._options(_checked(options)),
            extra_arguments=Arguments(_checked(then)) if then else None,
        )


class Settings(LatexObject):
    """``key=value`` settings in one argument, as geometry and hyperref read them. ``lines``
    puts each on a line of its own and braces the values (hyperref's PDF strings)."""

    _repr_attributes_override: ClassVar[list[str]] = ["settings", "lines"]

    def __init__(self, *, lines: bool = False, **settings: Latex) -> None:
        super().__init__()
        self.settings = dict(zip(settings, _checked(settings.values()), strict=True))
        self.lines = lines

    def dumps(self) -> str:
        if not self.lines:
            return ",".join(f"{key}={value}" for key, value in self.settings.items())
        return ",".join(f"\n  {key}={{{value}}}" for key, value in self.settings.items())


class Template(LatexObject):
    """A fixed piece of LaTeX from latex_templates/ (no text from cv.yaml in it)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def dumps(self) -> str:
        return template(self.name)


class EndOfDump(LatexObject):
    r"""``\csname endofdump\endcsname``: the end of the preamble the build precompiles.

    It ends in a real newline, not PyLaTeX's ``%``, or the format's line scanner runs on.
    """

    def dumps(self) -> str:
        return DUMP_END + "\n"


class SourceMark(LatexObject):
    """A comment line ``% texcv-source: PATH``: the lines after it come from PATH in cv.yaml."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def dumps(self) -> str:
        return f"\n{SOURCE_MARK}{self.path}\n"


class Joined(LatexObject):
    """LaTeX pieces one after the other, as one argument or one preamble item."""

    _repr_attributes_override: ClassVar[list[str]] = ["pieces", "separator"]

    def __init__(self, *pieces: Latex, separator: str = "") -> None:
        super().__init__()
        self.pieces = _checked(pieces)
        self.separator = separator

    def dumps(self) -> str:
        return self.separator.join(
            piece.dumps() if isinstance(piece, LatexObject) else piece for piece in self.pieces
        )


class ItemList(Itemize):
    """``itemize`` of LaTeX items (a dated entry's highlights)."""

    _latex_name = "itemize"
    _default_escape = False
    _repr_attributes_override: ClassVar[list[str]] = ["data"]

    def __init__(self, items: Iterable[Latex]) -> None:
        super().__init__()
        for item in _checked(items):
            self.add_item(item)


# Preamble
class DocumentClass(TexCommand):
    r"""``\documentclass[11pt,a4paper,sans]{moderncv}``: class options are comma-separated."""

    _latex_name = "documentclass"
    _options = Options


class UsePackage(TexCommand):
    r"""``\usepackage[option,...]{package}``."""

    _latex_name = "usepackage"
    _options = Options


class Geometry(TexCommand):
    r"""``\geometry{margin=2cm}`` (give it ``Settings``)."""

    _latex_name = "geometry"


class SetLength(TexCommand):
    r"""``\setlength{\register}{length}``."""

    _latex_name = "setlength"


class NewCommand(TexCommand):
    r"""``\newcommand*{\name}[parameters]{body}``."""

    _latex_name = "newcommand"
    _star_latex_name = True

    def __init__(self, name: LatexObject, parameters: int, body: Latex) -> None:
        super().__init__(name, options=[NoEscape(str(parameters))], then=[body])


class AtEndPreamble(TexCommand):
    r"""``\AtEndPreamble{code}`` (etoolbox): runs after moderncv has loaded hyperref."""

    _latex_name = "AtEndPreamble"


class HyperSetup(TexCommand):
    r"""``\hypersetup{settings}`` (give it ``Settings(lines=True, ...)``)."""

    _latex_name = "hypersetup"


class HintsColumnWidth(TexCommand):
    r"""moderncv's length ``\hintscolumnwidth``: the width of the date column."""

    _latex_name = "hintscolumnwidth"


class TexcvPageNumber(TexCommand):
    r"""``\texcvpagenumber{page}{total}``, defined from the locale's words (page_numbers.py)."""

    _latex_name = "texcvpagenumber"


class TexcvUrl(TexCommand):
    r"""``\texcvurl{target}{text}`` (latex_templates/links.tex): a header link that leads to
    exactly ``target``; moderncv would change the targets it builds itself."""

    _latex_name = "texcvurl"


class TexcvDetail(TexCommand):
    r"""``\texcvdetail{text}`` (latex_templates/details.tex): a header detail that wraps when
    it is too long for moderncv's column."""

    _latex_name = "texcvdetail"


# Text
class TextBf(TexCommand):
    _latex_name = "textbf"


class Emph(TexCommand):
    _latex_name = "emph"


class TextIt(TexCommand):
    r"""``\textit{text}``: a name set apart in an author list (a highlight group)."""

    _latex_name = "textit"


class Underline(TexCommand):
    r"""``\underline{text}``: a name set apart in an author list; names are short, so the box
    it makes (no line break inside) does no harm."""

    _latex_name = "underline"


class Href(TexCommand):
    r"""``\href{url}{text}`` (hyperref); the URL escaped by escape.escape_url."""

    _latex_name = "href"


class LineBreak(TexCommand):
    r"""``\\``: ends a line and keeps a ragged-left column flush right (``\newline`` pads)."""

    _latex_name = "\\"


# moderncv: style and header (preamble)
class ModernCvStyle(TexCommand):
    _latex_name = "moderncvstyle"


class ModernCvColor(TexCommand):
    _latex_name = "moderncvcolor"


class NoPageNumbers(TexCommand):
    _latex_name = "nopagenumbers"


class Name(TexCommand):
    r"""``\name{first}{last}``."""

    _latex_name = "name"


class Title(TexCommand):
    _latex_name = "title"


class Born(TexCommand):
    _latex_name = "born"


class Address(TexCommand):
    r"""``\address{street}{city}{country}``."""

    _latex_name = "address"


class Phone(TexCommand):
    r"""``\phone[mobile|fixed|fax]{number}``."""

    _latex_name = "phone"

    def __init__(self, number: Latex, kind: Latex) -> None:
        super().__init__(number, options=[kind])


class Email(TexCommand):
    _latex_name = "email"


class Homepage(TexCommand):
    r"""``\homepage{url}``: moderncv prints the URL and links it with https:// in front."""

    _latex_name = "homepage"


class Social(TexCommand):
    r"""``\social[network][url]{account}``: two separate optional arguments, the URL optional."""

    _latex_name = "social"

    def __init__(self, network: Latex, url: Latex | None, account: Latex) -> None:
        super().__init__(account, options=[network] if url is None else [network, url])


class Photo(TexCommand):
    r"""``\photo[width][frame]{file}``: two separate optional arguments (not ``[a,b]``)."""

    _latex_name = "photo"

    def __init__(self, width: Latex, frame: Latex, file: Latex) -> None:
        super().__init__(file, options=[width, frame])


class ExtraInfo(TexCommand):
    _latex_name = "extrainfo"


class Quote(TexCommand):
    _latex_name = "quote"


# moderncv: body
class MakeCvTitle(TexCommand):
    _latex_name = "makecvtitle"


class Section(TexCommand):
    _latex_name = "section"


class SubSection(TexCommand):
    r"""``\subsection{heading}``: a group heading inside a section (publications by year)."""

    _latex_name = "subsection"


class CvItem(TexCommand):
    r"""``\cvitem{label}{text}``."""

    _latex_name = "cvitem"


class CvItemWithComment(TexCommand):
    r"""``\cvitemwithcomment{label}{text}{comment}``."""

    _latex_name = "cvitemwithcomment"


class CvListItem(TexCommand):
    _latex_name = "cvlistitem"


class CvEntry(TexCommand):
    r"""``\cventry{dates}{title}{organisation}{location}{note}{description}``: all six given,
    empty ones skipped by moderncv."""

    _latex_name = "cventry"


# moderncv: letter (\recipient ... \makelettertitle, the body, \makeletterclosing)
class Recipient(TexCommand):
    r"""``\recipient{name}{address}``: the block the letter is addressed to."""

    _latex_name = "recipient"


class Date(TexCommand):
    r"""``\date{...}``: moderncv prints it as given (its default, ``\today``, is English only)."""

    _latex_name = "date"


class Opening(TexCommand):
    _latex_name = "opening"


class Closing(TexCommand):
    _latex_name = "closing"


class Enclosure(TexCommand):
    r"""``\enclosure[label]{list}``; without a label moderncv writes its English "Enclosure"."""

    _latex_name = "enclosure"

    def __init__(self, items: Latex, label: Latex) -> None:
        super().__init__(items, options=[label])


class MakeLetterTitle(TexCommand):
    """Sender, recipient, date and opening, as the style lays them out."""

    _latex_name = "makelettertitle"


class MakeLetterClosing(TexCommand):
    """Closing, the sender's name and the enclosures."""

    _latex_name = "makeletterclosing"


class Par(TexCommand):
    r"""``\par``: the end of a paragraph of a letter's body."""

    _latex_name = "par"


# Scripts and fonts (texcv.render.script_preamble): their values come from texcv's own data
# (TeX Live's .dfu definitions, font files fontconfig lists), never from cv.yaml.
class ControlSequence(LatexObject):
    r"""``\name`` alone, for a command another command defines (``\newfontfamily{\name}``)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        if not (name.isascii() and name.isalpha()):
            raise ValueError(f"not a command name of letters: {name!r}")
        self.name = name

    def dumps(self) -> str:
        return f"\\{self.name}"


class MakeAtLetter(TexCommand):
    r"""``\makeatletter``: the .dfu definitions texcv copies name internal commands."""

    _latex_name = "makeatletter"


class MakeAtOther(TexCommand):
    _latex_name = "makeatother"


class DeclareUnicodeCharacter(TexCommand):
    r"""``\DeclareUnicodeCharacter{2264}{LaTeX}``: what pdfLaTeX prints for a character."""

    _latex_name = "DeclareUnicodeCharacter"


class TexcvActualText(TexCommand):
    r"""``\texcvactualtext{UTF-16 hex}{LaTeX}`` (latex_templates/actualtext.tex)."""

    _latex_name = "texcvactualtext"


class SetMainFont(TexCommand):
    r"""fontspec's ``\setmainfont[Path=...,BoldFont=...]{Regular.ttf}``."""

    _latex_name = "setmainfont"
    _options = Options


class SetSansFont(TexCommand):
    _latex_name = "setsansfont"
    _options = Options


class NewFontFamily(TexCommand):
    r"""fontspec's ``\newfontfamily{\name}[options]{Regular.ttf}`` (the file in ``then``)."""

    _latex_name = "newfontfamily"
    _options = Options


class TexcvFamily(TexCommand):
    r"""``\texcvfamily{NAME}{regular}{bold}{italic}{bold italic}{features}``
    (latex_templates/lualatex-fonts.tex): a LaTeX font family of luaotfload specs."""

    _latex_name = "texcvfamily"


class TexcvFontFamily(TexCommand):
    r"""``\texcvfontfamily{\command}{NAME}``: ``\command`` switches to the family NAME."""

    _latex_name = "texcvfontfamily"


class RenewCommand(TexCommand):
    r"""``\renewcommand{\name}{body}``."""

    _latex_name = "renewcommand"


class TexcvDefineScript(TexCommand):
    r"""``\texcvdefinescript{KEY}{\font}{rtl|ltr}`` (latex_templates/unicode.tex): runs of
    the script KEY in that font and direction."""

    _latex_name = "texcvdefinescript"


class DirectLua(TexCommand):
    r"""``\directlua{code}``: LuaLaTeX's Lua (luaotfload's fallback fonts, by file)."""

    _latex_name = "directlua"


class CvDoubleItem(TexCommand):
    r"""``\cvdoubleitem{label}{text}{label}{text}``: two items side by side."""

    _latex_name = "cvdoubleitem"


class CvListDoubleItem(TexCommand):
    r"""``\cvlistdoubleitem{text}{text}``: two bullet points side by side."""

    _latex_name = "cvlistdoubleitem"


class CvColumn(TexCommand):
    r"""``\cvcolumn[width]{heading}{content}`` inside ``cvcolumns``; width a share of 1."""

    _latex_name = "cvcolumn"


class CvColumns(LatexObject):
    r"""moderncv's ``cvcolumns`` environment around its ``\cvcolumn``\ s."""

    _repr_attributes_override: ClassVar[list[str]] = ["columns"]

    def __init__(self, columns: Iterable[CvColumn]) -> None:
        super().__init__()
        self.columns = list(columns)

    def dumps(self) -> str:
        inner = "\n".join(column.dumps() for column in self.columns)
        return f"\\begin{{cvcolumns}}\n{inner}\n\\end{{cvcolumns}}"


class CvSkill(TexCommand):
    r"""``\cvskill{level}``: moderncv's skill bar, 0 to 5 boxes (moderncvskillmatrix.sty)."""

    _latex_name = "cvskill"


class CvSkillEntry(TexCommand):
    r"""``\cvskillentry[*]{category}{level}{skill}{years}{comment}``: a row of the skill matrix;
    the star draws a dashed line above it."""

    _latex_name = "cvskillentry"

    def __init__(self, *arguments: Latex, rule: bool = False) -> None:
        super().__init__(*arguments)
        self._star_latex_name = rule


class CvSkillLegend(TexCommand):
    r"""``\cvskilllegend[*][padding][level 1]...[level 5]{title}``: what the levels mean."""

    _latex_name = "cvskilllegend"

    def __init__(self, title: Latex, levels: Sequence[Latex] = (), rules: bool = False) -> None:
        padding = [NoEscape(".25em")] if levels else []
        super().__init__(title, options=[*padding, *levels])
        self._star_latex_name = rules


class CvSkillHead(TexCommand):
    r"""``\cvskillhead[padding][Level][Skill][Years][Comment]``: the matrix's column headings."""

    _latex_name = "cvskillhead"

    def __init__(self, headings: Sequence[Latex] = ()) -> None:
        padding = [NoEscape(".25em")] if headings else []
        super().__init__(options=[*padding, *headings])


class NewLine(TexCommand):
    r"""``\newline``: a line break inside a paragraph (a line break typed in cv.yaml)."""

    _latex_name = "newline"

    def __init__(self) -> None:  # takes no argument
        super().__init__()

    def dumps(self) -> str:
        return r"\newline{}"  # the braces end the name before the next line's text


class DefineColor(TexCommand):
    r"""``\definecolor{name}{HTML}{RRGGBB}``: one of moderncv's colour slots (color0-2)."""

    _latex_name = "definecolor"


class TexcvFooter(TexCommand):
    r"""``\texcvfooter``: the footer line's text, defined from design.footer (footline.tex)."""

    _latex_name = "texcvfooter"
