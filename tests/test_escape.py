"""escape.py, markup and inline LaTeX: every special character, ligature, space and URL case."""

from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from latex_to_text import latex_to_text, url_of
from texcv.render.escape import LINE_BREAK, NO_LIGATURE, clean, encode_url, escape_text, escape_url
from texcv.render.inline import inline, literal

SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}",
    "`": r"\textasciigrave{}",
    "[": "{[}",
    "]": "{]}",
}
# What escaped text may contain: the commands above, the ligature kern, the line break allowed
# in long words, ~ for a no-break space, and characters TeX prints as themselves.
_SAFE = re.compile(
    "(?:"
    + "|".join(re.escape(latex) for latex in [*SPECIAL.values(), NO_LIGATURE, LINE_BREAK, "~"])
    + r"|[^\\{}$&#%_^~\[\]])*"
)


def is_inert(latex: str) -> bool:
    """True when ``latex`` holds no command, group, math or comment beyond escape.py's own."""
    return _SAFE.fullmatch(latex) is not None


@pytest.mark.parametrize(("char", "latex"), SPECIAL.items())
def test_each_special_character_becomes_a_command_that_prints_it(char: str, latex: str) -> None:
    assert escape_text(f"a{char}b") == f"a{latex}b"
    assert latex_to_text(escape_text(f"a{char}b")) == f"a{char}b"


@pytest.mark.parametrize("pair", ["--", "---", ",,", "<<", ">>", "-,"])
def test_characters_that_would_merge_into_a_ligature_are_kept_apart(pair: str) -> None:
    latex = escape_text(f"x{pair}y")
    assert latex.count(NO_LIGATURE) == len(pair) - 1
    assert latex_to_text(latex) == f"x{pair}y"  # pylatexenc would read "--" as an en dash


def test_quotes_and_backquotes_print_straight() -> None:
    assert escape_text("''``") == r"\textquotesingle{}" * 2 + r"\textasciigrave{}" * 2
    assert escape_text("!`?`") == r"!\textasciigrave{}?\textasciigrave{}"  # no ¡ or ¿


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
    assert escape_text("a\u00a0b") == "a~b"  # no-break space stays unbreakable
    assert escape_text("中\u3000文") == "中\u3000文"  # ideographic space kept
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


def test_the_inert_check_itself_rejects_tex() -> None:
    assert not is_inert(r"\input{/etc/passwd}")
    assert not is_inert("^^5cinput")
    assert not is_inert("{}")


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
