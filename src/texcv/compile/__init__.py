"""The build stage: .tex -> PDF; only a finished PDF replaces the old one.

Knows TeX engines, folders, logs and timeouts, nothing about CV fields. TeX runs in a
persistent folder per document (workspace.py) so the .aux of the last build carries over and
one pass usually suffices, with the fixed preamble precompiled into a format (format.py).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from texcv import files
from texcv.compile import early as early_pass
from texcv.compile import log as texlog
from texcv.compile.engine import INSTALL_HINT, PassTimeout, run_pass
from texcv.compile.format import Dump, Formats
from texcv.compile.format import options as format_options
from texcv.compile.luatex_cache import engine_env
from texcv.compile.subset import PREFIX as SUBSET_PREFIX
from texcv.compile.workspace import Workspace, cache_dir, workspace
from texcv.errors import BuildError, Code, DiskFull, ToolMissingError

MAX_PASSES = 3
DRAFT_ENGINES = ("pdflatex", "lualatex")  # engines with -draftmode (xelatex has none)
# What a pass that wrote no log at all (the engine could not start, e.g. a bad format) reads as.
NO_LOG = "! The TeX engine stopped before writing its log.\n"


@dataclass
class BuildResult:
    pdf: Path
    tex: Path
    log: Path
    engine: str
    passes: int
    pages: int | None
    seconds: float
    precompiled: bool = False  # the last pass used a precompiled preamble


class TexFailure(BuildError):
    """TeX stopped with an error; carries the .tex line so texcv.diagnose can map it back."""

    code = Code.TEX_ERROR

    def __init__(self, message: str, *, tex_line: int | None, log_path: Path) -> None:
        super().__init__(message, hint=f"full log: {log_path}")
        self.tex_line = tex_line


class MissingGlyphs(BuildError):
    """The fonts lack characters the text uses; texcv.diagnose says which field has them."""

    code = Code.MISSING_GLYPH

    def __init__(self, characters: list[tuple[str, str]], log_path: Path) -> None:
        names = ", ".join(f"'{c}' (U+{ord(c):04X})" for c, _ in characters[:5])
        super().__init__(f"no installed font can show {names}", hint=f"full log: {log_path}")
        self.characters = characters


class PageLimitExceeded(BuildError):
    """The PDF is longer than allowed; it was not published (texcv.diagnose names the setting)."""

    code = Code.PAGE_LIMIT

    def __init__(self, pages: int, limit: int) -> None:
        super().__init__(f"the CV has {pages} pages; at most {limit} are allowed")
        self.pages = pages
        self.limit = limit


def build_pdf(
    tex: str,
    out_dir: Path,
    name: str,
    engine: str,
    timeout: float,
    *,
    max_pages: int | None = None,
    assets: Mapping[str, Path] | None = None,
    source_date: str | None = None,
    early: early_pass.EarlyPass | None = None,
) -> BuildResult:
    """Compile ``tex`` to ``out_dir/name.pdf``; on any failure the old PDF stays as it was.

    A PDF with more than ``max_pages`` pages is a failure too: it is checked before publishing.
    ``assets`` maps names the .tex uses (e.g. ``photo.jpg``) to files copied beside it, since
    the sandboxed TeX may read nothing outside its folder. ``source_date`` is the date every
    TeX run writes into the PDF (texcv.compile.reproducible). ``early`` is the pass
    ``early.start`` began for this document; the build uses it when it fits, and stops it.
    """
    started = time.perf_counter()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        plan = Formats(cache_dir(out_dir) / "formats").plan(engine, tex)
        if early is not None and not early.fits(
            engine, plan[1] if plan else None, tex, source_date
        ):
            early.cancel()  # started for another engine, preamble or date than this .tex wants
            early = None
        with workspace(out_dir, name, engine, early.take_lock() if early else None) as work:
            compiler = _Compiler(
                work, name, engine, tex, out_dir, timeout, plan, early, source_date
            )
            return _build(compiler, max_pages, started, assets or {})
    except OSError as error:
        full = files.disk_full(error, out_dir)
        if full is None:
            raise
        raise full from None
    finally:
        if early is not None:
            early.cancel()  # nothing left to do when it ran


def _build(
    compiler: _Compiler, max_pages: int | None, started: float, assets: Mapping[str, Path]
) -> BuildResult:
    work, name, engine, out_dir = compiler.work, compiler.name, compiler.engine, compiler.out_dir
    _place(assets, work.path)  # before TeX reads its .tex (an early pass waits)
    if compiler.early is None:
        (work.path / f"{name}.tex").write_text(compiler.tex, encoding="utf-8")
    passes, log_text = compiler.run()
    missing = texlog.missing_characters(log_text)
    if missing:
        raise MissingGlyphs(missing, _keep(work.path / f"{name}.log", out_dir))
    pdf = work.path / f"{name}.pdf"
    if not pdf.is_file() or pdf.stat().st_size == 0:
        if files.low_on_space(work.path):
            raise DiskFull(str(out_dir))
        log_path = _keep(work.path / f"{name}.log", out_dir)
        raise BuildError(
            f"{engine} finished but wrote no PDF", hint=f"full log: {log_path}", code=Code.NO_PDF
        )
    pages = texlog.page_count(log_text)
    if max_pages is not None and pages is not None and pages > max_pages:
        raise PageLimitExceeded(pages, max_pages)
    for suffix in (".tex", ".log"):
        files.copy_file(work.path / f"{name}{suffix}", out_dir / f"{name}{suffix}")
    os.replace(pdf, out_dir / f"{name}.pdf")  # last: the PDF appears whole or not at all
    early_pass.remember(out_dir, name, engine, compiler.fmt, compiler.tex, sorted(assets))
    return BuildResult(
        pdf=out_dir / f"{name}.pdf",
        tex=out_dir / f"{name}.tex",
        log=out_dir / f"{name}.log",
        engine=engine,
        passes=passes,
        pages=pages,
        seconds=time.perf_counter() - started,
        precompiled=compiler.fmt is not None,
    )


def _place(assets: Mapping[str, Path], folder: Path) -> None:
    """Copy the files the .tex names beside it, each in one step: an early pass may be
    reading the last build's copy. A font subset already there is the same file (its name
    says what it holds); the subsets of earlier builds go."""
    for asset, source in assets.items():
        target = folder / asset
        if not (asset.startswith(SUBSET_PREFIX) and target.is_file()):
            files.copy_file(source, target)
    for old in folder.glob(f"{SUBSET_PREFIX}*"):
        if old.name not in assets:
            old.unlink(missing_ok=True)


class _Compiler:
    """Runs passes until the log stops asking, with a format when one is (or becomes) ready."""

    def __init__(
        self,
        work: Workspace,
        name: str,
        engine: str,
        tex: str,
        out_dir: Path,
        timeout: float,
        plan: tuple[str, Path | None] | None,
        early: early_pass.EarlyPass | None,
        source_date: str | None,
    ) -> None:
        self.work, self.name, self.engine, self.out_dir = work, name, engine, out_dir
        self.source_date = source_date
        self.timeout = timeout
        self.deadline = time.monotonic() + timeout
        self.formats = Formats(cache_dir(out_dir) / "formats")
        self.early = early  # a first pass already started, waiting for the .tex
        self.key = plan[0] if plan else None
        self.fmt = plan[1] if plan else None
        self.tex = tex
        self.env = engine_env(engine, out_dir)

    def run(self) -> tuple[int, str]:
        dump: Dump | None = None
        try:
            # No format yet: dump it beside the first pass (two cores), use it from the second.
            if self.key and not self.fmt:
                dump = self.formats.start_dump(self.engine, self.tex, self.key, self.source_date)
            return self._passes(dump)
        finally:
            if dump is not None:
                dump.cancel()  # a no-op once finished; else it stops the dump

    def _passes(self, dump: Dump | None) -> tuple[int, str]:
        # Without an .aux a second pass is certain (page x of y, bookmarks): the first one
        # then only has to write the .aux, so it skips writing the PDF (-draftmode).
        draft = (
            self.early is None
            and self.engine in DRAFT_ENGINES
            and not (self.work.path / f"{self.name}.aux").exists()
        )
        log_text = ""
        for number in range(1, MAX_PASSES + 1):
            log_text = self._checked_pass(["-draftmode"] if draft else [])
            if dump is not None:
                self.fmt, dump = dump.finish(self._remaining()), None
            if not draft and not texlog.needs_rerun(log_text):
                return number, log_text
            draft = False
        return MAX_PASSES, log_text

    def _checked_pass(self, extra: list[str]) -> str:
        log_text = self._pass(extra)
        if self.fmt is not None and texlog.first_error(log_text) is not None:
            # The format may be at fault: the same pass without it decides.
            self.fmt = None
            self._forget_aux()
            log_text = self._pass(extra)
            if texlog.first_error(log_text) is None and self.key:
                self.formats.mark_unusable(self.key)
        _raise_for_errors(log_text, self.work.path, self.name, self.out_dir)
        return log_text

    def _pass(self, extra: list[str]) -> str:
        options = [*(format_options(self.fmt) if self.fmt else []), *extra]
        log_path = self.work.path / f"{self.name}.log"
        early, self.early = self.early, None
        try:
            if early is not None:  # started with this format before the .tex existed
                early.feed(self.tex, self._remaining())
            else:
                log_path.unlink(missing_ok=True)  # a pass that dies early must not leave it
                run_pass(
                    self.engine,
                    f"{self.name}.tex",
                    self.work.path,
                    self._remaining(),
                    options,
                    self.source_date,
                    self.env,
                )
        except PassTimeout:  # report the limit that was set, not the time left for this pass
            raise self._timeout_error() from None
        if not log_path.exists():
            return NO_LOG
        return log_path.read_text(encoding="utf-8", errors="replace")

    def _remaining(self) -> float:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise self._timeout_error()
        return remaining

    def _timeout_error(self) -> BuildError:
        return BuildError(
            f"{self.engine} did not finish within {self.timeout:g} s and was stopped",
            hint="raise design.timeout if the CV is very large; otherwise the text may make TeX loop",
            code=Code.TEX_TIMEOUT,
        )

    def _forget_aux(self) -> None:
        for item in self.work.path.iterdir():
            if item.is_file() and item.name != f"{self.name}.tex":
                item.unlink(missing_ok=True)


def _raise_for_errors(log_text: str, scratch: Path, name: str, out_dir: Path) -> None:
    error = texlog.first_error(log_text)
    if error is None:
        return
    if (log_text == NO_LOG or texlog.write_failed(log_text)) and files.low_on_space(scratch):
        raise DiskFull(str(out_dir))
    log_path = _keep(scratch / f"{name}.log", out_dir)
    tex_path = _keep(scratch / f"{name}.tex", out_dir, suffix=".failed.tex")  # for the person
    missing = texlog.missing_file(log_text)
    if missing and missing.endswith((".cls", ".sty")):
        raise ToolMissingError(
            f"the TeX package file {missing} is not installed", hint=INSTALL_HINT
        )
    where = f" (line {error.line} of {tex_path.name})" if error.line else ""
    raise TexFailure(f"TeX error{where}: {error.message}", tex_line=error.line, log_path=log_path)


def _keep(path: Path, out_dir: Path, suffix: str | None = None) -> Path:
    """Copy a work file next to the outputs so the person can read it after a failure."""
    target = out_dir / (path.stem + (suffix or path.suffix))
    if path.exists():
        shutil.copyfile(path, target)
    return target


__all__ = ["BuildResult", "MissingGlyphs", "PageLimitExceeded", "TexFailure", "build_pdf"]
