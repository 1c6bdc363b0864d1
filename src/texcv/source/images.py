"""Is a file the image its name says, one that TeX can include? Checked before TeX sees it.

pdfTeX picks its reader by the file's extension and, given something else (a text file named
photo.png, a truncated PNG, a PDF with no page), stops with a libpng or PDF error deep in its
log, reported as "wrote no PDF". Here the same file gets a reason instead: Pillow reads a PNG's
or JPEG's header (the format, the size; for a PNG the checksum of every chunk) and pypdf a
PDF's pages (exactly one, with a size; not encrypted, which pdfTeX cannot include).
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

# What each extension must hold: pdfTeX reads the file as the extension says.
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".pdf": "PDF"}

logging.getLogger("pypdf").addHandler(logging.NullHandler())  # its warnings are not ours


def image_problem(path: Path) -> str | None:
    """Why ``path`` is not an image TeX can include (its extension names the format), or None."""
    expected = FORMATS.get(path.suffix.lower())
    if expected is None:
        return f"has the extension '{path.suffix}'; use {', '.join(FORMATS)}"
    if not path.is_file():
        return "is not a file"
    with path.open("rb") as stream:
        start = stream.read(8)
    if expected == "PDF":
        return _pdf_problem(path) if start.startswith(b"%PDF-") else _not(expected, start)
    return _bitmap_problem(path, expected)


def _not(expected: str, start: bytes) -> str:
    kind = _sniff(start)
    found = f"it holds {kind}" if kind else "its first bytes are not one's"
    return f"is not a {expected} file ({found})"


def _sniff(start: bytes) -> str | None:
    if start.startswith(b"\x89PNG\r\n\x1a\n"):
        return "a PNG image"
    if start.startswith(b"\xff\xd8\xff"):
        return "a JPEG image"
    if start.startswith(b"%PDF-"):
        return "a PDF"
    if start.startswith((b"GIF87a", b"GIF89a")):
        return "a GIF image"
    if start and all(32 <= byte < 127 or byte in b"\t\r\n" for byte in start):
        return "text"
    return None


def _bitmap_problem(path: Path, expected: str) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                found, (width, height) = image.format, image.size
                if found != expected:
                    with path.open("rb") as stream:
                        return _not(expected, stream.read(8))
                image.verify()  # a PNG's chunk checksums, up to its end
    except UnidentifiedImageError:
        with path.open("rb") as stream:
            return _not(expected, stream.read(8))
    except Image.DecompressionBombError:
        return "is too large an image (more than 178 million pixels)"
    except (OSError, SyntaxError, ValueError) as error:  # Pillow's ways of saying "broken"
        return f"is a damaged {expected} file ({error})"
    if width < 1 or height < 1:
        return f"has no size ({width} x {height} pixels)"
    return None


def _pdf_problem(path: Path) -> str | None:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return "is an encrypted PDF, which TeX cannot include"
        pages = len(reader.pages)
        if pages != 1:
            return f"is a PDF of {pages} pages; a photo is one page"
        box = reader.pages[0].mediabox
        width, height = float(box.width), float(box.height)
    except Exception as error:  # any parser failure on a hostile file is the file's fault
        return f"is a damaged PDF ({type(error).__name__}: {str(error)[:80]})"
    if width <= 0 or height <= 0:
        return "is a PDF whose page has no size"
    return None
