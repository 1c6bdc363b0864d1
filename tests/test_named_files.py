"""Files named in cv.yaml stay inside its folder, and a photo is checked before TeX sees it.

A CV from elsewhere must not be able to put other files of this machine into its PDF: an
absolute path, a '..' or a symbolic link leading out of the folder is an error at its line,
unless the person building allows that folder with --allow-root.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfWriter

from conftest import pdf_text, run_texcv
from test_photo import write_png

CV = """\
header:
  first_name: Ada
  last_name: Lovelace
  photo: {path: PHOTO, width: 2cm}
sections:
  - title: About
    kind: text
    entries: [Hello]
"""
BIB_CV = """\
header: {first_name: Ada, last_name: Lovelace}
sections:
  - title: Papers
    kind: publication
    bibtex: BIB
"""
SECRET = "SECRETTOKEN"


def secret_pdf(path: Path) -> None:
    """A one-page PDF whose text layer holds SECRET (what a leaked file would show)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    (path.parent / "secret.tex").write_text(
        "\\documentclass{article}\\pagestyle{empty}\\begin{document}" + SECRET + "\\end{document}\n"
    )
    subprocess.run(
        ["pdflatex", "-interaction=batchmode", "-jobname", path.stem, "secret.tex"],
        cwd=path.parent,
        check=True,
        capture_output=True,
    )


def blank_pdf(path: Path, pages: int) -> None:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=100, height=120)
    with path.open("wb") as stream:
        writer.write(stream)


def check(folder: Path, text: str, *args: str) -> subprocess.CompletedProcess[str]:
    (folder / "cv.yaml").write_text(text, encoding="utf-8")
    return run_texcv("check", "cv.yaml", *args, cwd=folder)


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    return next(line for line in result.stderr.splitlines() if ": error: " in line)


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    """tmp/cv/ holds the CV; tmp/outside/ a photo and a .bib it must not reach."""
    (tmp_path / "cv").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    write_png(outside / "me.png")
    (outside / "refs.bib").write_text(
        "@misc{k, author = {A. Lovelace}, title = {Leaked}, year = 2020}\n"
    )
    return tmp_path / "cv"


@pytest.mark.parametrize(
    ("photo", "says"),
    [
        ("../outside/me.png", "leads out of the folder of cv.yaml"),
        ("sub/../../outside/me.png", "leads out of the folder of cv.yaml"),
        ("ABSOLUTE", "is an absolute path outside the folder of cv.yaml"),
        ("link.png", "is a symbolic link to"),
        ("linked/me.png", "is a symbolic link to"),
    ],
)
def test_a_photo_outside_the_folder_is_refused_at_its_line(
    layout: Path, photo: str, says: str
) -> None:
    (layout / "link.png").symlink_to(layout.parent / "outside" / "me.png")
    (layout / "linked").symlink_to(layout.parent / "outside")
    photo = photo.replace("ABSOLUTE", str(layout.parent / "outside" / "me.png"))
    line = error_line(check(layout, CV.replace("PHOTO", photo)))
    assert line.startswith(f"cv.yaml:4:17: error: the file {photo} {says}"), line


def test_a_bib_file_outside_the_folder_is_refused_at_its_line(layout: Path) -> None:
    (layout / "refs.bib").symlink_to(layout.parent / "outside" / "refs.bib")
    for bib in ("../outside/refs.bib", "refs.bib"):
        line = error_line(check(layout, BIB_CV.replace("BIB", bib)))
        assert line.startswith(f"cv.yaml:5:13: error: the file {bib} "), line


def test_links_and_dots_that_stay_inside_are_fine(layout: Path) -> None:
    (layout / "pictures").mkdir()
    write_png(layout / "pictures" / "me.png")
    (layout / "photo.png").symlink_to(layout / "pictures" / "me.png")
    for photo in ("photo.png", "pictures/../photo.png", str(layout / "pictures" / "me.png")):
        result = check(layout, CV.replace("PHOTO", photo))
        assert result.returncode == 0, result.stderr


def test_allow_root_lets_the_person_building_choose_another_folder(layout: Path) -> None:
    outside = layout.parent / "outside"
    result = check(layout, CV.replace("PHOTO", "../outside/me.png"), "--allow-root", str(outside))
    assert result.returncode == 0, result.stderr
    result = check(layout, BIB_CV.replace("BIB", str(outside / "refs.bib")), "--allow-root", "..")
    assert result.returncode == 0, result.stderr


@pytest.mark.tex
def test_a_pdf_photo_outside_never_reaches_the_pdf_unless_allowed(
    require_tex: None, layout: Path
) -> None:
    secret_pdf(layout.parent / "outside" / "secret.pdf")
    (layout / "cv.yaml").write_text(CV.replace("PHOTO", "../outside/secret.pdf"))
    out = layout / "out"
    out.mkdir()
    (out / "cv.pdf").write_bytes(b"%PDF-1.5 old")
    result = run_texcv("build", "cv.yaml", "-o", "out", cwd=layout)
    line = error_line(result)
    assert "the file ../outside/secret.pdf leads out of the folder of cv.yaml" in line
    assert (out / "cv.pdf").read_bytes() == b"%PDF-1.5 old"
    assert not list(out.rglob("photo.pdf"))  # never copied beside the .tex

    allowed = run_texcv(
        "build", "cv.yaml", "-o", "out", "-q", "--allow-root", "../outside", cwd=layout
    )
    assert allowed.returncode == 0, allowed.stderr
    assert SECRET in pdf_text(out / "cv.pdf")  # the person building chose to include it


def bad_photos(folder: Path) -> list[tuple[str, str]]:
    """(file name, what the error says) for files that are not the image their name says."""
    (folder / "text.png").write_text("this is not an image\n")
    write_png(folder / "real.png")
    (folder / "truncated.png").write_bytes((folder / "real.png").read_bytes()[:60])
    write_png(folder / "png.jpg")
    (folder / "empty.jpg").write_bytes(b"")
    blank_pdf(folder / "two.pdf", 2)
    (folder / "junk.pdf").write_bytes(b"%PDF-1.4\nnot really a pdf\n")
    (folder / "text.pdf").write_text("hello\n")
    (folder / "dir.png").mkdir()
    return [
        ("text.png", "is not a PNG file (it holds text)"),
        ("truncated.png", "is a damaged PNG file"),
        ("png.jpg", "is not a JPEG file (it holds a PNG image)"),
        ("empty.jpg", "is not a JPEG file"),
        ("two.pdf", "is a PDF of 2 pages; a photo is one page"),
        ("junk.pdf", "is a damaged PDF"),
        ("text.pdf", "is not a PDF file (it holds text)"),
        ("dir.png", "is not a file"),
    ]


def test_a_photo_that_is_not_the_image_its_name_says_is_an_error_at_its_line(
    tmp_path: Path,
) -> None:
    for name, says in bad_photos(tmp_path):
        line = error_line(check(tmp_path, CV.replace("PHOTO", name)))
        assert line.startswith(f"cv.yaml:4:17: error: the photo {name} {says}"), line


def test_good_photos_pass(tmp_path: Path) -> None:
    write_png(tmp_path / "me.png")
    blank_pdf(tmp_path / "me.pdf", 1)
    for name in ("me.png", "me.pdf"):
        result = check(tmp_path, CV.replace("PHOTO", name))
        assert result.returncode == 0, result.stderr


@pytest.mark.tex
def test_a_text_file_named_photo_png_fails_before_tex(require_tex: None, tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_text("not an image\n")
    (tmp_path / "cv.yaml").write_text(CV.replace("PHOTO", "photo.png"))
    result = run_texcv("build", "cv.yaml", "-o", "out", cwd=tmp_path)
    assert "cv.yaml:4:17: error: the photo photo.png is not a PNG file" in error_line(result)
    assert not (tmp_path / "out" / ".cache").exists()  # TeX never started
