"""Start TeX before the .tex exists, so its start-up overlaps Python's.

A pdfLaTeX run spends about 0.15 s before reading its file (TeX Live's file database, the
format); Python spends longer importing, loading and rendering the CV. When the last build of
this document used a precompiled format, ``start`` launches the first pass right away, in the
persistent folder (whose lock it takes), reading ``<name>.tex`` from a named pipe. ``feed``
later writes the rendered .tex into the pipe and waits; the pipe is then replaced by the
regular file. If the new .tex wants another engine or format, the early pass is cancelled and
the build runs as usual. ``last.json`` in the folder remembers the engine and format.

``start`` returns the pass (or None); the caller hands it to ``build_pdf``, which owns it from
then on, and cancels it itself when the build fails before TeX (``cancel`` is idempotent).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from subprocess import Popen

from texcv import files
from texcv.compile.engine import kill, start_pass, wait_pass
from texcv.compile.format import options as format_options
from texcv.compile.workspace import cache_dir, claim, persistent_folder
from texcv.errors import TexcvError


@dataclass
class EarlyPass:
    engine: str
    fmt: Path
    folder: Path
    name: str
    lock: int | None  # handed to the build's workspace by ``take_lock``
    process: Popen[bytes]

    def take_lock(self) -> int | None:
        lock, self.lock = self.lock, None
        return lock

    def feed(self, tex: str, timeout: float) -> None:
        """Give the waiting pass its .tex and wait for it (BuildError past ``timeout``)."""
        pipe = self.folder / f"{self.name}.tex"
        writer = threading.Thread(target=_write_pipe, args=(pipe, tex), daemon=True)
        writer.start()
        try:
            wait_pass(self.process, self.engine, timeout)
        finally:
            if writer.is_alive():  # TeX is gone without reading: let the writer fail and end
                with contextlib.suppress(OSError):
                    os.close(os.open(pipe, os.O_RDONLY | os.O_NONBLOCK))
            writer.join(timeout=5)
            pipe.unlink(missing_ok=True)
            pipe.write_text(tex, encoding="utf-8")  # for error reports and the next build

    def cancel(self) -> None:
        """Stop the pass, put a regular file back in place of the pipe, release the lock."""
        kill(self.process)
        pipe = self.folder / f"{self.name}.tex"
        if pipe.is_fifo():
            pipe.unlink(missing_ok=True)
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None


def _write_pipe(pipe: Path, tex: str) -> None:
    """Blocks until TeX opens the pipe (``feed`` unblocks it if TeX never does)."""
    with contextlib.suppress(OSError), open(pipe, "w", encoding="utf-8") as stream:
        stream.write(tex)


def remember(out_dir: Path, name: str, engine: str, fmt: Path | None) -> None:
    """After a successful build: what the next one may start early with."""
    path = cache_dir(out_dir) / f"{name}.last.json"
    if fmt is None:
        path.unlink(missing_ok=True)
        return
    files.write_text(path, json.dumps({"engine": engine, "format": str(fmt.resolve())}))


def start(out_dir: Path, name: str, source_date: str | None) -> EarlyPass | None:
    """Start the first pass of the next build of ``name`` now, when that is possible."""
    try:
        last = json.loads((cache_dir(out_dir) / f"{name}.last.json").read_text())
        engine, fmt = str(last["engine"]), Path(last["format"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not fmt.is_file():
        return None
    lock = claim(out_dir, name, engine)
    if lock is None:
        return None
    folder = persistent_folder(out_dir, name, engine)
    pipe = folder / f"{name}.tex"
    try:
        folder.mkdir(exist_ok=True)
        pipe.unlink(missing_ok=True)
        (folder / f"{name}.log").unlink(missing_ok=True)
        os.mkfifo(pipe)
        # TeX opens its file once more to read a "%&format" first line: not a pipe's way.
        options = ["-no-parse-first-line", *format_options(fmt)]
        process = start_pass(engine, pipe.name, folder, options, source_date)
    except BaseException as error:  # also a stop signal: no pipe may stay behind
        pipe.unlink(missing_ok=True)
        os.close(lock)
        if isinstance(error, (OSError, TexcvError)):  # no pipes here, or no engine:
            return None  # the build itself will tell
        raise
    return EarlyPass(engine, fmt, folder, name, lock, process)
