"""The languages a CV can be built in: texcv has its own words for each (render/locale.py)."""

from __future__ import annotations

from typing import Literal, get_args

# Adding a language: add it here and give its words in texcv.render.locale.LOCALES
# (tests/test_locale.py checks that the two agree).
Language = Literal["en", "fr"]
LANGUAGES: tuple[str, ...] = get_args(Language)
DEFAULT_LANGUAGE = "en"
