"""`texcv build --json`: one JSON object on stdout that scripts and CI can read.

    {"ok": true, "input": "cv.yaml", "pdf": "build/cv.pdf", "tex": ..., "log": ...,
     "engine": "pdflatex", "pages": 2, "passes": 1, "up_to_date": false,
     "source_date_epoch": "1700000000", "seconds": {"load": 0.01, ..., "total": 1.9}}

A failed build prints ``{"ok": false, "error": ..., "exit_code": ...}`` (and the usual message
on stderr). Paths are as given on the command line, not made absolute.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from texcv.errors import TexcvError

if TYPE_CHECKING:
    from texcv.app.request import BuildRequest
    from texcv.compile import BuildResult


def success(
    request: BuildRequest,
    result: BuildResult | None,
    seconds: Mapping[str, float],
    source_date: str,
) -> dict[str, Any]:
    """The summary of a build; ``result`` is None when the PDF was already up to date."""
    out_dir, stem = request.output, request.stem
    return {
        "ok": True,
        "input": str(request.input),
        "pdf": str(request.pdf),
        "tex": str(out_dir / f"{stem}.tex"),
        "log": str(out_dir / f"{stem}.log"),
        "engine": result.engine if result else None,
        "pages": result.pages if result else page_count(request.pdf),
        "passes": result.passes if result else 0,
        "up_to_date": result is None,
        "source_date_epoch": source_date,
        "seconds": {name: round(value, 3) for name, value in seconds.items()},
    }


def failure(error: TexcvError) -> dict[str, Any]:
    where = str(error.location) if error.location else None
    return {
        "ok": False,
        "error": error.message,
        "location": where,
        "hint": error.hint,
        "exit_code": error.exit_code,
    }


def dumps(summary: Mapping[str, Any]) -> str:
    return json.dumps(summary, ensure_ascii=False, sort_keys=False)


def page_count(pdf: Path) -> int | None:
    """Pages of a PDF by poppler's pdfinfo (installed with TeX); None when it cannot tell."""
    tool = shutil.which("pdfinfo")
    if tool is None or not pdf.is_file():
        return None
    try:
        out = subprocess.run(
            [tool, str(pdf)], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in out.splitlines():
        key, _, value = line.partition(":")
        if key == "Pages" and value.strip().isdigit():
            return int(value.strip())
    return None
