"""Read a PDF back as a reader meets it: its pages, where each run of text lies, every link.

Two poppler tools, both already needed for previews: ``pdftohtml -xml`` gives each run of
text with its box in points and the link it belongs to, and, unlike ``pdftotext``, keeps
text that lies outside the page (a footer run off the paper is exactly what must be found);
``pdfinfo -url`` lists the target of every link annotation, text under it or not. Nothing
here knows about CVs: the caller decides what counts as wrong.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path

from texcv.errors import ToolMissingError

TIMEOUT = 60.0
TOOLS = ("pdftohtml", "pdfinfo")


@dataclass(frozen=True)
class Box:
    """A rectangle in points from the page's top-left corner (y grows downwards)."""

    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Run:
    """Text set in one go on one line (poppler's <text>), and the link it is part of."""

    page: int  # from 1
    text: str
    box: Box
    link: str | None = None


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float


@dataclass(frozen=True)
class Contents:
    pages: tuple[Page, ...]
    runs: tuple[Run, ...]
    links: tuple[tuple[int, str], ...]  # (page, target) of every link annotation


def read_pdf(pdf: Path) -> Contents:
    """The PDF's pages, runs of text and links; ToolMissingError without poppler-utils."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise ToolMissingError(
            f"{' and '.join(missing)} not found: the PDF cannot be read back to be checked",
            hint="install poppler-utils (sudo apt-get install poppler-utils); `texcv doctor` "
            "prints this system's command",
        )
    # Both tools at once: each takes a few tens of ms, on every build.
    links = subprocess.Popen(
        ["pdfinfo", "-url", str(pdf)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    try:
        layout = _run(["pdftohtml", "-xml", "-stdout", "-i", "-q", "-zoom", "1", str(pdf)])
        listing, _ = links.communicate(timeout=TIMEOUT)
    finally:
        if links.poll() is None:
            links.kill()
            links.wait()
    pages, runs = _parse_layout(layout)
    return Contents(pages, runs, _parse_links(listing))


def _run(command: list[str]) -> bytes:
    return subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False).stdout


def _parse_layout(layout: bytes) -> tuple[tuple[Page, ...], tuple[Run, ...]]:
    if not layout.strip():
        return (), ()
    root = ElementTree.fromstring(layout)
    pages = []
    runs = []
    for page in root.iter("page"):
        number = int(page.get("number", len(pages) + 1))
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0))))
        for text in page.iter("text"):
            left, top = float(text.get("left", 0)), float(text.get("top", 0))
            box = Box(
                left, top, left + float(text.get("width", 0)), top + float(text.get("height", 0))
            )
            anchor = text.find(".//a")
            link = anchor.get("href") if anchor is not None else None
            words = "".join(text.itertext())
            if words.strip():
                runs.append(Run(number, words, box, link))
    return tuple(pages), tuple(runs)


def _parse_links(listing: bytes) -> tuple[tuple[int, str], ...]:
    """``pdfinfo -url``: a header, then ``PAGE  TYPE  URL`` per line (URL may hold spaces)."""
    links = []
    for line in listing.decode("utf-8", errors="replace").splitlines()[1:]:
        parts = line.split(None, 2)
        if len(parts) == 3 and parts[0].isdigit() and parts[1] == "Annotation":
            links.append((int(parts[0]), parts[2]))
    return tuple(links)
