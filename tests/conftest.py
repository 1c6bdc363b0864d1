"""Shared fixtures: the repo's CV built once per test session (and shared across xdist workers)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The author's CV as it was when these tests were written: the tests that check its content
# read this copy, so a fork's own cv.yaml (or the author's next edit) never breaks them.
AUTHOR_CV = FIXTURES / "author" / "cv.yaml"
SEED = ROOT.parent / "shared" / "seed" / "cv-source.txt"


def tex_available() -> bool:
    return all(shutil.which(tool) for tool in ("pdflatex", "lualatex", "pdftotext", "pdfinfo"))


@pytest.fixture(scope="session")
def require_tex() -> None:
    """TeX tests skip on a machine without TeX, but fail in CI, where TeX must be there."""
    if tex_available():
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but TeX Live / poppler-utils are missing: .ci/install-tex.sh failed?")
    pytest.skip("TeX Live is not installed (run `make pdf` once to install it)")


def run_texcv(
    *args: str,
    cwd: Path | None = None,
    timeout: float = 300,
    env: Mapping[str, str] | None = None,
    input: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a fresh process, as a person would (``env`` adds variables)."""
    return subprocess.run(
        [sys.executable, "-m", "texcv", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        input=input,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})},
    )


def pdf_text(pdf: Path, *, layout: bool = False, raw: bool = False) -> str:
    """The PDF's text; ``raw`` keeps content order, which justified lines with wide spaces
    cannot split into columns (pdftotext's layout analysis can)."""
    mode = ["-layout"] if layout else ["-raw"] if raw else []
    command = ["pdftotext", "-enc", "UTF-8", *mode, str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_info(pdf: Path) -> dict[str, str]:
    out = subprocess.run(
        ["pdfinfo", "-enc", "UTF-8", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    info = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


@dataclass(frozen=True)
class BuiltCV:
    pdf: Path
    tex: Path
    text: str  # pdftotext output, whitespace collapsed
    info: dict[str, str]


@pytest.fixture(scope="session")
def built_cv(require_tex: None, tmp_path_factory: pytest.TempPathFactory) -> BuiltCV:
    """The author's CV (AUTHOR_CV) compiled once with real TeX, shared by every test that reads it."""
    shared = tmp_path_factory.getbasetemp().parent / "texcv-built-cv"
    with FileLock(str(shared) + ".lock"):
        summary = shared / "summary.json"
        if not summary.exists():
            shared.mkdir(exist_ok=True)
            result = run_texcv("build", str(AUTHOR_CV), "-o", str(shared), "-q")
            assert result.returncode == 0, result.stderr
            text = " ".join(pdf_text(shared / "cv.pdf").split())
            summary.write_text(json.dumps({"text": text, "info": pdf_info(shared / "cv.pdf")}))
        data = json.loads(summary.read_text())
    return BuiltCV(shared / "cv.pdf", shared / "cv.tex", data["text"], data["info"])
