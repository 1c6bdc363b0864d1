"""The build stage: .tex -> PDF in a scratch folder; only a finished PDF replaces the old one.

Knows TeX engines, folders, logs and timeouts, nothing about CV fields.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from texcv.build import log as texlog
from texcv.build.engine import INSTALL_HINT, run_pass
from texcv.errors import BuildError, ToolMissingError

MAX_PASSES = 3


@dataclass
class BuildResult:
    pdf: Path
    tex: Path
    log: Path
    engine: str
    passes: int
    pages: int | None
    seconds: float
    warnings: list[str] = field(default_factory=list)


class TexFailure(BuildError):
    """TeX stopped with an error; carries the .tex line so the caller can map it back."""

    def __init__(self, message: str, *, tex_line: int | None, log_path: Path, tex_path: Path) -> None:
        super().__init__(message, hint=f"full log: {log_path}")
        self.tex_line = tex_line
        self.log_path = log_path
        self.tex_path = tex_path


class MissingGlyphs(BuildError):
    """The fonts lack characters the text uses; the caller says which field has them."""

    def __init__(self, characters: list[tuple[str, str]], log_path: Path) -> None:
        names = ", ".join(f"'{c}' (U+{ord(c):04X})" for c, _ in characters[:5])
        super().__init__(f"no installed font can show {names}", hint=f"full log: {log_path}")
        self.characters = characters


def build_pdf(tex: str, out_dir: Path, name: str, engine: str, timeout: float) -> BuildResult:
    """Compile ``tex`` to ``out_dir/name.pdf``; on any failure the old PDF stays as it was."""
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=out_dir))
    try:
        tex_name = f"{name}.tex"
        (scratch / tex_name).write_text(tex, encoding="utf-8")
        passes, log_text = _compile(scratch, name, engine, timeout, out_dir)
        missing = texlog.missing_characters(log_text)
        if missing:
            log_path = _keep(scratch / f"{name}.log", out_dir)
            raise MissingGlyphs(missing, log_path)
        pdf = scratch / f"{name}.pdf"
        if not pdf.is_file() or pdf.stat().st_size == 0:
            log_path = _keep(scratch / f"{name}.log", out_dir)
            raise BuildError(f"{engine} finished but wrote no PDF", hint=f"full log: {log_path}")
        for suffix in (".tex", ".log"):
            os.replace(scratch / f"{name}{suffix}", out_dir / f"{name}{suffix}")
        os.replace(pdf, out_dir / f"{name}.pdf")  # last: the PDF appears whole or not at all
        return BuildResult(
            pdf=out_dir / f"{name}.pdf",
            tex=out_dir / f"{name}.tex",
            log=out_dir / f"{name}.log",
            engine=engine,
            passes=passes,
            pages=texlog.page_count(log_text),
            seconds=time.perf_counter() - started,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _compile(scratch: Path, name: str, engine: str, timeout: float, out_dir: Path) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    log_text = ""
    for number in range(1, MAX_PASSES + 1):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise BuildError(f"{engine} did not finish within {timeout:g} s and was stopped")
        run_pass(engine, f"{name}.tex", scratch, remaining)
        log_path = scratch / f"{name}.log"
        log_text = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
        _raise_for_errors(log_text, scratch, name, out_dir)
        if not texlog.needs_rerun(log_text):
            return number, log_text
    return MAX_PASSES, log_text


def _raise_for_errors(log_text: str, scratch: Path, name: str, out_dir: Path) -> None:
    error = texlog.first_error(log_text)
    if error is None:
        return
    log_path = _keep(scratch / f"{name}.log", out_dir)
    tex_path = _keep(scratch / f"{name}.tex", out_dir, suffix=".failed.tex")
    missing = texlog.missing_file(log_text)
    if missing and missing.endswith((".cls", ".sty")):
        raise ToolMissingError(
            f"the TeX package file {missing} is not installed", hint=INSTALL_HINT
        )
    where = f" (line {error.line} of {tex_path.name})" if error.line else ""
    raise TexFailure(f"TeX error{where}: {error.message}", tex_line=error.line,
                     log_path=log_path, tex_path=tex_path)


def _keep(path: Path, out_dir: Path, suffix: str | None = None) -> Path:
    """Copy a scratch file next to the outputs so the person can read it after a failure."""
    target = out_dir / (path.stem + (suffix or path.suffix))
    if path.exists():
        shutil.copyfile(path, target)
    return target
