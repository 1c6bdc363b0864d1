"""LuaLaTeX's fonts without fontspec (latex_templates/lualatex-fonts.tex): the same pages as
through fontspec, pixel for pixel, for a CV with many scripts; fontspec still serves XeLaTeX
and a person's own font family."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import AUTHOR_CV
from texcv.app import cli, pipeline
from texcv.render import document

pytestmark = pytest.mark.tex

TITLES = [
    "中文标题：稀疏矩阵分解",
    "한국어 제목",
    "العربية: جامعة القاهرة 2024",
    "עברית",
    "नमस्ते दुनिया",
    "ภาษาไทย",
    "Symbols ☎ ✓ ∮ ⌘",
    "Ελληνικά — Кириллица — Lê Quốc Tùng — fi ffl -- ``quoted''",
]
FONTSPEC = "\\usepackage{fontspec}"


def world_cv(folder: Path, **design: str) -> Path:
    """The author's CV with titles in many scripts, and these design settings."""
    for item in AUTHOR_CV.parent.iterdir():
        if item.is_file():
            shutil.copy(item, folder / item.name)
    data = yaml.safe_load((folder / "cv.yaml").read_text(encoding="utf-8"))
    data.setdefault("design", {}).update(design)
    section = next(s for s in data["sections"] if s.get("kind") == "publication")
    added = [{"title": title, "authors": ["Q-T. Le"], "date": "2024"} for title in TITLES]
    section["entries"] = added + list(section.get("entries") or [])
    (folder / "cv.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder / "cv.yaml"


def tex_of(source: Path, monkeypatch: pytest.MonkeyPatch, through_fontspec: bool) -> str:
    """The .tex `texcv tex` writes; ``through_fontspec`` takes the route of a design.font."""
    if through_fontspec:
        chosen = document.unicode_fonts
        monkeypatch.setattr(
            document,
            "unicode_fonts",
            lambda plan, engine, own_font=False: chosen(plan, engine, own_font=True),
        )
    args = cli.build_parser().parse_args(["tex", str(source), "-q"])
    request = cli.build_request(args)
    reporter = pipeline.Reporter(True)
    loaded, full = pipeline.load_and_validate(request, reporter)
    prepared = pipeline.prepare(loaded, full, request, reporter)
    tex = pipeline.render_tex(request, loaded, prepared, reporter, "1700000000").tex
    monkeypatch.undo()
    return tex


def pages(tex: str, folder: Path) -> tuple[list[bytes], str]:
    """The pages as PNG (pdftoppm, 100 dpi) and the text of the PDF LuaLaTeX makes of ``tex``."""
    folder.mkdir()
    (folder / "cv.tex").write_text(tex, encoding="utf-8")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "openin_any": "p"}
    for _ in range(2):  # page numbers need the .aux
        done = subprocess.run(
            ["lualatex", "-interaction=nonstopmode", "-halt-on-error", "cv.tex"],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            errors="replace",
        )
        assert done.returncode == 0, done.stdout[-2000:]
    subprocess.run(["pdftoppm", "-png", "-r", "100", "cv.pdf", "page"], cwd=folder, check=True)
    text = subprocess.run(
        ["pdftotext", "cv.pdf", "-"], cwd=folder, capture_output=True, text=True, check=True
    ).stdout
    return [png.read_bytes() for png in sorted(folder.glob("page-*.png"))], text


@pytest.mark.parametrize("style", ["classic", "fancy"])
def test_lualatex_fonts_without_fontspec_give_the_same_pages(
    require_tex: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, style: str
) -> None:
    source = world_cv(tmp_path, style=style, font_family="roman" if style == "fancy" else "sans")
    lean = tex_of(source, monkeypatch, through_fontspec=False)
    assert FONTSPEC not in lean and "\\texcvfamily{texcvsf}" in lean
    assert "CJK-Regular.ttc](1)" in lean  # Korean: a face of a collection, by its index
    spec = tex_of(source, monkeypatch, through_fontspec=True)
    assert FONTSPEC in spec
    lean_pages, lean_text = pages(lean, tmp_path / "lean")
    spec_pages, spec_text = pages(spec, tmp_path / "fontspec")
    assert lean_text == spec_text
    for title in TITLES[:6]:
        assert title.split(":")[0] in lean_text
    assert len(lean_pages) == len(spec_pages)
    for number, (one, other) in enumerate(zip(lean_pages, spec_pages, strict=True), 1):
        assert one == other, f"page {number} differs"


@pytest.mark.parametrize(
    ("design", "fontspec"),
    [
        ({"engine": "lualatex"}, False),
        ({"engine": "xelatex"}, True),
        ({"engine": "lualatex", "font": "DejaVu Sans"}, True),
    ],
)
def test_fontspec_is_loaded_only_for_xelatex_and_a_persons_own_font(
    require_tex: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    design: dict[str, str],
    fontspec: bool,
) -> None:
    source = world_cv(tmp_path, **design)
    tex = tex_of(source, monkeypatch, through_fontspec=False)
    assert (FONTSPEC in tex) is fontspec
    assert ("\\renewcommand{\\sfdefault}{texcvsf}" in tex) is not fontspec
