"""`texcv import`: RenderCV and JSON Resume files become a cv.yaml that validates, builds, and
prints every piece of text the source had.

The inputs in tests/fixtures/import/ were written for these tests from the two formats'
published schemas (RenderCV 2.x's models, JSON Resume's schema.json 1.0): per format one file
with every field, one minimal file and one with odd content.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, pdf_text, run_texcv
from texcv.importers.markup import markdown_to_plain
from texcv.source.yaml_reader import format_path, load_yaml, walk_strings

IMPORTS = FIXTURES / "import"
DATE_KEYS = {"date", "start_date", "end_date", "startDate", "endDate", "releaseDate"}
URL_KEYS = {"url", "website", "doi"}
# What the import says it does not carry (each is a warning in its report): how the source
# tool lays out or runs, and icons; all of it is about looks, not text of the CV.
NOT_PRINTED = {
    "rendercv": (
        r"^design\.",
        r"^locale\.",
        r"^settings\.",
        r"^cv\.photo$",
        r"\.fontawesome_icon$",
        r"\.tags\[\d+\]$",
        r"^cv\.social_networks\[[0-4]\]\.network$",  # shown as moderncv's icons
    ),
    "jsonresume": (
        r"^\$schema$",
        r"^meta\.",
        r"^basics\.image$",
        r"^basics\.profiles\[[0-1]\]\.network$",  # GitHub, Twitter, ORCID: moderncv's icons
    ),
}
CASES = [
    "rendercv-full.yaml",
    "rendercv-minimal.yaml",
    "rendercv-odd.yaml",
    "jsonresume-full.json",
    "jsonresume-minimal.json",
    "jsonresume-odd.yaml",
]


def normal(text: str) -> str:
    return " ".join(text.split())


def imported(tmp_path: Path, name: str, *extra: str) -> Path:
    """Import a fixture (copied with its photo into a folder of its own); the cv.yaml path."""
    source_dir = tmp_path / "source"
    source_dir.mkdir()
    shutil.copy(IMPORTS / name, source_dir / name)
    shutil.copy(IMPORTS / "photo.png", source_dir / "photo.png")
    out = tmp_path / "cv"
    out.mkdir()
    result = run_texcv("import", str(source_dir / name), "-o", str(out / "cv.yaml"), *extra)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return out / "cv.yaml"


def built_text(cv: Path) -> tuple[str, set[str]]:
    """The PDF's text (whitespace collapsed) and the targets of its links."""
    result = run_texcv("build", str(cv), "-o", str(cv.parent / "build"), "-q")
    assert result.returncode == 0, result.stderr
    pdf = cv.parent / "build" / "cv.pdf"
    links = set()
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and "/URI" in action:
                links.add(unquote(str(action["/URI"])))
    return normal(pdf_text(pdf)), links


@pytest.mark.tex
@pytest.mark.parametrize(
    ("name", "options"),
    [(name, ()) for name in CASES]
    + [("rendercv-full.yaml", ("--bib",)), ("rendercv-odd.yaml", ("--bib",))],
)
def test_every_text_of_the_source_is_in_the_pdf(
    require_tex: None, tmp_path: Path, name: str, options: tuple[str, ...]
) -> None:
    cv = imported(tmp_path, name, *options)
    assert cv.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=./cv.schema.json\n"
    )
    assert run_texcv("check", str(cv), "-q").returncode == 0
    text, links = built_text(cv)
    source = load_yaml(IMPORTS / name) if not name.endswith(".json") else None
    data = source.data if source else json.loads((IMPORTS / name).read_text(encoding="utf-8"))
    fmt = "rendercv" if name.startswith("rendercv") else "jsonresume"
    skipped = [re.compile(pattern) for pattern in NOT_PRINTED[fmt]]
    missing = []
    for path, value in _values(data):
        where = format_path(path)
        if any(pattern.search(where) for pattern in skipped) or not value.strip():
            continue
        key = next((p for p in reversed(path) if isinstance(p, str)), "")
        plain = normal(markdown_to_plain(value) if fmt == "rendercv" else value)
        plain = plain.strip("*_ ")  # RenderCV's bold author: the owner, set in bold
        if key in DATE_KEYS and re.match(r"^\d{4}", plain):
            found = plain[:4] in text  # dates are reformatted: Sep 2020
        elif key in URL_KEYS:
            found = plain in text or any(plain.rstrip("/") in link for link in links)
        else:  # the lines of a multi-line value may be joined by commas
            found = all(normal(line) in text for line in value.splitlines() if line.strip())
            found = found if "\n" in value.strip() else plain in text
        if not found:
            missing.append(f"{where}: {plain!r}")
    if fmt == "rendercv":
        for key, entries in (data["cv"].get("sections") or {}).items():
            title = key if " " in key or key != key.lower() else key.replace("_", " ")
            if entries and title.lower() not in text.lower():
                missing.append(f"section title {key!r}")
    assert not missing, "\n".join(missing) + "\n--- PDF text:\n" + text


def _values(data: object) -> list[tuple[tuple[str | int, ...], str]]:
    """Every string and number of the source, with its path."""
    found = list(walk_strings(data))
    numbers: list[tuple[tuple[str | int, ...], str]] = []

    def walk(value: object, path: tuple[str | int, ...]) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            numbers.append((path, str(value)))

    walk(data, ())
    return found + numbers


def test_bib_holds_the_publications_with_authors_and_reads_back(tmp_path: Path) -> None:
    from texcv.source.bibtex_reader import read_bib

    cv = imported(tmp_path, "rendercv-full.yaml", "--bib")
    works = read_bib(cv.parent / "publications.bib", "publications.bib").entries
    assert [work.fields["title"] for work in works] == [
        "Sur un élément 87, dérivé de l'actinium",
        "Radioactive properties of francium",
    ]
    assert [" ".join(map(str, work.authors)) for work in works][1].count(",") == 3
    assert works[0].fields["doi"] == "10.1000/cr.1939.87"
    written = cv.read_text(encoding="utf-8")
    assert "bibtex: publications.bib" in written
    assert "authors: as-written" in written


def test_report_names_each_field_and_warns_at_the_source_line(tmp_path: Path) -> None:
    source = tmp_path / "resume.yaml"
    shutil.copy(IMPORTS / "jsonresume-odd.yaml", source)
    result = run_texcv("import", str(source), "-o", str(tmp_path / "cv.yaml"))
    assert result.returncode == 0, result.stderr
    assert "basics.name -> header.first_name + header.last_name" in result.stdout
    assert "work[0].highlights -> sections[2].entries[0].highlights" in result.stdout
    # A network moderncv has no icon for is in the header, with a link icon.
    assert "basics.profiles[0] -> header.social (Mastodon, with a link icon)" in result.stdout
    # A free-text date is a date: printed as written.
    assert "work[0].startDate -> sections[2].entries[0].start" in result.stdout
    assert re.search(
        r"resume\.yaml:31:\d+: warning: the section 'education' is empty", result.stderr
    )
    assert re.search(r"resume\.yaml:30:\d+: warning: 'salaryBand' is not a field", result.stderr)
    written = (tmp_path / "cv.yaml").read_text(encoding="utf-8")
    assert "start: Spring 2019" in written
    assert (tmp_path / "cv.schema.json").exists()


def test_design_maps_to_the_nearest_style_and_colour(tmp_path: Path) -> None:
    cv = imported(tmp_path, "rendercv-odd.yaml")
    design = load_yaml(cv).data["design"]
    assert design == {
        "style": "banking",
        "color": "burgundy",
        "font_size": 12,
        "font_family": "roman",
    }


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "bad.json",
            '{\n  "basics": {\n    "name": "A",\n  }\n}\n',
            r"bad\.json:4:3: error: invalid JSON",
        ),
        ("bad.yaml", "cv:\n  name: [A\n", r"bad\.yaml:\d+:\d+: error: YAML syntax"),
        ("other.yaml", "header:\n  first_name: A\n", r"other\.yaml:1:1: error: this is neither"),
        (
            "dup.json",
            '{"basics": {}, "basics": {}}',
            r"dup\.json:1:16: error: duplicate key 'basics'",
        ),
        ("missing.json", None, r"missing\.json: error: no such file"),
    ],
)
def test_an_unreadable_file_is_one_error_at_its_line(
    tmp_path: Path, name: str, text: str | None, expected: str
) -> None:
    source = tmp_path / name
    if text is not None:
        source.write_text(text, encoding="utf-8")
    result = run_texcv("import", str(source), "-o", str(tmp_path / "cv.yaml"))
    assert result.returncode == 2
    assert re.search(expected, result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "cv.yaml").exists()


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "cv.yaml"
    target.write_text("mine\n", encoding="utf-8")
    source = str(IMPORTS / "jsonresume-minimal.json")
    result = run_texcv("import", source, "-o", str(target))
    assert result.returncode == 2
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert run_texcv("import", source, "-o", str(target), "--force").returncode == 0
    assert "Lin Mei" not in target.read_text(encoding="utf-8").splitlines()[0]
    assert "first_name: Lin" in target.read_text(encoding="utf-8")
