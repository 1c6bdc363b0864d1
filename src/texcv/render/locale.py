"""Words texcv writes itself (months, "present", page numbers, PDF subject, a letter's date and
enclosure label), per language.

A language is one `Words` value in `LOCALES`, keyed by the languages the schema accepts
(texcv.schema.languages). The
person's own text is never translated: per-language values of their fields are theirs to give
(`{en: ..., fr: ...}` in cv.yaml, see schema/localized.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from texcv.schema.languages import Language


@dataclass(frozen=True)
class Words:
    language: str  # BCP 47 tag, also the PDF's /Lang
    months: tuple[str, ...]  # abbreviated month names, January first
    present: str  # the open end of a date range
    subject: str  # PDF subject; {name} is the person's full name
    page: str  # footer page number; {page} and {total} are filled in by TeX
    publication_types: dict[str, str]  # group headings, one per PUBLICATION_TYPES item
    bibliography: dict[str, str]  # abbreviations in a work's details (see BIBLIOGRAPHY_KEYS)
    work_types: dict[str, str]  # what a thesis or report is, by BibTeX type
    # Letters (render/letter.py)
    month_names: tuple[str, ...]  # full month names, January first, for a letter's date
    day: str  # a letter's date; {day}, {month} (a full name) and {year} are filled in
    first_day: str  # the first of a month where {day} is a number ("1", "1er")
    dated_at: str  # a letter's date with the place it is written from: {place}, {date}
    enclosure: str  # the label before one enclosure
    enclosures: str  # ... and before several
    letter_title: str  # PDF title of a letter; {name} (the sender) and {recipient}
    letter_subject: str  # PDF subject of a letter; {name} is the sender
    year: str = "year"  # durations: 1 year 2 months
    years: str = "years"
    month: str = "month"
    months_word: str = "months"
    undated: str = "Undated"  # year heading of works whose date names no year ("in prep")


ENGLISH = Words(
    language="en",
    months=("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    present="present",
    subject="Curriculum vitae of {name}",
    page="{page}/{total}",
    publication_types={
        "article": "Journal articles",
        "inproceedings": "Conference papers",
        "incollection": "Book chapters",
        "book": "Books",
        "phdthesis": "Theses",
        "techreport": "Technical reports",
        "misc": "Other publications",
    },
    bibliography={
        "editor": "ed.",
        "editors": "eds.",
        "edition": "{edition} ed.",
        "volume": "vol. {volume}",
        "number": "no. {number}",
        "chapter": "ch. {chapter}",
        "pages": "pp. {pages}",
        "page": "p. {pages}",
    },
    work_types={
        "phdthesis": "PhD thesis",
        "mastersthesis": "Master's thesis",
        "masterthesis": "Master's thesis",
        "bachelorthesis": "Bachelor's thesis",
        "thesis": "Thesis",
        "techreport": "Technical report",
        "report": "Report",
        "manual": "Manual",
    },
    month_names=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    day="{month} {day}, {year}",
    first_day="1",
    dated_at="{place}, {date}",
    enclosure="Enclosure",
    enclosures="Enclosures",
    letter_title="{name} – Letter to {recipient}",
    letter_subject="Cover letter of {name}",
)

FRENCH = Words(
    language="fr",
    months=(
        "janv.",
        "févr.",
        "mars",
        "avr.",
        "mai",
        "juin",
        "juil.",
        "août",
        "sept.",
        "oct.",
        "nov.",
        "déc.",
    ),
    present="aujourd’hui",
    subject="Curriculum vitæ de {name}",
    page="page {page} sur {total}",
    publication_types={
        "article": "Articles de revue",
        "inproceedings": "Actes de conférences",
        "incollection": "Chapitres d’ouvrages",
        "book": "Ouvrages",
        "phdthesis": "Thèses",
        "techreport": "Rapports techniques",
        "misc": "Autres publications",
    },
    bibliography={
        "editor": "éd.",
        "editors": "éds.",
        "edition": "{edition} éd.",
        "volume": "vol. {volume}",
        "number": "nº {number}",
        "chapter": "chap. {chapter}",
        "pages": "p. {pages}",
        "page": "p. {pages}",
    },
    work_types={
        "phdthesis": "Thèse de doctorat",
        "mastersthesis": "Mémoire de master",
        "masterthesis": "Mémoire de master",
        "bachelorthesis": "Mémoire de licence",
        "thesis": "Thèse",
        "techreport": "Rapport technique",
        "report": "Rapport",
        "manual": "Manuel",
    },
    month_names=(
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    day="{day} {month} {year}",
    first_day="1er",
    dated_at="{place}, le {date}",
    enclosure="Pièce jointe",
    enclosures="Pièces jointes",
    letter_title="{name} – Lettre à {recipient}",
    letter_subject="Lettre de motivation de {name}",
    year="an",
    years="ans",
    month="mois",
    months_word="mois",
    undated="Sans date",
)

LOCALES: dict[Language, Words] = {words.language: words for words in (ENGLISH, FRENCH)}


def words_for(language: str) -> Words:
    """The words of ``language`` (a key of LOCALES; the schema only lets those through)."""
    return LOCALES[language]
