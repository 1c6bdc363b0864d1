"""Large script fonts (Noto CJK, 20 MB each) are cut to the CV's characters before TeX loads
them (texcv.compile.subset): the PDF shows the same font, its text reads back as typed, the
subset is made again only when the characters change, and `texcv tex` still names the
installed font (a .tex a person compiles elsewhere has no subsets beside it)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont

from conftest import FIXTURES, pdf_text, run_texcv
from texcv.compile import early
from texcv.compile.fonts import list_fonts
from texcv.compile.subset import KEEP, LARGE, PREFIX, cut, subset_plan
from texcv.render.engine_choice import text_needs
from texcv.render.fonts import families, plan_fonts

SMALL = (FIXTURES / "small_cv.yaml").read_text(encoding="utf-8")
TITLE = "稀疏矩阵分解（博士论文）"
EPOCH = "1700000000"


def cjk_face(name: str = "Noto Sans CJK SC") -> tuple[Path, int]:
    """The installed Noto CJK collection and the index of ``name`` in it."""
    face = families(list_fonts())[name].regular
    return Path(face.file), face.index


def cv(folder: Path, title: str, highlight: str = "Worked on sparse matrices.") -> Path:
    """The small fixture CV with a CJK entry title, as cv.yaml in ``folder``."""
    data = yaml.safe_load(SMALL)
    entry = data["sections"][0]["entries"][0]
    entry["title"], entry["highlights"] = title, [highlight]
    path = folder / "cv.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def build(folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {"SOURCE_DATE_EPOCH": EPOCH}
    result = run_texcv("build", "cv.yaml", "-o", "out", *extra, cwd=folder, env=env)
    assert result.returncode == 0, result.stderr
    return result


def subsets_named(tex: Path) -> set[str]:
    return set(re.findall(rf"{PREFIX}[0-9a-f]+\.(?:otf|ttf)", tex.read_text(encoding="utf-8")))


def fonts(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return {line.split()[0].split("+", 1)[-1] for line in out.stdout.splitlines()[2:]}


def test_a_cut_font_has_the_characters_asked_and_the_layout_features_of_the_whole(
    require_tex: None, tmp_path: Path
) -> None:
    font, index = cjk_face()
    assert font.stat().st_size > LARGE  # the kind of font this is for
    data = cut(font, index, set(TITLE))
    assert data is not None and 0 < len(data) < 100_000
    (tmp_path / "cut.otf").write_bytes(data)
    cut_font = TTFont(tmp_path / "cut.otf")
    whole = TTFont(font, fontNumber=index, lazy=True)
    assert set(cut_font.getBestCmap()) == {ord(ch) for ch in TITLE}
    tags = {record.FeatureTag for record in cut_font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"vert", "locl"} <= tags  # vertical forms and the language's own shapes kept
    assert cut_font["name"].getDebugName(6) == whole["name"].getDebugName(6)  # same PDF name
    assert (
        cut_font["hmtx"][cut_font.getBestCmap()[ord("稀")]]
        == (whole["hmtx"][whole.getBestCmap()[ord("稀")]])
    )


def test_only_large_script_fonts_are_cut_and_each_cut_is_made_once(
    require_tex: None, tmp_path: Path
) -> None:
    installed = list_fonts()
    needs = text_needs([(None, f"{TITLE} مرحبا")])
    plan = plan_fonts(needs, installed, "sans")
    cut_plan, made = subset_plan(plan, needs.characters, tmp_path)
    by_key = {font.key: font.family for font in cut_plan.scripts}
    assert by_key["Arab"] == next(f.family for f in plan.scripts if f.key == "Arab")  # small
    cjk = by_key["Hani"]
    assert cjk.regular.file.startswith(PREFIX) and cjk.regular.index == 0
    assert cjk.bold is not None and cjk.bold.file.startswith(PREFIX)
    assert cjk.regular.file != cjk.bold.file
    assert set(made) == {cjk.regular.file, cjk.bold.file}
    assert all(path.parent == tmp_path / ".cache" / "subsets" for path in made.values())
    files = {name: path.stat().st_ino for name, path in made.items()}
    again, made_again = subset_plan(plan, needs.characters, tmp_path)
    assert again == cut_plan
    assert {
        name: path.stat().st_ino for name, path in made_again.items()
    } == files  # not made again
    other = text_needs([(None, "分解")])
    _, made_other = subset_plan(plan_fonts(other, installed, "sans"), other.characters, tmp_path)
    assert not set(made_other) & set(made)  # other characters, another subset


def test_old_cuts_are_pruned(require_tex: None, tmp_path: Path) -> None:
    installed = list_fonts()
    for code in range(KEEP + 4):
        needs = text_needs([(None, "字" + chr(0x4E00 + code))])
        subset_plan(plan_fonts(needs, installed, "sans"), needs.characters, tmp_path)
    assert len(list((tmp_path / ".cache" / "subsets").glob(f"{PREFIX}*"))) <= KEEP + 1


def test_a_cjk_cv_is_built_with_a_cut_font_that_reads_back_and_is_kept_between_edits(
    require_tex: None, tmp_path: Path
) -> None:
    cv(tmp_path, TITLE)
    build(tmp_path)
    out = tmp_path / "out"
    tex, pdf = out / "cv.tex", out / "cv.pdf"
    first = subsets_named(tex)
    assert len(first) == 2, first  # regular and bold
    assert "NotoSansCJK" not in tex.read_text(encoding="utf-8")
    assert "NotoSansCJKsc-Bold" in fonts(pdf)  # the PDF names the font as before (bold title)
    assert TITLE in pdf_text(pdf)
    work = out / ".cache" / "cv-lualatex"
    assert {p.name for p in work.glob(f"{PREFIX}*")} == first

    cv(tmp_path, TITLE, "Worked on sparse matrices and networks.")  # an edit of English text
    build(tmp_path)
    assert subsets_named(tex) == first
    assert "sparse matrices and networks" in pdf_text(pdf)

    cv(tmp_path, TITLE + "与深度神经网络")  # new characters: a new subset
    build(tmp_path)
    second = subsets_named(tex)
    assert len(second) == 2 and not second & first
    assert TITLE + "与深度神经网络" in pdf_text(pdf)
    assert {p.name for p in work.glob(f"{PREFIX}*")} == second  # the old copies are gone


@pytest.mark.parametrize("engine", ["lualatex", "xelatex"])
def test_cut_fonts_give_the_same_pdf_in_two_folders(
    require_tex: None, tmp_path: Path, engine: str
) -> None:
    pdfs = []
    for name in ("one", "two"):
        folder = tmp_path / name
        folder.mkdir()
        cv(folder, TITLE)
        build(folder, "--engine", engine)
        assert subsets_named(folder / "out" / "cv.tex")
        assert TITLE in pdf_text(folder / "out" / "cv.pdf")
        pdfs.append((folder / "out" / "cv.pdf").read_bytes())
    assert pdfs[0] == pdfs[1]


def test_texcv_tex_names_the_installed_font(require_tex: None, tmp_path: Path) -> None:
    cv(tmp_path, TITLE)
    result = run_texcv("tex", "cv.yaml", "-o", "-", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "NotoSansCJK-Regular.ttc" in result.stdout and PREFIX not in result.stdout
    assert not (tmp_path / "out").exists()


def test_no_early_pass_starts_when_a_file_its_tex_reads_is_gone(tmp_path: Path) -> None:
    (tmp_path / ".cache").mkdir()
    early.remember(tmp_path, "cv", "lualatex", None, "\\documentclass{moderncv}\n", ["x.otf"])
    assert early.start(tmp_path, "cv", EPOCH) is None  # not in the build's folder (failed build)
