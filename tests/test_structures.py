"""The structures real CVs need (issue 15), from cv.yaml to LaTeX and, where the layout is
TeX's business, to the PDF: numbering, durations, degrees, free-text dates, subsections,
nested bullets, columns, the skill matrix, any network, own colours, fonts and a footer."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from conftest import pdf_text, run_texcv
from texcv.errors import InputErrors
from texcv.render import render
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml_text

HEAD = "header:\n  first_name: Ada\n  last_name: Lovelace\n"
TODAY = datetime.date(2024, 6, 15)


def tex_of(sections: str, extra: str = "", **options: object) -> str:
    cv = validate(load_yaml_text(HEAD + extra + "sections:\n" + sections, "cv.yaml"))
    return render(cv, today=TODAY, **options)  # type: ignore[arg-type]


def error_of(text: str) -> str:
    with pytest.raises(InputErrors) as caught:
        validate(load_yaml_text(HEAD + text, "cv.yaml"))
    return caught.value.format()


@pytest.mark.parametrize(("numbered", "first", "last"), [("up", "1.", "3."), ("down", "3.", "1.")])
def test_any_section_counts_up_or_down(numbered: str, first: str, last: str) -> None:
    tex = tex_of(
        f"  - title: Patents\n    kind: bullet\n    numbered: {numbered}\n"
        "    entries: [One, Two, Three]\n"
    )
    assert rf"\cvitem{{{first}}}{{One}}" in tex
    assert rf"\cvitem{{{last}}}{{Three}}" in tex


@pytest.mark.parametrize(("numbered", "first", "last"), [("up", "1", "2"), ("true", "2", "1")])
def test_publications_count_up_or_down(numbered: str, first: str, last: str) -> None:
    tex = tex_of(
        f"  - title: Papers\n    kind: publication\n    numbered: {numbered}\n"
        "    sort: as-written\n    entries:\n"
        "      - {title: Early, date: 2020}\n      - {title: Late, date: 2021}\n"
    )
    assert rf"\cventry{{{{[}}{first}{{]}}\\2020}}{{Early}}" in tex
    assert rf"\cventry{{{{[}}{last}{{]}}\\2021}}{{Late}}" in tex


def test_works_without_a_year_come_under_undated_when_grouped_by_year() -> None:
    tex = tex_of(
        "  - title: Papers\n    kind: publication\n    group_by: year\n    entries:\n"
        "      - {title: Done, date: 2021}\n      - {title: Coming, date: in prep}\n"
        "      - {title: Dateless}\n"
    )
    assert r"\subsection{2021}" in tex
    assert r"\subsection{Undated}" in tex and r"\subsection{0}" not in tex
    assert tex.index("Undated") < tex.index("Coming") and tex.index("Undated") < tex.index(
        "Dateless"
    )


def test_free_text_dates_print_as_written_and_iso_dates_as_before() -> None:
    tex = tex_of(
        "  - title: Jobs\n    entries:\n"
        "      - {start: Spring 2017, end: '2018–20', title: A}\n"
        "      - {date: {text: Feb.–Apr. 2019, sort: 2019-02}, title: B}\n"
        "      - {start: 2020-09, end: present, title: C}\n"
    )
    assert r"\cventry{Spring 2017 -- 2018–20}{A}" in tex
    assert r"\cventry{Feb.–Apr. 2019}{B}" in tex
    assert r"\cventry{Sep~2020 -- present}{C}" in tex


def test_durations_and_degree_stack_under_the_dates() -> None:
    tex = tex_of(
        "  - title: Jobs\n    durations: true\n    entries:\n"
        "      - {start: 2020-09, end: 2024-03, title: A, degree: PhD}\n"
        "      - {start: 2023-11, end: present, title: B}\n"
        "      - {start: 2021, end: 2023, title: C}\n"
    )
    assert r"\cventry{Sep~2020 -- Mar~2024\\3 years 7 months\\PhD}{A}" in tex
    assert r"\cventry{Nov~2023 -- present\\8 months}{B}" in tex
    assert r"\cventry{2021 -- 2023\\2 years}{C}" in tex


def test_subsections_nested_bullets_and_line_breaks() -> None:
    tex = tex_of(
        "  - title: Experience\n    subsections:\n      - title: Vocational\n        entries:\n"
        "          - title: Job\n            description: |\n              line one\n"
        "              line two\n            highlights:\n"
        "              - {text: Top, highlights: [{text: Mid, highlights: [Low]}]}\n"
    )
    assert r"\section{Experience}" in tex and r"\subsection{Vocational}" in tex
    assert r"line one\newline{}line two" in tex
    assert tex.count(r"\begin{itemize}") == 3


def test_bullets_nest_three_levels_at_most() -> None:
    deep = "{text: a, highlights: [{text: b, highlights: [{text: c, highlights: [d]}]}]}"
    message = error_of(
        f"sections:\n  - title: S\n    entries:\n      - title: T\n        highlights: [{deep}]\n"
    )
    assert "bullet points nest at most 3 levels deep" in message


def test_column_kinds_are_moderncvs_commands() -> None:
    tex = tex_of(
        "  - title: Skills\n    entries:\n"
        "      - {kind: double_item, left: {label: A, text: a, level: 2}, right: {label: B, text: b}}\n"
        "      - {kind: double_bullet, left: x, right: y}\n"
        "      - kind: columns\n        columns:\n"
        "          - {title: One, text: t, after: (more), width: 0.4}\n"
        "          - {title: Two, highlights: [p]}\n"
        "      - {kind: skill_legend}\n      - {kind: skill_head}\n"
        "      - {kind: skill, category: 'Lang:', level: 4, skill: Ada, years: '2', rule: true}\n"
    )
    assert r"\cvdoubleitem{A}{\cvskill{2} a}{B}{b}" in tex
    assert r"\cvlistdoubleitem{x}{y}" in tex
    assert r"\cvcolumn[0.4]{One}{t (more)}" in tex
    assert r"\cvskilllegend" in tex and r"\cvskillhead" in tex
    assert r"\cvskillentry*{Lang:}{4}{Ada}{2}{}" in tex


def test_any_network_gets_a_link_icon_and_its_name() -> None:
    tex = tex_of(
        "  - {title: S, kind: text, entries: [x]}\n",
        "  social:\n    - {network: GitHub, account: ada}\n"
        "    - {network: Mastodon, account: '@ada@x.social', url: 'https://x.social/@ada'}\n",
    )
    assert r"\social[github][\texcvurl{https://github.com/ada}{ada}]{ada}" in tex
    assert r"\social[link][\texcvurl{https://x.social/@ada}{Mastodon: @ada@x.social}]" in tex


@pytest.mark.parametrize(
    ("social", "words"),
    [
        ("{network: Mastodon, account: ada}", "give its `url`"),
        ("{network: orcid, url: 'https://orcid.org/1'}", "needs your `account`"),
    ],
)
def test_a_network_needs_what_makes_its_link(social: str, words: str) -> None:
    assert words in error_of(f"  social: [{social}]\nsections: []\n")


def test_own_colours_and_font() -> None:
    tex = tex_of(
        "  - {title: S, kind: text, entries: [x]}\n",
        "design: {colors: {accent: '#3873b3'}, font: Noto Serif, engine: lualatex}\n",
    )
    assert r"\definecolor{color1}{HTML}{3873B3}" in tex
    assert r"\setmainfont{Noto Serif}" in tex
    assert "#12345" in error_of("design: {colors: {accent: '#12345'}}\nsections: []\n")


def test_footer_fills_its_fields() -> None:
    tex = tex_of(
        "  - {title: S, kind: text, entries: [x]}\n",
        "design: {footer: '{name}, {date}: {page}/{pages} ({version}) 100%'}\n",
        version="v1.2",
    )
    # the build's date as a letter writes it (TODAY is 15 June 2024)
    assert r"Ada Lovelace, June 15, 2024: \thepage{}/\pageref{texcvlastpage} (v1.2) 100\%" in tex


@pytest.mark.tex
@pytest.mark.parametrize(
    ("style", "engine"),
    [(style, "auto") for style in ("classic", "casual", "banking", "oldstyle", "fancy")]
    + [("classic", "lualatex")],  # hyperxmp's page count must not lose the last page's label
)
def test_footer_on_every_page_in_every_style(
    style: str, engine: str, require_tex: None, tmp_path: Path
) -> None:
    """Page X of Y on each page, inside the paper and over nothing (the build reads its PDF
    back and warns about text off the page or printed over other text), and moderncv's own
    page numbers beside it."""
    # Many short sections: fancy cannot break a section across pages.
    sections = "".join(
        f"  - title: Part {n}\n    entries:\n"
        f"      - {{date: {2000 + n}, title: Job {n}, description: {'word ' * 60}}}\n"
        for n in range(14)
    )
    (tmp_path / "cv.yaml").write_text(
        HEAD + "  emails: [ada@example.org]\n"
        f"design: {{style: {style}, engine: {engine}, footer: 'Ada -- page {{page}} of {{pages}}'}}\n"
        "sections:\n" + sections,
        encoding="utf-8",
    )
    done = run_texcv("build", "cv.yaml", "-o", "out", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr
    text = pdf_text(tmp_path / "out" / "cv.pdf")
    pages = text.count("\f")
    assert pages >= 2
    for page in range(1, pages + 1):
        assert f"Ada -- page {page} of {pages}" in text
        assert f"{page}/{pages}" in text


@pytest.mark.tex
def test_a_missing_font_is_named_at_its_line(require_tex: None, tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(
        HEAD + "design:\n  font: No Such Font Family\nsections: []\n", encoding="utf-8"
    )
    done = run_texcv("build", "cv.yaml", "-o", "out", cwd=tmp_path)
    assert done.returncode != 0
    assert "cv.yaml:5:9: error: the font 'No Such Font Family' is not installed" in done.stderr
    assert "Traceback" not in done.stderr


SUBSECTIONED = (
    "sections:\n  - title: Work\n    tags: [full]\n    subsections:\n"
    "      - title: Papers\n        kind: publication\n        entries:\n"
    "          - {title: Old, date: 2019}\n          - {title: New, date: 2023}\n"
    "  - title: Other\n    entries:\n      - {title: Kept, date: 2020, tags: [short]}\n"
)


def test_subsections_are_sorted_and_lead_back_to_their_lines(tmp_path: Path) -> None:
    from texcv.prepare import prepare
    from texcv.schema.lint import lint

    loaded = load_yaml_text(HEAD + SUBSECTIONED, "cv.yaml")
    cv = validate(loaded)
    assert lint(cv, loaded.positions, TODAY) == []  # a section of subsections is not empty
    prepared = prepare(loaded, cv, tmp_path)
    papers = prepared.cv.sections[0].subsections[0]
    assert [entry.title for entry in papers.entries] == ["New", "Old"]  # newest first
    path = ("sections", 0, "subsections", 0, "entries", 0)
    assert prepared.origin(path) == ("sections", 0, "subsections", 0, "entries", 1)


def test_a_variant_keeps_subsections_with_their_section(tmp_path: Path) -> None:
    from texcv.prepare import prepare

    text = HEAD + SUBSECTIONED + "variants:\n  short: {tags: [short]}\n  full: {tags: [full]}\n"
    loaded = load_yaml_text(text, "cv.yaml")
    cv = validate(loaded)
    short = prepare(loaded, cv, tmp_path, "short").cv
    assert [section.title for section in short.sections] == ["Other"]
    full = prepare(loaded, cv, tmp_path, "full").cv
    assert [sub.title for sub in full.sections[0].subsections] == ["Papers"]


@pytest.mark.parametrize(
    ("date", "valid"), [("January 01, 1984", True), ("2024-03-15", True), ("2024-03", False)]
)
def test_a_letter_is_dated_to_the_day_or_by_text(date: str, valid: bool) -> None:
    from pydantic import ValidationError

    from texcv.schema.letter import Letter

    data = {"recipient": {"name": "X"}, "opening": "Hi", "body": ["a"], "closing": "Bye"}
    if valid:
        assert str(Letter.model_validate({**data, "date": date}).date) == date
    else:
        with pytest.raises(ValidationError, match="a letter's date is a day"):
            Letter.model_validate({**data, "date": date})
