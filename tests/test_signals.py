"""SIGTERM and SIGHUP end a build like Ctrl-C: no TeX left running, no pipe or scratch folder
left behind, the previous PDF intact, exit 128+signal. Real builds, real processes.

Each test waits for its moment by watching the build's own files (the early pass's named
pipe, the format dump's folder), then sends the signal; the TeX processes of the build are
found by their working folder, which is always inside the build's output folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_texcv

pytestmark = pytest.mark.tex

SMALL = (FIXTURES / "small_cv.yaml").read_text(encoding="utf-8")
OLD_PDF = b"%PDF-1.5 the previous build"
SIGNALS = [signal.SIGTERM, signal.SIGHUP]


def many_entries(count: int) -> str:
    """A CV whose load and render take a while: the early pass waits for its .tex meanwhile."""
    entries = "".join(
        f'      - {{date: "2020", title: "Talk {i}", organisation: "Venue {i}"}}\n'
        for i in range(count)
    )
    return SMALL + f"  - title: Talks\n    entries:\n{entries}"


def processes_working_in(folder: Path) -> list[str]:
    """Command lines of the processes whose working folder is inside ``folder``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # gone meanwhile, or not ours to read
            continue
        if cwd == str(folder) or cwd.startswith(f"{folder}/"):
            found.append(command)
    return found


def leftovers(out: Path) -> list[str]:
    """Named pipes and format dump folders under the output folder."""
    return [
        str(path.relative_to(out))
        for path in out.rglob("*")
        if path.is_fifo() or path.name.startswith(".dump-")
    ]


def wait_for(condition: Callable[[], object], process: subprocess.Popen[str]) -> object:
    """Poll until ``condition`` holds (the moment to signal), failing if the build ends first."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process.poll() is not None:
            pytest.fail(f"the build ended before the moment: {process.communicate()}")
        time.sleep(0.005)
    pytest.fail("the moment never came")


def start_build(folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "texcv", "build", "cv.yaml", "-o", "out", "-v"],  # -v: stage lines
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stop_and_check(process: subprocess.Popen[str], number: int, out: Path, pdf: bytes) -> None:
    process.send_signal(number)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 128 + number, stderr
    assert f"texcv: stopped by {signal.Signals(number).name}" in stderr
    assert "Traceback" not in stderr
    # A process killed with SIGKILL may take a moment to leave the process table.
    for _ in range(50):
        if not processes_working_in(out):
            break
        time.sleep(0.1)
    assert processes_working_in(out) == []
    assert leftovers(out) == []
    assert (out / "cv.pdf").read_bytes() == pdf


@pytest.mark.parametrize("number", SIGNALS, ids=lambda n: signal.Signals(n).name)
def test_a_stop_signal_at_the_start_ends_the_build(
    require_tex: None, tmp_path: Path, number: int
) -> None:
    """Right after cv.yaml is loaded, before any TeX run."""
    (tmp_path / "cv.yaml").write_text(many_entries(300), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "cv.pdf").write_bytes(OLD_PDF)
    process = start_build(tmp_path)
    assert process.stderr is not None
    line = process.stderr.readline()  # "texcv: load ... ms": the handlers are in place
    assert line.startswith("texcv: load"), line
    stop_and_check(process, number, out, OLD_PDF)


@pytest.mark.parametrize("number", SIGNALS, ids=lambda n: signal.Signals(n).name)
def test_a_stop_signal_while_the_early_pass_waits_on_its_pipe(
    require_tex: None, tmp_path: Path, number: int
) -> None:
    """pdfLaTeX started early, blocked on the named pipe that is to carry the .tex."""
    (tmp_path / "cv.yaml").write_text(many_entries(1500), encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "out"
    pdf = (out / "cv.pdf").read_bytes()
    (tmp_path / "cv.yaml").write_text(many_entries(1501), encoding="utf-8")  # not a no-op
    process = start_build(tmp_path)
    pipe = out / ".cache" / "cv-pdflatex" / "cv.tex"
    wait_for(lambda: pipe.is_fifo() and processes_working_in(out), process)
    stop_and_check(process, number, out, pdf)


@pytest.mark.parametrize("number", SIGNALS, ids=lambda n: signal.Signals(n).name)
def test_a_stop_signal_during_the_format_dump(
    require_tex: None, tmp_path: Path, number: int
) -> None:
    """A cold build: `pdflatex -ini` dumps the preamble beside the first pass."""
    (tmp_path / "cv.yaml").write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "cv.pdf").write_bytes(OLD_PDF)
    process = start_build(tmp_path)
    wait_for(lambda: any(" -ini " in command for command in processes_working_in(out)), process)
    assert [name for name in leftovers(out) if ".dump-" in name]  # the moment: it is running
    stop_and_check(process, number, out, OLD_PDF)
