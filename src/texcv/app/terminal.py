"""Terminal conventions: colour only on a terminal, a progress line while TeX runs.

Colour follows https://no-color.org: never when NO_COLOR is set (to anything but ""), nor
when the stream is not a terminal (piped, redirected, an editor's task), nor for TERM=dumb.
Messages are coloured the way compilers colour theirs (gcc, clang, rustc): the place in bold,
``error:`` red, ``warning:`` magenta, ``hint:`` cyan, so editors that strip colour see the
same text.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from typing import TextIO

_RESET = "\033[0m"
_STYLES = {
    "place": "\033[1m",
    "error": "\033[1;31m",
    "internal error": "\033[1;31m",
    "warning": "\033[1;35m",
    "hint": "\033[36m",
}
# `cv.yaml:12:5: error: ...`, `texcv: warning: ...`; `  hint: ...` lines below them.
_HEAD = re.compile(r"^(?P<place>\S[^\n]*?): (?P<kind>error|warning|internal error): ", re.M)
_HINT = re.compile(r"^(?P<indent>\s+)(?P<kind>hint): ", re.M)
PROGRESS_DELAY = 1.0  # seconds before the progress line appears: short builds stay quiet
PROGRESS_EVERY = 0.2


def colour_enabled(stream: TextIO) -> bool:
    return not os.environ.get("NO_COLOR") and is_terminal(stream)


def is_terminal(stream: TextIO) -> bool:
    """A terminal a person watches (NO_COLOR turns off colour, not the progress line)."""
    if os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # closed or not a real stream
        return False


def paint(text: str, stream: TextIO) -> str:
    """``text`` (texcv's messages) with compiler-like colours when ``stream`` wants them."""
    if not colour_enabled(stream):
        return text

    def head(match: re.Match[str]) -> str:
        place, kind = match["place"], match["kind"]
        return f"{_STYLES['place']}{place}:{_RESET} {_STYLES[kind]}{kind}:{_RESET} "

    text = _HEAD.sub(head, text)
    return _HINT.sub(lambda m: f"{m['indent']}{_STYLES['hint']}hint:{_RESET} ", text)


def say(text: str, stream: TextIO | None = None) -> None:
    """Print one of texcv's messages (stderr by default), coloured where that fits."""
    stream = stream or sys.stderr
    print(paint(text, stream), file=stream)


@contextlib.contextmanager
def progress(label: str, stream: TextIO | None = None) -> Iterator[None]:
    """``texcv: running lualatex... 3.4 s`` redrawn in place while the block runs.

    Only on a terminal, and only once the block has taken PROGRESS_DELAY: a fast build prints
    nothing. The line is erased when the block ends, so what follows starts clean.
    """
    stream = stream or sys.stderr
    if not is_terminal(stream):
        yield
        return
    started = time.monotonic()
    done = threading.Event()
    drawn = threading.Event()

    def draw() -> None:
        if done.wait(PROGRESS_DELAY):
            return
        while not done.is_set():
            stream.write(f"\r\033[Ktexcv: {label}... {time.monotonic() - started:.1f} s")
            stream.flush()
            drawn.set()
            done.wait(PROGRESS_EVERY)

    thread = threading.Thread(target=draw, name="texcv-progress", daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        if drawn.is_set():
            stream.write("\r\033[K")
            stream.flush()
