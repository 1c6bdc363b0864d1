"""Text a person gives in several languages: ``title: {en: Education, fr: Formation}``.

Validation picks one language (from the validation context, see `language_context`) so the
rest of texcv only ever sees plain strings. Which language: the one asked for, else the CV's
`locale`, else English, else the first one given.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationInfo
from pydantic_core import PydanticCustomError

LANGUAGE_TAG = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
_LANGUAGE = re.compile(LANGUAGE_TAG)

LOCALIZED_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string", "format": "texcv-inline-markup"},
        {
            "type": "object",
            "description": "The same text in several languages, keyed by language code; "
            "the CV's (or variant's) locale picks one.",
            "patternProperties": {LANGUAGE_TAG: {"type": "string"}},
            "additionalProperties": False,
            "minProperties": 1,
            "examples": [{"en": "Education", "fr": "Formation"}],
        },
    ]
}


def language_context(data: Any, language: str | None = None) -> dict[str, str]:
    """The validation context: the language asked for and the CV's own default."""
    default = data.get("locale") if isinstance(data, dict) else None
    default = default if isinstance(default, str) else "en"
    return {"language": language or default, "default_language": default}


def pick_language(value: Any, info: ValidationInfo) -> Any:
    """A per-language mapping becomes the text for the language being built; else unchanged."""
    if not isinstance(value, dict):
        return value
    bad = [str(key) for key in value if not isinstance(key, str) or not _LANGUAGE.match(key)]
    if bad or not value:
        raise PydanticCustomError(
            "localized_text",
            "expected text, got a mapping (keys: {keys}); text in several languages takes "
            "language codes as keys, e.g. {{en: Education, fr: Formation}}; otherwise quote "
            "the text if it contains ': '",
            {"keys": ", ".join(bad) or "none"},
        )
    context = info.context if isinstance(info.context, dict) else {}
    for language in (context.get("language"), context.get("default_language"), "en"):
        if language in value:
            return value[language]
    return next(iter(value.values()))
