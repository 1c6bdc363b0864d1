"""`texcv init`: a CV repository in one command; existing files are kept."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

from conftest import ROOT, run_texcv
from texcv.app.init_repo import WORKFLOW, action_reference, project_home, workflow_text
from texcv.app.starter import starter_text
from texcv.schema.json_schema import json_schema_text


def test_init_writes_a_cv_repository(tmp_path: Path) -> None:
    done = run_texcv("init", "my-cv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "my-cv"
    assert (folder / "cv.yaml").read_text(encoding="utf-8") == starter_text()
    assert (folder / "cv.schema.json").read_text(encoding="utf-8") == json_schema_text()
    assert (folder / ".gitignore").read_text(encoding="utf-8") == "build/\ndist/\n"
    assert (folder / WORKFLOW).read_text(encoding="utf-8") == workflow_text()
    assert not (folder / "letters").exists()  # the workflow would publish an example letter
    assert run_texcv("check", "cv.yaml", cwd=folder).returncode == 0
    assert "texcv build" in done.stderr


def test_the_workflow_uses_the_action_of_the_project_home() -> None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert project_home() == urls["Homepage"] == "https://github.com/texcv/texcv"
    assert action_reference() == "texcv/texcv@v1"
    steps = yaml.safe_load(workflow_text())["jobs"]["cv"]["steps"]
    assert [step["uses"] for step in steps] == ["actions/checkout@v6", "texcv/texcv@v1"]
    assert len(workflow_text().splitlines()) <= 16  # short enough to read at a glance


def test_init_keeps_what_is_there_and_completes_the_gitignore(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text("mine\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.log\n/build/", encoding="utf-8")
    (tmp_path / WORKFLOW).parent.mkdir(parents=True)
    (tmp_path / WORKFLOW).write_text("name: mine\n", encoding="utf-8")
    done = run_texcv("init", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cv.yaml").read_text(encoding="utf-8") == "mine\n"
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.log\n/build/\ndist/\n"
    assert (tmp_path / WORKFLOW).read_text(encoding="utf-8") == "name: mine\n"
    assert (tmp_path / "cv.schema.json").exists()
    again = run_texcv("init", cwd=tmp_path)
    assert again.returncode == 0 and "kept" in again.stderr
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8") == "*.log\n/build/\ndist/\n"


def test_init_into_a_file_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("x", encoding="utf-8")
    done = run_texcv("init", "taken", cwd=tmp_path)
    assert done.returncode != 0
    assert "error" in done.stderr and "Traceback" not in done.stderr


def test_the_readme_points_at_the_project_home_only() -> None:
    """PyPI shows the README without the repository: its image needs an absolute URL, built
    from the one home pyproject declares."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    owner_name = project_home().removeprefix("https://github.com/")
    image = f"https://raw.githubusercontent.com/{owner_name}/main/.github/assets/cv-page-1.png"
    assert f"]({image})" in readme
    assert (ROOT / ".github" / "assets" / "cv-page-1.png").is_file()
    named = set(re.findall(r"github(?:usercontent)?\.com/([\w.-]+/[\w.-]+)", readme))
    named |= set(re.findall(r"uses: ([\w.-]+/[\w.-]+)@", readme))
    assert {name for name in named if name.endswith("/texcv")} == {owner_name}
    assert "](.github/" not in readme and "](./" not in readme  # no relative links or images
