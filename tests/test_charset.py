"""Engine choice: pdflatex exactly when every character survives it into the PDF's text layer.

Each character texcv lets pdfLaTeX print is compiled and read back with pdftotext: the Latin
ones and the symbols (T1, TS1, /ActualText), and every letter of the Vietnamese (T5), Greek
(LGR) and Cyrillic (T2A) runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_texcv
from texcv.render import scripts
from texcv.render.charset import (
    NOT_ROUND_TRIP,
    cyrillic_letters,
    declarations,
    greek_letters,
    pdflatex_characters,
    t1_ts1,
    vietnamese_marks,
)
from texcv.render.engine_choice import characters_pdflatex_lacks


def test_committed_character_data_matches_the_installed_tex_live(require_tex: None) -> None:
    script = ROOT / "scripts" / "charset_data.py"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_characters_that_do_not_extract_back_are_all_declared() -> None:
    declared = {ch for table in declarations().values() for ch in table}
    assert NOT_ROUND_TRIP.issubset(declared)
    assert len(t1_ts1() - NOT_ROUND_TRIP) > 190


@pytest.mark.parametrize(
    ("text", "lacking"),
    [
        ("Plain ASCII ~^\\{}$&#%_'\"` <>|", set()),
        ("Ça déjà vu: Müller & Söhne, Œuvres, naïve, Łódź, Dvořák, € – — “ ” ‘ ’ « »", set()),
        ("Lê Quốc Tùng", set()),  # Quốc in T5
        ("Đại học Bách khoa Hà Nội", set()),
        ("Quốcß", {"ố"}),  # ß is not in T5: the word stays T1, which has no ố
        ("Ελληνικά, Αριστοτέλης", set()),  # LGR
        ("Кириллица: Пушкин, Київ", set()),  # T2A
        ("ϐ", {"ϐ"}),  # declared for LGR, but greek-fontenc refuses it in text
        ("Ċ", {"Ċ"}),  # a dot TeX sets beside the capital: pdftotext reads a space
        ("中文", {"中", "文"}),
        ("مرحبا", set("مرحبا")),
        ("etc… x ≤ y ≥ z, 5′ 6″, H₂O, x⁴, →, ×, €, ™, °", set()),  # text or maths commands
        ("ﬁ", set()),  # /ActualText
        ("x²", set()),
        ("a\u00a0b", set()),
        ("soft\u00adhyphen", {"\u00ad"}),
    ],
)
def test_characters_pdflatex_lacks(text: str, lacking: set[str]) -> None:
    assert characters_pdflatex_lacks([text]) == lacking


def build_and_read(folder: Path, entries: list[str]) -> str:
    """Build a CV of these text entries (auto engine: must be pdflatex); its text, one line."""
    data = {
        "header": {"first_name": "A", "last_name": "B"},
        "design": {"engine": "auto"},
        "sections": [{"title": "T", "kind": "text", "entries": entries}],
    }
    (folder / "cv.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "-v", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "pdflatex" in result.stderr
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(folder / "out" / "cv.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return text.replace("\n", " ")


@pytest.mark.tex
def test_every_pdflatex_character_extracts_as_itself(require_tex: None, tmp_path: Path) -> None:
    """One pdflatex build with each character of the set between markers, read back."""
    chars = sorted(ch for ch in pdflatex_characters() if ord(ch) > 0x7F and ch != "\u00a0")
    text = build_and_read(tmp_path, [f"Q{ord(ch):04X}Q{ch}Q **B{ch}B** x{ch}y" for ch in chars])
    wrong = [ch for ch in chars if f"Q{ord(ch):04X}Q{ch}Q B{ch}B x{ch}y" not in text]
    assert not wrong, [f"U+{ord(ch):04X} {ch}" for ch in wrong]


@pytest.mark.tex
@pytest.mark.parametrize(
    ("key", "letters", "base"),
    [
        ("vi", vietnamese_marks, "ư"),
        ("Grek", greek_letters, "α"),
        ("Cyrl", cyrillic_letters, "ж"),
    ],
)
def test_every_letter_of_the_other_pdflatex_scripts_extracts_as_itself(
    require_tex: None, tmp_path: Path, key: str, letters: Callable[[], frozenset[str]], base: str
) -> None:
    """Each letter inside a word of its script (so in a T5, LGR or T2A run), plain and bold."""
    chars = sorted(ch for ch in letters() if scripts.key_of(ch) in (key, None) and ch.isalpha())
    if key != "vi":
        chars = [ch for ch in chars if scripts.key_of(ch) == key]
    assert len(chars) > 90
    text = build_and_read(
        tmp_path, [f"Q{ord(ch):04X}Q {base}{ch}{base} **{base}{ch}{base}**" for ch in chars]
    )
    wrong = [ch for ch in chars if f"Q{ord(ch):04X}Q {base}{ch}{base} {base}{ch}{base}" not in text]
    assert not wrong, [f"U+{ord(ch):04X} {ch}" for ch in wrong]
