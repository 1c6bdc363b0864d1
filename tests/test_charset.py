"""Engine choice: pdflatex exactly when every character survives it into the PDF's text layer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_texcv
from texcv.render.charset import NOT_ROUND_TRIP, pdflatex_characters, t1_ts1
from texcv.render.engine_choice import characters_pdflatex_lacks


def test_committed_character_data_matches_the_installed_tex_live(require_tex: None) -> None:
    script = ROOT / "scripts" / "charset_data.py"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_characters_that_do_not_extract_back_are_all_declared() -> None:
    assert NOT_ROUND_TRIP.issubset(t1_ts1())
    assert len(t1_ts1() - NOT_ROUND_TRIP) > 190


@pytest.mark.parametrize(
    ("text", "lacking"),
    [
        ("Plain ASCII ~^\\{}$&#%_'\"` <>|", set()),
        ("Ça déjà vu: Müller & Söhne, Œuvres, naïve, Łódź, Dvořák, € – — “ ” ‘ ’ « »", set()),
        ("Lê Quốc Tùng", {"ố"}),  # ê and ù are Latin-1
        ("Đại học", {"Đ", "ạ", "ọ"}),  # Đ would print as Ð under pdflatex
        ("Ελληνικά", set("Ελληνικά")),
        ("Кириллица", set("Кириллица")),
        ("中文", {"中", "文"}),
        ("etc…", {"…"}),  # \textellipsis is three periods in the text layer
        ("ﬁ", {"ﬁ"}),
        ("x²", {"²"}),
        ("a\u00a0b", set()),
    ],
)
def test_characters_pdflatex_lacks(text: str, lacking: set[str]) -> None:
    assert characters_pdflatex_lacks([text]) == lacking


@pytest.mark.tex
def test_every_pdflatex_character_extracts_as_itself(require_tex: None, tmp_path: Path) -> None:
    """One pdflatex build with each character of the set between markers, read back."""
    chars = sorted(ch for ch in pdflatex_characters() if ord(ch) > 0x7F and ch != "\u00a0")
    entries = [f"Q{ord(ch):04X}Q{ch}Q **B{ch}B**" for ch in chars]
    data = {
        "header": {"first_name": "A", "last_name": "B"},
        "design": {"engine": "auto"},
        "sections": [{"title": "T", "kind": "text", "entries": entries}],
    }
    (tmp_path / "cv.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "-v", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "pdflatex" in result.stderr
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(tmp_path / "out" / "cv.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    wrong = [ch for ch in chars if f"Q{ord(ch):04X}Q{ch}Q B{ch}B" not in text.replace("\n", " ")]
    assert not wrong, [f"U+{ord(ch):04X} {ch}" for ch in wrong]
