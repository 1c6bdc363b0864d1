"""SIGTERM and SIGHUP end a build the way Ctrl-C does: by unwinding it.

Python's default for SIGTERM and SIGHUP is to die on the spot: no ``finally`` runs, so the TeX
passes (each in its own process group), an early pass blocked on its named pipe and a format
dump go on running, and the pipe and the dump's scratch folder stay. ``stop_on_signals`` makes
both signals raise `Stopped` instead, which every cleanup already handles like a
KeyboardInterrupt (kill the process group, remove the pipe and folders, keep the old PDF).

While a child process starts (``held``), a signal is only noted: raised mid-``Popen`` it would
leave a child running that no one has the id of. The caller kills that child and then stops.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType

STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class Stopped(BaseException):
    """A stop signal arrived (not an Exception: nothing may catch it by accident)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum  # the shell's convention: 143 for SIGTERM, 129 for SIGHUP


@dataclass(eq=False)  # identity: `held` blocks nest, and each removes its own note
class Held:
    """What arrived while signals were held: ``signum`` is None when nothing did."""

    signum: int | None = None


_holding: list[Held] = []


def stop_on_signals() -> None:
    """From now on SIGTERM and SIGHUP raise `Stopped` in the main thread (call it there)."""
    for number in STOP_SIGNALS:
        signal.signal(number, _stop)


def _stop(signum: int, _frame: FrameType | None) -> None:
    if _holding:
        _holding[-1].signum = signum
        return
    for number in STOP_SIGNALS:  # the cleanup that follows must not be cut short by another
        signal.signal(number, signal.SIG_IGN)
    raise Stopped(signum)


@contextmanager
def held() -> Iterator[Held]:
    """Note, rather than raise, a stop signal arriving inside the block; then see ``Held``."""
    note = Held()
    _holding.append(note)
    try:
        yield note
    finally:
        _holding.remove(note)


def stop_if(note: Held) -> None:
    """Raise the stop a ``held`` block noted (after the caller has cleaned up), if any."""
    if note.signum is not None:
        _stop(note.signum, None)
