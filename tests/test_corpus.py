"""Real CVs written by other people (tests/corpus/*/, each with its SOURCE), translated into
cv.yaml: each builds, and every text string of the original is in the PDF's text, every URL
among its links. The strings come from the original files themselves (tests/corpus_strings.py):
the CV, and the works of its .bib that the CV prints."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader
from tests.conftest import run_texcv
from tests.corpus_strings import (
    bibtex,
    cited_keys,
    json_resume,
    moderncv,
    moderncv_letter,
    rendercv,
)

CORPUS = Path(__file__).resolve().parent / "corpus"
FOLDERS = sorted(folder.name for folder in CORPUS.iterdir() if (folder / "cv.yaml").exists())
# Letters that come with a corpus CV (letters/NAME.yaml beside its cv.yaml).
LETTERS = [
    (name, letter.stem)
    for name in FOLDERS
    for letter in sorted((CORPUS / name / "letters").glob("*.yaml"))
]


def original_strings(folder: Path) -> tuple[list[str], list[str]]:
    texts: list[str] = []
    urls: list[str] = []
    cited: set[str] | None = set()  # the works the .tex prints from its .bib (None: all)
    for path in sorted(folder.iterdir()):
        if path.suffix == ".json":
            found = json_resume(path)
        elif path.suffix == ".yaml" and path.name != "cv.yaml":
            found = rendercv(path)
        elif path.suffix == ".tex":
            found = moderncv(path)
            keys = cited_keys(path)
            cited = None if keys is None or cited is None else cited | keys
        else:
            continue
        texts += found[0]
        urls += found[1]
    for path in sorted(folder.glob("*.bib")):
        found = bibtex(path, cited)
        texts += found[0]
        urls += found[1]
    return texts, urls


def raw_text(pdf: Path) -> str:
    """The PDF's text in the order it was written (``-raw``): a column's lines stay together
    instead of interleaving with the column beside it."""
    command = ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def squeezed(text: str) -> str:
    """Without whitespace and case: line ends, breaks inside long words and typography (small
    capitals, a style's sentence case) do not matter."""
    return re.sub(r"\s+", "", text).casefold()


def bare(url: str) -> str:
    return re.sub(r"^(https?://)?(www\.)?", "", url.strip()).rstrip("/").lower()


def pdf_links(pdf: Path) -> set[str]:
    links = set()
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or ():
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                links.add(bare(str(action["/URI"])))
    return links


def test_corpus_cvs_name_their_source() -> None:
    assert len(FOLDERS) >= 5
    for name in FOLDERS:
        source = (CORPUS / name / "SOURCE").read_text(encoding="utf-8")
        assert re.search(r"^commit: [0-9a-f]{40}$", source, re.M), name
        assert re.search(r"^repository: https://github.com/\S+$", source, re.M), name


@pytest.mark.tex
@pytest.mark.parametrize("name", FOLDERS)
def test_every_string_of_the_original_is_in_the_pdf(
    name: str, require_tex: None, tmp_path: Path
) -> None:
    folder = CORPUS / name
    done = run_texcv("build", str(folder / "cv.yaml"), "-o", str(tmp_path), "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = tmp_path / "cv.pdf"
    text = squeezed(raw_text(pdf))
    texts, urls = original_strings(folder)
    assert len(texts) > 20
    missing = [t for t in texts if squeezed(t) not in text]
    assert missing == []
    links = pdf_links(pdf)
    assert [u for u in urls if bare(u) not in links] == []


@pytest.mark.tex
@pytest.mark.parametrize(("name", "letter"), LETTERS)
def test_every_string_of_the_original_letter_is_in_its_pdf(
    name: str, letter: str, require_tex: None, tmp_path: Path
) -> None:
    folder = CORPUS / name
    cv = str(folder / "cv.yaml")
    done = run_texcv("letter", letter, "--cv", cv, "-o", str(tmp_path), "-q")
    assert done.returncode == 0, done.stdout + done.stderr
    text = squeezed(raw_text(tmp_path / f"letter-{letter}.pdf"))
    texts = [t for path in sorted(folder.glob("*.tex")) for t in moderncv_letter(path)]
    assert len(texts) > 5
    assert [t for t in texts if squeezed(t) not in text] == []


def test_the_check_can_fail() -> None:
    """A string the PDF lacks is reported: the comparison is not vacuous."""
    texts, _ = original_strings(CORPUS / FOLDERS[0])
    assert squeezed(texts[0] + "XYZZY") not in squeezed(" ".join(texts))
