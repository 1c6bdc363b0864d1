"""escape.py, markup and inline LaTeX: every special character, ligature, space and URL case.

Checked by what the LaTeX does, not by how escape.py spells it: pylatexenc parses it as TeX
would (tests/latex_to_text.py), and it must print the input and nothing else (``is_inert``);
one pdfLaTeX build reads every special character back out of a real PDF.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import pdf_text, run_texcv
from latex_to_text import is_inert, latex_to_text, url_of
from texcv.render.escape import (
    clean,
    encode_url,
    escape_keyword,
    escape_pdf_string,
    escape_spaced,
    escape_text,
    escape_tied,
    escape_url,
)
from texcv.render.inline import inline, literal

# What TeX and LaTeX treat specially: category codes (escape, groups, math, alignment,
# parameter, superscript, subscript, tie, comment), optional-argument brackets, characters
# the OT1/T1 fonts print as other glyphs (< > | " ' `), and the no-break space.
SPECIAL = "\\{}$&#^_~%[]<>|\"'`\u00a0"
# Pairs the fonts would merge into one glyph (en dash, low quote, guillemets, ¡, ¿...).
LIGATURES = ["--", "---", ",,", "<<", ">>", "''", "``", "!`", "?`", "-,"]


@pytest.mark.parametrize("char", SPECIAL)
def test_each_special_character_prints_itself_and_does_nothing_else(char: str) -> None:
    latex = escape_text(f"a{char}b")
    assert is_inert(latex), latex
    assert latex_to_text(latex) == f"a{char}b"


@pytest.mark.parametrize("pair", LIGATURES)
def test_characters_that_would_merge_into_a_ligature_are_kept_apart(pair: str) -> None:
    latex = escape_text(f"x{pair}y")
    assert is_inert(latex), latex  # a raw pair would parse as one ligature
    assert latex_to_text(latex) == f"x{pair}y"


@pytest.mark.tex
@pytest.mark.parametrize("engine", ["pdflatex", "lualatex"])
def test_every_special_character_reads_back_from_the_pdf(
    require_tex: None, tmp_path: Path, engine: str
) -> None:
    """pylatexenc's reading above, checked against TeX, its fonts (T1 under pdfLaTeX, Unicode
    with TeX ligatures under LuaLaTeX, where a plain ``"`` prints a curly quote) and pdftotext."""
    texts = [f"a{char}b" for char in SPECIAL.replace("\u00a0", "")]  # pdftotext: a space
    texts += [f"x{pair}y" for pair in LIGATURES]
    entries = "".join(f"      - {json.dumps(text)}\n" for text in texts)  # JSON is YAML
    (tmp_path / "cv.yaml").write_text(
        f"header: {{first_name: A, last_name: B}}\ndesign: {{engine: {engine}}}\n"
        f"sections:\n  - title: Specials\n    kind: text\n    entries:\n{entries}",
        encoding="utf-8",
    )
    result = run_texcv("build", "cv.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line.strip() for line in pdf_text(tmp_path / "out" / "cv.pdf").splitlines()]
    assert [line for line in lines if line in texts] == texts


def test_quotes_and_backquotes_print_straight() -> None:
    for text in ["''``", "!`?`", 'it\'s "x"']:
        latex = escape_text(text)
        assert is_inert(latex) and latex_to_text(latex) == text, latex


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("   ", ""),
        ("  leading and trailing  ", "leading and trailing"),
        ("a\n\nb\t\tc\r\nd", "a b c d"),  # no paragraph break inside moderncv's arguments
        ("\nstarts with a newline", "starts with a newline"),
        ("nul\x00 esc\x1b del\x7f bell\x07", "nul esc del bell"),
        ("vertical\x0btab form\x0cfeed", "vertical tab form feed"),
        ("line\u2028separator", "line separator"),
    ],
)
def test_whitespace_and_control_characters(text: str, expected: str) -> None:
    assert clean(text) == expected
    assert escape_text(text) == expected


def test_unicode_spaces_are_characters_not_separators() -> None:
    assert latex_to_text(escape_text("a\u00a0b")) == "a\u00a0b"  # stays unbreakable
    assert escape_text("x\u3000y") == "x\u3000y"  # ideographic space kept
    # in Chinese text too, in the run the CJK font prints (a line may break beside it)
    assert escape_text("中\u3000文") == (
        r"\texcvscript{Hani}{中\texcvcjkbreak{}" + "\u3000" + r"\texcvcjkbreak{}文}"
    )
    assert escape_text("\u200b\u00adx") == "\u200b\u00adx"  # invisible, but typed: passed on


@pytest.mark.parametrize(
    "attack",
    [
        r"\input{/etc/passwd}",
        r"\immediate\write18{touch /tmp/pwned}",
        r"^^5cinput{/etc/hostname}",
        r"\catcode`\@=11 \makeatletter",
        r"}\end{document}",
        r"\def\x{\x}\x",
        r"\csname input\endcsname{/etc/passwd}",
        "$x^2$ and %comment\n# & _",
        r"\\[1ex] \newline \par",
    ],
)
def test_tex_in_a_field_is_inert_and_reads_back_literally(attack: str) -> None:
    latex = escape_text(attack)
    assert is_inert(latex), latex
    assert latex_to_text(latex) == clean(attack)
    assert is_inert(str(literal(attack)))


@pytest.mark.parametrize(
    "latex",
    [
        r"\input{/etc/passwd}",
        "^^5cinput",
        r"\textbf{x}",  # a command with an argument
        r"a\\[1ex]",
        "$x$",
        "a%b",
        "#1",
        "a&b",
        "x_1",
        "a}",
        "a--b",
        "a,,b",
        "a\x00b",
    ],
)
def test_the_inert_check_itself_rejects_tex(latex: str) -> None:
    assert not is_inert(latex)


def test_the_inert_check_accepts_printing_commands_groups_and_ties() -> None:
    assert is_inert(r"\textbackslash{}input\{x\} {[}1{]} a~b")


@pytest.mark.parametrize(
    ("text", "reads"),
    [("a_b", "a_b"), ("  a_b ", " a_b "), (" x%", " x%"), ("   ", " "), ("", "")],
)
def test_text_between_markup_keeps_one_space_at_each_end(text: str, reads: str) -> None:
    latex = escape_spaced(text)
    assert is_inert(latex)
    assert latex_to_text(latex) == reads


def test_tied_text_keeps_every_space_unbreakable() -> None:
    latex = escape_tied(" page_1 sur ")
    assert is_inert(latex)
    assert latex_to_text(latex) == "\u00a0page_1\u00a0sur\u00a0"


def test_pdf_strings_print_the_text_with_no_dash_ligature_and_no_line_breaks() -> None:
    text = "Ada -- Lovelace_%#, a-very-long-hyphenated-word-that-may-not-break"
    latex = escape_pdf_string(text)
    assert is_inert(latex)
    assert latex_to_text(latex) == text
    assert "-" not in latex  # each hyphen is \texcvhyphen: hyperref cannot join two
    assert "allowbreak" not in latex


@pytest.mark.parametrize("value", ["2cm", "0.4pt", "photo.jpg", "googlescholar", "11pt"])
def test_keywords_from_the_schema_pass_as_they_are(value: str) -> None:
    assert escape_keyword(value) == value


@pytest.mark.parametrize("value", ["2cm]{x}", "2 cm", "", "\\relax", "a,b", "x=y"])
def test_anything_more_than_a_keyword_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="not a keyword"):
        escape_keyword(value)


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://example.org/~ada_l#top", "https://example.org/~ada_l#top"),
        ("https://ex.org/a?q=1&r=2", "https://ex.org/a?q=1&r=2"),
        ("https://ex.org/100%25", "https://ex.org/100%25"),  # an escape stays as it is
        ("https://ex.org/100%", "https://ex.org/100%25"),  # a lone % becomes one
        ("https://ex.org/caf%C3%A9", "https://ex.org/caf%C3%A9"),
        ("https://ex.org/café/Đại học", "https://ex.org/caf%C3%A9/%C4%90%E1%BA%A1i%20h%E1%BB%8Dc"),
        ("https://ex.org/中文", "https://ex.org/%E4%B8%AD%E6%96%87"),
        ("https://ex.org/a]b[c", "https://ex.org/a%5Db%5Bc"),  # would end \social[...][url]
        ('https://ex.org/{x}\\y^|"<>`$', "https://ex.org/%7Bx%7D%5Cy%5E%7C%22%3C%3E%60%24"),
        ("mailto:a_b@ex.org", "mailto:a_b@ex.org"),
    ],
)
def test_urls_are_encoded_and_escaped_for_href(url: str, target: str) -> None:
    assert encode_url(url) == target
    assert url_of(escape_url(url)) == target
    assert unquote(target) == unquote(url)


def test_escaped_url_has_no_bare_tex_specials() -> None:
    latex = escape_url("https://ex.org/a%20b_c~d#e&f")
    assert re.fullmatch(r"(?:\\[%&#]|\\string[~_]|[A-Za-z0-9/:?=;@+,.!*'()-])*", latex), latex


def test_inline_markup_is_the_only_latex_made_from_text() -> None:
    latex = inline(r"**bold** *it* [a_b](https://ex.org/a_b) \*not\* $x$")
    assert latex == (r"\textbf{bold} \emph{it} \href{https://ex.org/a\string_b}{a\_b} *not* \$x\$")
    assert latex_to_text(latex) == "bold it a_b *not* $x$"


def test_markup_inside_markup_and_unmatched_markers() -> None:
    assert inline("**a *b* c**") == r"\textbf{a \emph{b} c}"
    assert inline("2 * 3 ** 4") == "2 * 3 ** 4"
    assert inline("[x] (y)") == "{[}x{]} (y)"
    assert inline("") == "" and inline(None) == ""
