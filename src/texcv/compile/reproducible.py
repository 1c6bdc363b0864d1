"""Byte-identical PDFs: the date every TeX run of a build uses, and the settings that pin it.

TeX writes the build time into the PDF (CreationDate, ModDate, the trailer ID of LuaTeX), so
two builds of the same commit differ unless every run uses the same date. That date is
SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/):

1. the value in the environment, when the person or CI set one;
2. else the time of the last commit of the git repository holding the CV file, so that two
   clones of one commit build the same bytes wherever and whenever they build;
3. else (no git, or a repository without commits) the CV file's modification time: the time
   its content was last changed, which a rebuild of the unchanged file repeats and which
   archives keep. A fixed date would also repeat, but would print a false creation date in
   every PDF built outside git. A CV read from standard input has no file: the build's time.

``FORCE_SOURCE_DATE=1`` makes TeX use that date for ``\\today`` too. The date alone is not enough:
LuaTeX writes it in local time (``TZ=Asia/Tokyo`` gave ``+09'00'`` and other bytes), so every
run gets ``TZ=UTC``, and a fixed locale so that nothing a locale changes (Lua's ``os.date``,
messages, collation) can reach the PDF. The LaTeX side (no trailer
ID, no PTEX entries that could hold a path) is latex_templates/reproducible.tex.
"""

from __future__ import annotations

import datetime
import os
import re
import time
from collections.abc import Mapping
from pathlib import Path

from texcv.errors import Code, InputError
from texcv.source.git import git_output

VARIABLE = "SOURCE_DATE_EPOCH"
MAX_EPOCH = 2**31 - 1  # LuaTeX's limit; pdfTeX and XeTeX go further


def source_date_epoch(source: Path, environ: Mapping[str, str] | None = None) -> str:
    """The date (seconds since 1970, as text) a build of ``source`` should carry.

    The pipeline asks once per build and hands the answer to every TeX run (tex_environment)
    and to the build's summary.
    """
    given = (os.environ if environ is None else environ).get(VARIABLE, "").strip()
    if given:
        return checked(given)
    return last_commit_time(source.parent) or file_time(source)


def file_time(source: Path) -> str:
    """The file's modification time; for standard input (no file), the time of the build."""
    try:
        return str(int(source.stat().st_mtime))
    except FileNotFoundError:
        return str(int(time.time()))


def checked(given: str) -> str:
    """``given`` when every engine honours it; else an InputError naming the variable.

    LuaTeX ignores a date past MAX_EPOCH (it writes the current time: the PDF is no longer
    reproducible) and a non-number stops every engine before its log: say so here instead.
    """
    hint = f"unset it to use the last git commit's time, or e.g. {VARIABLE}=1700000000"
    if not re.fullmatch(r"[0-9]+", given):
        raise InputError(
            f"{VARIABLE} must be a whole number of seconds since 1970, got '{given[:40]}'",
            hint=hint,
            code=Code.SOURCE_DATE,
        )
    if int(given) > MAX_EPOCH:
        raise InputError(
            f"{VARIABLE}={given[:40]} is too large: TeX engines take dates up to "
            f"{MAX_EPOCH} (2038-01-19 03:14:07 UTC)",
            hint=hint,
            code=Code.SOURCE_DATE,
        )
    return str(int(given))


def last_commit_time(folder: Path) -> str | None:
    """The committer time of HEAD in the repository holding ``folder``; None outside git."""
    value = git_output(folder, "log", "-1", "--format=%ct")
    return value if value is not None and value.isdigit() else None


# Set for every TeX run, whatever the person's shell has: the same bytes in any zone or language.
PINNED = {"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "LANGUAGE": ""}


def tex_environment(source_date: str | None) -> dict[str, str]:
    """Variables every TeX run gets so that its PDF depends on its input only.

    ``source_date``: the build's date (source_date_epoch); None leaves the environment's.
    """
    env = {"FORCE_SOURCE_DATE": "1", **PINNED}
    if source_date is not None:
        env[VARIABLE] = source_date
    return env


def build_date(source_date: str) -> datetime.date:
    """The calendar date (UTC) of a build's SOURCE_DATE_EPOCH: `present` for durations."""
    return datetime.datetime.fromtimestamp(int(source_date), tz=datetime.UTC).date()
