"""The schema: what a valid CV is, and errors that point at the right line."""

from __future__ import annotations

import pytest

from texcv.errors import InputErrors
from texcv.schema import DatedEntry, PublicationEntry, TextEntry
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml_text

MINIMAL = """\
header:
  first_name: Ada
  last_name: Lovelace
sections:
  - title: Work
    entries:
      - start: "1842"
        end: present
        title: Notes on the Analytical Engine
"""


def check(text: str):
    return validate(load_yaml_text(text, "cv.yaml"))


def errors_of(text: str) -> str:
    with pytest.raises(InputErrors) as caught:
        check(text)
    return caught.value.format()


def test_minimal_cv_is_valid_and_defaults_apply() -> None:
    cv = check(MINIMAL)
    entry = cv.sections[0].entries[0]
    assert isinstance(entry, DatedEntry)
    assert entry.end is not None and entry.end.present
    assert cv.design.style == "classic"


def test_section_kind_fills_entries_and_strings_become_text() -> None:
    cv = check(
        MINIMAL
        + "  - title: About\n    kind: text\n    entries:\n      - Hello\n"
        + "  - title: Papers\n    kind: publication\n    entries:\n"
        + "      - {authors: [A. B], title: T, date: '2021'}\n"
    )
    assert isinstance(cv.sections[1].entries[0], TextEntry)
    assert isinstance(cv.sections[2].entries[0], PublicationEntry)


def test_unknown_key_reports_line_and_suggestion() -> None:
    message = errors_of(MINIMAL.replace("        title: Notes", "        titel: Notes"))
    assert "cv.yaml:9:9: error: unknown key 'titel'; did you mean 'title'?" in message
    assert "cv.yaml:7:9: error: missing required field 'title'" in message


def test_all_errors_reported_together_in_file_order() -> None:
    text = MINIMAL.replace("Lovelace", "[1, 2]").replace('"1842"', '"1842-13"')
    message = errors_of(text)
    first = message.index("cv.yaml:3:")
    second = message.index("cv.yaml:7:")
    assert first < second
    assert "month 13 does not exist" in message
    assert "2 errors" in message


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ('"2023-02-30"', "present", "day 30 does not exist"),
        ('"2023"', '"2021"', "end date 2021 is before the start date 2023"),
        ('""', "present", "a date cannot be empty"),
        ('"2023-9-"', "present", "is not a date"),
        ("present", '"2021"', "can only be an end date"),
    ],
)
def test_bad_dates(start: str, end: str, expected: str) -> None:
    dates = f"start: {start}\n        end: {end}"
    message = errors_of(MINIMAL.replace('start: "1842"\n        end: present', dates))
    assert expected in message
    assert "cv.yaml:" in message


def test_wrong_style_suggests_closest() -> None:
    message = errors_of(MINIMAL + "design:\n  style: clasic\n")
    assert "cv.yaml:11:10: error:" in message
    assert "did you mean 'classic'?" in message


def test_unknown_entry_kind() -> None:
    message = errors_of(MINIMAL.replace("    entries:", "    kind: job\n    entries:"))
    assert "cv.yaml:6:11" in message


def test_publication_without_authors_among_others_is_a_warning_not_an_error() -> None:
    from texcv.schema.lint import lint

    text = MINIMAL + (
        "  - title: Papers\n    kind: publication\n    entries:\n      - title: T\n"
        "      - {title: U, authors: [A. Lovelace]}\n"
        "  - title: Reports\n    kind: publication\n    entries:\n      - title: R\n"
    )
    loaded = load_yaml_text(text, "cv.yaml")
    warnings = [w.format() for w in lint(validate(loaded), loaded.positions)]
    assert any(
        w.startswith("cv.yaml:13:9: warning: publication without authors") for w in warnings
    ), warnings
    # A section whose works all go without authors (reports, software) means it.
    assert not any("sections[2]" in w for w in warnings), warnings


def test_publication_needs_a_title_but_not_authors() -> None:
    # A work without authors (a report, a manual) is fine since issue 15; its title is not.
    message = errors_of(
        MINIMAL + "  - title: Papers\n    kind: publication\n    entries:\n      - venue: V\n"
    )
    assert "missing required field 'title'" in message
    assert "sections[1].entries[0].title" in message
