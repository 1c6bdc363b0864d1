"""Which script each run of text is in, which engine a CV needs and why, decided in Python.

Unit tests of texcv.render.scripts (runs) and texcv.render.engine_choice (the engine, and the
first character that asks for LuaLaTeX, with its place in the CV). TeX builds are in
tests/test_world_scripts.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES
from texcv.render.engine_choice import choose
from texcv.render.escape import escape_text
from texcv.render.scripts import runs
from texcv.schema import CV
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml


def pieces(text: str) -> list[tuple[str, str | None]]:
    return [(text[run.start : run.end], run.key) for run in runs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain ASCII", [("Plain ASCII", None)]),
        ("Ça déjà vu – “Müller” … ≤ €", [("Ça déjà vu – “Müller” … ≤ €", None)]),
        # a word with a letter only T5 prints whole is Vietnamese, all of it
        ("Lê Quốc Tùng", [("Lê ", None), ("Quốc", "vi"), (" Tùng", None)]),
        ("Đại học", [("Đại học", "vi")]),  # Đ alone would print as Ð in T1
        ("Quốcß", [("Quốcß", None)]),  # ß is not in T5: not a Vietnamese word
        # spaces between two words of one script stay in the run; punctuation does not
        ("Έρευνα σου, κόσμε", [("Έρευνα σου", "Grek"), (", ", None), ("κόσμε", "Grek")]),
        (
            "Иван Петров (Київ)",
            [("Иван Петров", "Cyrl"), (" (", None), ("Київ", "Cyrl"), (")", None)],
        ),
        # right to left: digits and punctuation between two Arabic words stay in the run
        (
            "from جامعة القاهرة, 2020",
            [("from ", None), ("جامعة القاهرة", "Arab"), (", 2020", None)],
        ),
        ("عام 2020 في القاهرة", [("عام 2020 في القاهرة", "Arab")]),
        # CJK punctuation (fullwidth or CJK's own) belongs to the CJK run
        ("博士，图卢兹。", [("博士，图卢兹。", "Hani")]),
        ("リヨン and 한국어", [("リヨン", "Hani"), (" and ", None), ("한국어", "Hani")]),
        ("नमस्ते दुनिया", [("नमस्ते दुनिया", "Deva")]),  # combining signs follow their letter
    ],
)
def test_text_is_cut_into_runs_by_script(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert pieces(text) == expected


def test_runs_are_wrapped_for_their_script_and_digits_in_arabic_read_left_to_right() -> None:
    assert escape_text("Lê Quốc") == r"Lê \texcvscript{vi}{Quốc}"
    assert escape_text("عام 2020 في") == r"\texcvscript{Arab}{عام \texcvltr{2020} في}"
    # a number after the last Arabic word belongs to the line around it (left to right)
    assert escape_text("عام 2020") == r"\texcvscript{Arab}{عام} 2020"
    # a line may break between two Chinese characters, not before a closing mark
    assert escape_text("博士。") == r"\texcvscript{Hani}{博\texcvcjkbreak{}士。}"
    assert escape_text("Ada Lovelace, 1843") == "Ada Lovelace, 1843"  # Latin: as before


def cv_with(folder: Path, title: str, **design: str) -> CV:
    """The small fixture CV with this entry title (and design keys), validated."""
    text = (FIXTURES / "small_cv.yaml").read_text(encoding="utf-8")
    text = text.replace("Notes on the Analytical Engine", json.dumps(title, ensure_ascii=False))
    if design:
        text += "design:\n" + "".join(f"  {key}: {value}\n" for key, value in design.items())
    path = folder / "cv.yaml"
    path.write_text(text, encoding="utf-8")
    return validate(load_yaml(path, "cv.yaml"))


@pytest.mark.parametrize(
    ("title", "engine"),
    [
        ("Notes", "pdflatex"),
        ("Lê Quốc Tùng, Đại học Bách khoa Hà Nội", "pdflatex"),  # T5
        ("Ελληνικά, Αριστοτέλης; Кириллица: Пушкин, Київ", "pdflatex"),  # LGR, T2A
        ("etc… x ≤ y ≥ z, 5′ 6″, H₂O, x², →, ×, €, ™, °, Kārlis", "pdflatex"),
        ("中文标题", "lualatex"),
        ("مرحبا", "lualatex"),
        ("नमस्ते", "lualatex"),
        ("😀", "lualatex"),
    ],
)
def test_the_engine_is_pdflatex_unless_a_character_needs_more(
    tmp_path: Path, title: str, engine: str
) -> None:
    choice = choose(cv_with(tmp_path, title))
    assert choice.engine == engine
    assert (choice.needs.beyond_pdflatex is None) == (engine == "pdflatex")


def test_the_choice_names_the_first_character_pdflatex_cannot_print_and_where(
    tmp_path: Path,
) -> None:
    choice = choose(cv_with(tmp_path, "Cairo: جامعة"))
    assert choice.needs.beyond_pdflatex == ("ج", ("sections", 0, "entries", 0, "title"))
    assert choice.needs.keys == {"Arab"}
    assert not choice.forced


def test_a_forced_engine_is_kept_and_says_so(tmp_path: Path) -> None:
    choice = choose(cv_with(tmp_path, "Notes", engine="lualatex"))
    assert (choice.engine, choice.forced) == ("lualatex", True)
    choice = choose(cv_with(tmp_path, "中文"), "pdflatex")
    assert (choice.engine, choice.forced) == ("pdflatex", True)
