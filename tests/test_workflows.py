"""The GitHub workflows: they parse, call only what exists, pin their actions, lint clean."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def scripts(workflow: dict[Any, Any]) -> list[str]:
    return [step["run"] for step in steps(workflow) if "run" in step]


def make_targets(script: str) -> list[str]:
    """The targets of every `make ...` command in a shell script (VAR=value words skipped)."""
    targets = []
    for line in script.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        if words[:1] == ["make"]:
            targets += [w for w in words[1:] if "=" not in w and not w.startswith("-")]
    return targets


def target_exists(target: str) -> bool:
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True, timeout=60
    )
    return done.returncode == 0


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_workflow_parses_and_has_jobs(name: str) -> None:
    workflow = load(name)
    assert workflow["jobs"] and all(job["steps"] for job in workflow["jobs"].values())
    assert True in workflow  # `on:` (YAML 1.1 reads the key as true)


def test_ci_runs_on_pushes_and_pull_requests() -> None:
    triggers = load("ci.yml")[True]
    assert "push" in triggers and "pull_request" in triggers


def test_release_runs_on_version_tags_and_may_write_releases() -> None:
    workflow = load("release.yml")
    assert workflow[True]["push"]["tags"] == ["v*"]
    assert workflow["permissions"]["contents"] == "write"


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_every_make_target_exists(name: str) -> None:
    targets = [t for script in scripts(load(name)) for t in make_targets(script)]
    assert targets, "the workflow should go through the Makefile"
    missing = [t for t in targets if not target_exists(t)]
    assert not missing, f"{name} calls make targets that do not exist: {missing}"


def test_the_target_check_notices_a_missing_target() -> None:
    assert make_targets("make pdf VERSION=x\nmake -j2 no-such-target  # comment") == [
        "pdf",
        "no-such-target",
    ]
    assert not target_exists("no-such-target")


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_tex_comes_from_the_one_install_script_and_is_cached(name: str) -> None:
    workflow = load(name)
    assert any(s.strip() == "bash .ci/install-tex.sh" for s in scripts(workflow))
    assert (ROOT / ".ci" / "install-tex.sh").is_file()
    caches = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/cache@")]
    assert caches and caches[0]["with"]["path"] == ".apt-cache"
    assert workflow["env"]["TEXCV_APT_CACHE"].endswith("/.apt-cache")
    assert "TEXCV_APT_CACHE" in (ROOT / ".ci" / "install-tex.sh").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_actions_are_pinned_to_versions(name: str) -> None:
    used = [s["uses"] for s in steps(load(name)) if "uses" in s]
    assert used
    loose = [u for u in used if not PINNED.match(u)]
    assert not loose, f"pin these to an exact version: {loose}"


def test_ci_uploads_the_build_with_a_preview() -> None:
    workflow = load("ci.yml")
    assert any("make test" in s for s in scripts(workflow))
    assert any("preview" in make_targets(s) for s in scripts(workflow))
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-"))
    for pattern in ("build/*.pdf", "build/*.tex", "build/*.log", "build/*.png"):
        assert pattern in upload["with"]["path"]


def test_release_attaches_pdfs_and_checksums() -> None:
    text = "\n".join(scripts(load("release.yml")))
    assert 'make release VERSION="$GITHUB_REF_NAME"' in text
    assert "sha256sum --check SHA256SUMS" in text
    assert "gh release upload" in text and "dist/*.pdf" in text and "dist/SHA256SUMS" in text


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which(
        "actionlint"
    )
    if found is None:
        pytest.fail("actionlint is missing: `pip install -e '.[dev]'` installs it")
    return found


def test_workflows_lint_clean() -> None:
    files = sorted(str(p) for p in WORKFLOWS.glob("*.yml"))
    done = subprocess.run(
        [actionlint(), "-no-color", "-oneline", *files], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_really_reports_mistakes(tmp_path: Path) -> None:
    broken = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    broken = broken.replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04")
    (tmp_path / "ci.yml").write_text(broken, encoding="utf-8")
    done = subprocess.run(
        [actionlint(), "-no-color", "-oneline", str(tmp_path / "ci.yml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "runs_on" in done.stdout
