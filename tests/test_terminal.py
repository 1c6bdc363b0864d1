"""Terminal conventions: colour only on a terminal (never with NO_COLOR or piped), a progress
line while TeX runs, stage times only with -v, shell completion."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run_texcv
from texcv.app import terminal

SEVERAL = FIXTURES / "broken" / "several_errors.yaml"
ESC = "\033["


def run_on_terminal(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> str:
    """texcv with its stderr on a pseudo-terminal (as in a person's shell); what it showed."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "texcv", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=secondary,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "TERM": "xterm", **(env or {})},
    )
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=300)
    os.close(main)
    return shown.decode("utf-8", errors="replace")


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_messages_are_coloured_on_a_terminal() -> None:
    shown = run_on_terminal("check", str(SEVERAL), env={"NO_COLOR": ""})
    assert f"{ESC}1;31merror:{ESC}0m" in shown
    assert f"{ESC}1m{SEVERAL}:3:14:{ESC}0m" in shown
    assert f"{ESC}36mhint:{ESC}0m" in shown


def test_no_colour_with_no_color_or_when_piped() -> None:
    assert ESC not in run_on_terminal("check", str(SEVERAL), env={"NO_COLOR": "1"})
    piped = run_texcv("check", str(SEVERAL))
    assert piped.returncode == 2 and ESC not in piped.stderr
    assert piped.stderr.startswith(f"{SEVERAL}:3:14: error: ")


def test_paint_keeps_the_text_editors_read() -> None:
    text = "cv.yaml:3:14: warning: odd\n  hint: fix it\ntexcv: error: no"
    painted = terminal.paint(text, FakeTerminal())
    assert (
        painted.replace(f"{ESC}1m", "")
        .replace(f"{ESC}1;35m", "")
        .replace(f"{ESC}1;31m", "")
        .replace(f"{ESC}36m", "")
        .replace(f"{ESC}0m", "")
        == text
    )
    assert terminal.paint(text, io.StringIO()) == text  # not a terminal: as it is


def test_the_progress_line_appears_after_the_delay_and_is_erased(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(terminal, "PROGRESS_DELAY", 0.05)
    monkeypatch.setattr(terminal, "PROGRESS_EVERY", 0.02)
    screen = FakeTerminal()
    with terminal.progress("running lualatex", screen):
        deadline = time.monotonic() + 10
        while "running lualatex..." not in screen.getvalue() and time.monotonic() < deadline:
            time.sleep(0.01)
    shown = screen.getvalue()
    assert shown.startswith(f"\r{ESC}Ktexcv: running lualatex... ")
    assert shown.endswith(f"\r{ESC}K")  # erased: the next line starts clean


def test_no_progress_line_off_a_terminal_or_for_a_quick_step() -> None:
    piped = io.StringIO()
    with terminal.progress("running pdflatex", piped):
        time.sleep(terminal.PROGRESS_EVERY)
    assert piped.getvalue() == ""
    screen = FakeTerminal()
    with terminal.progress("running pdflatex", screen):
        pass  # done long before the delay
    assert screen.getvalue() == ""


@pytest.mark.tex
def test_a_build_on_a_terminal_shows_tex_running(require_tex: None, tmp_path: Path) -> None:
    """A cold build (two TeX passes) takes longer than a second: the line shows, then goes."""
    shutil.copyfile(FIXTURES / "small_cv.yaml", tmp_path / "cv.yaml")
    shown = run_on_terminal("build", "cv.yaml", "-o", "out", "--engine", "lualatex", cwd=tmp_path)
    assert "texcv: running lualatex... 1." in shown
    assert f"\r{ESC}Ktexcv: wrote out/cv.pdf" in shown.replace(f"{ESC}1m", "")


def test_stage_times_only_with_verbose() -> None:
    cv = str(FIXTURES / "small_cv.yaml")
    quiet = run_texcv("check", cv)
    assert quiet.returncode == 0 and quiet.stderr == f"texcv: {cv} is valid\n"
    verbose = run_texcv("check", cv, "-v")
    assert "texcv: load " in verbose.stderr and "texcv: validate " in verbose.stderr


def test_bash_completion_completes_commands_and_choices(tmp_path: Path) -> None:
    script = tmp_path / "texcv.bash"
    done = run_texcv("completion", "bash")
    assert done.returncode == 0, done.stderr
    script.write_text(done.stdout, encoding="utf-8")

    def complete(*words: str) -> list[str]:
        line = " ".join(words)
        probe = (
            f"source {script}; COMP_WORDS=(texcv {line}); COMP_CWORD={len(words)}; "
            f'COMP_LINE="texcv {line}"; COMP_POINT=${{#COMP_LINE}}; _shtab_texcv; '
            'printf "%s\\n" "${COMPREPLY[@]}"'
        )
        out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
        return out.stdout.split()

    assert complete("bu") == ["build"]
    assert complete("build", "--engine", "") == ["pdflatex", "lualatex", "xelatex"]
    assert complete("check", "--format", "") == ["text", "json", "github"]


def test_zsh_completion_is_a_completion_function() -> None:
    done = run_texcv("completion", "zsh")
    assert done.returncode == 0 and done.stdout.startswith("#compdef texcv")
