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
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

# What one build reports: its one-line summary and the files to watch from now on.
Rebuild = Callable[[], tuple[str, Iterable[Path]]]
DEBOUNCE_MS = 200
ARM_MS = 100  # how soon the watcher reports that it is armed (then: how often it wakes)


def watch(
    rebuild: Rebuild,
    *,
    debounce_ms: int = DEBOUNCE_MS,
    stop: threading.Event | None = None,
    say: Callable[[str], None] | None = None,
) -> int:
    """Build now and after every change until Ctrl-C (or ``stop``); always returns 0.

    "watching" is said only once the folders are watched, so a save right after it is seen.
    The watcher then stays armed through every build (a save during one is the next batch);
    only when the files lie in other folders is a new one armed, and a file that changed
    while none was (its size, time or inode differ) is rebuilt at once.
    """
    say = say or say_with_time
    try:
        files = _build(rebuild, say)
        announced = False
        while True:
            stamps = _stamps(files)
            watched = {f.resolve() for f in files}  # the filter reads it: updated in place
            folders = {f.parent for f in watched}
            batches = _batches(folders, watched, debounce_ms, stop)
            armed = next(batches, None)  # comes once inotify watches (empty after ARM_MS)
            if not announced:
                say(f"watching {', '.join(str(f) for f in files)} (Ctrl-C to stop)")
                announced = True
            if armed is None:
                break  # stopped
            if not armed and _stamps(files) == stamps and _next_save(batches) is None:
                break  # stopped
            while True:  # a save: build, and go on with the same watcher while it fits
                files = _build(rebuild, say)
                resolved = {f.resolve() for f in files}
                if {f.parent for f in resolved} != folders:
                    break  # other folders: arm a watcher for them
                watched.clear()
                watched.update(resolved)
                if _next_save(batches) is None:
                    return _stopped(say)
    except KeyboardInterrupt:
        pass
    return _stopped(say)


def _stopped(say: Callable[[str], None]) -> int:
    say("stopped watching")
    return 0


def _batches(
    folders: set[Path], watched: set[Path], debounce_ms: int, stop: threading.Event | None
) -> Iterator[set[object]]:
    """Batches of saves to ``watched`` files; an empty one every ARM_MS without any."""
    from watchfiles import watch as file_changes

    return file_changes(
        *sorted(folders),
        watch_filter=lambda _change, path: Path(path).resolve() in watched,
        debounce=debounce_ms,
        step=50,
        recursive=False,
        stop_event=stop,
        rust_timeout=ARM_MS,
        yield_on_timeout=True,  # so that the first batch says the watcher is armed
    )


def _next_save(batches: Iterator[set[object]]) -> set[object] | None:
    """The next non-empty batch, or None once stopped."""
    return next((batch for batch in batches if batch), None)


def _stamps(files: Iterable[Path]) -> dict[Path, tuple[int, int, int] | None]:
    """What tells a saved file from the one a build read: inode, size and time."""
    stamps: dict[Path, tuple[int, int, int] | None] = {}
    for file in files:
        try:
            stat = file.stat()
        except OSError:
            stamps[file] = None
        else:
            stamps[file] = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    return stamps


def _build(rebuild: Rebuild, say: Callable[[str], None]) -> list[Path]:
    line, files = rebuild()
    say(line)
    return [f for f in files if f.parent.is_dir()]


def say_with_time(text: str) -> None:
    """A line on stdout after the time of day, at once (a script or test may be reading)."""
    print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stdout, flush=True)
