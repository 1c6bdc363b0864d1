"""Read a TeX log: the first real error, characters the fonts lack, whether to run again.

What TeX says, in TeX's terms (a line of the .tex); texcv.diagnose maps it to cv.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ERROR = re.compile(r"^! (?P<message>.*)$", re.MULTILINE)
_LINE = re.compile(r"^l\.(?P<line>\d+)", re.MULTILINE)
_FILE_ERROR = re.compile(r"^! LaTeX Error: File `(?P<file>[^']+)' not found", re.MULTILINE)
_MISSING_CHAR = re.compile(
    r"Missing character: There is no (?P<char>.+?) (?:\(U\+(?P<code>[0-9A-Fa-f]+)\) )?in font (?P<font>[^!]+)!"
)
_OUTPUT = re.compile(r"Output written on .*?\((?P<pages>\d+) pages?, ")
# pdfTeX's words when a write fails (a full disk, mostly).
_WRITE_FAILED = re.compile(r"fwrite\(\) failed|I can't write on file|No space left on device")
_RERUN = re.compile(r"Rerun to get|Label\(s\) may have changed|There were undefined references")


@dataclass(frozen=True)
class TexError:
    message: str
    line: int | None  # line of the .tex where TeX stopped


def first_error(log: str) -> TexError | None:
    match = _ERROR.search(log)
    if not match:
        return None
    message = match.group("message").strip()
    following = log[match.end() : match.end() + 3000]
    line_match = _LINE.search(following)
    # A few lines of help text follow "! ..."; keep the first that says more.
    detail = following.strip().splitlines()[0].strip() if following.strip() else ""
    if detail and not detail.startswith(("l.", "See the", "Type  H")) and len(message) < 80:
        message = f"{message} {detail}".strip()
    return TexError(
        message=message.rstrip("."),
        line=int(line_match.group("line")) if line_match else None,
    )


def missing_file(log: str) -> str | None:
    match = _FILE_ERROR.search(log)
    return match.group("file") if match else None


def missing_characters(log: str) -> list[tuple[str, str]]:
    """(character, font) for each glyph the fonts lacked, in order, without repeats."""
    found: dict[str, str] = {}
    for match in _MISSING_CHAR.finditer(log):
        char = chr(int(match.group("code"), 16)) if match.group("code") else match.group("char")
        found.setdefault(char, match.group("font").strip())
    return list(found.items())


def needs_rerun(log: str) -> bool:
    return bool(_RERUN.search(log))


def page_count(log: str) -> int | None:
    match = _OUTPUT.search(log)
    return int(match.group("pages")) if match else None


def write_failed(log: str) -> bool:
    """TeX could not write a file (its PDF, .aux or .log)."""
    return bool(_WRITE_FAILED.search(log))
