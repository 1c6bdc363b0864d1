"""Words longer than a column (URLs, paths) break at their punctuation instead of running off."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import pdf_text, run_texcv
from texcv.render.escape import WORD_BREAK, escape_clean, escape_text

LONG = "https://github.com/someone/a-very-long-repository_name/blob/main/docs/results/README.md"
CV = f"""\
header:
  first_name: Ada
  last_name: Lovelace
sections:
  - title: Links
    kind: text
    entries:
      - "Code: {LONG}"
  - title: Work
    entries:
      - date: "2024"
        title: Notes
        highlights: ["{LONG}?tab=readme&lang=en#section-two"]
"""


@pytest.mark.tex
def test_long_words_break_inside_the_page_and_read_back(require_tex: None, tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(CV, encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "out" / "cv.log").read_text(encoding="utf-8", errors="replace")
    assert "Overfull \\hbox" not in log
    text = "".join(pdf_text(tmp_path / "out" / "cv.pdf").split())  # up to line breaks
    assert "Code:" + LONG in text
    assert LONG + "?tab=readme&lang=en#section-two" in text


# Letters that would form ligatures (ff, fi, fl) and kerning pairs, but no punctuation to
# break after: a hash, a made-up identifier, someone's 5,000-character test of the layout.
WORD = ("Unbreakableffiflword" * 250)[:5000]
WORD_CV = f"""\
header:
  first_name: Ada
  last_name: Lovelace
sections:
  - title: Word
    kind: text
    entries:
      - "Before {WORD} after"
design:
  margin: 1cm
  font_size: 10
"""


@pytest.mark.tex
@pytest.mark.parametrize("engine", ["pdflatex", "lualatex"])
def test_a_word_with_no_break_point_breaks_at_the_margin_and_reads_back_whole(
    require_tex: None, tmp_path: Path, engine: str
) -> None:
    (tmp_path / "cv.yaml").write_text(WORD_CV, encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "--engine", engine, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr, result.stderr  # nothing off the page
    log = (tmp_path / "out" / "cv.log").read_text(encoding="utf-8", errors="replace")
    assert "Overfull \\hbox" not in log
    assert (
        "Pages:           1"
        in subprocess.run(
            ["pdfinfo", str(tmp_path / "out" / "cv.pdf")], capture_output=True, text=True
        ).stdout
    )
    lines = pdf_text(tmp_path / "out" / "cv.pdf").split()
    assert len([line for line in lines if WORD.startswith(line) or line in WORD]) > 20  # broken
    assert f"Before{WORD}after" in "".join(lines)  # whole: no hyphen, no lost or changed letter


def test_only_long_runs_of_letter_by_letter_scripts_get_word_breaks() -> None:
    assert WORD_BREAK in escape_text("x" * 30)
    assert WORD_BREAK not in escape_text("x" * 24)  # a word that fits a column stays whole
    assert WORD_BREAK not in escape_text("Dampfschiff " * 10)  # words of a sentence
    path = "https://example.org/" + "/".join(["segment"] * 10)
    assert WORD_BREAK not in escape_text(path)  # breaks after '/' suffice
    assert WORD_BREAK not in escape_text("م" * 40)  # Arabic letters join: never split
    accented = "e\u0301" * 20  # a combining accent stays on its letter
    assert f"{WORD_BREAK}\u0301" not in escape_text(accented)
    assert escape_clean("x" * 30, breaks=False) == "x" * 30  # PDF strings: no breaks
