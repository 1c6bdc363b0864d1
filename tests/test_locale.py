"""Words texcv writes itself, per language; date styles; per-language text in cv.yaml."""

from __future__ import annotations

import datetime

import pytest

from texcv.errors import InputErrors
from texcv.render import render
from texcv.render.dates import format_day, format_range
from texcv.render.locale import ENGLISH, FRENCH, LOCALES
from texcv.render.page_numbers import page_numbers
from texcv.schema import CVDate
from texcv.schema.languages import DEFAULT_LANGUAGE, LANGUAGES
from texcv.schema.publications import PUBLICATION_TYPES
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml_text

HEADER = "header: {first_name: Ada, last_name: Lovelace}\n"


def d(text: str) -> CVDate:
    return CVDate.parse(text)


def test_every_locale_has_every_word() -> None:
    for words in LOCALES.values():
        assert len(words.months) == 12 and all(words.months)
        assert set(words.publication_types) == set(PUBLICATION_TYPES)
        assert "{page}" in words.page and "{total}" in words.page and "{name}" in words.subject


def test_every_language_the_schema_accepts_has_words() -> None:
    assert set(LOCALES) == set(LANGUAGES) and DEFAULT_LANGUAGE in LOCALES


def test_a_letters_date_in_each_language() -> None:
    assert format_day(datetime.date(2024, 3, 15), ENGLISH) == "March 15, 2024"
    assert format_day(datetime.date(2024, 3, 1), ENGLISH) == "March 1, 2024"
    assert format_day(datetime.date(2024, 3, 15), FRENCH) == "15 mars 2024"
    assert format_day(datetime.date(2024, 3, 1), FRENCH) == "1er mars 2024"
    for words in LOCALES.values():
        assert len(words.month_names) == 12 and all(words.month_names)
        assert "{place}" in words.dated_at and "{date}" in words.dated_at
        assert words.enclosure and words.enclosures and "{name}" in words.letter_subject


def test_french_months_and_present() -> None:
    assert format_range(d("2020-09"), d("2023-12"), FRENCH) == "sept.~2020 -- déc.~2023"
    assert format_range(d("2024-01"), d("present"), FRENCH) == "janv.~2024 -- aujourd’hui"
    assert format_range(None, None, FRENCH, single=d("2016-02")) == "févr.~2016"


@pytest.mark.parametrize(
    ("start", "end", "style", "expected"),
    [
        ("2020-09", "2023-12", "month", "Sep~2020 -- Dec~2023"),
        ("2020-09", "2023-12", "year", "2020--2023"),
        ("2023-05", "2023-06", "year", "2023"),
        ("2024-01", "present", "year", "2024 -- present"),
        ("2012", "2013", "month", "2012 -- 2013"),
    ],
)
def test_date_styles(start: str, end: str, style: str, expected: str) -> None:
    assert format_range(d(start), d(end), ENGLISH, style=style) == expected  # type: ignore[arg-type]


def test_page_numbers_in_the_locales_words() -> None:
    assert r"\newcommand*{\texcvpagenumber}[2]{page~#1~sur~#2}" in page_numbers(FRENCH).dumps()
    assert r"\newcommand*{\texcvpagenumber}[2]{#1/#2}" in page_numbers(ENGLISH).dumps()


def test_per_language_text_follows_the_locale_and_falls_back() -> None:
    source = (
        HEADER
        + "locale: fr\nsections:\n  - title: {en: Education, fr: Formation}\n    kind: text\n    entries: [x]\n  - title: {en: Only English}\n    kind: text\n    entries: [y]\n"
    )
    cv = validate(load_yaml_text(source, "cv.yaml"))
    assert [s.title for s in cv.sections] == ["Formation", "Only English"]
    english = validate(load_yaml_text(source, "cv.yaml"), language="en")
    assert english.sections[0].title == "Education"
    tex = render(cv)
    assert "pdflang={fr}" in tex and "Curriculum vitæ de Ada Lovelace" in tex


def test_a_mapping_that_is_not_per_language_text_is_explained() -> None:
    source = HEADER + "sections:\n  - title: {Supervisor: Ada}\n    kind: text\n    entries: [x]\n"
    with pytest.raises(InputErrors) as caught:
        validate(load_yaml_text(source, "cv.yaml"))
    message = caught.value.format()
    assert message.startswith("cv.yaml:3:") and "language codes as keys" in message


def test_unknown_locale_is_refused_with_the_known_ones() -> None:
    with pytest.raises(InputErrors) as caught:
        validate(load_yaml_text(HEADER + "locale: de\nsections: []\n", "cv.yaml"))
    assert "'en' or 'fr'" in caught.value.format() or "en, fr" in caught.value.format()
