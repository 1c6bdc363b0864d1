"""Run TeX: sandboxed, time-limited, killed with its children when late.

Every TeX process texcv starts (a pass, an early pass, a format dump) goes through `spawn`, so
the sandbox and the build's date are set in one place.
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from texcv.compile.reproducible import tex_environment
from texcv.engines import ENGINES
from texcv.errors import BuildError, Code, ToolMissingError
from texcv.signals import held, stop_if

INSTALL_HINT = (
    "run `texcv doctor`: it checks TeX, moderncv, the fonts and poppler, and prints the command "
    "that installs them on this system (Debian/Ubuntu: sudo apt-get install texlive-latex-extra "
    "texlive-fonts-extra texlive-luatex lmodern ...)"
)


def sandbox_env(source_date: str | None, extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """TeX may read and write only inside its working folder and the TeX tree; no shell.

    ``extra``: more variables for this run (LuaLaTeX's font cache, texcv.compile.fonts).
    """
    env = dict(os.environ)
    env.update(
        openin_any="p",
        openout_any="p",
        shell_escape="f",
        TEXMFOUTPUT="",
        max_print_line="10000",
        error_line="254",
        half_error_line="238",
    )
    env.update(tex_environment(source_date))  # the build's date: equal inputs, equal PDFs
    env.update(extra or {})
    return env


def engine_path(engine: str) -> str:
    if engine not in ENGINES:
        raise ToolMissingError(
            f"unknown TeX engine '{engine}'",
            hint=f"use one of {', '.join(ENGINES)}",
            code=Code.VALUE_NOT_ALLOWED,
        )
    path = shutil.which(engine)
    if path is None:
        raise ToolMissingError(
            f"{engine} is not installed (TeX Live is needed to build the PDF)", hint=INSTALL_HINT
        )
    return path


def spawn(
    command: Sequence[str],
    workdir: Path,
    source_date: str | None,
    extra_env: Mapping[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """Start a TeX command in the sandbox, in its own process group, without waiting.

    A stop signal arriving meanwhile stops the build only once the process can be killed.
    """
    with held() as note:
        process = subprocess.Popen(
            command,
            cwd=workdir,
            env=sandbox_env(source_date, extra_env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    if note.signum is not None:
        kill(process)
        stop_if(note)
    return process


def run_pass(
    engine: str,
    tex_name: str,
    workdir: Path,
    timeout: float,
    options: Sequence[str] = (),
    source_date: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> None:
    """One engine run in ``workdir``; the log is left there for the caller to read.

    ``options`` go before the file name (e.g. ``-fmt=NAME`` for a precompiled preamble).
    """
    process = start_pass(engine, tex_name, workdir, options, source_date, extra_env)
    wait_pass(process, engine, timeout)


def start_pass(
    engine: str,
    tex_name: str,
    workdir: Path,
    options: Sequence[str] = (),
    source_date: str | None = None,
    extra_env: Mapping[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    """Start one engine run (in its own process group) without waiting for it."""
    command = [
        engine_path(engine),
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-no-file-line-error",
        "-no-shell-escape",
        *options,
        tex_name,
    ]
    return spawn(command, workdir, source_date, extra_env)


class PassTimeout(BuildError):
    """A run was stopped at its time limit."""

    code = Code.TEX_TIMEOUT


def wait_pass(process: subprocess.Popen[bytes], engine: str, timeout: float) -> None:
    """Wait for a started run; past ``timeout`` (or on Ctrl-C) kill it with its children."""
    try:
        wait_exit(process, timeout)
    except subprocess.TimeoutExpired:
        kill(process)
        raise PassTimeout(
            f"{engine} did not finish within {timeout:g} s and was stopped",
            hint="raise design.timeout if the CV is very large; otherwise the text may make TeX loop",
        ) from None
    except BaseException:
        kill(process)
        raise


def wait_exit(process: subprocess.Popen[bytes], timeout: float) -> None:
    """``process.wait(timeout)``, told of the exit at once: Popen.wait with a timeout polls,
    sleeping up to 50 ms between looks, which a 0.2 s TeX pass would pay on every build.
    Linux's pidfd says when the process ends; elsewhere, Popen's own polling."""
    try:
        handle = os.pidfd_open(process.pid)
    except (AttributeError, OSError):  # not Linux (5.3+), or the process is already reaped
        process.wait(timeout=timeout)
        return
    try:
        ready, _, _ = select.select([handle], [], [], max(timeout, 0))
    finally:
        os.close(handle)
    if not ready:
        raise subprocess.TimeoutExpired(process.args, timeout)
    process.wait()


def kill(process: subprocess.Popen[bytes]) -> None:
    """Stop a started process, if it still runs, and everything it started."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
