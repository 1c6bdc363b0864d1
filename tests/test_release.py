"""`make release` / `texcv release` and design.max_pages, with real TeX."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_texcv
from texcv.app.release import asset_stem, file_part

PUBLISH = FIXTURES / "publish_cv.yaml"
STEM = "Jose_Nunez-de-Balboa_CV"


def test_asset_names_are_ascii_person_and_version() -> None:
    assert asset_stem("Quoc-Tung", "Le", "v1.2.0", None) == "Quoc-Tung_Le_CV_v1.2.0"
    assert asset_stem("Quoc-Tung", "Le", "v1.2.0", "short") == "Quoc-Tung_Le_CV-short_v1.2.0"
    assert asset_stem("José", "Núñez de Balboa", "v2", None) == f"{STEM}_v2"
    assert asset_stem("Ada", "Lovelace", "v1", None, "acme") == "Ada_Lovelace_Letter-acme_v1"
    assert file_part("../x y/") == "x-y"
    assert file_part("李") == "x"  # nothing ASCII left: still a usable name


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.tex
def test_make_release_fills_dist(require_tex: None, tmp_path: Path) -> None:
    dist, out = tmp_path / "dist", tmp_path / "build"
    make = ["make", "-C", str(ROOT), "-o", ".venv/.installed", "-o", ".venv/.tex-installed"]
    settings = [f"CV={PUBLISH}", f"OUT={out}", f"DIST={dist}"]
    done = subprocess.run(
        [*make, "release", *settings, "VERSION=v1.2.0"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in dist.iterdir())
    assert names == [f"{STEM}_v1.2.0.pdf", f"{STEM}_v1.2.0.png", "SHA256SUMS"]
    assert (dist / f"{STEM}_v1.2.0.pdf").read_bytes() == (out / "publish_cv.pdf").read_bytes()
    width, height = png_size(dist / f"{STEM}_v1.2.0.png")
    assert 800 < width < 1000 and height > width  # page 1 of an A4 portrait page at 110 dpi
    check = subprocess.run(
        ["sha256sum", "--check", "SHA256SUMS"], cwd=dist, capture_output=True, text=True
    )
    assert check.returncode == 0 and check.stdout.count(": OK") == 2, check.stdout

    # The next version replaces what this one wrote; a file texcv did not write stays.
    (dist / "notes.txt").write_text("mine")
    done = subprocess.run(
        [*make, "release", *settings, "VERSION=v1.2.1"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in dist.iterdir()) == [
        f"{STEM}_v1.2.1.pdf",
        f"{STEM}_v1.2.1.png",
        "SHA256SUMS",
        "notes.txt",
    ]


def many_entries_cv(max_pages: int | None, entries: int) -> str:
    design = f"design:\n  max_pages: {max_pages}\n" if max_pages else ""
    items = "".join(
        f"      - Entry number {n} of a long list of bullet points.\n" for n in range(entries)
    )
    return (
        "header:\n  first_name: Ada\n  last_name: Lovelace\n"
        + design
        + f"sections:\n  - title: Notes\n    kind: bullet\n    entries:\n{items}"
    )


@pytest.mark.tex
def test_max_pages_fails_before_the_pdf_is_replaced(require_tex: None, tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(many_entries_cv(2, 3), encoding="utf-8")
    ok = run_texcv("build", "cv.yaml", "-o", "out", "-q", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    before = (tmp_path / "out" / "cv.pdf").read_bytes()

    source.write_text(many_entries_cv(2, 150), encoding="utf-8")
    failed = run_texcv("build", "cv.yaml", "-o", "out", "--json", cwd=tmp_path)
    assert failed.returncode == 2
    assert failed.stderr == ""  # the report says it all
    report = json.loads(failed.stdout)
    (error,) = report["diagnostics"]
    assert report["ok"] is False and error["code"] == "page-limit"
    assert (error["file"], error["line"], error["column"]) == ("cv.yaml", 5, 14)
    assert error["message"] == "the CV has 4 pages; design.max_pages allows 2"
    assert (tmp_path / "out" / "cv.pdf").read_bytes() == before  # the last good PDF stays


def test_chosen_variants() -> None:
    from texcv.app.release import chosen_variants

    assert chosen_variants("all", ["short", "fr"]) == ["short", "fr"]
    assert chosen_variants("none", ["short", "fr"]) == []
    assert chosen_variants("", ["short", "fr"]) == []
    assert chosen_variants("fr, short", ["short", "fr"]) == ["fr", "short"]


@pytest.mark.tex
def test_release_of_chosen_variants(require_tex: None, tmp_path: Path) -> None:
    bib = FIXTURES / "bib"
    shutil.copy(bib / "cv.yaml", tmp_path / "cv.yaml")
    shutil.copy(bib / "works.bib", tmp_path / "works.bib")
    done = run_texcv("release", "--variants", "short", "--version", "v2", "-q", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    pdfs = sorted(p.name for p in (tmp_path / "dist").glob("*.pdf"))
    assert len(pdfs) == 2 and any("_CV-short_v2.pdf" in name for name in pdfs), pdfs
    unknown = run_texcv("release", "--variants", "long", "-q", cwd=tmp_path)
    assert unknown.returncode == 2 and "no variant named 'long'" in unknown.stderr
