"""`metadata: {pdfa: true}`: PDF/A-2b from every engine, checked as far as we can here.

No PDF/A validator installs offline (veraPDF is a Java download; Ghostscript converts to
PDF/A but does not validate), so `pdfa_problems` checks with pypdf the requirements of
ISO 19005-2 level B that a TeX build can get wrong: the pdfaid identification in the XMP, an
OutputIntent with an embedded ICC profile, a trailer ID, every font embedded, no encryption,
JavaScript or launch actions, an unfiltered metadata stream, printable annotations, no CMYK
colour under the RGB intent, and the Info dictionary equal to the XMP. It cannot check what
needs a full parser of content streams and fonts (glyph widths, ToUnicode completeness), which
veraPDF would.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, run_texcv
from texcv.engines import ENGINES

CMYK = re.compile(rb"(?:^|\s)(?:[\d.]+\s+){4}[kK](?:\s|$)")


def pdfa_problems(pdf: Path) -> list[str]:
    """What keeps ``pdf`` from PDF/A-2b, among the requirements this test can read."""
    found = []
    reader = PdfReader(pdf)
    version = pdf.read_bytes()[5:8].decode()
    if version > "1.7":
        found.append(f"PDF {version} (PDF/A-2 is based on 1.7)")
    if reader.is_encrypted:
        found.append("encrypted")
    if "/ID" not in reader.trailer:
        found.append("no trailer ID")
    root = reader.trailer["/Root"]
    found += _identification(reader, root)
    found += _output_intent(root)
    names = root.get("/Names", {})
    if "/JavaScript" in names or "/EmbeddedFiles" in names:
        found.append("JavaScript or embedded files")
    for number, page in enumerate(reader.pages, 1):
        found += [f"page {number}: {problem}" for problem in _page(page)]
    return found


def _identification(reader: PdfReader, root: dict) -> list[str]:
    xmp = reader.xmp_metadata
    if xmp is None:
        return ["no XMP metadata"]
    found = []
    packet = xmp.stream.get_data().decode("utf-8")
    for key, value in (("part", "2"), ("conformance", "B")):
        if not re.search(rf"pdfaid:{key}(?:>|=\"){value}", packet):
            found.append(f"XMP lacks pdfaid:{key} {value}")
    if "/Filter" in root["/Metadata"].get_object():
        found.append("the metadata stream is compressed")
    info = reader.metadata
    if info is None or info.title not in xmp.dc_title.values():
        found.append("the Info title is not the XMP title")
    return found


def _output_intent(root: dict) -> list[str]:
    intents = root.get("/OutputIntents")
    if not intents:
        return ["no OutputIntent"]
    intent = intents[0].get_object()
    profile = intent["/DestOutputProfile"].get_object()
    found = []
    if intent.get("/S") != "/GTS_PDFA1":
        found.append("the OutputIntent is not /GTS_PDFA1")
    if profile.get("/N") != 3 or profile.get_data()[36:40] != b"acsp":
        found.append("the OutputIntent holds no RGB ICC profile")
    return found


def _page(page: dict) -> list[str]:
    found = []
    for name, font in page.get("/Resources", {}).get("/Font", {}).items():
        font = font.get_object()
        if font.get("/Subtype") == "/Type3":
            continue  # drawn by the PDF itself
        descriptors = [font.get("/FontDescriptor")] + [
            child.get_object().get("/FontDescriptor") for child in font.get("/DescendantFonts", [])
        ]
        descriptors = [d.get_object() for d in descriptors if d is not None]
        if not descriptors or not all(
            any(key in d for key in ("/FontFile", "/FontFile2", "/FontFile3")) for d in descriptors
        ):
            found.append(f"font {font.get('/BaseFont', name)} is not embedded")
    for annotation in page.get("/Annots", []) or []:
        annotation = annotation.get_object()
        if int(annotation.get("/F", 0)) & 4 == 0:
            found.append("an annotation is not printable (/F 4)")
        if annotation.get("/A", {}).get("/S") in ("/Launch", "/JavaScript"):
            found.append("a launch or JavaScript action")
    contents = page.get_contents()
    if contents is not None and CMYK.search(contents.get_data()):
        found.append("CMYK colour under an RGB OutputIntent")
    return found


@pytest.fixture(scope="module")
def pdfa_cv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The publishing fixture (links, special characters) with pdfa: true."""
    folder = tmp_path_factory.mktemp("pdfa")
    text = (FIXTURES / "publish_cv.yaml").read_text(encoding="utf-8")
    assert "\nmetadata:\n" in text
    (folder / "cv.yaml").write_text(
        text.replace("\nmetadata:\n", "\nmetadata:\n  pdfa: true\n"), encoding="utf-8"
    )
    return folder


@pytest.mark.tex
@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_makes_pdfa_2b(
    require_tex: None, pdfa_cv: Path, tmp_path: Path, engine: str
) -> None:
    out = tmp_path / "out"
    done = run_texcv("build", str(pdfa_cv / "cv.yaml"), "-o", str(out), "--engine", engine, "-q")
    assert done.returncode == 0, done.stderr
    assert pdfa_problems(out / "cv.pdf") == []

    again = tmp_path / "again"  # still reproducible: the ID follows the date, not chance
    done = run_texcv("build", str(pdfa_cv / "cv.yaml"), "-o", str(again), "--engine", engine, "-q")
    assert done.returncode == 0, done.stderr
    assert (again / "cv.pdf").read_bytes() == (out / "cv.pdf").read_bytes()


@pytest.mark.tex
def test_the_checks_catch_an_ordinary_pdf(require_tex: None, tmp_path: Path) -> None:
    shutil.copyfile(FIXTURES / "small_cv.yaml", tmp_path / "cv.yaml")
    assert run_texcv("build", "cv.yaml", "-o", "out", "-q", cwd=tmp_path).returncode == 0
    found = pdfa_problems(tmp_path / "out" / "cv.pdf")
    assert "no trailer ID" in found and "no OutputIntent" in found
    assert "XMP lacks pdfaid:part 2" in found
