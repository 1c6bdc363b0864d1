"""Publications from BibTeX: LaTeX to text, names, owner highlighting, errors at their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import AUTHOR_CV, FIXTURES, BuiltCV, run_texcv
from texcv.errors import InputError
from texcv.prepare import prepare
from texcv.prepare.names import format_person, is_owner
from texcv.render import render
from texcv.render.escape import escape_text
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
    )[0]
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
    assert "{INRIA RR-1}" in tex and "{arXiv:2112.00386}" in tex and "{ENS de Lyon}" in tex
    assert rf"\cventry{{{one}\\Mar~2021}}{{Hand-written paper}}" in tex  # beside the .bib
    # .bib text is never markup or LaTeX: brackets and stars stay as written
    assert "{" + escape_text("A Book [draft] *not bold*") + "}" in tex


def test_owner_bold_in_every_own_work_and_nowhere_else() -> None:
    tex = prepared_tex(BIB / "cv.yaml")
    assert r"M. Müller, \textbf{Q.-T. Le}" in tex
    assert r"T. Le, \textbf{Q.-T. Le}" in tex
    assert r"\textbf{Q. T. Le}" in tex
    assert r"{INRIA RR-1}{}{}{Q.-T. Le}" in tex  # Quang-Tuan Le: same initials, not the owner


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


def test_duplicate_key_points_at_the_second_entry() -> None:
    with pytest.raises(InputError) as caught:
        parse_bib((BIB / "duplicate.bib").read_text(), "duplicate.bib")
    assert caught.value.format().startswith("duplicate.bib:3: error: duplicate entry key: same")


def test_entry_without_author_and_missing_file_are_input_errors(tmp_path: Path) -> None:
    (tmp_path / "p.bib").write_text("@misc{x,\n  title = {T},\n}\n")
    (tmp_path / "cv.yaml").write_text((BIB / "cv.yaml").read_text().replace("works.bib", "p.bib"))
    result = run_texcv("check", "cv.yaml", "-q", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.startswith(
        "p.bib:1: error: @misc{x} has no author"
    )
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
