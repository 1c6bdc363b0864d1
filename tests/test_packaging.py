"""The wheel carries everything texcv reads at run time, so an installed texcv works anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_ships_templates_and_data(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("texcv-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {
        f"texcv/latex_templates/{p.name}" for p in (ROOT / "latex_templates").glob("*.tex")
    }
    assert templates and templates <= names
    assert {
        "texcv/app/starter.yaml",
        "texcv/app/starter-letter.yaml",  # `texcv new` writes it
        "texcv/render/data/pdflatex.txt",
        "texcv/app/cli.py",
        "texcv/app/debian-packages.txt",  # `texcv doctor` prints it
        "texcv/app/repo_files/cv-workflow.yml",  # `texcv init` writes them
        "texcv/app/repo_files/gitignore",
    } <= names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "texcv = texcv.app.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
