"""A precompiled preamble: the fixed part of the .tex dumped once into a TeX format file.

TeX Live's mylatexformat dumps everything above the ``DUMP_END`` line (the renderer writes it
after the class, packages, style and colour, before anything about the person). A run with
``-fmt=<that format>`` skips those lines and starts reading there, which saves the time of
loading moderncv and its packages on every pass. Formats are keyed by a hash of that text and
the engine, so a change of design or template makes a new one.

Only pdfLaTeX uses one: LuaLaTeX and XeLaTeX cannot keep their OpenType fonts in a format
(a LuaLaTeX format dumps, then fails at use with "Missing number"), so they compile without.
A format that dumps but fails where the plain run succeeds is marked unusable and not tried
again.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from texcv import files
from texcv.compile.engine import engine_path, kill, spawn, wait_exit
from texcv.render.templates import DUMP_END

FORMAT_ENGINES = frozenset({"pdflatex"})  # the engines whose preamble can be precompiled
# moderncv loads hyperref at the end of the preamble, after \pagenumbering{arabic}; doing the
# same inside the format saves loading it on every pass (the later \RequirePackage is a no-op).
PRELOAD = r"\pagenumbering{arabic}\RequirePackage[unicode]{hyperref}"
KEEP = 4  # formats kept per folder (each is about 7 MB)
_VERSION = "1"  # bump when the way formats are made changes


def fixed_preamble(tex: str) -> str | None:
    """The text above the DUMP_END line, or None when the .tex has no such line.

    The line must hold nothing else: a trailing "%" would join the next lines to it and the
    format's line scanner would read them with the wrong character codes.
    """
    at = tex.find(f"\n{DUMP_END}\n")
    return tex[: at + 1] if at >= 0 else None


def format_key(engine: str, preamble: str) -> str:
    """Names the format: engine, its binary, and the exact preamble text."""
    binary = Path(engine_path(engine))
    stat = binary.stat()
    digest = hashlib.sha256()
    for part in (_VERSION, engine, str(binary), str(stat.st_size), str(stat.st_mtime_ns)):
        digest.update(part.encode() + b"\0")
    digest.update(PRELOAD.encode() + b"\0" + preamble.encode())
    return f"{engine}-{digest.hexdigest()[:20]}"


class Formats:
    """The folder of formats for one output folder, and the decisions about using them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def plan(self, engine: str, tex: str) -> tuple[str, Path | None] | None:
        """(key, existing format or None) when this .tex can use a format, else None."""
        if engine not in FORMAT_ENGINES:
            return None
        preamble = fixed_preamble(tex)
        if preamble is None:
            return None
        key = format_key(engine, preamble)
        if (self.folder / f"{key}.unusable").exists():
            return None
        fmt = self.folder / f"{key}.fmt"
        if fmt.is_file():
            os.utime(fmt)  # recently used: kept when older ones are pruned
            return key, fmt
        return key, None

    def start_dump(self, engine: str, tex: str, key: str, source_date: str | None) -> Dump:
        """Begin dumping the format in the background (it runs beside the first pass)."""
        preamble = fixed_preamble(tex)
        assert preamble is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        return Dump(engine, preamble, key, self.folder, source_date)

    def mark_unusable(self, key: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / f"{key}.unusable").touch()
        (self.folder / f"{key}.fmt").unlink(missing_ok=True)

    def prune(self) -> None:
        """Keep only the KEEP most recently used formats."""
        formats = sorted(
            self.folder.glob("*.fmt"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for old in formats[KEEP:]:
            old.unlink(missing_ok=True)


def options(fmt: Path) -> list[str]:
    """Engine options that load ``fmt`` (kpathsea adds the .fmt)."""
    return [f"-fmt={fmt.resolve().with_suffix('')}"]  # absolute: TeX runs in another folder


class Dump:
    """One format dump running in its own folder; ``finish`` waits and publishes it."""

    def __init__(
        self, engine: str, preamble: str, key: str, folder: Path, source_date: str | None
    ) -> None:
        self.key = key
        self.folder = folder
        self.engine = engine
        self.work = Path(tempfile.mkdtemp(prefix=".dump-", dir=folder))
        try:
            self.process = self._start(preamble, source_date)
        except BaseException:  # also a stop signal: the scratch folder goes with the dump
            shutil.rmtree(self.work, ignore_errors=True)
            raise

    def _start(self, preamble: str, source_date: str | None) -> subprocess.Popen[bytes]:
        (self.work / "preamble.tex").write_text(
            f"{preamble}{PRELOAD}\n{DUMP_END}\n", encoding="utf-8"
        )
        engine, key = self.engine, self.key
        command = [
            engine_path(engine),
            "-ini",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "-no-shell-escape",
            f"-jobname={key}",
            f"&{engine}",
            "mylatexformat.ltx",
            "preamble.tex",
        ]
        return spawn(command, self.work, source_date)

    def finish(self, timeout: float) -> Path | None:
        """The published format, or None when the dump failed (the build goes on without)."""
        try:
            wait_exit(self.process, max(timeout, 0.1))
            code = self.process.returncode
            made = self.work / f"{self.key}.fmt"
            if code != 0 or not made.is_file():
                if not files.low_on_space(self.work):  # a full disk is no fault of the format
                    (self.folder / f"{self.key}.unusable").touch()
                return None
            target = self.folder / f"{self.key}.fmt"
            os.replace(made, target)  # whole or not at all, even with builds side by side
            self.prune()
            return target
        except subprocess.TimeoutExpired:
            return None
        finally:
            self.cancel()

    def cancel(self) -> None:
        """Stop the dump if it still runs and remove its folder."""
        kill(self.process)
        shutil.rmtree(self.work, ignore_errors=True)

    def prune(self) -> None:
        Formats(self.folder).prune()
