"""Nothing wrong in the PDF without a word: every link leads where cv.yaml says, all text is on
the page and readable, and what still goes wrong is reported at its cv.yaml line.

These build real PDFs and read them back with pypdf and poppler, independently of
texcv.inspect (which the build itself uses).
"""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURES, pdf_text, run_texcv
from texcv.inspect import inspect_pdf
from texcv.inspect.checks import misplaced_text, wrong_links
from texcv.inspect.pdf import Box, Contents, Page, Run

pytestmark = pytest.mark.tex
STYLES = ("classic", "casual", "banking", "oldstyle", "fancy")
# The targets cv.yaml gives in tests/fixtures/links_cv.yaml, written out by hand.
LINKS = {
    "tel:+16505550123",  # the fax number is no link
    "mailto:richard.hendriks.longname@mail.piedpiper-compression.com",
    "mailto:rh@example.org",
    "http://piedpiper.example.com/~richard/cv_2024?x=1&y=2#top",
    "https://www.linkedin.com/in/richard-hendriks",
    "https://github.com/rhendriks_pp",
    "https://orcid.org/0000-0002-1825-0097",
    "https://scholar.google.com/citations?user=abc_D&hl=en",
    "https://en.wikipedia.org/wiki/Silicon_Valley_(TV_series)",
    "https://example.com/a%20b/100%25?q=a_b&r=~x#frag",
    "https://de.wikipedia.org/wiki/Z%C3%BCrich",
    "mailto:jared@example.org",
    "tel:+14155550100",
    "https://doi.org/10.1000/xyz_(123)",
    "https://arxiv.org/abs/2112.00386v2",
}


def build(tmp_path: Path, fixture: str, design: str = "", *args: str) -> tuple[Path, str]:
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    if design:
        text = text.replace("\nheader:", f"\ndesign: {design}\nheader:", 1)
    source = tmp_path / "cv.yaml"
    source.write_text(text, encoding="utf-8")
    result = run_texcv("build", str(source), "-o", str(tmp_path / "out"), *args)
    assert result.returncode == 0, result.stderr
    return tmp_path / "out" / "cv.pdf", result.stderr


def link_targets(pdf: Path) -> set[str]:
    targets = set()
    for page in PdfReader(pdf).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.add(str(action["/URI"]))
    return targets


def text_positions(pdf: Path) -> list[tuple[int, str, float, float]]:
    """(page, text, x, y) of every text item: position = text matrix x current matrix (pypdf),
    so text outside the page box is seen too (pdftotext drops it)."""
    found = []
    for number, page in enumerate(PdfReader(pdf).pages, 1):

        def visit(
            text: str, cm: list[float], tm: list[float], *_: object, page: int = number
        ) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                found.append((page, text, x, y))

        page.extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("style", STYLES)
def test_every_link_leads_where_cv_yaml_says_and_all_text_is_on_the_page(
    require_tex: None, tmp_path: Path, style: str
) -> None:
    pdf, stderr = build(tmp_path, "links_cv.yaml", f"{{style: {style}}}")
    assert link_targets(pdf) == LINKS
    # The post-build checks are silent on a CV that came out right.
    assert "warning:" not in stderr, stderr
    page = PdfReader(pdf).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    for _, text, x, y in text_positions(pdf):
        assert 0 <= x <= width and 0 <= y <= height, (text, x, y)
    # Lines may wrap in narrow columns, and pdftotext joins "piedpiper-" + "compression".
    words = re.sub(r"[\s-]", "", pdf_text(pdf))
    for shown in (
        "richard.hendriks.longname@mail.piedpiper-compression.com",
        "rh@example.org",
        "piedpiper.example.com/~richard/cv_2024?x=1&y=2#top",
        "rhendriks_pp",
        "richard.h",
        "driving licence",
        "See the show, a percent, Zürich and mail or call.",
    ):
        # Pieces between break points: a narrow column may print another column between them.
        for piece in re.split(r"(?<=[./@_?&=#:-])|\s+", shown):
            assert re.sub(r"[\s-]", "", piece) in words, (shown, piece)


def test_links_under_lualatex_too(require_tex: None, tmp_path: Path) -> None:
    pdf, stderr = build(tmp_path, "links_cv.yaml", "{engine: lualatex}")
    assert link_targets(pdf) == LINKS
    assert "warning:" not in stderr, stderr


def test_a_long_extra_info_no_longer_squeezes_the_classic_header(
    require_tex: None, tmp_path: Path
) -> None:
    pdf, _ = build(tmp_path, "links_cv.yaml")
    layout = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = re.findall(r'yMin="([\d.]+)"[^>]*>([^<]*)<', layout)
    title = [
        "Founder",
        "and",
        "Chief",
        "Executive",
        "Officer",
        "of",
        "Pied",
        "Piper,",
        "compression",
        "research",
    ]
    body = next(float(y) for y, word in words if word == "Links")  # the first section
    lines = {round(float(y)) for y, word in words if word in title and float(y) < body}
    assert len(lines) <= 3, lines  # it took eight lines, the name two, extra_info over them


def test_text_off_the_page_is_a_warning_naming_its_field(require_tex: None, tmp_path: Path) -> None:
    source = tmp_path / "cv.yaml"
    source.write_text(
        "header:\n  first_name: Ada\n  last_name: Lovelace\nsections:\n"
        "  - title: Work\n    kind: text\n    entries:\n"
        "      - Notes on the Analytical Engine\n"
        # Euro signs: texcv breaks long runs of letters at the margin, not of symbols.
        f"      - Sparse {'€' * 110} factorization\n",
        encoding="utf-8",
    )
    result = run_texcv("build", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"cv\.yaml:9:9: warning: 'Sparse €€€+\.\.\.' runs \d+ pt past the right edge of page 1",
        result.stderr,
    ), result.stderr
    assert "  at: sections[0].entries[1].text" in result.stderr
    assert "hint: the line cannot wrap there" in result.stderr


def test_a_link_that_changed_on_its_way_is_found(require_tex: None, tmp_path: Path) -> None:
    pdf, _ = build(tmp_path, "links_cv.yaml")
    meant = sorted(LINKS)
    broken = [("homepage", "https://piedpiper.example.com/~richard/cv_2024?x=1&y=2#top")]
    findings = inspect_pdf(pdf, [(target, target) for target in meant] + broken, 57)
    assert [(p.key, p.expected, p.found) for p in findings.links] == [
        ("homepage", broken[0][1], None)
    ]
    # A target missing from the list is a link nobody asked for.
    problems = wrong_links(findings.contents, [(t, t) for t in meant if "orcid" not in t])
    assert [(p.expected, p.found) for p in problems] == [
        (None, "https://orcid.org/0000-0002-1825-0097")
    ]


def test_a_mangled_target_is_paired_with_the_link_it_should_have_been() -> None:
    contents = Contents(
        (Page(1, 595, 842),),
        (),
        ((1, r"mailto:richard.\protect \penalty \z@ hendriks@mail.com"),),
    )
    [problem] = wrong_links(contents, [("email", "mailto:richard.hendriks@mail.com")])
    assert problem.key == "email"
    assert problem.found == r"mailto:richard.\protect \penalty \z@ hendriks@mail.com"


def test_misplaced_text_off_the_page_in_the_margin_and_over_other_text() -> None:
    def run(text: str, x0: float, y0: float, x1: float, y1: float) -> Run:
        return Run(1, text, Box(x0, y0, x1, y1))

    contents = Contents(
        (Page(1, 600, 800),),
        (
            run("inside", 60, 100, 500, 110),
            run("footer line", 200, 812, 300, 822),  # below the paper
            run("a long word", 60, 200, 560, 210),  # 20 pt into a 60 pt margin
            run("Founder and Chief", 60, 300, 200, 315),
            run("Citizenship: British", 100, 305, 400, 318),  # over the title
            run(",", 199, 300, 203, 315),  # a comma touching a word is not "over" it
        ),
        (),
    )
    found = {(m.problem, m.run.text, m.where) for m in misplaced_text(contents, 60)}
    assert found == {
        ("off_page", "footer line", "is below the bottom edge of page 1"),
        ("margin", "a long word", "runs 20 pt into the right margin of page 1"),
        ("overlap", "Citizenship: British", "is printed over other text on page 1"),
    }


def page_lines(pdf: Path) -> list[list[tuple[float, str]]]:
    """Per page, its lines top to bottom: (bottom y, text)."""
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = []
    for page in layout.split("<page ")[1:]:
        lines = []
        for line in re.findall(r"<line [^>]*yMax=\"([\d.]+)\">(.*?)</line>", page, re.S):
            words = re.findall(r">([^<]*)</word>", line[1])
            lines.append((float(line[0]), " ".join(words)))
        pages.append(sorted(lines))
    return pages


@pytest.mark.parametrize("entries", [3, 5, 8, 11, 14, 17])
def test_a_heading_stays_with_its_first_entry_and_pages_stay_full(
    require_tex: None, tmp_path: Path, entries: int
) -> None:
    sections = ""
    for number in range(4):
        sections += f"  - title: Section {number} heading\n    entries:\n"
        for entry in range(entries):
            sections += (
                f"      - title: Position {number}.{entry}\n"
                f"        date: '{2024 - entry}'\n"
                "        description: Worked on sparse matrix factorization and wrote it up.\n"
                "        highlights: [One result worth a line., Another result worth a line.]\n"
            )
    source = tmp_path / "cv.yaml"
    source.write_text(
        "header:\n  first_name: Ada\n  last_name: Lovelace\nsections:\n" + sections,
        encoding="utf-8",
    )
    result = run_texcv("build", str(source), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    pages = page_lines(tmp_path / "out" / "cv.pdf")
    height = float(PdfReader(tmp_path / "out" / "cv.pdf").pages[0].mediabox.height)
    for number, lines in enumerate(pages, 1):
        body = [line for line in lines if not re.fullmatch(r"\d+/\d+", line[1])]
        assert "heading" not in body[-1][1], f"page {number} ends with a lone heading"
        if number < len(pages):  # no page left mostly empty
            assert body[-1][0] > 0.75 * height, (number, body[-1])


def test_rendercv_example_fits_two_pages_without_stranded_headings(
    require_tex: None, tmp_path: Path
) -> None:
    pdf, stderr = build(tmp_path, "rendercv_example.yaml")
    assert "warning:" not in stderr, stderr
    pages = page_lines(pdf)
    assert len(pages) == 2  # the keep rule pushed it to three, the last with one line
    titles = {"Projects", "Publications", "Selected Honors", "Skills", "Patents"}
    for lines in pages:
        body = [text for _, text in lines if not re.fullmatch(r"\d+/\d+", text)]
        assert body[-1] not in titles, body[-1]


def test_bold_titles_keep_their_natural_word_spacing(require_tex: None, tmp_path: Path) -> None:
    pdf, _ = build(tmp_path, "rendercv_example.yaml")
    layout = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [
        (float(x0), float(y0), float(x1), word)
        for x0, y0, x1, word in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>([^<]*)<', layout
        )
    ]

    def gaps(word: str, count: int) -> list[float]:
        """The spaces between the first ``count`` words of the line holding ``word``."""
        y0 = next(w[1] for w in words if w[3] == word)
        line = sorted(w for w in words if abs(w[1] - y0) < 0.5)[:count]
        return [b[0] - a[2] for a, b in itertools.pairwise(line)]

    natural = gaps("Differentiable", 5)  # a title that fits on its line: not stretched
    assert max(natural) - min(natural) < 0.1
    # A title that wraps: its first line was justified, its spaces stretched by half a point.
    for gap in gaps("Reinforcement", 6):
        assert abs(gap - natural[0]) < 0.1, (gap, natural)
