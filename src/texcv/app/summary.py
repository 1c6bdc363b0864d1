"""The summary of a build, for `texcv build --format json` (its ``summary`` member):

    {"input": "cv.yaml", "pdf": "build/cv.pdf", "tex": ..., "log": ...,
     "engine": "pdflatex", "pages": 2, "passes": 1, "up_to_date": false,
     "source_date_epoch": "1700000000", "seconds": {"load": 0.01, ..., "total": 1.9}}

Its shape is texcv.app.diagnostics.Summary. Paths are as given on the command line, not made
absolute.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from texcv.app.pipeline import Reporter, build_once

if TYPE_CHECKING:
    from texcv.app.request import BuildRequest
    from texcv.compile import BuildResult


def built(request: BuildRequest, reporter: Reporter) -> dict[str, Any]:
    """Build, and return the summary of what was done."""
    started = time.perf_counter()
    outcome = build_once(request, reporter)
    seconds = {**reporter.seconds, "total": time.perf_counter() - started}
    return success(request, outcome.result, seconds, outcome.source_date)


def success(
    request: BuildRequest,
    result: BuildResult | None,
    seconds: Mapping[str, float],
    source_date: str,
) -> dict[str, Any]:
    """The summary of a build; ``result`` is None when the PDF was already up to date."""
    out_dir, stem = request.output, request.stem
    return {
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
