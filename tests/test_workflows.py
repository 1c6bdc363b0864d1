"""The GitHub workflows and action.yml: they parse, call only what exists, pin current actions,
cache TeX, and lint clean (actionlint, also on the README's example and `texcv init`'s)."""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT, run_texcv
from texcv.app.cli import build_parser
from texcv.app.init_repo import workflow_text

WORKFLOWS = ROOT / ".github" / "workflows"
ACTION = ROOT / "action.yml"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")
# The newest major of each action we use (checked on GitHub, November 2026); dependabot
# proposes newer ones, which still pass.
CURRENT_MAJORS = {
    "actions/checkout": 6,
    "actions/setup-python": 7,
    "actions/cache/restore": 5,
    "actions/cache/save": 5,
    "actions/upload-artifact": 7,
}
CODE_PATHS = {"src/**", "tests/**", "latex_templates/**", "pyproject.toml", ".ci/**"}


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def workflow(name: str) -> dict[Any, Any]:
    return load(WORKFLOWS / name)


def steps(data: dict[Any, Any]) -> list[dict[str, Any]]:
    if "runs" in data:  # action.yml
        return list(data["runs"]["steps"])
    return [step for job in data["jobs"].values() for step in job["steps"]]


def scripts(data: dict[Any, Any]) -> list[str]:
    return [step["run"] for step in steps(data) if "run" in step]


ALL = {"ci.yml": lambda: workflow("ci.yml"), "release.yml": lambda: workflow("release.yml")}
ALL["action.yml"] = lambda: load(ACTION)


def commands(script: str, program: str) -> list[list[str]]:
    """The words after ``program`` in every line of a shell script that runs it."""
    found = []
    for line in script.replace("\\\n", " ").splitlines():
        for part in re.split(r"&&|\|\||;|\(|\)", line):
            words = shlex.split(part, comments=True)
            if words[:1] == [program]:
                found.append(words[1:])
    return found


def make_targets(script: str) -> list[str]:
    """The targets of every `make ...` command in a shell script (VAR=value words skipped)."""
    return [w for args in commands(script, "make") for w in args if "=" not in w and w[0] != "-"]


def target_exists(target: str) -> bool:
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True, timeout=60
    )
    return done.returncode == 0


@pytest.mark.parametrize("name", ["ci.yml", "release.yml"])
def test_workflow_parses_and_has_jobs(name: str) -> None:
    data = workflow(name)
    assert data["jobs"] and all(job["steps"] for job in data["jobs"].values())
    assert True in data  # `on:` (YAML 1.1 reads the key as true)


def test_ci_tests_pushes_and_pull_requests_that_change_code() -> None:
    data = workflow("ci.yml")
    for event in ("push", "pull_request"):
        paths = set(data[True][event]["paths"])
        assert paths >= CODE_PATHS and "action.yml" in paths
        assert "cv.yaml" not in paths  # a fork's edit of its CV does not run texcv's tests
    test = data["jobs"]["test"]["steps"]
    assert any(s.get("run") == "make test" for s in test)
    assert any(s.get("run") == "bash .ci/install-tex.sh --test-tools" for s in test)
    assert data["env"]["CI"] == "true"
    action_job = data["jobs"]["action"]["steps"]
    assert any(s.get("uses") == "./" for s in action_job)  # the action runs on every change


def test_release_publishes_through_the_action_without_running_the_tests() -> None:
    data = workflow("release.yml")
    assert data[True]["push"]["tags"] == ["v*"]
    assert data["permissions"]["contents"] == "write"
    (action_step,) = [s for s in steps(data) if s.get("uses") == "./"]
    assert action_step["with"] == {"cv-file": "cv.yaml", "variants": "all", "mode": "release"}
    for text in ((WORKFLOWS / "release.yml").read_text(), ACTION.read_text()):
        assert "make test" not in text and "pytest" not in text


def test_the_action_checks_builds_and_attaches() -> None:
    text = "\n".join(scripts(load(ACTION)))
    assert 'texcv check "$CV_FILE"' in text
    assert 'texcv release "$CV_FILE" --variants "$VARIANTS" --version "$VERSION" -o dist' in text
    assert "sha256sum --check" in text
    assert 'gh release upload "$TAG" dist/*.pdf dist/*.png dist/SHA256SUMS' in text
    assert 'python -m pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"' in text


def test_every_make_target_exists() -> None:
    targets = [t for make in ALL.values() for s in scripts(make()) for t in make_targets(s)]
    assert "test" in targets and "pdf" in targets
    missing = [t for t in targets if not target_exists(t)]
    assert not missing, f"the workflows call make targets that do not exist: {missing}"


def test_the_target_check_notices_a_missing_target() -> None:
    assert make_targets("make pdf VERSION=x\nmake -j2 no-such-target  # comment") == [
        "pdf",
        "no-such-target",
    ]
    assert not target_exists("no-such-target")


def test_every_texcv_command_and_option_exists() -> None:
    used = [
        args for load_ in ALL.values() for s in scripts(load_()) for args in commands(s, "texcv")
    ]
    assert {args[0] for args in used} >= {"check", "release"}
    subcommands = next(
        a.choices for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    )
    for args in used:
        assert args[0] in subcommands, args
        help_text = run_texcv(args[0], "--help").stdout
        for option in (word for word in args[1:] if word.startswith("--")):
            assert option in help_text, f"texcv {args[0]} has no {option}"


@pytest.mark.parametrize("name", ["ci.yml", "action.yml"])
def test_tex_comes_from_the_one_install_script_and_its_cache_saves(name: str) -> None:
    listed = steps(ALL[name]())
    uses = [s.get("uses", "") for s in listed]
    restore = next(i for i, u in enumerate(uses) if u.startswith("actions/cache/restore@"))
    save = next(i for i, u in enumerate(uses) if u.startswith("actions/cache/save@"))
    runs_script = re.compile(r"\bbash \S*\.ci/install-tex\.sh")
    install = next(i for i, s in enumerate(listed) if runs_script.search(s.get("run", "")))
    assert restore < install < save  # saved right after the install, whatever comes next
    assert listed[save]["if"] == f"steps.{listed[restore]['id']}.outputs.cache-hit != 'true'"
    assert listed[save]["with"]["path"] == listed[restore]["with"]["path"]
    assert "TEXCV_APT_CACHE" in (ROOT / ".ci" / "install-tex.sh").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(ALL))
def test_actions_are_pinned_to_current_versions(name: str) -> None:
    used = [s["uses"] for s in steps(ALL[name]()) if "uses" in s and s["uses"] != "./"]
    assert used
    loose = [u for u in used if not PINNED.match(u)]
    assert not loose, f"pin these to an exact version: {loose}"
    for reference in used:
        action, _, version = reference.partition("@")
        major = int(version.removeprefix("v").split(".")[0])
        assert major >= CURRENT_MAJORS[action], f"{reference} is older than the current major"


def test_ci_uploads_the_build_with_a_preview() -> None:
    data = workflow("ci.yml")
    assert any("preview" in make_targets(s) for s in scripts(data))
    upload = next(s for s in steps(data) if s.get("uses", "").startswith("actions/upload-"))
    for pattern in ("build/*.pdf", "build/*.tex", "build/*.log", "build/*.png"):
        assert pattern in upload["with"]["path"]


def test_action_yml_is_a_well_formed_composite_action() -> None:
    """actionlint does not lint action.yml itself: its structure is checked here."""
    action = load(ACTION)
    assert set(action) <= {"name", "description", "author", "branding", "inputs", "outputs", "runs"}
    assert action["name"] and action["description"] and action["runs"]["using"] == "composite"
    for name, spec in action["inputs"].items():
        assert re.fullmatch(r"[a-z][a-z0-9-]*", name) and spec["description"], name
        assert set(spec) <= {"description", "required", "default", "deprecationMessage"}
    ids: list[str] = []
    for step in steps(action):
        assert ("uses" in step) != ("run" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step  # composite steps must name their shell
            assert "${{" not in step["run"], f"pass expressions through env: {step['run']}"
        text = yaml.safe_dump(step)
        for used in re.findall(r"inputs\.([\w-]+)", text):
            assert used in action["inputs"], used
        for used in re.findall(r"steps\.([\w-]+)\.", text):
            assert used in ids, f"step {used} is used before it runs"
        if "id" in step:
            ids.append(step["id"])
    for output in action["outputs"].values():
        (step_id,) = re.findall(r"steps\.([\w-]+)\.outputs", output["value"])
        assert step_id in ids


def test_dependabot_updates_actions_and_pip() -> None:
    config = load(ROOT / ".github" / "dependabot.yml")
    ecosystems = {u["package-ecosystem"]: u["directory"] for u in config["updates"]}
    assert ecosystems == {"github-actions": "/", "pip": "/"}  # "/" covers action.yml too


def readme_workflow() -> str:
    """The workflow example of the README: the yaml block that uses the action."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, flags=re.DOTALL)
    (example,) = [block for block in blocks if "uses: texcv/texcv@" in block]
    return example


def test_the_readme_shows_the_workflow_init_writes() -> None:
    assert readme_workflow() == workflow_text()


def actionlint() -> str:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which(
        "actionlint"
    )
    if found is None:
        pytest.fail("actionlint is missing: `pip install -e '.[dev]'` installs it")
    return found


def lint(*files: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color", "-oneline", *map(str, files)],
        capture_output=True, text=True, timeout=120, cwd=cwd,
    )  # fmt: skip


def test_workflows_lint_clean() -> None:
    """Both workflows; release.yml's `uses: ./` also makes actionlint check the inputs it
    passes against action.yml."""
    done = lint(*sorted(WORKFLOWS.glob("*.yml")))
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_readme_and_init_workflows_lint_clean(tmp_path: Path) -> None:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "readme.yml").write_text(readme_workflow(), encoding="utf-8")
    (folder / "init.yml").write_text(workflow_text(), encoding="utf-8")
    done = lint(folder / "readme.yml", folder / "init.yml", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_checks_the_inputs_given_to_the_action(tmp_path: Path) -> None:
    broken = (WORKFLOWS / "release.yml").read_text(encoding="utf-8")
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "release.yml").write_text(broken.replace("variants: all", "variant: all"))
    shutil.copy(ACTION, tmp_path / "action.yml")
    (tmp_path / ".git").mkdir()  # how actionlint finds the repository that holds ./
    done = lint(folder / "release.yml", cwd=tmp_path)
    assert done.returncode == 1 and 'input "variant" is not defined' in done.stdout


def test_actionlint_really_reports_mistakes(tmp_path: Path) -> None:
    broken = (WORKFLOWS / "ci.yml").read_text(encoding="utf-8")
    broken = broken.replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04")
    (tmp_path / "ci.yml").write_text(broken, encoding="utf-8")
    done = lint(tmp_path / "ci.yml")
    assert done.returncode == 1 and "runs_on" in done.stdout
