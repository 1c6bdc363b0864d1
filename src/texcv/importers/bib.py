"""`texcv import --bib`: publications with authors go to publications.bib beside cv.yaml.

Each publications section then reads the .bib (`bibtex:`), prints authors as written and keeps
the source's order; when several sections share the file, each keeps its own works by a
keyword named after it (`filter: {keywords: [...]}`).
"""

from __future__ import annotations

import re
from typing import Any

from texcv.importers.markup import has_markup, markdown_to_plain
from texcv.importers.translation import Translation, iso_date
from texcv.source.bibtex_writer import BibWork, cite_key, dump_bib


def move_to_bib(tr: Translation, file_name: str) -> str | None:
    """The .bib text of every publication with authors, removed from its section."""
    works: list[BibWork] = []
    taken: set[str] = set()
    using: list[tuple[int, str]] = []
    for index, section in enumerate(tr.sections):
        moved = [(i, e) for i, e in enumerate(section["entries"]) if _movable(e)]
        if not moved:
            continue
        keyword = _slug(markdown_to_plain(section["title"])) or f"section{index + 1}"
        for position, entry in moved:
            source = tr.bib_sources.get(("sections", index, "entries", position), ())
            works.append(_work(tr, entry, source, taken, keyword))
            tr.moved(source, f"{file_name} @{works[-1].type}{{{works[-1].key}}}")
        section["entries"] = [e for i, e in enumerate(section["entries"]) if not _movable(e)]
        section.update(
            {"kind": "publication", "bibtex": file_name, "authors": "as-written"}
            | {"sort": "as-written"}
        )
        tr.comments[("sections", index, "bibtex")] = (
            "publications with authors are in the .bib (texcv import --bib); printed as written, "
            "in the source's order" + (", after the entries above" if section["entries"] else "")
        )
        using.append((index, keyword))
    if not works:
        return None
    if len(using) > 1:
        for index, keyword in using:
            tr.sections[index]["filter"] = {"keywords": [keyword]}
    return dump_bib(works, "Written by `texcv import --bib`; cv.yaml reads it (bibtex:).")


def _movable(entry: Any) -> bool:
    return isinstance(entry, dict) and entry.get("kind") == "publication" and entry.get("authors")


def _work(
    tr: Translation, entry: dict[str, Any], source: tuple, taken: set[str], keyword: str
) -> BibWork:
    plain: dict[str, str] = {}
    for key in ("title", "venue", "note"):
        if entry.get(key):
            plain[key] = markdown_to_plain(entry[key])
            if has_markup(entry[key]):
                tr.warn(
                    (*source, "title" if key == "title" else "summary"),
                    f"the {key} loses its bold, italic and links in the .bib (BibTeX fields "
                    "are read as plain text)",
                )
    date = entry.get("date", "")
    if date and iso_date(date) != date:  # free text ("Autumn 1946"): a .bib year cannot hold it
        entry["note"] = "; ".join(filter(None, [date, entry.get("note")]))
        plain["note"] = markdown_to_plain(entry["note"])
        tr.warn(
            (*source, "date"),
            f"the date '{date}' is free text: the .bib keeps it in the note (no year)",
        )
        date = ""
    year, _, rest = date.partition("-")
    fields = {"title": plain.get("title", "")}
    if plain.get("venue"):
        fields["journal"] = plain["venue"]
    if year:
        fields["year"] = year
    if rest:
        fields["month"] = str(int(rest.split("-")[0]))
    for key in ("doi", "url"):
        if entry.get(key):
            fields[key] = entry[key]
    if plain.get("note"):
        fields["note"] = plain["note"]
    fields["keywords"] = ", ".join([keyword, *entry.get("tags", [])])
    key = cite_key(entry["authors"], year, fields["title"], taken)
    return BibWork("article" if "journal" in fields else "misc", key, entry["authors"], fields)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
