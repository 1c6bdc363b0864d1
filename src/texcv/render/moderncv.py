"""moderncv's commands as small PyLaTeX classes, so the renderer reads like the document.

Arguments are LaTeX already (NoEscape from render.inline); these classes only know names and
argument order.
"""

from __future__ import annotations

from pylatex.base_classes import Arguments, CommandBase, Options
from pylatex.base_classes.command import Command
from pylatex.utils import NoEscape


class _ModernCvCommand(CommandBase):
    """A moderncv command whose arguments are LaTeX written by texcv."""

    def __init__(self, *arguments: str, options: Options | None = None) -> None:
        super().__init__(arguments=Arguments(*[NoEscape(a) for a in arguments]), options=options)


# Header (preamble) commands
class Name(_ModernCvCommand):
    _latex_name = "name"


class Title(_ModernCvCommand):
    _latex_name = "title"


class Born(_ModernCvCommand):
    _latex_name = "born"


class Address(_ModernCvCommand):
    _latex_name = "address"


class Phone(_ModernCvCommand):
    _latex_name = "phone"

    def __init__(self, number: str, kind: str) -> None:
        super().__init__(number, options=Options(kind))


class Email(_ModernCvCommand):
    _latex_name = "email"


class Homepage(_ModernCvCommand):
    _latex_name = "homepage"


class Social(_ModernCvCommand):
    r"""``\social[network][url]{account}``: two separate optional arguments."""

    _latex_name = "social"

    def dumps(self) -> str:
        network, url, account = self.arguments._positional_args
        url_part = f"[{url}]" if url else ""
        return rf"\social[{network}]{url_part}{{{account}}}"


class Photo(_ModernCvCommand):
    r"""``\photo[width][frame]{file}``: two separate optional arguments (not ``[a,b]``)."""

    _latex_name = "photo"

    def dumps(self) -> str:
        width, frame, path = self.arguments._positional_args
        return rf"\photo[{width}][{frame}]{{{path}}}"


class ExtraInfo(_ModernCvCommand):
    _latex_name = "extrainfo"


class Quote(_ModernCvCommand):
    _latex_name = "quote"


class ModernCvStyle(_ModernCvCommand):
    _latex_name = "moderncvstyle"


class ModernCvColor(_ModernCvCommand):
    _latex_name = "moderncvcolor"


# Body commands
class Section(_ModernCvCommand):
    _latex_name = "section"


class CvItem(_ModernCvCommand):
    """``\\cvitem{label}{text}``."""

    _latex_name = "cvitem"


class CvItemWithComment(_ModernCvCommand):
    _latex_name = "cvitemwithcomment"


class CvListItem(_ModernCvCommand):
    _latex_name = "cvlistitem"


class CvEntry(_ModernCvCommand):
    """``\\cventry{dates}{title}{organisation}{location}{note}{description}``."""

    _latex_name = "cventry"


def command(name: str, *arguments: str) -> Command:
    """A plain LaTeX command with texcv-written arguments (e.g. ``\\hypersetup``)."""
    return Command(name, arguments=Arguments(*[NoEscape(a) for a in arguments]))
