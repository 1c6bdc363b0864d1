"""Warnings: likely mistakes that `texcv check` reports without failing."""

from __future__ import annotations

import datetime
from pathlib import Path

from conftest import run_texcv
from texcv.schema.lint import lint
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml_text

TODAY = datetime.date(2025, 6, 15)
HEAD = "header:\n  first_name: Ada\n  last_name: Lovelace\nsections:\n"


def warnings_of(sections: str, today: datetime.date = TODAY) -> list[str]:
    loaded = load_yaml_text(HEAD + sections, "cv.yaml")
    return [w.format().splitlines()[0] for w in lint(validate(loaded), loaded.positions, today)]


def test_clean_cv_has_no_warnings() -> None:
    assert (
        warnings_of(
            "  - title: Work\n    entries:\n"
            "      - {start: 2024-01, end: present, title: B}\n"
            "      - {start: 2022, end: 2023-12, title: A}\n"
            "      - {date: 2022-05, title: Prize}\n"  # within 2022: not out of order
        )
        == []
    )


def test_entry_out_of_date_order_is_pointed_at() -> None:
    found = warnings_of(
        "  - title: Work\n    entries:\n"
        "      - start: 2024-01\n        title: C\n"
        "      - start: 2019-01\n        title: A\n"
        "      - start: 2021-01\n        title: B\n"
        "      - start: 2018-01\n        title: Z\n"
    )
    assert found == [
        "cv.yaml:11:9: warning: entry out of date order: 2021-01 is newer than the entry "
        "before it (2019-01), but this section lists newest first (by start date)"
    ]


def test_oldest_first_sections_are_fine_until_one_entry_breaks_the_order() -> None:
    found = warnings_of(
        "  - title: Talks\n    entries:\n"
        "      - {date: 2019, title: A}\n"
        "      - {date: 2020, title: B}\n"
        "      - {date: 2018, title: C}\n"
        "      - {date: 2021, title: D}\n"
    )
    assert len(found) == 1
    assert found[0].startswith("cv.yaml:9:")
    assert "2018 is older than the entry before it (2020)" in found[0]


def test_a_list_sorted_by_end_date_is_in_order() -> None:
    # Newest end first; the starts are not in order (a long PhD began before a short job).
    assert (
        warnings_of(
            "  - title: Work\n    entries:\n"
            "      - {start: 2019-09, end: present, title: Postdoc}\n"
            "      - {start: 2015-09, end: 2019-06, title: PhD}\n"
            "      - {start: 2017-06, end: 2017-09, title: Internship}\n"
            "      - {start: 2012-09, end: 2015-06, title: Master}\n"
        )
        == []
    )
    assert (
        warnings_of(
            "  - title: Work\n    entries:\n"
            "      - {start: 2012-09, end: 2015-06, title: Master}\n"
            "      - {start: 2017-06, end: 2017-09, title: Internship}\n"
            "      - {start: 2015-09, end: 2019-06, title: PhD}\n"
        )
        == []
    )


def test_a_list_in_no_order_is_reported_against_the_order_it_follows_best() -> None:
    found = warnings_of(
        "  - title: Work\n    entries:\n"
        "      - {start: 2019-09, end: present, title: Postdoc}\n"
        "      - {start: 2015-09, end: 2019-06, title: PhD}\n"
        "      - {start: 2020-06, end: 2020-09, title: Internship}\n"
        "      - {start: 2012-09, end: 2015-06, title: Master}\n"
    )
    assert found == [
        "cv.yaml:9:10: warning: entry out of date order: 2020-06 is newer than the entry "
        "before it (2015-09), but this section lists newest first (by start date)"
    ]


def test_future_end_date_that_is_not_present() -> None:
    found = warnings_of(
        "  - title: Work\n    entries:\n"
        "      - start: 2024-01\n        end: 2026-09\n        title: Job\n"
        "      - start: 2023-01\n        end: 2025-06\n        title: This month is fine\n"
    )
    assert found == ["cv.yaml:8:9: warning: the end date 2026-09 is in the future"]


def test_empty_section() -> None:
    found = warnings_of("  - title: Work\n    entries: []\n  - title: Talks\n")
    assert found == [
        "cv.yaml:5:5: warning: section 'Work' has no entries",
        "cv.yaml:7:5: warning: section 'Talks' has no entries",
    ]


def test_duplicate_entries_name_the_first_copy() -> None:
    found = warnings_of(
        "  - title: Skills\n    kind: item\n    entries:\n"
        "      - {label: Python, text: daily}\n"
        "      - {label: Python, text: daily}\n"
    )
    assert found == [
        "cv.yaml:9:9: warning: duplicate entry: the same as sections[0].entries[0] (line 8)"
    ]


def test_the_same_entry_in_two_sections_is_not_a_duplicate() -> None:
    assert (
        warnings_of(
            "  - title: Talks\n    kind: item\n    entries:\n"
            "      - {label: '2021', text: Sparse factorization}\n"
            "  - title: Selected talks\n    kind: item\n    entries:\n"
            "      - {label: '2021', text: Sparse factorization}\n"
        )
        == []
    )


def test_a_multi_section_cv_written_correctly_has_no_warnings() -> None:
    sections = "".join(
        f"  - title: Section {n}\n    entries:\n"
        "      - {start: 2022-01, end: present, title: Now}\n"
        "      - {start: 2020-01, end: 2021-12, title: Before}\n"
        "      - {date: 2019, title: Prize}\n"
        for n in range(3)
    )
    assert warnings_of(sections) == []


def test_check_prints_warnings_but_succeeds(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(HEAD + "  - title: Work\n    entries: []\n", encoding="utf-8")
    result = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cv.yaml:5:5: warning: section 'Work' has no entries" in result.stderr
    assert "  at: sections[0].title" in result.stderr
    assert "cv.yaml is valid" in result.stderr
