"""The renderer: the LaTeX each entry kind becomes (no TeX run needed)."""

from __future__ import annotations

from texcv.render import SOURCE_MARK, render
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml_text

HEADER = "header:\n  first_name: Ada\n  last_name: Lovelace\n  title: Analyst\n"


def tex_of(sections: str, extra: str = "") -> str:
    cv = validate(load_yaml_text(HEADER + extra + "sections:\n" + sections, "cv.yaml"))
    return render(cv)


def test_document_is_moderncv_with_style_colour_and_lmodern() -> None:
    tex = tex_of(
        "  - title: S\n    kind: text\n    entries: [hi]\n",
        "design: {style: banking, color: green}\n",
    )
    assert tex.startswith(r"\documentclass[11pt,a4paper,sans]{moderncv}")
    assert r"\moderncvstyle{banking}" in tex
    assert r"\moderncvcolor{green}" in tex
    assert r"\usepackage{lmodern}" in tex  # pdflatex + T1 needs scalable fonts
    assert r"\name{Ada}{Lovelace}" in tex
    assert r"\title{Analyst}" in tex
    assert r"\makecvtitle" in tex


def test_text_bullet_and_item_entries() -> None:
    tex = tex_of(
        "  - title: About\n    kind: text\n    entries:\n"
        "      - I like **maths** and *engines*\n"
        "      - {kind: bullet, text: Notes}\n"
        "      - {kind: item, label: Languages, text: English}\n"
        "      - {kind: item, label: Chess, text: club, comment: since 1830}\n"
    )
    assert r"\section{About}" in tex
    assert r"\cvitem{}{I like \textbf{maths} and \emph{engines}}" in tex
    assert r"\cvlistitem{Notes}" in tex
    assert r"\cvitem{Languages}{English}" in tex
    assert r"\cvitemwithcomment{Chess}{club}{since 1830}" in tex


def test_dated_entry_has_six_arguments_and_highlights_list() -> None:
    tex = tex_of(
        "  - title: Work\n    entries:\n"
        "      - start: '2020-09'\n        end: present\n        title: PhD\n"
        "        organisation: ENS\n        location: Lyon\n        description: About it\n"
        "        highlights: [one, two]\n"
    )
    assert r"\cventry{Sep~2020 -- present}{PhD}{ENS}{Lyon}{}{About it\begin{itemize}" in tex
    assert "\\item%\none%" in tex


def test_publication_bolds_owner_however_spelt_and_links_doi() -> None:
    tex = tex_of(
        "  - title: Papers\n    kind: publication\n    entries:\n"
        "      - authors: ['C. Babbage', 'A., Lovelace']\n        title: Sketch\n"
        "        venue: Taylor\n        date: '1843'\n        doi: 10.1000/xyz_1\n",
        "owner:\n  names: [A. Lovelace]\n",
    )
    assert r"\cventry{1843}{Sketch}{Taylor}{}{}{C. Babbage, \textbf{A., Lovelace}" in tex
    assert r"\href{https://doi.org/10.1000/xyz\string_1}{doi:10.1000/xyz\_1}" in tex


def test_user_text_cannot_inject_latex() -> None:
    tex = tex_of(
        "  - title: 'x}\\end{document}'\n    kind: text\n    entries: ['\\input{/etc/passwd} $x$ 100%']\n"
    )
    assert r"\section{x\}\textbackslash{}end\{document\}}" in tex
    assert r"\textbackslash{}input\{/etc/passwd\} \$x\$ 100\%" in tex
    assert r"\input{/etc" not in tex


def test_every_entry_is_marked_with_its_source_path() -> None:
    tex = tex_of("  - title: A\n    kind: text\n    entries: [one, two]\n")
    assert f"{SOURCE_MARK}sections[0].entries[1]" in tex


def test_pdf_metadata_is_set_after_moderncv() -> None:
    tex = tex_of("  - title: A\n    kind: text\n    entries: [one]\n")
    assert r"\AtEndPreamble{\hypersetup{" in tex
    assert "pdfauthor={Ada Lovelace}" in tex
