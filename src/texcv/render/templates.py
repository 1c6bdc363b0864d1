"""The fixed LaTeX pieces in latex_templates/, loaded by name.

They ship inside the wheel as texcv/latex_templates; in a source checkout they are read from
the repository's top-level latex_templates/.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # the texcv package
# The line that ends the fixed part of the preamble: the renderer writes it, the build
# precompiles everything above it into a format (mylatexformat stops dumping there).
DUMP_END = r"\csname endofdump\endcsname"
# The comment line before the LaTeX of each part of cv.yaml (``% texcv-source: sections[0]``):
# texcv.diagnose reads it; the early pass feeds TeX what comes before the first one.
SOURCE_MARK = "% texcv-source: "


@cache
def templates_dir() -> Path:
    for candidate in (_PACKAGE / "latex_templates", _PACKAGE.parents[1] / "latex_templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("texcv's latex_templates folder is missing from this install")


@cache
def template(name: str) -> str:
    """The text of ``latex_templates/<name>.tex``."""
    return (templates_dir() / f"{name}.tex").read_text(encoding="utf-8")
