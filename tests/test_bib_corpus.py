"""Real .bib files from public repositories (tests/bib_corpus/*/, unedited, each with its SOURCE)
make CVs: nothing is rejected, every title is in the PDF, every warning is at FILE:LINE and
names its entry, and the owner, where the file has one, is bold in each of their works.

Each corpus file is built once per test session (shared across xdist workers, like the
repo's CV in conftest.py); the assertions read that one PDF.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock
from pybtex.database import Person
from pypdf import PdfReader

from conftest import pdf_text, run_texcv
from texcv.source.bibtex_reader import parse_bib

CORPUS = Path(__file__).resolve().parent / "bib_corpus"
# The person whose CV each file could be (their names as the CV would list them); None for a
# paper's references.
OWNERS: dict[str, list[str] | None] = {
    "cv-aessedai": ["Elsabe Ros"],
    "cv-amueller": ["Andreas Müller"],
    "cv-artpoon": ["Art F. Y. Poon"],
    "cv-btskinner": ["First M. Last"],
    "cv-malloc47": ["Jarrell Waggoner"],
    "cv-michaelpj": ["Michael Peyton Jones", "Peyton Jones, Michael"],
    "cv-pes10k": ["Peter Snyder"],
    "moderncv-current": None,
    "moderncv-example": ["John Doe"],
    "paper-spectral-qma": None,
    "thesis-fokkema": ["David Fokkema"],
}
WARNING = re.compile(r"^(?P<file>[^:\s]+\.bib):(?P<line>\d+): warning: (?P<message>.*)$")


@dataclass(frozen=True)
class Built:
    bib: Path
    text: str  # the PDF's text, whitespace removed and NFKC-normalised
    bold: list[str]  # runs of bold text, in reading order
    warnings: list[str]  # the build's `FILE:LINE: warning:` lines
    stderr: str


def corpus_names() -> list[str]:
    return sorted(folder.name for folder in CORPUS.iterdir() if folder.is_dir())


def squash(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def the_bib(name: str) -> Path:
    (bib,) = (CORPUS / name).glob("*.bib")
    return bib


@pytest.fixture(scope="module", params=corpus_names())
def built(
    request: pytest.FixtureRequest, require_tex: None, tmp_path_factory: pytest.TempPathFactory
) -> Built:
    name: str = request.param
    bib = the_bib(name)
    shared = tmp_path_factory.getbasetemp().parent / f"texcv-bib-corpus-{name}"
    with FileLock(str(shared) + ".lock"):
        summary = shared / "summary.json"
        if not summary.exists():
            shared.mkdir(exist_ok=True)
            shutil.copyfile(bib, shared / bib.name)
            owner = OWNERS[name]
            first, last = owner[0].rsplit(" ", 1) if owner else ("Corpus", "Test")
            (shared / "cv.yaml").write_text(
                json.dumps(
                    {
                        "header": {"first_name": first, "last_name": last},
                        "owner": {"names": owner or []},
                        "sections": [
                            {"title": "Publications", "kind": "publication", "bibtex": bib.name}
                        ],
                    }
                ),
                encoding="utf-8",
            )
            result = run_texcv("build", "cv.yaml", "-o", "out", cwd=shared, timeout=600)
            assert result.returncode == 0, result.stderr
            pdf = shared / "out" / "cv.pdf"
            summary.write_text(
                json.dumps(
                    {
                        "text": squash(pdf_text(pdf, raw=True)),
                        "bold": bold_runs(pdf),
                        "stderr": result.stderr,
                    }
                )
            )
        data = json.loads(summary.read_text())
    warnings = [line for line in data["stderr"].splitlines() if ": warning: " in line]
    return Built(bib, data["text"], data["bold"], warnings, data["stderr"])


def bold_runs(pdf: Path) -> list[str]:
    """Lines of text set in a bold font: one item per bold stretch of a line."""
    runs: list[str] = []
    previous_bold = False

    def visit(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        nonlocal previous_bold
        bold = bool(font) and "Bold" in str(font.get("/BaseFont", ""))
        if bold and previous_bold:
            runs[-1] += text
        elif bold:
            runs.append(text)
        if text.strip():
            previous_bold = bold

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return [line.strip() for run in runs for line in run.splitlines() if line.strip()]


def test_the_corpus_has_ten_real_files_or_more_each_with_its_source() -> None:
    names = corpus_names()
    assert len(names) >= 10
    for name in names:
        source = (CORPUS / name / "SOURCE").read_text()
        assert re.search(r"^repository: https://github\.com/\S+/\S+$", source, re.MULTILINE)
        assert re.search(r"^commit: [0-9a-f]{40}$", source, re.MULTILINE)
        path = re.search(r"^path: (\S+)$", source, re.MULTILINE)
        assert path and Path(path.group(1)).name == the_bib(name).name
        assert the_bib(name).stat().st_size < 200_000
        assert name in OWNERS


@pytest.mark.tex
def test_every_entry_is_printed_with_its_title(built: Built) -> None:
    bib = parse_bib(built.bib.read_text(encoding="utf-8"), built.bib.name)
    missing = [
        entry.key
        for entry in bib.entries
        if entry.fields.get("title") and squash(entry.fields["title"]) not in built.text
    ]
    assert not missing, f"titles not in the PDF: {missing}"
    assert ": error:" not in built.stderr


@pytest.mark.tex
def test_every_warning_is_at_its_line_and_names_its_entry(built: Built) -> None:
    lines = built.bib.read_text(encoding="utf-8").splitlines()
    for warning in built.warnings:
        found = WARNING.match(warning)
        assert found, warning
        assert found.group("file") == built.bib.name
        line = int(found.group("line"))
        assert 1 <= line <= len(lines)
        message = found.group("message")
        named = re.match(r"@(\w+)\{([^}]*)\}", message)
        if named:  # the line is the entry's own `@type{key` line
            assert lines[line - 1].lstrip().lower().startswith(f"@{named.group(1)}"), warning
            assert named.group(2) in lines[line - 1], warning
        else:
            assert message.startswith("outside any entry: "), warning


@pytest.mark.tex
def test_the_owner_is_bold_in_each_of_their_works_and_nobody_else(built: Built) -> None:
    owner = OWNERS[built.bib.parent.name]
    bib = parse_bib(built.bib.read_text(encoding="utf-8"), built.bib.name)
    if owner is None:  # a paper's references: only titles (and the header) are bold
        titles = "".join(squash(entry.fields.get("title", "")) for entry in bib.entries)
        stray = [line for line in built.bold if squash(line).strip(".,") not in titles]
        assert stray in ([], ["Corpus Test"]), stray
        return
    family = Person(owner[0]).last_names[-1]
    theirs = [
        entry.key
        for entry in bib.entries
        if any(family in " ".join(person.last_names) for person in entry.authors)
    ]
    bold_names = [run for run in built.bold if family in run and len(run) < 40]
    assert theirs and len(bold_names) >= len(theirs), (theirs, bold_names)
