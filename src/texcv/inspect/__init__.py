"""After the build: read the PDF back and find what went wrong without an error.

Between compile and diagnose: it knows PDFs and poppler's tools, nothing about cv.yaml. It
reports text outside the page, in the right margin or printed over other text, and links
whose target is not the one the renderer meant; texcv.diagnose names the cv.yaml field.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path

from texcv.inspect.checks import LinkProblem, Misplaced, misplaced_text, wrong_links
from texcv.inspect.pdf import Contents, Run, read_pdf


@dataclass(frozen=True)
class Findings:
    misplaced: tuple[Misplaced, ...]
    links: tuple[LinkProblem, ...]
    contents: Contents


def inspect_pdf(pdf: Path, links: Sequence[tuple[Hashable, str]], right_margin: float) -> Findings:
    """What is wrong in ``pdf``: ``links`` are (key, target) pairs that must all be there;
    ``right_margin`` is the width in points text should keep clear of at the right."""
    contents = read_pdf(pdf)
    return Findings(
        tuple(misplaced_text(contents, right_margin)),
        tuple(wrong_links(contents, links)),
        contents,
    )


__all__ = ["Contents", "Findings", "LinkProblem", "Misplaced", "Run", "inspect_pdf"]
