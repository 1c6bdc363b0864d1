"""The pieces of `texcv import`: Markdown to texcv markup, JSON with positions, .bib writing,
cv.yaml scalars, colours. The whole command is tested in test_import.py."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from texcv.errors import InputError
from texcv.importers.design import nearest_color
from texcv.importers.markup import markdown_to_plain, markdown_to_texcv, plain_to_texcv
from texcv.importers.rendercv import section_title
from texcv.importers.translation import iso_date
from texcv.importers.writer import scalar
from texcv.schema.markup import plain_text
from texcv.source.bibtex_reader import parse_bib
from texcv.source.bibtex_writer import BibWork, dump_bib, escape_bib
from texcv.source.json_reader import load_json_text
from texcv.source.yaml_reader import load_yaml_text


@pytest.mark.parametrize(
    ("markdown", "texcv"),
    [
        ("**bold** and *it*", "**bold** and *it*"),
        ("__bold__ and _it_", "**bold** and *it*"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("***John Doe***", "***John Doe***"),
        ("[site](https://example.org/a_(b))", "[site](https://example.org/a_%28b%29)"),
        ("[*it* label](https://example.org)", "[*it* label](https://example.org)"),
        ("use `a*b` here", "use a\\*b here"),
        (r"\_kept\_ and \* star", r"_kept_ and \* star"),
        ("5 * 3 and [1]", "5 * 3 and [1]"),
    ],
)
def test_markdown_becomes_texcv_markup(markdown: str, texcv: str) -> None:
    assert markdown_to_texcv(markdown) == texcv


@given(st.text())
def test_plain_text_prints_as_typed(text: str) -> None:
    assert plain_text(plain_to_texcv(text)) == text


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60))
def test_texcv_shows_what_markdown_shows(text: str) -> None:
    # texcv's reading of the converted text and a Markdown reader's agree on what is shown,
    # for text without markup-like characters in odd places.
    if any(ch in text for ch in "*_[]`\\"):
        return
    assert plain_text(markdown_to_texcv(text)) == markdown_to_plain(text) == text


def test_json_positions_point_into_the_file() -> None:
    text = (
        '{\n\t"basics": {\n\t\t"name": "Ada",\n\t\t"n": 3.90\n\t},\n\t"work": [1, {"x": null}]\n}\n'
    )
    loaded = load_json_text(text, "r.json")
    assert loaded.data == {"basics": {"name": "Ada", "n": 3.9}, "work": [1, {"x": None}]}
    assert loaded.positions.values[("basics", "name")] == (3, 11)
    assert loaded.positions.keys[("basics", "name")] == (3, 3)
    assert loaded.positions.values[("work", 1, "x")] == (6, 20)


def test_json_errors_have_line_and_column() -> None:
    with pytest.raises(InputError) as error:
        load_json_text('{"a": [1, 2,]}', "r.json")
    assert str(error.value.location) == "r.json:1:13"


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"]), min_size=1))
@settings(max_examples=300)
def test_bib_fields_read_back_as_written(text: str) -> None:
    expected = " ".join(text.split())
    if not expected:
        return
    bib = dump_bib([BibWork("misc", "k", ["A. Author"], {"title": text, "note": text})])
    fields = parse_bib(bib, "p.bib").entries[0].fields
    assert fields["title"] == expected
    assert fields["note"] == expected


def test_bib_escapes_what_tex_treats_specially() -> None:
    assert escape_bib("50% of C#, a_b & -- $5 ~ ^") == (
        r"50\% of C\#, a\_b \& -{}- \$5 \textasciitilde{} \textasciicircum{}"
    )
    assert escape_bib("{x}") == r"\textbraceleft{}x\textbraceright{}"
    bib = dump_bib([BibWork("article", "k", ["Smith and Wesson", "Jean de la Fontaine"], {})])
    assert "author = {{Smith and Wesson} and Jean de la Fontaine}" in bib
    assert len(parse_bib(bib, "p.bib").entries[0].authors) == 2


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"])))
@settings(max_examples=300)
def test_cv_yaml_scalars_read_back_as_written(text: str) -> None:
    written = f"key: {scalar(text)}\n"
    assert load_yaml_text(written, "cv.yaml").data == {"key": text}
    assert yaml.safe_load(written) == {"key": text}  # editors read YAML 1.1 the same way


@pytest.mark.parametrize(
    ("css", "moderncv"),
    [
        ("rgb(0, 79, 144)", "blue"),
        ("#8B0000", "burgundy"),
        ("black", "black"),
        ("hsl(120, 50%, 45%)", "green"),
        ("darkorange", "orange"),
        ("not a colour", None),
    ],
)
def test_nearest_moderncv_colour(css: str, moderncv: str | None) -> None:
    assert nearest_color(css) == moderncv


@pytest.mark.parametrize(
    ("key", "title"),
    [
        ("education_and_training", "Education and Training"),
        ("Research Interests", "Research Interests"),
        ("GPU_work", "GPU_work"),
    ],
)
def test_section_titles_as_rendercv_makes_them(key: str, title: str) -> None:
    assert section_title(key) == title


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2020", "2020"),
        ("2020-9", "2020-09"),
        ("2024-03-01T10:00:00", "2024-03-01"),
        ("present", "present"),
        ("Fall 2023", None),
        ("2021-13", None),
    ],
)
def test_dates(text: str, date: str | None) -> None:
    assert iso_date(text) == date
