"""Cover letters (letters/NAME.yaml): built with real TeX in every style and read back.

The sender comes from cv.yaml's header; the letter's text is escaped like the CV's; a letter
longer than max_pages (default 1) fails and keeps the previous PDF; TeX's errors and the
schema's point at letters/NAME.yaml:LINE:COL.
"""

from __future__ import annotations

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import pylatex.utils
import pytest
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, pdf_info, pdf_text, run_texcv
from texcv.app.letter import letter_names, letter_path
from texcv.render.letter import render_letter
from texcv.schema.letter import Letter
from texcv.schema.validate import validate, validate_as
from texcv.source.yaml_reader import load_yaml, load_yaml_text

PROJECT = FIXTURES / "letter"
STYLES = ("casual", "classic", "banking", "oldstyle", "fancy")
EPOCH = "1700000000"  # 2023-11-14 22:13:20 UTC

# What the fixture letter says, as pdftotext gives it back (whitespace collapsed).
RECIPIENT = [
    "Hiring committee",
    "Analytical Engines Ltd",
    "12 Babbage Road",
    "London, United Kingdom",
]
OPENING = "Dear members of the committee,"
BODY = [
    "I apply for the position of analyst; 100% of my $notes & {sketches} show \\input{x}.",
    "My notes on the Analytical Engine describe the first algorithm.",
]
CLOSING = "Yours sincerely,"
ENCLOSURE = "Enclosures: Curriculum vitae, Notes by the translator"


def project(tmp_path: Path, style: str = "classic") -> Path:
    """A copy of the fixture project (cv.yaml and letters/) in the style ``style``."""
    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    cv = target / "cv.yaml"
    cv.write_text(cv.read_text().replace("style: classic", f"style: {style}"))
    return target


def collapsed(pdf: Path) -> str:
    """The text in the order it was drawn (oldstyle puts the sender in the margin beside the
    body), whitespace collapsed."""
    return " ".join(pdf_text(pdf, raw=True).split())


def write_letter(folder: Path, name: str, text: str) -> Path:
    path = folder / "letters" / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


SHORT = """\
recipient: {name: Hiring committee}
opening: Dear all,
body:
  - First paragraph.
  - Second paragraph.
closing: Yours,
"""


# Without TeX: the schema, the names, the .tex


def test_a_letter_names_a_file_beside_cv_yaml() -> None:
    assert letter_path(Path("cv.yaml"), "acme") == Path("letters/acme.yaml")
    assert letter_path(Path("me/cv.yaml"), "acme") == Path("me/letters/acme.yaml")
    assert letter_path(Path("cv.yaml"), "other/x.yaml") == Path("other/x.yaml")
    assert letter_names(PROJECT / "cv.yaml") == ["application"]


def test_a_body_block_is_split_into_paragraphs() -> None:
    loaded = load_yaml(PROJECT / "letters" / "application.yaml")
    letter = validate_as(Letter, loaded)
    assert len(letter.body) == 2 and letter.body[1].startswith("My notes")
    assert letter.max_pages == 1 and str(letter.date) == "2024-03-15"


def test_the_tex_escapes_the_letter_and_marks_the_body() -> None:
    cv = validate(load_yaml(PROJECT / "cv.yaml"))
    letter = validate_as(Letter, load_yaml(PROJECT / "letters" / "application.yaml"))
    tex = render_letter(letter, cv, datetime.date(2020, 1, 1))
    assert r"\recipient{Hiring committee}{Analytical Engines Ltd\\{}12 Babbage Road" in tex
    assert r"\date{London, March 15, 2024}" in tex
    assert r"\enclosure[Enclosures]{Curriculum vitae, Notes by the translator}" in tex
    assert r"\$notes \& \{sketches\} show \textbackslash{}input\{x\}" in tex
    assert "% texcv-source: body[1]" in tex
    assert tex.index(r"\makelettertitle") < tex.index("I apply") < tex.index(r"\makeletterclosing")
    assert r"\photo" not in tex  # moderncv's letters show no photo


def test_pylatex_escapes_nothing_and_texcv_escapes_once(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    original = pylatex.utils.escape_latex
    monkeypatch.setattr(
        pylatex.utils, "escape_latex", lambda text: seen.append(str(text)) or original(text)
    )
    hostile = "a_b&c%d#e-f^g~h"
    data = {
        "recipient": {"name": hostile, "organisation": hostile, "address": [f"*{hostile}"]},
        "opening": hostile,
        "body": [hostile],
        "closing": hostile,
        "enclosures": [hostile, hostile],
        "enclosure_label": hostile,
        "place": hostile,
    }
    letter = validate_as(Letter, load_yaml_text(json.dumps(data), "letters/x.yaml"))
    cv = validate(load_yaml(PROJECT / "cv.yaml"))
    tex = render_letter(letter, cv, datetime.date(2020, 1, 1))
    assert set(seen) <= {"document"}, seen
    once = r"a\_b\&c\%d\#e-f\textasciicircum{}g\textasciitilde{}h"
    assert rf"\recipient{{{once}}}{{{once}\\{{}}*{once}}}" in tex
    assert rf"\enclosure[{once}]{{{once}, {once}}}" in tex
    assert rf"\date{{{once}, January 1, 2020}}" in tex
    assert rf"\opening{{{once}}}" in tex and rf"\closing{{{once}}}" in tex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "recipient: {name: X, organization: Y}\nopening: Hi\nbody: [a]\nclosing: Bye\n",
            [
                "letters/bad.yaml:1:22: error: unknown key 'organization'; "
                "did you mean 'organisation'?",
                "hint: allowed here: name, organisation, address",
            ],
        ),
        (
            "recipient: {name: X}\nopening: Hi\nbody: []\nclosing: Bye\n",
            ["letters/bad.yaml:3:7: error: expected at least 1 item, got none", "at: body"],
        ),
        (
            "recipient: {name: X}\nopening: Hi\nbody: [a]\nclosing: Bye\ndate: 2024-03\n",
            ["letters/bad.yaml:5:7: error: a letter's date is a day: write YYYY-MM-DD"],
        ),
        (
            "recipient: {name: X}\nbody: [a]\nclosing: Bye\n",
            ["letters/bad.yaml:1:1: error: missing required field 'opening'"],
        ),
        (
            "recipient: {name: X}\nopening: Hi\nbody: [a]\nclosing: Bye\nvariant: de\n",
            ["letters/bad.yaml:5:10: error: cv.yaml has no variant named 'de' (known: fr)"],
        ),
    ],
)
def test_mistakes_are_reported_at_the_letters_line(
    tmp_path: Path, text: str, expected: list[str]
) -> None:
    folder = project(tmp_path)
    write_letter(folder, "bad", text)
    result = run_texcv("letter", "bad", "-q", cwd=folder)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for line in expected:
        assert line in result.stderr
    assert not (folder / "build" / "letter-bad.pdf").exists()
    check = run_texcv("check", "-q", cwd=folder)  # `texcv check` checks the letters too
    assert check.returncode == 2 and expected[0] in check.stderr


def test_an_unknown_letter_lists_the_known_ones(tmp_path: Path) -> None:
    folder = project(tmp_path)
    result = run_texcv("letter", "acme", cwd=folder)
    assert result.returncode == 2
    assert result.stderr.startswith("letters/acme.yaml: error: no letter 'acme'")
    assert "application" in result.stderr and "Traceback" not in result.stderr


def test_make_letter_runs_texcv_letter(tmp_path: Path) -> None:
    folder = project(tmp_path)
    make = ["make", "-n", "--no-print-directory", "-C", str(ROOT)]
    settings = [f"CV={folder / 'cv.yaml'}", f"OUT={folder / 'build'}"]
    one = subprocess.run([*make, "letter", "NAME=application", *settings], **_quiet())
    assert one.returncode == 0, one.stderr
    assert f"texcv letter application --cv {folder / 'cv.yaml'} -o {folder / 'build'}" in one.stdout
    every = subprocess.run([*make, "all-variants", *settings], **_quiet())
    assert every.returncode == 0, every.stderr
    assert "texcv letter application" in every.stdout and "--variant fr" in every.stdout
    unnamed = subprocess.run(["make", "-C", str(ROOT), "letter", *settings], **_quiet())
    assert unnamed.returncode != 0 and "make letter NAME=" in unnamed.stdout + unnamed.stderr


def _quiet() -> dict[str, object]:
    return {"capture_output": True, "text": True, "timeout": 120}


# With TeX


@pytest.mark.tex
@pytest.mark.parametrize("style", STYLES)
def test_a_letter_in_each_style_reads_back(require_tex: None, tmp_path: Path, style: str) -> None:
    folder = project(tmp_path, style)
    result = run_texcv("letter", "application", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "warning:" not in result.stderr  # read back: nothing off the page, links right
    pdf = folder / "build" / "letter-application.pdf"
    text = collapsed(pdf)
    for expected in [*RECIPIENT, OPENING, *BODY, CLOSING, ENCLOSURE, "London, March 15, 2024"]:
        assert expected in text, f"{expected!r} missing in the {style} letter: {text}"
    assert "Ada Lovelace" in text and "ada@example.org" in text  # the sender, from cv.yaml
    info = pdf_info(pdf)
    assert info["Pages"] == "1" and "pdfTeX" in info["Producer"]
    assert info["Title"] == "Ada Lovelace – Letter to Analytical Engines Ltd"
    assert info["Author"] == "Ada Lovelace"
    links = [
        annotation.get_object()["/A"]["/URI"]
        for annotation in PdfReader(pdf).pages[0].get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    assert "https://example.org/notes" in links


@pytest.mark.tex
def test_french_words_and_the_builds_date(require_tex: None, tmp_path: Path) -> None:
    folder = project(tmp_path)
    source = folder / "letters" / "application.yaml"
    text = source.read_text().replace("date: 2024-03-15\n", "variant: fr\n")
    source.write_text(text)
    result = run_texcv("letter", "application", "-q", cwd=folder, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.returncode == 0, result.stderr
    pdf = folder / "build" / "letter-application.pdf"
    read = collapsed(pdf)
    assert "London, le 14 novembre 2023" in read  # the build's date, in the variant's language
    assert "Pièces jointes: Curriculum vitae, Notes by the translator" in read
    assert pdf_info(pdf)["Title"] == "Ada Lovelace – Lettre à Analytical Engines Ltd"

    again = run_texcv("letter", "application", cwd=folder, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert again.returncode == 0 and "letter-application.pdf is up to date" in again.stderr
    cv = folder / "cv.yaml"  # the sender changed: the letter is built again
    cv.write_text(cv.read_text().replace("ada@example.org", "countess@example.org"))
    moved = run_texcv("letter", "application", "-q", cwd=folder, env={"SOURCE_DATE_EPOCH": EPOCH})
    assert moved.returncode == 0, moved.stderr
    assert "countess@example.org" in collapsed(pdf)


@pytest.mark.tex
@pytest.mark.parametrize("style", ["fancy", "oldstyle"])
def test_text_pdflatex_cannot_print_goes_to_lualatex(
    require_tex: None, tmp_path: Path, style: str
) -> None:
    folder = project(tmp_path, style)
    write_letter(folder, "hindi", SHORT.replace("Second paragraph.", "नमस्ते and 稀疏矩阵."))
    result = run_texcv("letter", "hindi", cwd=folder)
    assert result.returncode == 0, result.stderr
    pdf = folder / "build" / "letter-hindi.pdf"
    assert "LuaHBTeX" in pdf_info(pdf)["Producer"]  # the engine's banner (hyperxmp writes it)
    assert "नमस्ते and 稀疏矩阵." in collapsed(pdf)
    # the switch is said, at the letter's line
    assert "letters/hindi.yaml:" in result.stderr and "is beyond pdfLaTeX" in result.stderr
    # Greek, even polytonic, is pdfLaTeX's (LGR), in the CV's Latin Modern look
    write_letter(folder, "greek", SHORT.replace("Second paragraph.", "Ἀριάδνη and Σωκράτης."))
    assert run_texcv("letter", "greek", "-q", cwd=folder).returncode == 0
    pdf = folder / "build" / "letter-greek.pdf"
    assert "pdfTeX" in pdf_info(pdf)["Producer"]
    assert "Ἀριάδνη and Σωκράτης." in collapsed(pdf)


@pytest.mark.tex
def test_an_overflowing_letter_fails_and_keeps_the_last_pdf(
    require_tex: None, tmp_path: Path
) -> None:
    folder = project(tmp_path)
    write_letter(folder, "long", SHORT)
    assert run_texcv("letter", "long", "-q", cwd=folder).returncode == 0
    pdf = folder / "build" / "letter-long.pdf"
    before = pdf.read_bytes()
    paragraph = "A sentence of the letter that goes on and on, as letters do. " * 8
    long_body = "".join(f"  - {paragraph}\n" for _ in range(14))
    text = SHORT.replace("  - First paragraph.\n  - Second paragraph.\n", long_body)
    write_letter(folder, "long", text)
    result = run_texcv("letter", "long", "-q", cwd=folder)
    assert result.returncode == 2, result.stderr
    assert "letters/long.yaml:3:1: error: the letter has 2 pages; max_pages allows 1" in (
        result.stderr
    )
    assert "the previous PDF was kept" in result.stderr
    assert pdf.read_bytes() == before
    write_letter(folder, "long", text + "max_pages: 2\n")
    assert run_texcv("letter", "long", "-q", cwd=folder).returncode == 0
    assert pdf_info(pdf)["Pages"] == "2"


@pytest.mark.tex
@pytest.mark.parametrize(
    ("where", "text", "expected", "at"),
    [
        ("body", SHORT.replace("Second paragraph.", "A 中 here."), "letters/x.yaml:5:5", "body[1]"),
        (
            "recipient",
            SHORT.replace("name: Hiring committee", "name: 中 committee"),
            "letters/x.yaml:1:19",
            "recipient.name",
        ),
        ("sender", SHORT, "cv.yaml:4:14", "header.last_name"),
    ],
)
def test_a_tex_error_points_at_its_yaml_line(
    require_tex: None, tmp_path: Path, where: str, text: str, expected: str, at: str
) -> None:
    folder = project(tmp_path)
    cv = folder / "cv.yaml"
    forced = cv.read_text().replace("design:\n", "design:\n  engine: pdflatex\n")
    if where == "sender":
        forced = forced.replace("last_name: Lovelace", "last_name: Lovelace中")
    cv.write_text(forced)
    write_letter(folder, "x", text)
    result = run_texcv("letter", "x", "-q", cwd=folder)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"{expected}: error: TeX error"), result.stderr
    assert "not set up for use with LaTeX" in result.stderr and f"at: {at}" in result.stderr
    assert "use design.engine: auto" in result.stderr and "Traceback" not in result.stderr
    assert not (folder / "build" / "letter-x.pdf").exists()


@pytest.mark.tex
def test_a_character_no_font_has_points_at_its_yaml_line(require_tex: None, tmp_path: Path) -> None:
    folder = project(tmp_path)
    write_letter(folder, "x", SHORT.replace("closing: Yours,", "closing: Yours 😀"))
    result = run_texcv("letter", "x", "-q", cwd=folder)
    assert result.returncode == 2, result.stderr
    assert "letters/x.yaml:6:10: error: no installed font can show '😀' (U+1F600)" in (
        result.stderr
    )
    assert "at: closing" in result.stderr


@pytest.mark.tex
def test_text_past_the_edge_is_a_warning_at_the_letters_line(
    require_tex: None, tmp_path: Path
) -> None:
    folder = project(tmp_path)
    word = "€" * 110  # symbols, not letters: no place to break (a long word of letters breaks)
    write_letter(folder, "wide", SHORT.replace("Second paragraph.", f"Sums {word} end here."))
    result = run_texcv("letter", "wide", cwd=folder)
    assert result.returncode == 0, result.stderr  # written, with a warning
    assert "letters/wide.yaml:5:5: warning: '€€€" in result.stderr
    assert "past the right edge of page 1" in result.stderr and "at: body[1]" in result.stderr


@pytest.mark.tex
def test_release_publishes_the_letters(require_tex: None, tmp_path: Path) -> None:
    folder = project(tmp_path)
    result = run_texcv("release", "--version", "v1.0.0", "-q", cwd=folder)
    assert result.returncode == 0, result.stderr
    names = sorted(path.name for path in (folder / "dist").iterdir())
    assert "Ada_Lovelace_Letter-application_v1.0.0.pdf" in names
    assert "Ada_Lovelace_Letter-application_v1.0.0.png" in names
    assert "Ada_Lovelace_CV-fr_v1.0.0.pdf" in names
    sums = (folder / "dist" / "SHA256SUMS").read_text()
    assert "Ada_Lovelace_Letter-application_v1.0.0.pdf" in sums
    private = run_texcv("release", "--version", "v1.0.1", "--letters", "none", "-q", cwd=folder)
    assert private.returncode == 0, private.stderr
    assert not any("Letter" in path.name for path in (folder / "dist").iterdir())


def test_the_starter_letter_is_valid_with_the_starter_cv() -> None:
    from texcv.app.starter import starter_letter_text, starter_text

    cv = validate(load_yaml_text(starter_text(), "cv.yaml"))
    letter = validate_as(Letter, load_yaml_text(starter_letter_text(), "letters/example.yaml"))
    assert letter.recipient.name and len(letter.body) == 3 and cv.header.first_name == "Ada"
