"""Byte-identical PDFs: the same commit built in two clones, at different times, per engine."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_texcv
from texcv.compile.reproducible import VARIABLE, source_date_epoch, tex_environment
from texcv.engines import ENGINES
from texcv.errors import InputError, TexcvError

COMMIT_TIME = 1700000000  # 2023-11-14 22:13:20 UTC
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.org",
    "GIT_AUTHOR_DATE": f"@{COMMIT_TIME} +0000",
    "GIT_COMMITTER_DATE": f"@{COMMIT_TIME} +0000",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    )


def committed_repo(folder: Path) -> Path:
    """A git repository holding the publishing fixture as cv.yaml, committed at COMMIT_TIME."""
    folder.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "publish_cv.yaml", folder / "cv.yaml")
    git("init", "-q", cwd=folder)
    git("add", "cv.yaml", cwd=folder)
    git("commit", "-q", "-m", "cv", cwd=folder)
    return folder


def without_epoch() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != VARIABLE}


# --- where the date comes from (no TeX) ---


def test_the_environment_wins(tmp_path: Path) -> None:
    repo = committed_repo(tmp_path / "repo")
    assert source_date_epoch(repo / "cv.yaml", {VARIABLE: "1234567890"}) == "1234567890"


def test_a_malformed_epoch_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TexcvError, match="whole number of seconds"):
        source_date_epoch(tmp_path / "cv.yaml", {VARIABLE: "yesterday"})


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("99999999999999999999", "is too large"),  # TeX stopped before its log
        ("2147483648", "is too large"),  # LuaTeX would write the current time instead
        ("١٢٣", "whole number of seconds"),  # digits to str.isdigit, not to TeX
        ("-5", "whole number of seconds"),
    ],
)
def test_an_epoch_no_engine_honours_is_refused_by_name(
    tmp_path: Path, value: str, says: str
) -> None:
    with pytest.raises(InputError, match=says) as caught:
        source_date_epoch(tmp_path / "cv.yaml", {VARIABLE: value})
    assert VARIABLE in caught.value.message


def test_the_largest_epoch_every_engine_honours_is_taken(tmp_path: Path) -> None:
    assert source_date_epoch(tmp_path / "cv.yaml", {VARIABLE: str(2**31 - 1)}) == str(2**31 - 1)


def test_a_huge_epoch_fails_the_build_with_its_name(tmp_path: Path) -> None:
    shutil.copyfile(FIXTURES / "small_cv.yaml", tmp_path / "cv.yaml")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), VARIABLE: "99999999999999999999"}
    result = subprocess.run(
        [sys.executable, "-m", "texcv", "build", "cv.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"texcv: error: {VARIABLE}=99999999999999999999 is too large")
    assert not (tmp_path / "build").exists()  # refused before TeX


def test_in_git_the_last_commit_time_is_used(tmp_path: Path) -> None:
    repo = committed_repo(tmp_path / "repo")
    os.utime(repo / "cv.yaml", (5, 5))  # the file's own time must not matter
    assert source_date_epoch(repo / "cv.yaml", without_epoch()) == str(COMMIT_TIME)


def test_outside_git_the_file_time_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))  # surely no repo
    source = tmp_path / "cv.yaml"
    source.write_text("header: {}\n", encoding="utf-8")
    os.utime(source, (1600000000.7, 1600000000.7))
    assert source_date_epoch(source, without_epoch()) == "1600000000"


def test_tex_runs_get_the_build_date_and_forced_dates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = committed_repo(tmp_path / "repo")
    monkeypatch.delenv(VARIABLE, raising=False)
    date = source_date_epoch(repo / "cv.yaml")
    env = tex_environment(date)
    assert env["FORCE_SOURCE_DATE"] == "1" and env[VARIABLE] == str(COMMIT_TIME)
    assert env["TZ"] == "UTC" and env["LC_ALL"] == "C.UTF-8"


# --- real builds ---


def pdf_streams(data: bytes) -> bytes:
    """The PDF with every Flate stream inflated, to search what it really holds."""
    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.mark.tex
@pytest.mark.parametrize("engine", ["pdflatex", "lualatex"])
def test_two_clones_built_at_different_times_give_identical_pdfs(
    require_tex: None, tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = committed_repo(tmp_path / "first-clone")
    second = tmp_path / "elsewhere" / "second-clone"
    second.parent.mkdir()
    git("clone", "-q", str(first), str(second), cwd=tmp_path)
    monkeypatch.delenv(VARIABLE, raising=False)  # the commit must decide, not the caller
    hashes = []
    for number, repo in enumerate((first, second)):
        if number:
            time.sleep(1.1)  # a later second: a wall-clock date would differ
        result = run_texcv("build", "cv.yaml", "-o", "out", "--engine", engine, "-q", cwd=repo)
        assert result.returncode == 0, result.stderr
        hashes.append(hashlib.sha256((repo / "out" / "cv.pdf").read_bytes()).hexdigest())
    assert hashes[0] == hashes[1]

    pdf = second / "out" / "cv.pdf"
    data = pdf.read_bytes()
    assert b"/ID" not in data  # no trailer ID, random or not
    inflated = pdf_streams(data)
    for folder in (str(tmp_path), str(second), "/tmp/", os.path.expanduser("~")):
        assert folder.encode() not in inflated, f"{folder} is written in the PDF"
    assert b"PTEX.FullBanner" not in inflated
    assert b"D:20231114221320" in inflated  # CreationDate: the commit's time


# Two time zones far apart and two locales: LuaTeX wrote local time (+09'00' in Tokyo) before
# every TeX run got TZ=UTC; LANG/LC_ALL/LANGUAGE must not reach the bytes either.
PLACES = [
    {"TZ": "UTC", "LC_ALL": "C", "LANG": "C", "LANGUAGE": "C"},
    {"TZ": "Asia/Tokyo", "LC_ALL": "", "LANG": "fr_FR.UTF-8", "LANGUAGE": "fr:de"},
]


@pytest.mark.tex
@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_gives_the_same_bytes_in_any_time_zone_and_locale(
    require_tex: None, tmp_path: Path, engine: str
) -> None:
    shutil.copyfile(FIXTURES / "publish_cv.yaml", tmp_path / "cv.yaml")
    built = []
    for number, place in enumerate(PLACES):
        env = {**place, VARIABLE: str(COMMIT_TIME)}
        out = f"out-{number}"  # separate folders: nothing carries over between the builds
        result = run_texcv(
            "build", "cv.yaml", "-o", out, "--engine", engine, "-q", cwd=tmp_path, env=env
        )
        assert result.returncode == 0, result.stderr
        built.append((tmp_path / out / "cv.pdf").read_bytes())
    assert built[0] == built[1]
    inflated = pdf_streams(built[0])
    assert b"D:20231114221320" in inflated  # the commit's time, in UTC
    assert b"+09'00'" not in inflated and b"+09:00" not in inflated
