"""The JSON Schema editors use for cv.yaml: committed, current, documented, and right."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from conftest import AUTHOR_CV, ROOT, run_texcv
from texcv.app.starter import starter_text
from texcv.schema.json_schema import REGENERATE, json_schema, json_schema_text
from texcv.source.yaml_reader import load_yaml, load_yaml_text

COMMITTED = ROOT / "cv.schema.json"
MODELINE = "# yaml-language-server: $schema=./cv.schema.json"


def test_committed_schema_is_the_generated_one() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == json_schema_text(), (
        f"cv.schema.json is out of date with src/texcv/schema: run `{REGENERATE}` and commit it"
    )


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


def test_every_field_has_a_description_and_an_example() -> None:
    missing = [
        f"{model}.{name}: {need}"
        for model, name, field in _fields(json_schema())
        for need in ("description", "examples")
        if not field.get(need)
    ]
    assert not missing, "add Field(description=..., examples=[...]):\n" + "\n".join(missing)


def test_the_schema_is_valid_draft_7() -> None:
    jsonschema.Draft7Validator.check_schema(json_schema())


def test_author_cv_and_starter_name_the_schema_on_their_first_line() -> None:
    assert AUTHOR_CV.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    assert starter_text().splitlines()[0] == MODELINE


def _problems(data: Any) -> list[str]:
    validator = jsonschema.Draft7Validator(json_schema())
    return [error.message for error in validator.iter_errors(data)]


def test_author_cv_and_starter_satisfy_the_schema() -> None:
    assert _problems(load_yaml(AUTHOR_CV).data) == []
    assert _problems(load_yaml_text(starter_text(), "cv.yaml").data) == []


BASE = "header: {first_name: Ada, last_name: Lovelace}\nsections:\n"


@pytest.mark.parametrize(
    ("section", "valid"),
    [
        ("{title: T, kind: text, entries: [Hello, {kind: bullet, text: x}]}", True),
        ("{title: T, entries: [{title: Job, start: 2020, end: present}]}", True),
        ("{title: T, kind: entry, entries: [{kind: item, label: a, text: b}]}", True),
        ("{title: T, kind: publication, entries: [{authors: [A. B], title: X}]}", True),
        ("{title: T, kind: publication, entries: [{title: X}]}", True),  # no authors: a warning
        ("{title: T, entries: [Hello]}", False),  # a string is not a dated entry
        ("{title: T, entries: [{titel: X}]}", False),  # unknown key
        ("{title: T, kind: job, entries: []}", False),  # unknown kind
        ("{title: T, entries: [{title: X, start: 2020-9-1x}]}", False),  # not a date
    ],
)
def test_schema_agrees_with_texcv_on_entries(section: str, valid: bool) -> None:
    data = load_yaml_text(f"{BASE}  - {section}\n", "cv.yaml").data
    assert (_problems(data) == []) is valid
