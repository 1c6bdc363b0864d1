"""Failures that reach TeX: mapped back to the cv.yaml line, and the last good PDF kept.

Needs TeX Live (skips without it, fails in CI where it must be there).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_texcv
from texcv.compile import TexFailure, build_pdf
from texcv.diagnose import locate_line
from texcv.source.yaml_reader import load_yaml

SMALL = (FIXTURES / "small_cv.yaml").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, require_tex: None) -> Path:
    """A folder with a valid cv.yaml already built once: build/cv.pdf is the last good PDF."""
    (tmp_path / "cv.yaml").write_text(SMALL, encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "build", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "build" / "cv.pdf").stat().st_size > 0
    return tmp_path


def break_and_build(project: Path, text: str) -> tuple[subprocess.CompletedProcess[str], bytes]:
    """Replace cv.yaml with ``text``, build, and return the result and the PDF before it."""
    before = (project / "build" / "cv.pdf").read_bytes()
    (project / "cv.yaml").write_text(text, encoding="utf-8")
    return run_texcv("build", "cv.yaml", "-o", "build", cwd=project), before


def test_tex_error_in_a_field_points_at_its_cv_yaml_line(project: Path) -> None:
    """A Chinese character under a forced pdflatex stops TeX inside the entry's title (line 9)."""
    broken = SMALL.replace("Notes on the Analytical", "Notes on the 中 Analytical") + (
        "design:\n  engine: pdflatex\n"
    )
    result, before = break_and_build(project, broken)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    error = next(line for line in result.stderr.splitlines() if ": error: " in line)
    assert error.startswith("cv.yaml:9:16: error: TeX error"), result.stderr
    assert "Unicode character 中 (U+4E2D)" in error
    assert "at: sections[0].entries[0].title" in result.stderr
    log = project / "build" / "cv.log"
    assert f"full log: {Path('build') / 'cv.log'}" in result.stderr
    assert log.is_file() and "not set up for use with LaTeX" in log.read_text(errors="replace")
    assert (project / "build" / "cv.pdf").read_bytes() == before


def test_timeout_keeps_the_old_pdf(project: Path) -> None:
    result, before = break_and_build(project, SMALL + "design:\n  timeout: 0.01\n")
    assert result.returncode == 1, result.stderr
    assert "did not finish within 0.01 s" in result.stderr  # the limit set, not time left
    assert "Traceback" not in result.stderr
    assert (project / "build" / "cv.pdf").read_bytes() == before


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda text: text.replace("sections:", "sections: [", 1), "YAML syntax"),
        (lambda text: text.replace('"1842-01"', '"1842-13"'), "month 13 does not exist"),
    ],
    ids=["bad-yaml", "schema-error"],
)
def test_input_errors_keep_the_old_pdf(project: Path, change: object, says: str) -> None:
    result, before = break_and_build(project, change(SMALL))  # type: ignore[operator]
    assert result.returncode == 2, result.stderr
    assert says in result.stderr
    assert (project / "build" / "cv.pdf").read_bytes() == before


def test_tex_line_maps_back_through_source_marks(tmp_path: Path, require_tex: None) -> None:
    """By hand: a .tex whose failing line follows a `% texcv-source:` mark names the YAML line."""
    (tmp_path / "cv.yaml").write_text(SMALL, encoding="utf-8")
    loaded = load_yaml(tmp_path / "cv.yaml", "cv.yaml")
    tex = (
        "\\documentclass{article}\n\\begin{document}\nFine.\n"
        "% texcv-source: sections[0].entries[0]\n"
        "Also fine.\n\\undefinedcommand\n\\end{document}\n"
    )
    with pytest.raises(TexFailure) as caught:
        build_pdf(tex, tmp_path / "out", "cv", "pdflatex", 60)
    failure = caught.value
    assert failure.tex_line == 6
    assert "Undefined control sequence" in failure.message
    found = locate_line(tex, failure.tex_line, loaded.positions)
    assert found is not None
    path, location = found
    assert path == "sections[0].entries[0]"
    assert (location.file, location.line) == ("cv.yaml", 7)
    assert not (tmp_path / "out" / "cv.pdf").exists()


def _make(project: Path) -> subprocess.CompletedProcess[str]:
    """`make pdf` for this project, without re-running the one-time installs."""
    venv = ROOT / ".venv"
    if not (venv / ".installed").exists() or not (venv / ".tex-installed").exists():
        if os.environ.get("CI") == "true":  # `make test` made it: CI must run this
            pytest.fail("`make pdf` has not set up .venv in CI")
        pytest.skip("`make pdf` has not set up .venv here")
    return subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "-o", ".venv/.installed",
         "-o", ".venv/.tex-installed", "pdf", f"CV={project / 'cv.yaml'}",
         f"OUT={project / 'build'}"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip


@pytest.mark.parametrize("fixture", ["tabs", "duplicate_key", "alias_bomb", "end_before_start"])
def test_make_pdf_fails_fast_and_keeps_the_old_pdf(project: Path, fixture: str) -> None:
    before = (project / "build" / "cv.pdf").read_bytes()
    shutil.copyfile(FIXTURES / "broken" / f"{fixture}.yaml", project / "cv.yaml")
    os.utime(project / "cv.yaml")  # newer than the PDF, so make rebuilds
    result = _make(project)  # its timeout stops a hang; speed is `make bench`'s job
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"{project / 'cv.yaml'}:" in result.stderr
    assert (project / "build" / "cv.pdf").read_bytes() == before


def test_missing_tex_says_how_to_install_it_and_keeps_the_old_pdf(project: Path) -> None:
    """A machine without TeX (here: a PATH that has no engine) gets exit 3 and the command."""
    before = (project / "build" / "cv.pdf").read_bytes()
    (project / "cv.yaml").write_text(SMALL + "\n# edited\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "texcv", "build", "cv.yaml", "-o", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "PATH": str(project / "no-tex")},
    )
    assert result.returncode == 3, result.stderr
    assert "error: pdflatex is not installed" in result.stderr
    assert "sudo apt-get install texlive-latex-extra" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "build" / "cv.pdf").read_bytes() == before


@pytest.fixture
def tiny_disk(tmp_path: Path) -> object:
    """A mounter of a small tmpfs under tmp_path (root only: CI and this machine run as root)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted: list[Path] = []

    def mount(size: str) -> Path:
        point = tmp_path / f"disk-{size}"
        point.mkdir()
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)], check=True
        )
        mounted.append(point)
        return point

    yield mount
    for point in mounted:
        subprocess.run(["umount", str(point)], check=False)


@pytest.mark.parametrize(
    "size",
    [
        "60k",  # Python's own copy of the .tex and logs fails (an OSError with ENOSPC)
        "120k",  # pdfTeX runs, then cannot write its PDF ("fwrite() failed")
    ],
)
def test_a_full_disk_is_named_as_such_and_keeps_the_old_pdf(
    project: Path, tiny_disk: object, size: str
) -> None:
    disk = tiny_disk(size)  # type: ignore[operator]
    out = disk / "out"
    out.mkdir()
    (out / "cv.pdf").write_bytes(b"%PDF-1.5 old")
    result = run_texcv("build", "cv.yaml", "-o", str(out), cwd=project)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert f"texcv: error: no space left on device in {out}" in result.stderr, result.stderr
    assert (out / "cv.pdf").read_bytes() == b"%PDF-1.5 old"
    assert not list((out / ".cache" / "formats").glob("*.unusable"))  # no fault of the format
