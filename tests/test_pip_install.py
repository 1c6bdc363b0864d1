"""`pip install texcv` as a new user would: the built wheel in a fresh venv, in an empty folder
outside the repository, then `texcv init` and `texcv build` give a PDF, and `texcv doctor`
reports a healthy install. Needs the package index for texcv's dependencies."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, pdf_text
from texcv.app.init_repo import WORKFLOW

pytestmark = pytest.mark.tex


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv with texcv installed from its wheel."""
    base = tmp_path_factory.mktemp("pip")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(base), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = base.glob("texcv-*.whl")
    subprocess.run([sys.executable, "-m", "venv", str(base / "venv")], check=True)
    done = subprocess.run(
        [str(base / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return base / "venv" / "bin"


def texcv(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(bin_dir / "texcv"), *args], cwd=cwd, env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip


def test_init_then_build_in_an_empty_folder(
    require_tex: None, installed: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "my-cv"
    folder.mkdir()
    assert ROOT not in folder.parents
    init = texcv(installed, "init", cwd=folder)
    assert init.returncode == 0, init.stderr
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files == [".github/workflows/release.yml", ".gitignore", "cv.schema.json", "cv.yaml"]
    assert "uses: texcv/texcv@v1" in (folder / WORKFLOW).read_text(encoding="utf-8")
    build = texcv(installed, "build", cwd=folder)
    assert build.returncode == 0, build.stderr
    assert "Ada Lovelace" in " ".join(pdf_text(folder / "build" / "cv.pdf").split())


def test_the_installed_doctor_reports_a_healthy_machine(
    require_tex: None, installed: Path, tmp_path: Path
) -> None:
    doctor = texcv(installed, "doctor", cwd=tmp_path)
    assert doctor.returncode == 0, doctor.stdout + doctor.stderr
    assert "All set" in doctor.stdout and "MISSING" not in doctor.stdout


def test_the_installed_metadata_names_license_and_home(installed: Path) -> None:
    code = "from importlib.metadata import metadata; print(metadata('texcv').as_string())"
    text = subprocess.run(
        [str(installed / "python"), "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert "License-Expression: MIT" in text and "License-File: LICENSE" in text
    assert "Project-URL: Homepage, https://github.com/texcv/texcv" in text
    assert "Classifier: Topic :: Text Processing :: Markup :: LaTeX" in text
    assert "pip install texcv" in text  # the README is the long description
