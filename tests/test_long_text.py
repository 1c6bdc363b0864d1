"""A text entry longer than a page (a research statement) flows onto the next pages between
its paragraphs: each paragraph is a row of its own (a moderncv row cannot break), and in the
fancy style too, whose rows left no place for a page break (latex_templates/tweaks.tex)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import pdf_text, run_texcv
from texcv.render.inline import inline, paragraphs

SENTENCE = "Sparse factorization keeps going on and on, paragraph {n}."


def test_each_paragraph_is_its_own_part_and_they_join_back_into_the_whole() -> None:
    text = (
        "First **bold** part.\n\n  Second [link](https://ex.org) part.\nSame paragraph.\n\n\nThird."
    )
    parts = paragraphs(text)
    assert len(parts) == 3
    assert "\\newline{}".join(parts) == inline(text)


@pytest.mark.parametrize(
    "text",
    [
        "One paragraph\nwith a line break.",
        "**Bold across\n\nan empty line** stays one part.",
        "",
    ],
)
def test_text_that_cannot_be_cut_stays_whole(text: str) -> None:
    assert paragraphs(text) == ([inline(text)] if text else [])


@pytest.mark.parametrize("style", ["classic", "banking", "fancy"])
def test_a_statement_longer_than_a_page_flows_onto_the_next_pages(
    require_tex: None, tmp_path: Path, style: str
) -> None:
    paragraph = " ".join(SENTENCE for _ in range(12))
    text = "\n\n".join(paragraph.format(n=n) for n in range(14))
    data = {
        "header": {"first_name": "Ada", "last_name": "Lovelace"},
        "design": {"style": style},
        "sections": [
            {"title": "Research statement", "kind": "text", "entries": [text]},
            {"title": "Skills", "kind": "text", "entries": ["Python"]},
        ],
    }
    (tmp_path / "cv.yaml").write_text(yaml.safe_dump(data, width=10_000), encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "runs over" not in result.stderr and "bottom edge" not in result.stderr
    shown = " ".join(pdf_text(tmp_path / "out" / "cv.pdf").split())
    for n in range(14):
        assert f"paragraph {n}." in shown
    assert shown.count("Sparse factorization") == 14 * 12
    assert "Skills" in shown
