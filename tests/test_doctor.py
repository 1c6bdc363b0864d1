"""`texcv doctor`: a healthy report here, and with TeX off PATH the exact install command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_texcv
from texcv.app.doctor import Check, moderncv_version, report
from texcv.app.install_commands import PLATFORM_NAMES, debian_packages, platform, this_platform


def without_tex(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has no TeX, poppler or fontconfig: only a python link."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    return {**os.environ, "PATH": str(bin_dir), "PYTHONPATH": str(ROOT / "src")}


@pytest.mark.tex
def test_doctor_reports_this_machine_healthy(require_tex: None) -> None:
    done = run_texcv("doctor")
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in ("pdflatex", "lualatex", "xelatex", "moderncv", "fontawesome5", "Noto fonts",
                 "pdftotext", "pdfinfo", "pdftohtml", "pdftoppm"):  # fmt: skip
        assert any(line.split()[:1] == ["ok"] and f" {name} " in line for line in lines), name
    assert any("moderncv" in line and " v2." in line for line in lines)
    assert "All set" in done.stdout and "MISSING" not in done.stdout


def test_doctor_without_tex_prints_the_install_command(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "texcv", "doctor"],
        env=without_tex(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 3, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    for name in ("pdflatex", "lualatex", "moderncv", "fontawesome5", "pdftohtml", "pdftoppm"):
        assert any(line.split()[:2] == ["MISSING", name] for line in done.stdout.splitlines())
    if this_platform() == "debian":  # this project's machines and CI
        script = subprocess.run(
            ["bash", str(ROOT / ".ci" / "install-tex.sh"), "--print"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        assert f"  {script}" in done.stdout.splitlines()  # the very command CI runs
        assert (
            script.startswith("sudo apt-get update && sudo apt-get install -y")
            and " texlive-latex-extra " in script
        )


def test_build_without_tex_points_to_doctor(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "texcv", "build", str(FIXTURES / "small_cv.yaml"), "-o", "out"],
        cwd=tmp_path, env=without_tex(tmp_path), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 3
    assert "error: pdflatex is not installed" in done.stderr
    assert "run `texcv doctor`" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("name", PLATFORM_NAMES)
def test_every_platform_has_an_install_command(name: str) -> None:
    done = run_texcv("doctor", "--platform", name)
    assert done.returncode in (0, 3)
    chosen = platform(name)
    assert f"To install what texcv needs on {chosen.title}, run:" in done.stdout
    for _, command in chosen.ways:
        assert command in done.stdout
    expected = {
        "debian": "sudo apt-get install",
        "fedora": "sudo dnf install -y",
        "arch": "sudo pacman -S",
        "macos": "brew install --cask mactex-no-gui",
        "windows": "miktex packages install moderncv",
    }
    assert expected[name] in done.stdout


def test_debian_command_installs_the_one_package_list() -> None:
    command = platform("debian").ways[0][1]
    assert command.endswith(" ".join(debian_packages()))
    assert {"texlive-latex-extra", "texlive-fonts-extra", "poppler-utils"} <= set(debian_packages())


@pytest.mark.parametrize(
    ("os_release", "expected"),
    [
        ('ID=debian\nVERSION_ID="12"\n', "debian"),
        ("ID=ubuntu\nID_LIKE=debian\n", "debian"),
        ('ID=linuxmint\nID_LIKE="ubuntu debian"\n', "debian"),
        ("ID=fedora\n", "fedora"),
        ('ID="rocky"\nID_LIKE="rhel centos fedora"\n', "fedora"),
        ("ID=arch\n", "arch"),
        ("ID=manjaro\nID_LIKE=arch\n", "arch"),
        ("ID=alpine\n", None),
    ],
)
def test_platform_from_os_release(tmp_path: Path, os_release: str, expected: str | None) -> None:
    (tmp_path / "os-release").write_text(os_release)
    if sys.platform.startswith("linux"):
        assert this_platform(tmp_path / "os-release") == expected


def test_moderncv_version_from_the_class_file() -> None:
    line = r"\ProvidesClass{moderncv}[2022-02-21 v2.3.1 modern curriculum vitae and letter]"
    assert moderncv_version(line) == (2, 3, 1)
    assert moderncv_version(r"\ProvidesClass{moderncv}[2015/07/28 v2.0.0 modern cv]") == (2, 0, 0)
    assert moderncv_version(r"\ProvidesClass{other}[2022 v9.9]") is None


def test_an_unknown_system_gets_the_list_of_known_ones() -> None:
    text, code = report([Check("pdflatex", False, "not found")], None)
    assert code == 3
    assert "does not know this system's package manager" in text
    assert "--platform {debian,fedora,arch,macos,windows}" in text
    healthy, code = report([Check("pdflatex", True, "/usr/bin/pdflatex")], "debian")
    assert code == 0 and "apt-get" not in healthy  # nothing to install: no command
