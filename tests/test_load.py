"""The loader: positions for every value, and clean errors for what PyYAML lets through."""

from __future__ import annotations

from pathlib import Path

import pytest

from texcv.errors import InputError, InputErrors
from texcv.source.yaml_reader import format_path, load_yaml, load_yaml_text


def test_positions_of_keys_and_values_are_one_based() -> None:
    loaded = load_yaml_text("header:\n  first_name: Ada\nsections: [a, b]\n", "cv.yaml")
    assert loaded.positions.values[("header", "first_name")] == (2, 15)
    assert loaded.positions.keys[("header", "first_name")] == (2, 3)
    assert loaded.positions.values[("sections", 1)] == (3, 15)


def test_dates_and_norway_stay_text() -> None:
    loaded = load_yaml_text("a: 2020-09-01\nb: NO\nc: 2020-09\nd: 2014\ne: true\n", "cv.yaml")
    assert loaded.data == {"a": "2020-09-01", "b": "NO", "c": "2020-09", "d": 2014, "e": True}


def test_duplicate_key_reports_both_lines() -> None:
    with pytest.raises(InputErrors) as caught:
        load_yaml_text("header:\n  title: A\n  title: B\n", "cv.yaml")
    message = caught.value.format()
    assert "cv.yaml:3:3: error: duplicate key 'title' (first defined at line 2)" in message


def test_syntax_error_points_at_line_and_hints() -> None:
    with pytest.raises(InputError) as caught:
        load_yaml_text("a:\n\tb: 1\n", "cv.yaml")
    assert caught.value.format().startswith("cv.yaml:2:1: error: YAML syntax")
    assert "tabs" in caught.value.format()


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(InputError, match="alias"):  # refused before it expands
        load_yaml_text("\n".join(lines) + "\n", "cv.yaml")


def test_not_utf8_names_byte_and_line(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InputError) as caught:
        load_yaml(path, "cv.yaml")
    assert caught.value.format().startswith("cv.yaml:2:7: error: the file is not valid UTF-8")
    assert "0xe9" in caught.value.format()


@pytest.mark.parametrize(
    ("setup", "expected"),
    [("missing", "no such file"), ("directory", "is a directory"), ("empty", "empty")],
)
def test_unreadable_inputs(tmp_path: Path, setup: str, expected: str) -> None:
    path = tmp_path / "cv.yaml"
    if setup == "directory":
        path.mkdir()
    elif setup == "empty":
        path.write_text("# only a comment\n")
    with pytest.raises(InputError, match=expected):
        load_yaml(path, "cv.yaml")


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cv.yaml"
    path.write_bytes(b"# " + b"x" * (20 * 1024 * 1024) + b"\n")
    with pytest.raises(InputError, match="too large"):
        load_yaml(path, "cv.yaml")


def test_format_path() -> None:
    assert format_path(("sections", 3, "entries", 2, "date")) == "sections[3].entries[2].date"
