"""The code is ruff clean (lint and format), so style never drifts between contributors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

PATHS = ["src", "tests", "bench", "scripts"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_ruff(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, *PATHS], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
