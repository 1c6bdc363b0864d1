"""Every header field moderncv knows, compiled: text layer clean, links right."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, pdf_text, run_texcv

pytestmark = pytest.mark.tex


@pytest.fixture(scope="module")
def header_pdf(require_tex: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("header")
    result = run_texcv("build", str(FIXTURES / "full_header.yaml"), "-o", str(out), "-q")
    assert result.returncode == 0, result.stderr
    return out / "full_header.pdf"


def test_contact_details_are_in_the_text_layer_without_icon_names(header_pdf: Path) -> None:
    lines = [line.strip() for line in pdf_text(header_pdf).splitlines() if line.strip()]
    for expected in (
        'Analyst & "Enchantress" of 100% numbers',
        "12 St James's Square",
        "1815",
        "+44 20 7946 0000",
        "ada_l@example.org",
        "example.org/~ada_l#top",
        "0000-0002-1825-0097",
        "Citizenship: British",
    ):
        assert expected in lines, expected  # a whole line: no icon glyph name glued to it


def test_header_links_point_where_they_should(header_pdf: Path) -> None:
    uris = {
        annotation.get_object()["/A"]["/URI"]
        for annotation in PdfReader(header_pdf).pages[0].get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert {
        "mailto:ada_l@example.org",
        "https://example.org/~ada_l#top",
        "https://orcid.org/0000-0002-1825-0097",
        "https://github.com/ada_l",
        "https://scholar.google.com/citations?user=abc_D&hl=en",
    } <= uris
