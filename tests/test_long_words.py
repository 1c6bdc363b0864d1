"""Words longer than a column (URLs, paths) break at their punctuation instead of running off."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import pdf_text, run_texcv

pytestmark = pytest.mark.tex

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


def test_long_words_break_inside_the_page_and_read_back(require_tex: None, tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(CV, encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    log = (tmp_path / "out" / "cv.log").read_text(encoding="utf-8", errors="replace")
    assert "Overfull \\hbox" not in log
    text = "".join(pdf_text(tmp_path / "out" / "cv.pdf").split())  # up to line breaks
    assert "Code:" + LONG in text
    assert LONG + "?tab=readme&lang=en#section-two" in text
