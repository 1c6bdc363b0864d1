"""`texcv watch` with real file changes: rebuilds, debounces, keeps the last good PDF, stops."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import AUTHOR_CV, FIXTURES, ROOT, pdf_text

pytestmark = pytest.mark.tex


class Watcher:
    """`texcv watch` in its own process; its stdout lines arrive in a queue."""

    def __init__(self, source: Path, out: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "texcv", "watch", str(source), "-o", str(out)],
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self, timeout: float = 60) -> str:
        return self.lines.get(timeout=timeout)

    def quiet_for(self, seconds: float) -> list[str]:
        time.sleep(seconds)
        return list(self.lines.queue)


def test_watch_rebuilds_on_save_and_keeps_the_last_good_pdf_while_broken(
    require_tex: None, tmp_path: Path
) -> None:
    source = tmp_path / "cv.yaml"
    text = AUTHOR_CV.read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    (tmp_path / "publications.bib").write_bytes(
        (AUTHOR_CV.parent / "publications.bib").read_bytes()
    )
    out = tmp_path / "out"
    watcher = Watcher(source, out)
    try:
        first = watcher.next_line()
        assert "built" in first and "3 pages" in first, first
        assert "watching" in watcher.next_line()
        time.sleep(0.5)

        # A burst of saves is one build.
        for word in ("widely", "deeply", "keenly"):
            source.write_text(text.replace("broadly", word, 1), encoding="utf-8")
        line = watcher.next_line()
        assert "built" in line, line
        assert watcher.quiet_for(1.5) == []
        assert "keenly interested" in " ".join(pdf_text(out / "cv.pdf").split())
        good = (out / "cv.pdf").read_bytes()

        # A broken cv.yaml: the error at its line, the PDF left as it was.
        header_line = text.count("\n", 0, text.index("header:")) + 1
        source.write_text(text.replace("  first_name:", "  frist_name:", 1), encoding="utf-8")
        line = watcher.next_line()
        assert f"cv.yaml:{header_line}:1: error: missing required field 'first_name'" in line
        # The whole diagnosis, as `texcv build` prints it: every error, its hints, did-you-mean.
        rest = "\n".join(watcher.quiet_for(1.5))
        assert "  at: header.first_name" in rest, rest
        assert "error: unknown key 'frist_name'; did you mean 'first_name'?" in rest
        assert "  hint: allowed here: first_name, last_name" in rest
        assert "2 errors in the input" in rest
        assert (out / "cv.pdf").read_bytes() == good

        # Ctrl-C: a clean stop, no traceback.
        watcher.process.send_signal(signal.SIGINT)
        # Wait, then let the reader thread drain stdout (communicate() would race it for lines).
        assert watcher.process.wait(timeout=30) == 0
        watcher.reader.join(timeout=10)
        assert watcher.process.stderr is not None
        err = watcher.process.stderr.read()
        assert "Traceback" not in err
        assert list(watcher.lines.queue)[-1].endswith("stopped watching")
    finally:
        if watcher.process.poll() is None:
            watcher.process.kill()
            watcher.process.wait()


def wait_for_line(watcher: Watcher, start: str) -> str:
    """The next line starting with ``start`` (a build may first print warnings)."""
    while True:
        line = watcher.next_line()
        if line.split("] ", 1)[-1].startswith(start):
            return line


def test_every_save_from_the_watching_message_on_is_built(
    require_tex: None, tmp_path: Path
) -> None:
    """Each save is made at once after the line before it: right after "watching" (the
    watcher must already be armed), then right after each "built"."""
    source = tmp_path / "cv.yaml"
    small = (FIXTURES / "small_cv.yaml").read_text(encoding="utf-8")
    assert "Analytical" in small
    out = tmp_path / "out"
    for session in range(3):
        source.write_text(small, encoding="utf-8")
        watcher = Watcher(source, out)
        try:
            wait_for_line(watcher, "watching")  # after the first build's line
            for save in range(2):
                word = f"Savedword{session}x{save}"
                source.write_text(small.replace("Analytical", word, 1), encoding="utf-8")
                wait_for_line(watcher, "built")
                assert word in pdf_text(out / "cv.pdf"), (session, save)
        finally:
            watcher.process.send_signal(signal.SIGINT)
            watcher.process.wait(timeout=30)


def tex_processes_in(folder: Path) -> list[int]:
    """TeX processes whose working folder is ``folder`` (Linux's /proc)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and (proc / "cwd").resolve() == folder.resolve():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


def test_between_saves_the_next_tex_run_waits_with_its_preamble_read(
    require_tex: None, tmp_path: Path
) -> None:
    """watch starts the next build's pass at once; a save feeds it; Ctrl-C leaves nothing."""
    source = tmp_path / "cv.yaml"
    text = (FIXTURES / "small_cv.yaml").read_text(encoding="utf-8")
    source.write_text(text, encoding="utf-8")
    folder = tmp_path / "out" / ".cache" / "cv-pdflatex"
    pipe = folder / "cv.tex"
    watcher = Watcher(source, tmp_path / "out")
    try:
        assert "built" in watcher.next_line()
        assert "watching" in watcher.next_line()
        assert wait_for(pipe.is_fifo), "no pass is waiting for the next save"
        assert tex_processes_in(folder)
        source.write_text(text.replace("first published", "earliest printed"), encoding="utf-8")
        assert "built" in watcher.next_line()
        assert "earliest printed algorithm" in " ".join(
            pdf_text(tmp_path / "out" / "cv.pdf").split()
        )
        assert wait_for(pipe.is_fifo)  # and the next one waits already
        watcher.process.send_signal(signal.SIGINT)
        assert watcher.process.wait(timeout=30) == 0
        assert wait_for(lambda: not tex_processes_in(folder), 10)
        assert not pipe.is_fifo()
    finally:
        if watcher.process.poll() is None:
            watcher.process.kill()
            watcher.process.wait()
