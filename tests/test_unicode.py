"""Any script, any special character: built with real TeX, read back from the PDF.

The "done when" of issue 4: each example, put into a publication title of a copy of the
repo's cv.yaml, builds and shows exactly as typed; links keep their targets; TeX commands in
the text do nothing. Plus: a character no installed font has is an error at its cv.yaml line,
and two builds of a Unicode CV at once both end with a whole PDF.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import AUTHOR_CV, FIXTURES, ROOT, pdf_info, run_texcv

pytestmark = pytest.mark.tex

EXAMPLES = [
    "Ça déjà vu: Müller & Söhne, Œuvres, naïve façade",  # French and German accents
    "Lê Quốc Tùng",  # Vietnamese
    "Đại học Bách khoa Hà Nội",
    "Ελληνικά: Αριστοτέλης",  # Greek
    "Кириллица: Пушкин, Достоевский",  # Cyrillic
    "中文标题：稀疏矩阵分解",  # Chinese
    "日本語のタイトル",  # Japanese
    "한국어 제목",  # Korean
    "~ ^ ' \" ` < > | \\ { } $ & # % _ [1] -- --- '' `` ,, << >> !` ?` fi ffl",
    r"\input{/etc/passwd}",
    r"\immediate\write18{touch PWNED}",
    "^^5cinput{/etc/hostname}",
    r"\catcode`\@=11 \makeatletter",
    r"}\end{document}",
    r"\def\x{\x}\x",
]
# A link in a title, and a publication URL, with % # ~ _ & and non-ASCII characters.
LINKED_TITLE = "Slides at [Đại học & co](https://ex.org/~lê_q/a%20b?x=1&y=2#p3)"
LINK_TARGET = "https://ex.org/~l%C3%AA_q/a%20b?x=1&y=2#p3"
PUBLICATION_URL = "https://ex.org/a_b~c/caf%C3%A9/100%25?x=1&y=2#frag"


def pdf_text_raw(pdf: Path) -> str:
    """pdftotext in reading order (-raw), whitespace collapsed."""
    command = ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def link_targets(pdf: Path) -> set[str]:
    return {
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(pdf).pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    }


def copy_of_repo_cv(folder: Path, titles: list[str], url: str | None = None) -> Path:
    """The author's CV (and the files beside it) in ``folder``, with these publications first."""
    for item in AUTHOR_CV.parent.iterdir():
        if item.is_file() and item.suffix in (".yaml", ".bib"):
            shutil.copy(item, folder / item.name)
    data = yaml.safe_load((folder / "cv.yaml").read_text(encoding="utf-8"))
    section = next(s for s in data["sections"] if s.get("kind") == "publication")
    added = [{"title": title, "authors": ["Q-T. Le"], "date": "2024"} for title in titles]
    if url:
        added[0]["url"] = url
    section["entries"] = added + list(section.get("entries") or [])
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    (folder / "cv.yaml").write_text(text, encoding="utf-8")
    return folder / "cv.yaml"


@pytest.fixture(scope="module")
def world_cv(require_tex: None, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("world")
    source = copy_of_repo_cv(folder, [LINKED_TITLE, *EXAMPLES], url=PUBLICATION_URL)
    result = run_texcv("build", str(source), "-o", str(folder / "out"), "-v", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder / "out" / "cv.pdf", result.stderr


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_example_in_a_publication_title_shows_exactly(
    world_cv: tuple[Path, str], example: str
) -> None:
    assert " ".join(example.split()) in pdf_text_raw(world_cv[0])


def test_the_cv_with_other_scripts_is_built_by_lualatex_with_noto(
    world_cv: tuple[Path, str],
) -> None:
    pdf, stderr = world_cv
    assert "lualatex" in stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSans-Regular" in fonts and "NotoSansCJK" in fonts


def test_links_keep_their_targets(world_cv: tuple[Path, str]) -> None:
    pdf = world_cv[0]
    assert {LINK_TARGET, PUBLICATION_URL} <= link_targets(pdf)
    text = pdf_text_raw(pdf)
    assert "Slides at Đại học & co" in text
    assert "ex.org/a_b~c/caf%C3%A9/100%25?x=1&y=2#frag" in text


def test_tex_in_titles_neither_reads_nor_runs_anything(world_cv: tuple[Path, str]) -> None:
    pdf = world_cv[0]
    text = pdf_text_raw(pdf)
    passwd = Path("/etc/passwd").read_text(encoding="utf-8", errors="replace").split(":")[0]
    assert f"{passwd}:x:" not in text
    assert not (pdf.parent / "PWNED").exists() and not (pdf.parent.parent / "PWNED").exists()
    assert not list(pdf.parent.parent.rglob("PWNED*"))


SMALL = (FIXTURES / "small_cv.yaml").read_text(encoding="utf-8")


def test_a_character_no_font_has_is_an_error_at_its_line(require_tex: None, tmp_path: Path) -> None:
    text = SMALL.replace("Notes on the Analytical Engine", "Notes 😀 on the Engine").replace(
        "The first published algorithm.", "Private use \U0010fffd here"
    )
    (tmp_path / "cv.yaml").write_text(text, encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert "cv.yaml:9:16: error: no installed font can show '😀' (U+1F600)" in result.stderr
    assert "at: sections[0].entries[0].title" in result.stderr
    assert (
        "cv.yaml:11:13: error: no installed font can show '\U0010fffd' (U+10FFFD)" in result.stderr
    )
    assert "at: sections[0].entries[0].highlights[0]" in result.stderr
    assert not (tmp_path / "out" / "cv.pdf").exists()


UNICODE_CV = SMALL.replace("Ada", "Lê Quốc").replace(
    "The first published algorithm.", "Ελληνικά, Русский, 中文, 日本語, 한국어 -- ~^"
)


def test_two_unicode_builds_at_once_both_end_with_a_whole_pdf(
    require_tex: None, tmp_path: Path
) -> None:
    (tmp_path / "cv.yaml").write_text(UNICODE_CV, encoding="utf-8")
    command = [sys.executable, "-m", "texcv", "build", "cv.yaml", "-o", "out", "--force", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [
        subprocess.Popen(command, cwd=tmp_path, env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for run in runs:
        _, err = run.communicate(timeout=180)
        assert run.returncode == 0, err
    pdf = tmp_path / "out" / "cv.pdf"
    assert pdf_info(pdf)["Pages"] == "1"
    assert "Ελληνικά, Русский, 中文, 日本語, 한국어 -- ~^" in pdf_text_raw(pdf)
    assert "Lê Quốc Lovelace" in pdf_text_raw(pdf)
    assert not list((tmp_path / "out" / ".cache").glob(".cv-*"))  # scratch folders removed
