"""Ask git about the repository holding a folder (the CV's): a commit's time, a version name."""

from __future__ import annotations

import subprocess
from pathlib import Path

TIMEOUT = 10  # seconds; git answers in milliseconds, a hung one must not hang the build


def git_output(folder: Path, *args: str) -> str | None:
    """What ``git -C folder ARGS`` prints, stripped; None outside git, on failure or silence."""
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    value = done.stdout.strip()
    return value if done.returncode == 0 and value else None


def describe(folder: Path) -> str | None:
    """The tag of HEAD (v1.2.0), else ``git describe`` of the commit; None outside git."""
    return git_output(folder, "describe", "--tags", "--always", "--dirty")
