"""render/latex.py: the LaTeX commands as PyLaTeX classes. PyLaTeX's own escaper never sees
text from cv.yaml; texcv's escaper (render/escape.py) runs once, on every piece of it."""

from __future__ import annotations

import inspect

import pylatex.utils
import pytest
from pylatex.utils import NoEscape

from texcv.render import latex as tex
from texcv.render import render
from texcv.render.inline import keyword, literal
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml_text

# Text PyLaTeX's escaper and texcv's would each change, differently: `-` ({-} for PyLaTeX),
# `^` (an accent for PyLaTeX), `_&%#` (escaped by both, so twice if both ran).
HOSTILE = "a_b&c%d#e-f^g~h"
HOSTILE_CV = f"""\
header:
  first_name: "{HOSTILE}"
  last_name: "{HOSTILE}"
  title: "{HOSTILE} **{HOSTILE}**"
  phones: [{{number: "{HOSTILE}", kind: fax}}]
  emails: ["{HOSTILE}"]
  homepage: "https://ex.org/{HOSTILE}"
  social:
    - {{network: github, account: "{HOSTILE}", url: "https://ex.org/{HOSTILE}"}}
  extra_info: "{HOSTILE}"
  photo: {{path: me.png, width: 2cm, frame: 0pt}}
owner: {{names: ["{HOSTILE}"]}}
metadata: {{title: "{HOSTILE}", subject: "{HOSTILE}", keywords: ["{HOSTILE}"]}}
design: {{date_width: 3cm, margin: 1.5cm, page_numbers: false, symbols: false}}
sections:
  - title: "{HOSTILE}"
    entries:
      - {{start: "2020-01", title: "{HOSTILE}", organisation: "{HOSTILE}",
          description: "{HOSTILE}", highlights: ["{HOSTILE}"]}}
      - {{kind: item, label: "{HOSTILE}", text: "{HOSTILE}", comment: "{HOSTILE}"}}
  - title: Papers
    kind: publication
    group_by: year
    numbered: true
    entries:
      - {{authors: ["{HOSTILE}"], title: "{HOSTILE}", venue: "{HOSTILE}", date: "2020",
          url: "https://ex.org/{HOSTILE}"}}
"""


def hostile_tex() -> str:
    return render(validate(load_yaml_text(HOSTILE_CV, "cv.yaml")))


def test_pylatex_escaper_never_sees_text_from_cv_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    original = pylatex.utils.escape_latex

    def spy(text: object) -> NoEscape:
        seen.append(str(text))
        return original(text)

    monkeypatch.setattr(pylatex.utils, "escape_latex", spy)
    hostile_tex()
    # Only the environment names PyLaTeX writes itself in \begin{...} and \end{...}.
    assert set(seen) <= {"document", "itemize"}, seen


def test_options_and_arguments_are_escaped_once_the_texcv_way() -> None:
    tex_text = hostile_tex()
    once = r"a\_b\&c\%d\#e-f\textasciicircum{}g\textasciitilde{}h"
    assert rf"\phone[fax]{{{once}}}" in tex_text
    assert rf"\name{{{once}}}{{{once}}}" in tex_text
    # The link is an optional argument of \social: its target percent-encoded, then escaped
    # once (texcv's URL escaping), its text escaped once.
    url = r"https://ex.org/a\string_b\&c\%25d\#e-f\%5Eg\string~h"
    assert rf"\social[github][\texcvurl{{{url}}}{{{once}}}]{{{once}}}" in tex_text
    assert r"\photo[2cm][0pt]{photo.png}" in tex_text
    assert r"\setlength{\hintscolumnwidth}{3cm}" in tex_text
    assert r"\geometry{margin=1.5cm}" in tex_text
    assert r"\documentclass[11pt,a4paper,sans,nosymbols]{moderncv}" in tex_text
    assert "e{-}f" not in tex_text and r"f\^{}g" not in tex_text  # PyLaTeX's forms
    assert r"\textbackslash{}\_" not in tex_text and r"\\_" not in tex_text  # twice escaped


def test_options_are_written_as_given() -> None:
    assert tex.Phone(literal("1"), literal("a_b&%")).dumps() == r"\phone[a\_b\&\%]{1}"
    social = tex.Social(keyword("github"), literal("u_1-x"), literal("a_b"))
    assert social.dumps() == r"\social[github][u\_1-x]{a\_b}"
    assert tex.Social(keyword("orcid"), None, literal("0-1")).dumps() == r"\social[orcid]{0-1}"
    photo = tex.Photo(keyword("64pt"), keyword("0.4pt"), keyword("photo.jpg"))
    assert photo.dumps() == r"\photo[64pt][0.4pt]{photo.jpg}"  # two optional arguments
    document_class = tex.DocumentClass(keyword("moderncv"), options=[keyword("a"), keyword("b")])
    assert document_class.dumps() == r"\documentclass[a,b]{moderncv}"  # one, comma-separated


def _plain_commands() -> list[type[tex.TexCommand]]:
    """The command classes that take their arguments as given, in order."""
    return [
        cls
        for _, cls in inspect.getmembers(tex, inspect.isclass)
        if issubclass(cls, tex.TexCommand)
        and cls is not tex.TexCommand
        and cls.__init__ is tex.TexCommand.__init__
    ]


@pytest.mark.parametrize("command", _plain_commands(), ids=lambda cls: cls.__name__)
def test_every_command_writes_its_latex_arguments_unchanged(
    command: type[tex.TexCommand],
) -> None:
    argument = literal("x_1-y^z")
    assert command(argument, argument).dumps() == (
        rf"\{command._latex_name}{{{argument}}}{{{argument}}}"
    )


@pytest.mark.parametrize(
    "make",
    [
        lambda: tex.Phone(NoEscape("1"), "a_b&"),  # type: ignore[arg-type]
        lambda: tex.CvItem("label", NoEscape("text")),  # type: ignore[arg-type]
        lambda: tex.Social(NoEscape("github"), "https://x", NoEscape("a")),  # type: ignore[arg-type]
        lambda: tex.Joined(NoEscape("a"), "b"),  # type: ignore[arg-type]
        lambda: tex.Settings(margin="2cm"),  # type: ignore[arg-type]
        lambda: tex.ItemList(["item"]),  # type: ignore[list-item]
    ],
)
def test_plain_text_is_refused_so_nothing_skips_the_escaper(make: object) -> None:
    with pytest.raises(TypeError, match="escape it"):
        make()  # type: ignore[operator]
