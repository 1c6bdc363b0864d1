"""Variants: tag selection, variant builds of the repo's CV (real TeX), page limits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from filelock import FileLock

from conftest import AUTHOR_CV, FIXTURES, pdf_info, pdf_text, run_texcv
from texcv.prepare import prepare
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml

BIB = FIXTURES / "bib"


def titles(cv_path: Path, variant: str | None) -> list[list[str]]:
    loaded = load_yaml(cv_path, str(cv_path))
    cv = prepare(loaded, validate(loaded), cv_path.parent, variant).cv
    return [
        [str(section.title)] + [getattr(e, "title", "") for e in section.entries]
        for section in cv.sections
    ]


def test_tags_keep_tagged_sections_whole_and_only_tagged_entries_elsewhere() -> None:
    short = titles(BIB / "cv.yaml", "short")
    assert short == [
        ["Education", "PhD student"],  # the section is tagged: all of it
        ["Talks", "Recent talk"],  # only its tagged entry
        ["Publications", "Spurious Valleys and NP-hardness"],  # .bib keywords are tags
    ]  # Awards has nothing tagged: gone


def test_no_variant_keeps_everything_and_a_variant_picks_its_language() -> None:
    full = titles(BIB / "cv.yaml", None)
    assert [section[0] for section in full] == ["Education", "Talks", "Awards", "Publications"]
    assert len(full[3]) == 1 + 8
    french = titles(BIB / "cv.yaml", "fr")
    assert [section[0] for section in french] == ["Formation", "Exposés", "Awards", "Publications"]


def test_exclude_tags_and_origin_paths(tmp_path: Path) -> None:
    text = (
        (BIB / "cv.yaml")
        .read_text()
        .replace("short: {tags: [short]}", "short: {exclude_tags: [short]}")
    )
    (tmp_path / "cv.yaml").write_text(text)
    (tmp_path / "works.bib").write_text((BIB / "works.bib").read_text())
    loaded = load_yaml(tmp_path / "cv.yaml", "cv.yaml")
    prepared = prepare(loaded, validate(loaded), tmp_path, "short")
    assert [str(s.title) for s in prepared.cv.sections] == ["Talks", "Awards", "Publications"]
    # The talk left in Talks is the second one of cv.yaml; a .bib work maps to `bibtex:`.
    assert prepared.origin(("sections", 0, "entries", 0, "title")) == (
        "sections",
        1,
        "entries",
        1,
        "title",
    )
    assert prepared.origin(("sections", 2, "entries", 0)) == ("sections", 3, "bibtex")


def test_unknown_variant_is_an_input_error() -> None:
    result = run_texcv("build", str(BIB / "cv.yaml"), "--variant", "long", "-q")
    assert result.returncode == 2
    assert "error: no variant named 'long' (known: short, fr)" in result.stderr
    assert "Traceback" not in result.stderr


def test_variants_command_lists_the_names() -> None:
    result = run_texcv("variants", str(BIB / "cv.yaml"))
    assert result.returncode == 0 and result.stdout.split() == ["short", "fr"]


@pytest.fixture(scope="session")
def repo_variants(require_tex: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    """The author's CV built as each of its variants (once per session, shared by workers)."""
    shared = tmp_path_factory.getbasetemp().parent / "texcv-variants"
    with FileLock(str(shared) + ".lock"):
        summary = shared / "summary.json"
        if not summary.exists():
            shared.mkdir(exist_ok=True)
            names = run_texcv("variants", str(AUTHOR_CV)).stdout.split()
            data = {}
            for name in names:
                result = run_texcv(
                    "build", str(AUTHOR_CV), "-o", str(shared), "--variant", name, "-q"
                )
                assert result.returncode == 0, result.stderr
                pdf = shared / f"cv-{name}.pdf"
                data[name] = {"text": " ".join(pdf_text(pdf).split()), "info": pdf_info(pdf)}
            summary.write_text(json.dumps(data))
        return json.loads(summary.read_text())


def test_repo_has_full_short_and_french_variants(repo_variants: dict[str, dict]) -> None:
    assert set(repo_variants) == {"full", "short", "fr"}


def test_short_variant_fits_two_pages_and_holds_only_selected_content(
    repo_variants: dict[str, dict],
) -> None:
    short = repo_variants["short"]
    assert int(short["info"]["Pages"]) <= 2
    text = short["text"]
    for kept in [
        "Research interests",
        "Ph.D. Student",
        "Post-doctoral on optimization",
        "Multi-layer sparse matrix factorization",
        "Does a sparse ReLU network",
        "Fast learning of fast transforms",
        "Nonconvexity in bilevel optimization",
        "SIAM Conference on Optimization",
        "Other skills",
    ]:
        assert kept in text
    for dropped in [
        "Sparsity can improve privacy",
        "Connectivity optimization problem",
        "Quantum computing and optimization",
        "Fixed support matrix factorization is NP hard",
        "Workshop MIA-MIVA",
        "Honor and awards",
        "Le Van Thiem",
    ]:
        assert dropped not in text
    assert int(repo_variants["full"]["info"]["Pages"]) > 2  # so the selection is what made it fit


def test_french_variant_has_french_titles_and_words_but_the_authors_sentences(
    repo_variants: dict[str, dict],
) -> None:
    french = repo_variants["fr"]
    text = french["text"]
    for word in [
        "Thèmes de recherche",
        "Formation",
        "Exposés et présentations",
        "Prix et distinctions",
        "sept. 2020 – déc. 2023",
        "janv. 2024 – aujourd’hui",
        "juil. 2024",
        "page 1 sur 3",
    ]:
        assert word in text
    assert "I am broadly interested in optimization problems" in text  # never translated
    assert "Sep 2020" not in text and "present" not in text
    assert french["info"]["Subject"] == "Curriculum vitæ de Quoc-Tung Le"
