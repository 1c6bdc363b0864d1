"""Text as typed: a plain scalar YAML would make a number, boolean or null prints as written.

The property, over every text field of the schema (found by walking the models, not listed by
hand): typing a value plain or in quotes gives the same CV, or the same error.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

import pytest
import yaml
from pydantic import BaseModel

from conftest import pdf_text, run_texcv
from texcv.errors import InputError
from texcv.schema import CV
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml_text

# What YAML 1.1 or 1.2 would turn into an int, float, bool, null, octal or sexagesimal number.
VALUES = [
    "0612345678",
    "+33612345678",
    "1.10",
    "1e3",
    "0o17",
    "012",
    "12:30",
    "1_000",
    ".5",
    "-0",
    "0x1F",
    "2020",
    "yes",
    "on",
    "true",
    "False",
    "null",
    "~",
]
SENTINEL = "@@VALUE@@"
Path_ = tuple[str | int, ...]


def _unwrap(annotation: Any) -> list[Any]:
    """The types a field may hold: Annotated and Optional peeled off."""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        return _unwrap(args[0])
    if origin in (typing.Union, types.UnionType):
        return [kind for arg in args if arg is not type(None) for kind in _unwrap(arg)]
    return [annotation]


def _is_model(kind: Any) -> bool:
    return isinstance(kind, type) and issubclass(kind, BaseModel)


def minimal(model: type[BaseModel]) -> dict[str, Any]:
    """The model's required fields, each set to its first example (and its `kind`, if any)."""
    data = {
        name: copy.deepcopy(info.examples[0])
        for name, info in model.model_fields.items()
        if info.is_required()
    }
    kind = model.model_fields.get("kind")
    if kind is not None and isinstance(kind.default, str):
        data["kind"] = kind.default
    return data


def text_fields(
    model: type[BaseModel], outer: frozenset[type[BaseModel]] = frozenset()
) -> Iterator[tuple[Path_, dict[str, Any]]]:
    """(path of a text field, the model's data with SENTINEL there) for every text field.

    A model inside itself (a section's subsections, a bullet's bullets) is walked once."""
    outer = outer | {model}
    base = minimal(model)
    for name, info in model.model_fields.items():
        kinds = _unwrap(info.annotation)
        if str in kinds:
            yield (name,), {**base, name: SENTINEL}
            continue
        for kind in kinds:
            origin, args = get_origin(kind), get_args(kind)
            inner: list[tuple[Any, Callable[[Any], Any], Path_]] = []
            if _is_model(kind):
                inner = [(kind, lambda d: d, ())]
            elif origin is list:
                items = _unwrap(args[0])
                if str in items:
                    yield (name, 0), {**base, name: [SENTINEL]}
                inner = [(m, lambda d: [d], (0,)) for m in items if _is_model(m)]
            elif origin is dict:
                inner = [(m, lambda d: {"v": d}, ("v",)) for m in _unwrap(args[1]) if _is_model(m)]
            for sub, place, step in inner:
                if sub in outer:
                    continue
                for path, data in text_fields(sub, outer):
                    yield (name, *step, *path), {**base, name: place(data)}


LOCATIONS = list(text_fields(CV))


def load(data: dict[str, Any], written: str) -> CV | str:
    """The CV from ``data`` with SENTINEL written as ``written``; or its error messages."""
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    text = text.replace(f"'{SENTINEL}'", written)
    try:
        return validate(load_yaml_text(text, "cv.yaml"))
    except InputError as error:
        return error.format()


def value_at(cv: Any, path: Path_) -> Any:
    for step in path:
        cv = cv[step] if isinstance(step, int) or isinstance(cv, dict) else getattr(cv, step)
    return cv


def test_the_walk_finds_the_text_fields() -> None:
    paths = {".".join(map(str, path)) for path, _ in LOCATIONS}
    for expected in (
        "header.phones.0.number",
        "header.title",
        "header.emails.0",
        "header.address.city",
        "sections.0.title",
        "sections.0.entries.0.label",
        "sections.0.entries.0.highlights.0",
        "sections.0.entries.0.authors.0",
        "metadata.keywords.0",
        "variants.v.description",
    ):
        assert expected in paths
    assert len(paths) > 40


@pytest.mark.parametrize(
    ("path", "data"), LOCATIONS, ids=[".".join(map(str, p)) for p, _ in LOCATIONS]
)
def test_plain_and_quoted_are_the_same_text(path: Path_, data: dict[str, Any]) -> None:
    for value in VALUES:
        plain, quoted = load(data, value), load(data, f"'{value}'")
        assert plain == quoted, value
        if isinstance(plain, CV):
            assert value_at(plain, path) == value


@pytest.mark.parametrize("value", ["0612345678", "1.10", "null", "12:30"])
def test_text_given_per_language_is_kept_as_typed_too(value: str) -> None:
    cv = load(
        {**minimal(CV), "header": {**minimal(CV)["header"], "title": {"en": SENTINEL}}}, value
    )
    assert isinstance(cv, CV)
    assert cv.header.title == value


def test_keys_and_other_fields_still_take_what_yaml_means() -> None:
    text = """\
header: {first_name: Ada, last_name: Lovelace}
sections:
  - title: Talks
    entries:
      - {date: 2020, title: Talk}
  - title: Papers
    kind: publication
    numbered: true
    filter: {since: 2019}
    entries:
      - {authors: [A. Lovelace], title: Notes, owner: [1]}
design: {font_size: 11, timeout: 30.5, page_numbers: false, max_pages: 2}
variants:
  2024: {description: 2.50, design: {font_size: 10}}
"""
    cv = validate(load_yaml_text(text, "cv.yaml"))
    assert (cv.design.font_size, cv.design.timeout, cv.design.page_numbers) == (11, 30.5, False)
    assert cv.design.max_pages == 2
    assert cv.sections[1].numbered is True and cv.sections[1].filter.since == 2019
    assert cv.sections[1].entries[0].owner == [1]  # type: ignore[union-attr]
    assert str(cv.sections[0].entries[0].date) == "2020"  # type: ignore[union-attr]
    assert list(cv.variants) == ["2024"] and cv.variants["2024"].description == "2.50"


def test_an_empty_value_is_still_nothing() -> None:
    cv = validate(
        load_yaml_text("header: {first_name: Ada, last_name: L, title: }\nsections: []\n", "x")
    )
    assert cv.header.title is None


PHONE_CV = """\
header:
  first_name: Ada
  last_name: Lovelace
  title: 1.10
  phones:
    - number: 0612345678
    - number: +33612345678
sections:
  - title: Versions
    kind: item
    entries:
      - {label: 12:30, text: 1e3, comment: null}
      - {label: 0o17, text: yes}
"""


@pytest.mark.tex
def test_number_looking_text_reads_back_from_the_pdf_as_typed(
    require_tex: None, tmp_path: Path
) -> None:
    (tmp_path / "cv.yaml").write_text(PHONE_CV, encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    words = pdf_text(tmp_path / "out" / "cv.pdf").split()
    for typed in ("1.10", "0612345678", "+33612345678", "12:30", "1e3", "null", "0o17", "yes"):
        assert typed in words, (typed, words)
    assert "612345678.0" not in words and "33612345678" not in words
