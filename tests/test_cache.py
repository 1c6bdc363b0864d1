"""Faster rebuilds: persistent build folder, precompiled preamble, no-op builds. Real TeX."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import AUTHOR_CV, FIXTURES, ROOT, pdf_info, pdf_text, run_texcv
from texcv.compile import TexFailure, build_pdf, early
from texcv.compile.format import Formats
from texcv.compile.uptodate import is_up_to_date, record
from texcv.compile.workspace import workspace
from texcv.prepare import prepare
from texcv.render import render
from texcv.schema.input_files import referenced_files
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml

pytestmark = pytest.mark.tex


@pytest.fixture(scope="module")
def repo_tex() -> str:
    loaded = load_yaml(AUTHOR_CV)
    cv = prepare(loaded, validate(loaded), AUTHOR_CV.parent).cv  # with its publications.bib
    return render(cv, engine="pdflatex")


def _edit_one_word(tex: str) -> str:
    edited = tex.replace("broadly interested", "widely interested", 1)
    assert edited != tex
    return edited


def test_rebuild_after_an_edit_takes_one_pass_with_the_precompiled_preamble(
    require_tex: None, repo_tex: str, tmp_path: Path
) -> None:
    first = build_pdf(repo_tex, tmp_path, "cv", "pdflatex", 120)
    assert first.passes == 2  # no .aux yet: labels and outlines need a second pass
    second = build_pdf(_edit_one_word(repo_tex), tmp_path, "cv", "pdflatex", 120)
    assert second.passes == 1
    assert second.precompiled
    assert "widely interested" in " ".join(pdf_text(second.pdf).split())


def test_pdf_with_precompiled_preamble_looks_exactly_like_a_plain_run(
    require_tex: None, repo_tex: str, tmp_path: Path
) -> None:
    cached = tmp_path / "cached"
    build_pdf(repo_tex, cached, "cv", "pdflatex", 120)
    result = build_pdf(repo_tex, cached, "cv", "pdflatex", 120)
    assert result.precompiled
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "cv.tex").write_text(repo_tex, encoding="utf-8")
    env = {**os.environ, "openin_any": "p", "openout_any": "p"}
    for _ in range(2):
        subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "cv.tex"],
            cwd=plain,
            env=env,
            capture_output=True,
            check=True,
            timeout=120,
        )
    assert pdf_text(result.pdf, layout=True) == pdf_text(plain / "cv.pdf", layout=True)
    for key in ("Pages", "Title", "Author", "Subject", "Keywords", "Page size"):
        assert pdf_info(result.pdf).get(key) == pdf_info(plain / "cv.pdf").get(key), key
    assert _pixels(result.pdf, tmp_path / "a") == _pixels(plain / "cv.pdf", tmp_path / "b")


def _pixels(pdf: Path, prefix: Path) -> list[bytes]:
    subprocess.run(["pdftoppm", "-r", "60", "-gray", str(pdf), str(prefix)], check=True)
    return [page.read_bytes() for page in sorted(prefix.parent.glob(f"{prefix.name}-*.pgm"))]


def test_failed_build_keeps_the_old_pdf_and_the_next_build_recovers(
    require_tex: None, repo_tex: str, tmp_path: Path
) -> None:
    good = build_pdf(repo_tex, tmp_path, "cv", "pdflatex", 120)
    before = good.pdf.read_bytes()
    broken = repo_tex.replace(r"\makecvtitle", r"\makecvtitle\undefinedmacro", 1)
    with pytest.raises(TexFailure) as failure:
        build_pdf(broken, tmp_path, "cv", "pdflatex", 120)
    assert failure.value.tex_line is not None
    assert (tmp_path / "cv.log").is_file()
    assert good.pdf.read_bytes() == before
    again = build_pdf(_edit_one_word(repo_tex), tmp_path, "cv", "pdflatex", 120)
    assert "widely interested" in " ".join(pdf_text(again.pdf).split())


def test_a_format_that_cannot_be_loaded_is_dropped_and_the_build_still_succeeds(
    require_tex: None, repo_tex: str, tmp_path: Path
) -> None:
    build_pdf(repo_tex, tmp_path, "cv", "pdflatex", 120)
    formats = Formats(tmp_path / ".cache" / "formats")
    (fmt,) = formats.folder.glob("*.fmt")
    fmt.write_bytes(b"not a format")
    result = build_pdf(_edit_one_word(repo_tex), tmp_path, "cv", "pdflatex", 120)
    assert not result.precompiled
    assert pdf_info(result.pdf)["Pages"] == "3"
    assert formats.plan("pdflatex", repo_tex) is None  # marked unusable, not retried


def test_unicode_engines_compile_without_a_format(repo_tex: str, tmp_path: Path) -> None:
    assert Formats(tmp_path).plan("lualatex", repo_tex) is None
    assert Formats(tmp_path).plan("pdflatex", repo_tex.replace(r"\csname endofdump", "%")) is None


def test_a_busy_build_folder_sends_the_second_build_to_a_fresh_one(tmp_path: Path) -> None:
    with workspace(tmp_path, "cv", "pdflatex") as first:
        with workspace(tmp_path, "cv", "pdflatex") as second:
            assert first.persistent and not second.persistent
            scratch = second.path
        assert not scratch.exists()
    with workspace(tmp_path, "cv", "pdflatex") as third:
        assert third.persistent


def test_two_builds_at_once_both_end_with_a_whole_pdf(require_tex: None, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "texcv", "build", str(AUTHOR_CV), "-o", str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [
        subprocess.Popen([*command, "--force", "-q"], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    for run in runs:
        _, err = run.communicate(timeout=120)
        assert run.returncode == 0, err
    assert pdf_info(tmp_path / "cv.pdf")["Pages"] == "3"
    assert not list((tmp_path / ".cache").glob(".cv-*"))  # scratch folders removed


def test_noop_build_does_nothing_until_an_input_changes(require_tex: None, tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(AUTHOR_CV.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "publications.bib").write_bytes(
        (AUTHOR_CV.parent / "publications.bib").read_bytes()
    )
    out = tmp_path / "out"
    assert run_texcv("build", str(source), "-o", str(out)).returncode == 0
    pdf = out / "cv.pdf"
    stamp = pdf.stat().st_mtime_ns
    again = run_texcv("build", str(source), "-o", str(out))
    assert again.returncode == 0 and "up to date" in again.stderr
    assert pdf.stat().st_mtime_ns == stamp
    forced = run_texcv("build", str(source), "-o", str(out), "--engine", "pdflatex")
    assert "up to date" not in forced.stderr  # another option is another input
    source.write_text(source.read_text().replace("broadly", "widely", 1), encoding="utf-8")
    edited = run_texcv("build", str(source), "-o", str(out))
    assert edited.returncode == 0 and "up to date" not in edited.stderr
    assert "widely" in pdf_text(pdf)


def test_a_noop_build_loads_neither_pylatex_nor_the_schema(
    require_tex: None, tmp_path: Path
) -> None:
    """The no-op check answers from hashes alone (its speed: `make bench`)."""
    (tmp_path / "cv.yaml").write_bytes((FIXTURES / "small_cv.yaml").read_bytes())
    assert run_texcv("build", "cv.yaml", "-o", "out", "-q", cwd=tmp_path).returncode == 0
    code = (
        "import sys\n"
        "from texcv.app.cli import main\n"
        "code = main(['build', 'cv.yaml', '-o', 'out'])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('pylatex', 'pydantic', 'pybtex')"
        " or m.startswith(('texcv.schema', 'texcv.render.document'))]\n"
        "print(code, heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=True,
    )
    assert "up to date" in done.stderr
    assert done.stdout.strip() == "0 []"


def test_a_changed_referenced_file_or_pdf_makes_the_build_stale(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text("header: {first_name: A, last_name: B}\nsections: []\n")
    photo = tmp_path / "photo.png"
    photo.write_bytes(b"one")
    (tmp_path / "cv.pdf").write_bytes(b"%PDF-1.5 stand-in")
    options = {"engine": None}
    record(tmp_path, "cv", source, options, [photo], "pdflatex")
    assert is_up_to_date(tmp_path, "cv", source, options)
    assert (tmp_path / "cv.d").read_text().startswith(f"{tmp_path / 'cv.pdf'}: {photo}")
    photo.write_bytes(b"two")
    assert not is_up_to_date(tmp_path, "cv", source, options)
    photo.write_bytes(b"one")
    (tmp_path / "cv.pdf").write_bytes(b"%PDF-1.5 edited")
    assert not is_up_to_date(tmp_path, "cv", source, options)


def test_files_the_cv_names_are_found_in_the_validated_model(tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "header:\n  first_name: A\n  last_name: B\n  photo:\n    path: me.jpg\nsections: []\n"
    )
    cv = validate(load_yaml(source))
    assert referenced_files(cv, tmp_path) == [tmp_path / "me.jpg"]


def test_an_early_pass_reads_the_tex_through_a_pipe(
    require_tex: None, repo_tex: str, tmp_path: Path
) -> None:
    build_pdf(repo_tex, tmp_path, "cv", "pdflatex", 120)
    started = early.start(tmp_path, "cv", None)
    assert started is not None
    source = tmp_path / ".cache" / "cv-pdflatex" / "cv.tex"
    assert source.is_fifo()  # TeX is already running, waiting for its text
    result = build_pdf(_edit_one_word(repo_tex), tmp_path, "cv", "pdflatex", 120, early=started)
    assert result.passes == 1 and result.precompiled
    assert "widely interested" in " ".join(pdf_text(result.pdf).split())
    assert source.is_file() and not source.is_fifo()


def test_an_early_pass_for_another_preamble_or_no_build_is_stopped_cleanly(
    require_tex: None, repo_tex: str, tmp_path: Path
) -> None:
    build_pdf(repo_tex, tmp_path, "cv", "pdflatex", 120)
    unused = early.start(tmp_path, "cv", None)
    assert unused is not None
    unused.cancel()  # e.g. cv.yaml turned out invalid
    assert not (tmp_path / ".cache" / "cv-pdflatex" / "cv.tex").exists()
    with workspace(tmp_path, "cv", "pdflatex") as space:
        assert space.persistent  # the lock was released
    mismatched = early.start(tmp_path, "cv", None)
    red = repo_tex.replace(r"\moderncvcolor{blue}", r"\moderncvcolor{red}", 1)
    assert red != repo_tex
    result = build_pdf(red, tmp_path, "cv", "pdflatex", 120, early=mismatched)
    assert pdf_info(result.pdf)["Pages"] == "3"


def test_the_noop_key_holds_what_changes_the_pdf_and_nothing_else() -> None:
    from texcv.app.request import BuildRequest

    request = BuildRequest(input=Path("cv.yaml"), output=Path("build"))
    same = request.settings("1700000000")
    assert BuildRequest(Path("cv.yaml"), Path("build"), force=True).settings("1700000000") == same
    for other in (
        BuildRequest(Path("cv.yaml"), Path("build"), engine="lualatex"),
        BuildRequest(Path("cv.yaml"), Path("build"), variant="short"),
    ):
        assert other.settings("1700000000") != same
    assert request.settings("1700000001") != same  # a new commit's date is a new PDF
