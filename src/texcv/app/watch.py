"""`texcv watch`: rebuild on every save of cv.yaml or of a file it uses, one line per build.

Uses watchfiles (inotify through Rust's notify crate): it reports a burst of saves as one
batch after ``debounce`` ms of quiet, and stops cleanly from a threading.Event or Ctrl-C.
Folders are watched, not files, because editors save by writing a new file and renaming it
over the old one. Knows nothing about CVs: ``rebuild`` does the work and says what happened.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

# What one build reports: its one-line summary and the files to watch from now on.
Rebuild = Callable[[], tuple[str, Iterable[Path]]]
DEBOUNCE_MS = 200


def watch(
    rebuild: Rebuild,
    *,
    debounce_ms: int = DEBOUNCE_MS,
    stop: threading.Event | None = None,
    say: Callable[[str], None] | None = None,
) -> int:
    """Build now and after every change until Ctrl-C (or ``stop``); always returns 0."""
    from watchfiles import watch as file_changes

    say = say or _print
    try:
        files = _build(rebuild, say)
        say(f"watching {', '.join(str(f) for f in files)} (Ctrl-C to stop)")
        while not (stop and stop.is_set()):
            watched = {f.resolve() for f in files}
            folders = sorted({f.parent for f in watched})
            for _changes in file_changes(
                *folders,
                watch_filter=_only(watched),
                debounce=debounce_ms,
                step=50,
                recursive=False,
                stop_event=stop,
                rust_timeout=500,
                yield_on_timeout=False,
            ):
                new_files = _build(rebuild, say)
                if {f.resolve() for f in new_files} != watched:
                    files = new_files
                    break  # watch the new set of files
            else:
                break  # stopped
    except KeyboardInterrupt:
        pass
    say("stopped watching")
    return 0


def _only(watched: set[Path]) -> Callable[[object, str], bool]:
    return lambda _change, path: Path(path).resolve() in watched


def _build(rebuild: Rebuild, say: Callable[[str], None]) -> list[Path]:
    line, files = rebuild()
    say(line)
    return [f for f in files if f.parent.is_dir()]


def _print(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stdout, flush=True)
