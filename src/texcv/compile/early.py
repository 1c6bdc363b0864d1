"""Start TeX before the .tex exists, and feed it the part it will read first, so that its
start-up and that part's work overlap Python's (or, in `texcv watch`, happen before the save).

A TeX run spends a while before the person's latest edit matters: pdfLaTeX about 0.15 s on
TeX Live's file database and the precompiled format, then \\begin{document} and the CV's
title; LuaLaTeX up to a second on moderncv's packages and its OpenType fonts (those cannot
be precompiled). After a successful build, ``remember`` keeps the engine, the format
(pdfLaTeX) and the .tex's reusable part: everything before the first part of the body (the
fixed preamble, the header, the PDF's properties, \\begin{document}, \\makecvtitle), which an
edit of an entry leaves as it was. ``start`` then launches the first pass of the next build
at once, in the persistent folder (whose lock it takes), reading ``<name>.tex`` from a named
pipe, and writes that part into the pipe: TeX works through it and waits for the rest.
``feed`` writes the rest and waits for the pass to end; the pipe is then replaced by the
regular file. A .tex that does not start with that part, or wants another engine, format or
date, is not fed: ``fits`` says no, the pass is cancelled and the build runs as usual.

``start`` returns the pass (or None); the caller hands it to ``build_pdf``, which owns it from
then on, and cancels it itself when the build fails before TeX (``cancel`` is idempotent).
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import threading
from dataclasses import dataclass, field
from pathlib import Path
from subprocess import Popen

from texcv import files
from texcv.compile.engine import kill, start_pass, wait_pass
from texcv.compile.format import options as format_options
from texcv.compile.luatex_cache import engine_env
from texcv.compile.workspace import cache_dir, claim, persistent_folder
from texcv.errors import TexcvError
from texcv.render.templates import DUMP_END, SOURCE_MARK


@dataclass
class EarlyPass:
    engine: str
    fmt: Path | None  # the precompiled preamble it loaded (pdfLaTeX), if any
    folder: Path
    name: str
    lock: int | None  # handed to the build's workspace by ``take_lock``
    process: Popen[bytes]
    prefix: str  # the .tex's beginning, already written into the pipe
    source_date: str | None
    _rest: queue.Queue[str | None] = field(default_factory=queue.Queue, repr=False)
    _writer: threading.Thread | None = field(default=None, repr=False)

    def take_lock(self) -> int | None:
        lock, self.lock = self.lock, None
        return lock

    def fits(self, engine: str, fmt: Path | None, tex: str, source_date: str | None) -> bool:
        """Whether this pass can compile ``tex``: same engine, format, preamble and date."""
        same_format = (fmt.resolve() if fmt else None) == self.fmt
        return (
            self.engine == engine
            and same_format
            and self.source_date == source_date
            and tex.startswith(self.prefix)
            and self.process.poll() is None
        )

    def feed(self, tex: str, timeout: float) -> None:
        """Give the waiting pass the rest of its .tex and wait for it (BuildError past
        ``timeout``); ``tex`` starts with ``prefix`` (see ``fits``)."""
        pipe = self.folder / f"{self.name}.tex"
        self._rest.put(tex[len(self.prefix) :])
        try:
            wait_pass(self.process, self.engine, timeout)
        finally:
            self._stop_writer()
            pipe.unlink(missing_ok=True)
            pipe.write_text(tex, encoding="utf-8")  # for error reports and the next build

    def cancel(self) -> None:
        """Stop the pass, put a regular file back in place of the pipe, release the lock."""
        kill(self.process)
        self._stop_writer()
        pipe = self.folder / f"{self.name}.tex"
        if pipe.is_fifo():
            pipe.unlink(missing_ok=True)
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None

    def _stop_writer(self) -> None:
        """End the writer thread: no more text, and no wait for a TeX that is gone."""
        writer, self._writer = self._writer, None
        if writer is None:
            return
        self._rest.put(None)
        if writer.is_alive():  # TeX is gone without opening the pipe: let the writer's open end
            with contextlib.suppress(OSError):
                os.close(os.open(self.folder / f"{self.name}.tex", os.O_RDONLY | os.O_NONBLOCK))
        writer.join(timeout=5)


def _write_pipe(pipe: Path, prefix: str, rest: queue.Queue[str | None]) -> None:
    """Write ``prefix`` as soon as TeX opens the pipe, then what ``feed`` sends (None: stop)."""
    with contextlib.suppress(OSError), open(pipe, "w", encoding="utf-8") as stream:
        stream.write(prefix)
        stream.flush()
        more = rest.get()
        if more is not None:
            stream.write(more)


def reusable_part(tex: str) -> str:
    """What the next build's .tex will most likely start with: everything before the first
    part of the CV's body (its first ``% texcv-source`` mark), so the fixed preamble, the
    header, the PDF's properties, ``\\begin{document}`` and the CV's title; else (no mark)
    up to the end of the fixed preamble; else nothing. An edit of the header, a section's
    title (the PDF's keywords) or the design makes the next .tex start otherwise: its pass
    is then not used (``fits``)."""
    at = tex.find(f"\n{SOURCE_MARK}")
    if at >= 0:
        return tex[: at + 1]
    at = tex.find(f"\n{DUMP_END}\n")
    return tex[: at + len(DUMP_END) + 2] if at >= 0 else ""


def remember(
    out_dir: Path, name: str, engine: str, fmt: Path | None, tex: str, beside: list[str]
) -> None:
    """After a successful build: what the next one may start early with (``beside``: the
    files the .tex reads from its folder, a photo, font subsets)."""
    path = cache_dir(out_dir) / f"{name}.last.json"
    last = {
        "engine": engine,
        "format": str(fmt.resolve()) if fmt else None,
        "prefix": reusable_part(tex),
        "beside": beside,
    }
    files.write_text(path, json.dumps(last))


def start(out_dir: Path, name: str, source_date: str | None) -> EarlyPass | None:
    """Start the first pass of the next build of ``name`` now, when that is possible."""
    try:
        last = json.loads((cache_dir(out_dir) / f"{name}.last.json").read_text())
        engine, prefix = str(last["engine"]), str(last["prefix"])
        fmt = Path(last["format"]) if last["format"] else None
        beside = [str(file) for file in last.get("beside", [])]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    if fmt is not None and not fmt.is_file():
        return None
    folder = persistent_folder(out_dir, name, engine)
    if not all((folder / file).is_file() for file in beside):
        return None  # gone with a failed build's files: TeX would stop at the first
    lock = claim(out_dir, name, engine)
    if lock is None:
        return None
    pipe = folder / f"{name}.tex"
    process: Popen[bytes] | None = None
    try:
        folder.mkdir(exist_ok=True)
        pipe.unlink(missing_ok=True)
        (folder / f"{name}.log").unlink(missing_ok=True)
        os.mkfifo(pipe)
        # TeX opens its file once more to read a "%&format" first line: not a pipe's way.
        options = ["-no-parse-first-line", *(format_options(fmt) if fmt else [])]
        env = engine_env(engine, out_dir)
        process = start_pass(engine, pipe.name, folder, options, source_date, env)
        early = EarlyPass(
            engine, fmt.resolve() if fmt else None, folder, name, lock, process, prefix, source_date
        )
        early._writer = threading.Thread(
            target=_write_pipe, args=(pipe, prefix, early._rest), daemon=True
        )
        early._writer.start()
    except BaseException as error:  # also a stop signal: no TeX run nor pipe may stay behind
        if process is not None:
            kill(process)
        pipe.unlink(missing_ok=True)
        os.close(lock)
        if isinstance(error, (OSError, TexcvError)):  # no pipes here, or no engine:
            return None  # the build itself will tell
        raise
    return early
