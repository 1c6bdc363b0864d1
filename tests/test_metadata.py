"""PDF document properties and links: what viewers, search engines and ATS read from the PDF."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, pdf_info, run_texcv
from texcv.engines import ENGINES
from texcv.render.locale import ENGLISH
from texcv.render.metadata import properties
from texcv.schema import CV
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml


def fixture_cv(name: str = "publish_cv.yaml") -> CV:
    path = FIXTURES / name
    return validate(load_yaml(path, str(path)))


# --- defaults and choices (no TeX) ---


def test_defaults_come_from_the_header() -> None:
    cv = CV.model_validate(
        {
            "header": {"first_name": "Ada", "last_name": "Lovelace", "title": "**Analyst**"},
            "sections": [{"title": "Work *notes*", "entries": []}],
        }
    )
    assert properties(cv, ENGLISH) == {
        "title": "Ada Lovelace – Analyst",
        "author": "Ada Lovelace",
        "subject": "Curriculum vitae of Ada Lovelace",
        "keywords": "Ada Lovelace, Work notes",
        "lang": "en",
    }


def test_without_a_header_title_the_title_is_the_name() -> None:
    cv = CV.model_validate({"header": {"first_name": "Ada", "last_name": "L"}, "sections": []})
    french = dataclasses.replace(ENGLISH, language="fr", subject="Curriculum vitæ de {name}")
    assert properties(cv, french)["title"] == "Ada L"
    assert properties(cv, french)["subject"] == "Curriculum vitæ de Ada L"
    assert properties(cv, french)["lang"] == "fr"


def test_metadata_fields_override_the_defaults() -> None:
    chosen = properties(fixture_cv(), ENGLISH)
    assert chosen["title"] == "100% #1 ~CV~ of José & co -- draft"
    assert chosen["subject"] == "Résumé: R&D_2024 {draft} $5"
    assert chosen["keywords"] == "optimisation, C#, 50%, été"
    assert chosen["author"] == "José Núñez de Balboa"


def test_an_unknown_metadata_key_is_an_error() -> None:
    with pytest.raises(Exception, match="extra"):
        CV.model_validate(
            {
                "header": {"first_name": "A", "last_name": "B"},
                "metadata": {"autor": "x"},
                "sections": [],
            }
        )


# --- in the compiled PDF ---


def build_fixture(out: Path, *options: str) -> Path:
    result = run_texcv("build", str(FIXTURES / "publish_cv.yaml"), "-o", str(out), "-q", *options)
    assert result.returncode == 0, result.stderr
    return out / "publish_cv.pdf"


@pytest.fixture(scope="module")
def built(require_tex: None, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_fixture(tmp_path_factory.mktemp("metadata"))


@pytest.mark.tex
def test_the_pdf_carries_exactly_these_properties(built: Path) -> None:
    info = pdf_info(built)
    assert info["Title"] == "100% #1 ~CV~ of José & co -- draft"
    assert info["Author"] == "José Núñez de Balboa"
    assert info["Subject"] == "Résumé: R&D_2024 {draft} $5"
    assert info["Keywords"] == "optimisation, C#, 50%, été"
    reader = PdfReader(built)
    assert reader.metadata is not None
    # pypdf agrees with poppler
    assert reader.metadata.title == "100% #1 ~CV~ of José & co -- draft"
    assert reader.trailer["/Root"]["/Lang"] == "en"


@pytest.mark.tex
@pytest.mark.parametrize("engine", ENGINES)
def test_the_xmp_metadata_says_what_the_info_dictionary_says(
    require_tex: None, tmp_path: Path, engine: str
) -> None:
    """hyperxmp (latex_templates/xmp.tex) writes the same properties as XMP, in every engine."""
    pdf = build_fixture(tmp_path, "--engine", engine)
    reader = PdfReader(pdf)
    info, xmp = reader.metadata, reader.xmp_metadata
    assert info is not None and xmp is not None
    assert info.title == xmp.dc_title["en"] == "100% #1 ~CV~ of José & co -- draft"
    assert info.author == "José Núñez de Balboa" and xmp.dc_creator == [info.author]
    assert info.subject == xmp.dc_description["en"] == "Résumé: R&D_2024 {draft} $5"
    assert info["/Keywords"] == xmp.pdf_keywords == "optimisation, C#, 50%, été"
    assert xmp.dc_subject == ["optimisation", "C#", "50%", "été"]
    assert xmp.dc_language == [reader.trailer["/Root"]["/Lang"]] == ["en"]
    assert xmp.xmp_metadata_date is not None


def link_targets(pdf: Path) -> list[tuple[str, list[float]]]:
    reader = PdfReader(pdf)
    found = []
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if annotation["/Subtype"] == "/Link" and action and "/URI" in action:
                found.append((str(action["/URI"]), [float(x) for x in annotation["/Rect"]]))
    return found


def text_in(pdf: Path, rect: list[float]) -> str:
    """What pdftotext reads inside a rectangle of page 1 (PDF points, origin bottom left)."""
    height = float(PdfReader(pdf).pages[0].mediabox.height)
    x0, y0, x1, y1 = rect
    command = ["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "1", "-x", str(int(x0)),
               "-y", str(int(height - y1)), "-W", str(int(x1 - x0) + 1), "-H",
               str(int(y1 - y0) + 1), str(pdf), "-"]  # fmt: skip
    return " ".join(subprocess.run(command, capture_output=True, text=True).stdout.split())


@pytest.mark.tex
def test_links_are_clickable_and_show_their_text(built: Path) -> None:
    links = dict(link_targets(built))
    expected = {
        "https://example.org/lab_1?a=1&b=2": "Examples",
        "https://example.org/projects/x": "project page",
        "https://example.org/~jose": "example.org/~jose",
    }
    for url, label in expected.items():
        assert url in links, f"no link to {url}; links: {sorted(links)}"
        assert label in text_in(built, links[url]), f"the text of {url} is not visible"
