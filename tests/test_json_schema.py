"""The JSON Schema editors use for cv.yaml: committed, current, documented, and right."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from conftest import AUTHOR_CV, ROOT, run_texcv
from texcv.app.starter import starter_letter_text, starter_text
from texcv.schema.json_schema import REGENERATE, json_schema, json_schema_text, letter_json_schema
from texcv.source.yaml_reader import load_yaml, load_yaml_text

COMMITTED = ROOT / "cv.schema.json"
COMMITTED_LETTER = ROOT / "letter.schema.json"
MODELINE = "# yaml-language-server: $schema=./cv.schema.json"
LETTER_MODELINE = "# yaml-language-server: $schema=../letter.schema.json"


def test_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == json_schema_text(), (
        f"cv.schema.json is out of date with src/texcv/schema: run `{REGENERATE}` and commit it"
    )


def test_committed_letter_schema_is_the_generated_one() -> None:
    assert COMMITTED_LETTER.read_text(encoding="utf-8") == json_schema_text(letter=True), (
        f"letter.schema.json is out of date with src/texcv/schema: run `{REGENERATE}` and commit it"
    )


def test_texcv_schema_letter_prints_it() -> None:
    result = run_texcv("schema", "--letter")
    assert result.returncode == 0, result.stderr
    assert result.stdout == json_schema_text(letter=True)


def test_texcv_schema_prints_it() -> None:
    result = run_texcv("schema")
    assert result.returncode == 0, result.stderr
    assert result.stdout == json_schema_text()


def test_texcv_schema_writes_a_file(tmp_path: Any) -> None:
    result = run_texcv("schema", "-o", str(tmp_path / "s.json"))
    assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == json_schema()


def _fields(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    models = {"CV": schema, **schema["$defs"]}
    for model, body in models.items():
        for name, field in body.get("properties", {}).items():
            yield model, name, field


@pytest.mark.parametrize("schema", [json_schema(), letter_json_schema()], ids=["cv", "letter"])
def test_every_field_has_a_description_and_an_example(schema: dict[str, Any]) -> None:
    missing = [
        f"{model}.{name}: {need}"
        for model, name, field in _fields(schema)
        for need in ("description", "examples")
        if not field.get(need)
    ]
    assert not missing, "add Field(description=..., examples=[...]):\n" + "\n".join(missing)


def test_the_schemas_are_valid_draft_7() -> None:
    jsonschema.Draft7Validator.check_schema(json_schema())
    jsonschema.Draft7Validator.check_schema(letter_json_schema())


def test_author_cv_and_starter_name_the_schema_on_their_first_line() -> None:
    assert AUTHOR_CV.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert starter_text().splitlines()[0] == MODELINE
    assert starter_letter_text().splitlines()[0] == LETTER_MODELINE


def _problems(data: Any) -> list[str]:
    validator = jsonschema.Draft7Validator(json_schema())
    return [error.message for error in validator.iter_errors(data)]


def test_author_cv_and_starter_satisfy_the_schema() -> None:
    assert _problems(load_yaml(AUTHOR_CV).data) == []
    assert _problems(load_yaml_text(starter_text(), "cv.yaml").data) == []


LETTER = "recipient: {name: X}\nopening: Dear,\nclosing: Yours,\n"


@pytest.mark.parametrize(
    ("extra", "valid"),
    [
        ("body: [One, {en: Two, fr: Deux}]\n", True),
        ("body: |\n  One.\n\n  Two.\n", True),
        ("body: [a]\ndate: 2024-03-15\nmax_pages: 2\nenclosures: [CV]\n", True),
        ("body: []\n", False),  # no paragraph
        ("body: [a]\ndate: 2024-03\n", False),  # not a day
        ("body: [a]\nsignature: x\n", False),  # unknown key
        ("body: [a]\nlocale: de\n", False),  # no words for it
    ],
)
def test_letter_schema_agrees_with_texcv(extra: str, valid: bool) -> None:
    data = load_yaml_text(LETTER + extra, "letters/x.yaml").data
    validator = jsonschema.Draft7Validator(letter_json_schema())
    assert (list(validator.iter_errors(data)) == []) is valid
    assert _problems_as_letter(data) == valid


def _problems_as_letter(data: Any) -> bool:
    """Whether texcv itself accepts ``data`` as a letter."""
    from pydantic import ValidationError

    from texcv.schema.letter import Letter

    try:
        Letter.model_validate(data)
    except ValidationError:
        return False
    return True


def test_starter_letter_satisfies_the_letter_schema() -> None:
    validator = jsonschema.Draft7Validator(letter_json_schema())
    data = load_yaml_text(starter_letter_text(), "letters/example.yaml").data
    assert [error.message for error in validator.iter_errors(data)] == []


BASE = "header: {first_name: Ada, last_name: Lovelace}\nsections:\n"


@pytest.mark.parametrize(
    ("section", "valid"),
    [
        ("{title: T, kind: text, entries: [Hello, {kind: bullet, text: x}]}", True),
        ("{title: T, entries: [{title: Job, start: 2020, end: present}]}", True),
        ("{title: T, kind: entry, entries: [{kind: item, label: a, text: b}]}", True),
        ("{title: T, kind: publication, entries: [{authors: [A. B], title: X}]}", True),
        ("{title: T, kind: publication, entries: [{title: X}]}", True),  # no authors
        ("{title: T, kind: publication, entries: [{venue: X}]}", False),  # no title
        ("{title: T, entries: [Hello]}", False),  # a string is not a dated entry
        ("{title: T, entries: [{titel: X}]}", False),  # unknown key
        ("{title: T, kind: job, entries: []}", False),  # unknown kind
        ("{title: T, entries: [{title: X, start: 2020-13}]}", False),  # no month 13
        ("{title: T, entries: [{title: X, start: Spring 2017}]}", True),  # free text
        ("{title: T, entries: [{title: X, start: {text: Fall, sort: 2017-09}}]}", True),
        ("{title: T, entries: [{title: X, start: {text: Fall}}]}", False),  # no sort date
        ("{title: T, kind: double_item, entries: [{left: {label: a, text: b}}]}", True),
        ("{title: T, kind: skill, entries: [{level: 6, skill: Python}]}", False),  # 0 to 5
        ("{title: T, entries: [{title: X, highlights: [a, {text: b, highlights: [c]}]}]}", True),
        ("{title: T, subsections: [{title: S, kind: bullet, entries: [x]}]}", True),
    ],
)
def test_schema_agrees_with_texcv_on_entries(section: str, valid: bool) -> None:
    data = load_yaml_text(f"{BASE}  - {section}\n", "cv.yaml").data
    assert (_problems(data) == []) is valid
