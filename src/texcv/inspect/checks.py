"""What is wrong in a PDF that compiled without error: text a reader cannot see or read, and
links that do not lead where they should. Each finding names the text or the link; mapping
it back to cv.yaml is texcv.diagnose's job.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

from texcv.inspect.pdf import Box, Contents, Page, Run

TOLERANCE = 1.5  # pt: poppler rounds boxes to whole points
MARGIN_TOLERANCE = 3.0  # pt into the right margin that nobody notices (and rounding)
OVERLAP = 0.5  # share of the lower run's height another run covers before it is "printed over"
OVERLAP_WIDTH = 3.0  # pt two runs must share across, beyond poppler's rounding

Problem = Literal["off_page", "margin", "overlap"]


@dataclass(frozen=True)
class Misplaced:
    """A run of text a reader cannot see whole: ``where`` says why, in words."""

    problem: Problem
    run: Run
    where: str
    other: Run | None = None  # the run it is printed over


@dataclass(frozen=True)
class LinkProblem:
    """A link that does not lead where it should.

    ``expected`` is the target texcv meant (None: a link nobody asked for); ``found`` what the
    PDF holds instead (None: no such link at all); ``key`` the caller's name for ``expected``.
    """

    expected: str | None
    found: str | None
    key: Hashable | None = None


def misplaced_text(contents: Contents, right_margin: float) -> list[Misplaced]:
    """Lines outside the page or running into the right margin, and runs printed over
    another run. The runs of one line count as one: the line is what overflows."""
    pages = {page.number: page for page in contents.pages}
    found = []
    for run in _lines(contents.runs):
        page = pages.get(run.page)
        if page is None:
            continue
        outside = _outside(run, page)
        if outside:
            found.append(Misplaced("off_page", run, outside))
        elif run.box.x1 > page.width - right_margin + MARGIN_TOLERANCE:
            into = run.box.x1 - (page.width - right_margin)
            found.append(
                Misplaced(
                    "margin", run, f"runs {into:.0f} pt into the right margin of page {page.number}"
                )
            )
    found.extend(_overlapping(contents.runs))
    return found


def _lines(runs: Sequence[Run]) -> list[Run]:
    """Runs merged into lines: same page, same baseline (within rounding), left to right."""
    lines: list[list[Run]] = []
    for run in sorted(runs, key=lambda r: (r.page, r.box.y1, r.box.x0)):
        last = lines[-1][-1] if lines else None
        if last is not None and last.page == run.page and abs(last.box.y1 - run.box.y1) < 2:
            lines[-1].append(run)
        else:
            lines.append([run])
    merged = []
    for line in lines:
        line.sort(key=lambda r: r.box.x0)
        box = Box(
            min(r.box.x0 for r in line),
            min(r.box.y0 for r in line),
            max(r.box.x1 for r in line),
            max(r.box.y1 for r in line),
        )
        merged.append(Run(line[0].page, " ".join(r.text for r in line), box))
    return merged


def _outside(run: Run, page: Page) -> str | None:
    box, number = run.box, page.number
    if box.y0 > page.height - TOLERANCE:
        return f"is below the bottom edge of page {number}"
    if box.y1 < TOLERANCE:
        return f"is above the top edge of page {number}"
    if box.y1 > page.height + TOLERANCE:
        return f"runs over the bottom edge of page {number}"
    if box.x1 > page.width + TOLERANCE:
        return f"runs {box.x1 - page.width:.0f} pt past the right edge of page {number}"
    if box.x0 < -TOLERANCE:
        return f"runs {-box.x0:.0f} pt past the left edge of page {number}"
    return None


def _overlapping(runs: Sequence[Run]) -> list[Misplaced]:
    """Pairs of runs whose boxes cover each other (a sweep down each page)."""
    found = []
    ordered = sorted(runs, key=lambda run: (run.page, run.box.y0))
    for index, run in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if other.page != run.page or other.box.y0 >= run.box.y1:
                break
            if _covers(run, other):
                first, second = sorted((run, other), key=lambda r: (r.box.y0, r.box.x0))
                found.append(
                    Misplaced(
                        "overlap", second, f"is printed over other text on page {run.page}", first
                    )
                )
    return found


def _covers(one: Run, other: Run) -> bool:
    """Two runs of words (not a lone comma or icon) that share a real part of their boxes."""
    if min(_letters(one.text), _letters(other.text)) < 2:
        return False
    a, b = one.box, other.box
    across = min(a.x1, b.x1) - max(a.x0, b.x0)
    down = min(a.y1, b.y1) - max(a.y0, b.y0)
    height = min(a.y1 - a.y0, b.y1 - b.y0)
    return across > OVERLAP_WIDTH and height > 0 and down > OVERLAP * height


def _letters(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def wrong_links(contents: Contents, expected: Sequence[tuple[Hashable, str]]) -> list[LinkProblem]:
    """Each expected target missing from the PDF (with the stray target most like it, the
    likely corruption of it), then each target in the PDF that nobody expected."""
    present = {target for _, target in contents.links}
    wanted = {target for _, target in expected}
    strays = sorted(present - wanted)
    problems = []
    for key, target in expected:
        if target in present:
            continue
        close = difflib.get_close_matches(target, strays, n=1, cutoff=0.5)
        if close:
            strays.remove(close[0])
        problems.append(LinkProblem(target, close[0] if close else None, key))
    problems.extend(LinkProblem(None, stray) for stray in strays)
    return problems
