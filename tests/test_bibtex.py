"""Publications from BibTeX: LaTeX to text, names, owner highlighting, errors at their line."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import AUTHOR_CV, FIXTURES, BuiltCV, pdf_text, run_texcv
from texcv.prepare import prepare
from texcv.prepare.bib_works import to_publication
from texcv.prepare.names import format_person, is_owner
from texcv.render import render
from texcv.render.escape import escape_text
from texcv.schema import PublicationEntry, Section
from texcv.schema.markup import plain_text
from texcv.schema.validate import validate
from texcv.source.bibtex_reader import latex_to_text, link_text, parse_bib
from texcv.source.yaml_reader import load_yaml

BIB = FIXTURES / "bib"


def prepared_tex(cv_path: Path, variant: str | None = None) -> str:
    loaded = load_yaml(cv_path, str(cv_path))
    return render(prepare(loaded, validate(loaded), cv_path.parent, variant).cv)


def publication_titles(cv_path: Path) -> list[str]:
    loaded = load_yaml(cv_path, str(cv_path))
    cv = prepare(loaded, validate(loaded), cv_path.parent).cv
    return [plain_text(entry.title) for entry in cv.sections[-1].entries]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"{\'E}lisa", "Élisa"),
        (r"R{\'e}mi", "Rémi"),
        (r"Ma{\"\i}t{\'e} {\c{C}}a", "Maïté Ça"),
        (r"Spurious {V}alleys and {NP}-hardness", "Spurious Valleys and NP-hardness"),
        (r"100\% \emph{sure} \& done", "100% sure & done"),
    ],
)
def test_latex_accents_and_braces_become_text(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


def test_links_lose_their_latex_escapes_but_nothing_else() -> None:
    assert link_text(r"\url{https://x.org/a\_b~c--d}") == "https://x.org/a_b~c--d"


def test_names_print_with_initials_or_as_written() -> None:
    entry = parse_bib(
        r"@misc{k, author = {Le, Quoc-Tung and R{\'e}mi Gribonval and Q-T. Le}, title = {T}}",
        "x.bib",
    ).entries[0]
    assert [format_person(p, "initials") for p in entry.authors] == [
        "Q.-T. Le",
        "R. Gribonval",
        "Q.-T. Le",
    ]
    assert [format_person(p, "as-written") for p in entry.authors] == [
        "Quoc-Tung Le",
        "Rémi Gribonval",
        "Q-T. Le",
    ]


@pytest.mark.parametrize(
    "spelling", ["Le, Quoc-Tung", "Quoc Tung Le", "Q.-T. Le", "Q-T., Le", "Q. T. Le", "LE, Q.-T."]
)
def test_owner_is_recognised_however_spelt(spelling: str) -> None:
    assert is_owner(spelling, ["Q-T. Le", "Quoc-Tung Le"])


@pytest.mark.parametrize(
    "spelling", ["T. Le", "Q. Le", "Quang-Tuan Le", "Q.-T. Lee", "Le Quoc-Tung"]
)
def test_other_people_are_not_the_owner(spelling: str) -> None:
    assert not is_owner(spelling, ["Q-T. Le", "Quoc-Tung Le"])


def test_every_type_is_listed_with_venue_links_groups_and_descending_numbers() -> None:
    tex = prepared_tex(BIB / "cv.yaml")
    headings = [
        "Journal articles",
        "Conference papers",
        "Book chapters",
        "Books",
        "Theses",
        "Technical reports",
        "Other publications",
    ]
    found = [tex.index(rf"\subsection{{{h}}}") for h in headings]
    assert found == sorted(found)
    eight, one = escape_text("[8]"), escape_text("[1]")
    assert (
        rf"\cventry{{{eight}\\Jul~2022}}{{Spurious Valleys and NP-hardness}}"
        "{SIAM Journal on Matrix Analysis and Applications 43(3)}" in tex
    )
    assert r"\href{https://doi.org/10.1137/21M1441561}{doi:10.1137/21M1441561}" in tex
    assert r"\href{https://hal.science/hal-03438881\string_v2}" in tex
    assert "{ICASSP 2022}{Singapore}" in tex
    assert "{}{Technical report RR-1, INRIA}{}" in tex and "{}{PhD thesis, ENS de Lyon}{}" in tex
    assert r"\href{https://arxiv.org/abs/2112.00386}{arXiv:2112.00386}" in tex
    assert rf"\cventry{{{one}\\Mar~2021}}{{Hand-written paper}}" in tex  # beside the .bib
    # .bib text is never markup or LaTeX: brackets and stars stay as written
    assert "{" + escape_text("A Book [draft] *not bold*") + "}" in tex


def test_owner_bold_in_every_own_work_and_nowhere_else() -> None:
    tex = prepared_tex(BIB / "cv.yaml")
    assert r"M. Müller, \textbf{Q.-T. Le}" in tex
    assert r"T. Le, \textbf{Q.-T. Le}" in tex
    assert r"\textbf{Q. T. Le}" in tex
    assert r"{Technical report RR-1, INRIA}{}{Q.-T. Le}" in tex  # Quang-Tuan Le: not the owner


def test_sort_and_filter(tmp_path: Path) -> None:
    (tmp_path / "works.bib").write_text((BIB / "works.bib").read_text())
    base = (BIB / "cv.yaml").read_text().replace("    group_by: type\n    numbered: true\n", "")
    oldest = base.replace(
        "bibtex: works.bib",
        "bibtex: works.bib\n    sort: oldest\n    filter: {since: 2020, until: 2022}",
    )
    (tmp_path / "cv.yaml").write_text(oldest)
    assert publication_titles(tmp_path / "cv.yaml") == [
        "A Book [draft] *not bold*",
        "Hand-written paper",
        "Fast learning of fast transforms",
        "Spurious Valleys and NP-hardness",
    ]
    keyword = base.replace(
        "bibtex: works.bib", "bibtex: works.bib\n    filter: {keywords: [selected]}"
    )
    (tmp_path / "cv.yaml").write_text(keyword)
    tex = prepared_tex(tmp_path / "cv.yaml")
    assert "Spurious Valleys" in tex and "Fast learning" not in tex and "Hand-written" not in tex


def test_unclosed_entry_is_reported_at_its_line_with_exit_code_2(tmp_path: Path) -> None:
    (tmp_path / "bad.bib").write_text((BIB / "bad.bib").read_text())
    (tmp_path / "cv.yaml").write_text((BIB / "cv.yaml").read_text().replace("works.bib", "bad.bib"))
    result = run_texcv("check", "cv.yaml", "-q", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("bad.bib:7: error: this entry is not closed"), result.stderr
    assert "Traceback" not in result.stderr


def test_duplicate_key_is_a_warning_at_the_second_entry_which_is_skipped() -> None:
    bib = parse_bib((BIB / "duplicate.bib").read_text(), "duplicate.bib")
    assert [entry.key for entry in bib.entries] == ["same"]
    assert [w.format().splitlines()[0] for w in bib.warnings] == [
        "duplicate.bib:3: warning: @misc{same}: the key is used twice; this second entry is skipped"
    ]


def test_entry_without_author_is_a_warning_and_a_missing_file_an_error(tmp_path: Path) -> None:
    (tmp_path / "p.bib").write_text("@misc{x,\n  title = {T},\n}\n")
    (tmp_path / "cv.yaml").write_text((BIB / "cv.yaml").read_text().replace("works.bib", "p.bib"))
    result = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "p.bib:1: warning: @misc{x} has no author; it is listed without one" in result.stderr
    (tmp_path / "cv.yaml").write_text(
        (BIB / "cv.yaml").read_text().replace("works.bib", "gone.bib")
    )
    result = run_texcv("check", "cv.yaml", "-q", cwd=tmp_path)
    assert result.returncode == 2
    assert "cv.yaml:21:13: error: the BibTeX file gone.bib does not exist" in result.stderr


def test_repo_publications_come_from_the_bib_with_the_owner_in_bold(built_cv: BuiltCV) -> None:
    cv_yaml = AUTHOR_CV.read_text()
    assert "bibtex: publications.bib" in cv_yaml and "kind: publication\n    entries" not in cv_yaml
    tex = built_cv.tex.read_text()
    section = tex[tex.index(r"\section{Publications}") : tex.index(r"\section{Talks")]
    assert section.count(r"\cventry{") == 8
    assert section.count(r"\textbf{Q-T. Le}") == 8


# --- One CV with every field and rule (fixtures/bib/features.*), built once, read back ---


@dataclass(frozen=True)
class FeaturesPDF:
    text: str  # pdftotext, whitespace collapsed
    links: list[str]  # link annotation targets, in page order
    styled: dict[str, set[str]]  # font style (Bold, Italic, ...) -> lines of text set in it
    tex: str
    stderr: str


@pytest.fixture(scope="module")
def features(require_tex: None, tmp_path_factory: pytest.TempPathFactory) -> FeaturesPDF:
    folder = tmp_path_factory.mktemp("features")
    for name in ("features.yaml", "features.bib"):
        shutil.copyfile(BIB / name, folder / name)
    result = run_texcv("build", "features.yaml", "-o", "out", cwd=folder)
    assert result.returncode == 0, result.stderr
    pdf = folder / "out" / "features.pdf"
    reader = PdfReader(pdf)
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    styled: dict[str, set[str]] = {}

    def visit(text: str, cm: object, tm: object, font: dict | None, size: float) -> None:
        name = str((font or {}).get("/BaseFont", ""))
        for style in ("Bold", "Italic", "Oblique"):
            if style in name and text.strip():
                styled.setdefault(style, set()).add(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    text = " ".join(pdf_text(pdf, raw=True).split())
    return FeaturesPDF(
        text, links, styled, (folder / "out" / "features.tex").read_text(), result.stderr
    )


def test_every_standard_field_is_printed_in_reference_order(features: FeaturesPDF) -> None:
    assert (
        "Learning in edited volumes, Parallel Distributed Processing, D. E. Rumelhart, "
        "J. L. McClelland (eds.), 2nd ed., Computational Models of Cognition, vol. 1, ch. 6, "
        "pp. 194–281, MIT Press, Cambridge, MA A. Lovelace, S. Joshi, G. Hopper" in features.text
    )
    assert "Two Joshis, Information Processing Letters 43(3), pp. 19–35" in features.text
    assert (
        "Fault tolerance in distributed systems, PhD thesis, The Ohio State University, "
        "Columbus, OH" in features.text
    )
    assert "A master's project, M.Tech. dissertation, IIT Bombay S. R. Joshi" in features.text
    assert "Aug 2018" in features.text and "Oct 2020" in features.text


def test_links_from_url_href_doi_and_arxiv_eprints(features: FeaturesPDF) -> None:
    assert "Featured in: https://news.example.org/two-joshis" in features.text.replace("// ", "//")
    assert "https://news.example.org/two-joshis" in features.links
    assert "A preprint with an e-print, Blog post" in features.text
    assert "https://blog.example.org/post" in features.links
    assert "arXiv:2112.00386" in features.text
    assert "https://arxiv.org/abs/2112.00386" in features.links
    # DOI and URL both kept; the DOI given as a URL is read as a DOI
    assert "doi:10.1145/1234567.7654321" in features.text
    assert {"https://doi.org/10.1145/1234567.7654321", "https://conf.example.org/paper"} <= set(
        features.links
    )


def test_display_fields_never_reject_a_work_they_warn_at_the_line(features: FeaturesPDF) -> None:
    warnings = [line for line in features.stderr.splitlines() if ": warning: " in line]
    assert warnings == [
        "features.bib:35: warning: @article{article2020} doi 'XX' is not a DOI (10.NNNN/...); "
        "it is not linked",
        "features.bib:44: warning: @misc{preprint2021} year 'year' is not a year; the work is "
        "undated (listed last, the year printed as written)",
    ]
    assert not any("doi.org/XX" in link for link in features.links)
    # the undated work is printed, last
    assert features.text.index("A preprint with an e-print") > features.text.index("Two Joshis")


def test_own_groups_in_their_order_numbered_up_per_group(features: FeaturesPDF) -> None:
    text = features.text
    headings = ["Invited Talks", "Chapters in Edited Volumes", "Dissertations"]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    assert "Peer Reviewed Conferences" not in text  # its only work went to Invited Talks
    assert "Invited Talks [1] 2022 Peer reviewed talk" in text
    assert "Dissertations [1] Aug 2018 Fault tolerance" in text
    assert "[2] 2012 A master's project" in text
    # works in no group come last, under texcv's heading for them, numbered on their own
    assert "Other publications [1] Oct 2020 Two Joshis" in text
    assert text.index("Two Joshis") > text.index("A master's project")


def test_owner_bold_however_spelt_and_highlight_groups_with_legends(
    features: FeaturesPDF,
) -> None:
    bold = features.styled["Bold"]
    italic = features.styled.get("Italic", set()) | features.styled.get("Oblique", set())
    assert "S. R. Joshi" in bold  # Swaroop Ravindra Joshi and Joshi, S. R. are the owner
    assert any("A. Lovelace" in run for run in italic)
    assert r"\underline{G. Hopper}" in features.tex
    # Sanjay Joshi is not Swaroop Joshi: one of the two "S. Joshi" is bold, not both
    assert r"{S. Joshi, \textbf{S. Joshi}}" in features.tex
    assert "Italic: students I mentored. Underlined: postdocs." in features.text


@pytest.mark.parametrize(
    ("author", "owner"),
    [
        ("Swaroop Ravindra Joshi", True),
        ("Joshi, Swaroop", True),
        ("S. R. Joshi", True),
        ("S. Joshi", True),
        ("Sanjay Joshi", False),
        ("Sanjay R. Joshi", False),
        ("S. Jones", False),
    ],
)
def test_first_given_name_or_initial_and_family_name_decide(author: str, owner: bool) -> None:
    assert is_owner(author, ["Swaroop Joshi"]) is owner


def test_middle_names_must_agree_where_both_have_one() -> None:
    assert not is_owner("S. K. Joshi", ["Swaroop Ravindra Joshi"])
    assert is_owner("Swaroop R. Joshi", ["Swaroop Ravindra Joshi"])


def test_keywords_split_on_commas_and_semicolons_any_text_is_a_keyword() -> None:
    bib = parse_bib((BIB / "features.bib").read_text(), "features.bib")
    chapter = next(e for e in bib.entries if e.key == "chapter2019")
    work, warnings = to_publication(chapter, "initials", "features.bib")
    assert work.keywords == [
        "Collaborative learning",
        "Online discussions",
        "Piaget's theory of cognitive development",
    ]
    assert work.tags == [] and warnings == []


def test_and_others_prints_et_al_and_is_never_the_owner() -> None:
    entry = parse_bib(r"@misc{k, author = {Ann Smith and others}, title = {T}}", "x.bib")
    work, _ = to_publication(entry.entries[0], "initials", "x.bib", ["Ann Smith", "Others"])
    assert work.authors == ["A. Smith", "et al."] and work.owner == [1]


def test_syntax_errors_are_skipped_with_a_warning_naming_the_entry() -> None:
    bib = parse_bib("@misc{a, title={x} year=2000}\n@misc{b, title={y}, month = sept}\n", "x.bib")
    assert [entry.key for entry in bib.entries] == ["a", "b"]
    assert [w.format().splitlines()[0] for w in bib.warnings] == [
        "x.bib:1: warning: @misc{a}: syntax error: '}' expected; the text up to the next @ "
        "is skipped",
        "x.bib:2: warning: @misc{b}: undefined @string 'sept': the field is left empty",
    ]


def test_numbering_counts_down_across_the_section_by_default_and_up_when_asked() -> None:
    from texcv.render.publications import _numbers

    section = validate_section({"numbered": True, "group_by": "year"})
    groups = [("2022", [(0, WORK), (1, WORK)]), ("2021", [(2, WORK)])]
    assert _numbers(groups, section) == {0: "[3]", 1: "[2]", 2: "[1]"}
    section = validate_section({"numbered": "down", "number_per": "group"})
    assert _numbers(groups, section) == {0: "[2]", 1: "[1]", 2: "[1]"}
    section = validate_section({"numbered": "up"})
    assert _numbers(groups, section) == {0: "[1]", 1: "[2]", 2: "[3]"}


WORK = PublicationEntry(title="T")


def validate_section(options: dict[str, object]) -> Section:
    return Section.model_validate({"title": "P", "kind": "publication", **options})


def test_groups_and_group_by_together_are_an_error_at_the_line(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(
        "header: {first_name: A, last_name: B}\nsections:\n  - title: P\n    kind: publication\n"
        "    group_by: type\n    groups: [{title: X, types: [article]}]\n"
    )
    result = run_texcv("check", "cv.yaml", "-q", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("cv.yaml:6:"), result.stderr
    assert "give either `group_by` or `groups`" in result.stderr


def test_the_fast_latex_reading_agrees_with_pylatexenc_on_every_corpus_field() -> None:
    """latex_to_text reads common LaTeX itself (speed); it must say what pylatexenc says."""
    import pybtex.errors
    from pybtex.database.input.bibtex import Parser

    from texcv.source.bibtex_reader import _LATEX, _simple_latex

    values = []
    for bib in sorted((Path(__file__).parent / "bib_corpus").glob("*/*.bib")):
        with pybtex.errors.capture():  # the corpus's own slips are tested elsewhere
            data = Parser().parse_string(bib.read_text(encoding="utf-8"))
        for entry in data.entries.values():
            values.extend(entry.fields.values())
            for people in entry.persons.values():
                for person in people:
                    values.extend(
                        person.first_names
                        + person.middle_names
                        + person.prelast_names
                        + person.last_names
                    )
    values.extend([r"Ma{\"\i}t{\'e} {\c{C}}a", r"H{\aa}stad", r"\v{S}koda \L{}\'od\'z"])
    values.extend(["a -{}- b --- c", "``q'' {--}", "x~y", r"50\% \& C\#"])
    read = 0
    for value in values:
        simple = _simple_latex(value)
        if simple is not None:
            read += 1
            assert simple == " ".join(_LATEX.latex_to_text(value).split()), value
    assert read > len(values) // 2
