"""A fork's release: the repository with someone else's cv.yaml, tagged, on a plain runner.

The repo's files (git ls-files) are copied to a folder with nothing beside it (no ../shared),
the starter cv.yaml (`texcv new`) replaces the author's, and the steps of release.yml's job run
as GitHub would run them (tests/github_steps.py), with CI=true and a fresh Python that has no
texcv: the action installs it from the copy. Only the steps that use other actions (checkout,
cache, setup-python, upload-artifact) and the upload to GitHub itself are left out.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, pdf_text, run_texcv
from github_steps import run_job

pytestmark = pytest.mark.tex


def copy_of_the_repository(target: Path) -> Path:
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_a_fork_with_the_starter_cv_gets_its_release(require_tex: None, tmp_path: Path) -> None:
    fork = copy_of_the_repository(tmp_path / "fork")
    assert not (fork.parent / "shared").exists()
    (fork / "cv.yaml").unlink()
    assert run_texcv("new", "cv.yaml", cwd=fork).returncode == 0

    python = tmp_path / "python"  # what actions/setup-python gives: a Python without texcv
    subprocess.run([sys.executable, "-m", "venv", str(python)], check=True)
    drop = ("PYTHONPATH", "VIRTUAL_ENV", "TEXCV_REQUIRE_SEED")
    env = {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("GITHUB_")}
    env.update(
        CI="true",
        PATH=f"{python / 'bin'}{os.pathsep}{os.environ['PATH']}",
        HOME=str(tmp_path / "home"),
        GITHUB_WORKSPACE=str(fork),
        GITHUB_ACTION_PATH=str(fork),
        GITHUB_REF_TYPE="tag",
        GITHUB_REF_NAME="v1.0.0",
        GITHUB_SHA="0123456789abcdef0123456789abcdef01234567",
        GITHUB_REPOSITORY="someone/cv",
    )
    run = run_job(
        fork / ".github" / "workflows" / "release.yml", "release", fork, env, skip_ids={"attach"}
    )
    assert {"Install TeX Live", "Install texcv", "Check and build the CV"} <= set(run.ran)
    assert "Attach the files to the release" in run.skipped
    assert run.outputs["texcv"] == {"folder": "dist", "mode": "release", "version": "v1.0.0"}

    dist = fork / "dist"
    stem = "Ada_Lovelace_CV_v1.0.0"
    letter = "Ada_Lovelace_Letter-example_v1.0.0"  # `texcv new` wrote letters/example.yaml
    assert sorted(p.name for p in dist.iterdir()) == [
        f"{stem}.pdf",
        f"{stem}.png",
        f"{letter}.pdf",
        f"{letter}.png",
        "SHA256SUMS",
    ]
    check = subprocess.run(
        ["sha256sum", "--check", "SHA256SUMS"], cwd=dist, capture_output=True, text=True
    )
    assert check.returncode == 0 and check.stdout.count(": OK") == 4, check.stdout
    assert "Lovelace" in pdf_text(dist / f"{stem}.pdf")
