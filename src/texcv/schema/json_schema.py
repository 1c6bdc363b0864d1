"""The JSON Schemas of cv.yaml and of a letter, generated from the pydantic models, for editors.

Editors using the YAML language server read them through the first line of cv.yaml
(``# yaml-language-server: $schema=./cv.schema.json``) and of a letter
(``# yaml-language-server: $schema=../letter.schema.json``) to complete and check keys as you
type.
pydantic describes the models; this module adds what only the validators know: an entry's
``kind`` comes from its section unless it names its own, and text and bullet sections take
plain strings.
"""

from __future__ import annotations

import json
from typing import Any

from texcv.schema.cv import CV
from texcv.schema.entries import ENTRY_KINDS
from texcv.schema.letter import Letter
from texcv.schema.sections import SHORTHAND_KINDS

DIALECT = "http://json-schema.org/draft-07/schema#"
DEFAULT_KIND = "entry"
REGENERATE = "make schema"


def _ref(kind: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{ENTRY_KINDS[kind].__name__}"}


def _entry_options(section_kind: str) -> list[dict[str, Any]]:
    """What an entry of a ``section_kind`` section may be."""
    options: list[dict[str, Any]] = []
    if section_kind in SHORTHAND_KINDS:
        options.append({"type": "string", "description": f"A {section_kind} entry's text."})
    options.append(_ref(section_kind))
    for other in ENTRY_KINDS:
        if other != section_kind:  # another kind only when the entry says so
            options.append({"allOf": [_ref(other), {"required": ["kind"]}]})
    return options


def _section_rules() -> list[dict[str, Any]]:
    def entries(kind: str) -> dict[str, Any]:
        return {"properties": {"entries": {"items": {"anyOf": _entry_options(kind)}}}}

    rules: list[dict[str, Any]] = [
        {
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": entries(kind),
        }
        for kind in ENTRY_KINDS
    ]
    rules.append({"if": {"not": {"required": ["kind"]}}, "then": entries(DEFAULT_KIND)})
    return rules


def json_schema() -> dict[str, Any]:
    """The schema as a dict: pydantic's, with entries checked against their section's kind."""
    schema = CV.model_json_schema(mode="validation")
    section = schema["$defs"]["Section"]
    entries = section["properties"]["entries"]
    entries["items"] = {
        "anyOf": [{"type": "string"}, *(_ref(kind) for kind in ENTRY_KINDS)],
    }
    section["allOf"] = _section_rules()
    return _document(schema, "texcv schema")


def letter_json_schema() -> dict[str, Any]:
    """The schema of a letter (letters/NAME.yaml)."""
    return _document(Letter.model_json_schema(mode="validation"), "texcv schema --letter")


def _document(schema: dict[str, Any], command: str) -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        "$comment": f"Generated from texcv's models by `{command}`; run `{REGENERATE}`.",
        **schema,
    }


def json_schema_text(letter: bool = False) -> str:
    """A schema as it is committed (cv.schema.json, or letter.schema.json with ``letter``):
    stable order, UTF-8, newline at end."""
    schema = letter_json_schema() if letter else json_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
