"""Run a GitHub Actions job's own shell steps here, as the runner would, to test workflows.

Enough of the runner for texcv's workflows and its composite action: `uses: ./` expands into
action.yml's steps with its inputs; `${{ inputs.X }}`, `${{ github.X }}` and
`${{ steps.ID.outputs.X }}` are replaced; `if:` conditions of the form `A == 'x'` / `A != 'x'`
are evaluated; each `run:` goes to `bash -e -o pipefail` with the step's env, and what it writes
to $GITHUB_OUTPUT becomes the step's outputs. Steps that use other actions (checkout, cache,
setup-python, upload-artifact) are skipped: the test provides what they would.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
CONDITION = re.compile(r"^(\S+)\s*(==|!=)\s*'([^']*)'$")


@dataclass
class Run:
    """What happened to the steps of one job."""

    ran: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def action_inputs(action: dict[Any, Any], given: dict[str, Any]) -> dict[str, str]:
    inputs = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, f"inputs the action does not declare: {unknown}"
    return {**inputs, **{name: str(value) for name, value in given.items()}}


class Runner:
    """Runs steps in ``workspace`` with ``env`` (which must hold the GITHUB_* variables used)."""

    def __init__(self, workspace: Path, env: dict[str, str], skip_ids: set[str]) -> None:
        self.workspace = workspace
        self.env = env
        self.skip_ids = skip_ids
        self.result = Run()

    def value(self, expression: str, inputs: dict[str, str]) -> str:
        parts = expression.split(".")
        if parts[0] == "inputs":
            return inputs[parts[1]]
        if parts[0] == "github":
            return self.env.get(f"GITHUB_{parts[1].upper()}", f"<github.{parts[1]}>")
        if parts[0] == "steps" and parts[2] == "outputs":
            return self.result.outputs.get(parts[1], {}).get(parts[3], "")
        raise AssertionError(f"expression not understood by tests/github_steps.py: {expression}")

    def substitute(self, text: str, inputs: dict[str, str]) -> str:
        return EXPRESSION.sub(lambda m: self.value(m.group(1), inputs), text)

    def condition(self, text: str, inputs: dict[str, str]) -> bool:
        match = CONDITION.match(EXPRESSION.sub(lambda m: m.group(1), text).strip())
        assert match, f"condition not understood by tests/github_steps.py: {text}"
        left, operator, right = match.groups()
        return (self.value(left, inputs) == right) == (operator == "==")

    def steps(self, steps: list[dict[str, Any]], inputs: dict[str, str], action_root: Path) -> None:
        for step in steps:
            name = step.get("name") or step.get("uses") or step["run"].splitlines()[0]
            if step.get("id") in self.skip_ids or (
                "if" in step and not self.condition(str(step["if"]), inputs)
            ):
                self.result.skipped.append(name)
            elif step.get("uses") == "./":
                action = load(action_root / "action.yml")
                assert action["runs"]["using"] == "composite"
                given = {
                    k: self.substitute(str(v), inputs) for k, v in step.get("with", {}).items()
                }
                self.steps(action["runs"]["steps"], action_inputs(action, given), action_root)
            elif "uses" in step:
                self.result.skipped.append(name)
            else:
                self.run(step, name, inputs)

    def run(self, step: dict[str, Any], name: str, inputs: dict[str, str]) -> None:
        env = {**self.env}
        env.update({k: self.substitute(str(v), inputs) for k, v in step.get("env", {}).items()})
        with tempfile.NamedTemporaryFile("r", suffix=".output", delete=False) as output:
            env["GITHUB_OUTPUT"] = output.name
        cwd = self.workspace / step.get("working-directory", ".")
        script = self.substitute(step["run"], inputs)
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-e", "-o", "pipefail", "-c", script],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
        )
        written = Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8")
        os.unlink(env["GITHUB_OUTPUT"])
        assert done.returncode == 0, f"step {name!r} failed:\n{done.stdout}\n{done.stderr}"
        if "id" in step:
            pairs = (line.split("=", 1) for line in written.splitlines() if "=" in line)
            self.result.outputs[step["id"]] = dict(pairs)
        self.result.ran.append(name)


def run_job(
    workflow: Path, job: str, workspace: Path, env: dict[str, str], skip_ids: set[str]
) -> Run:
    """Run ``job`` of ``workflow`` in ``workspace`` (also the `./` action's root)."""
    data = load(workflow)
    runner = Runner(workspace, dict(env), skip_ids)
    runner.env.update({k: runner.substitute(str(v), {}) for k, v in data.get("env", {}).items()})
    runner.steps(data["jobs"][job]["steps"], {}, workspace)
    return runner.result
