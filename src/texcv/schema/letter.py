"""A cover letter (letters/NAME.yaml): who it goes to and what it says.

The sender is not here: a letter takes the name and contact details from cv.yaml's header, and
its design and language from cv.yaml (or from one of its variants), so a letter is a few lines.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from texcv.schema.base import StrictModel, Text
from texcv.schema.dates import MAX_TEXT, CVDate, DateField
from texcv.schema.languages import LANGUAGES, Language
from texcv.schema.localized import LOCALIZED_JSON_SCHEMA
from texcv.schema.variants import VariantName

DEFAULT_MAX_PAGES = 1
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraphs(value: Any) -> Any:
    """A block of text (``body: |``) becomes its paragraphs, split at blank lines."""
    if isinstance(value, str):
        return [part for part in _BLANK_LINE.split(value) if part.strip()]
    return value


def _a_day(value: CVDate) -> CVDate:
    """A letter is dated to the day: 2024-03-15, not 2024-03; or by text, printed as written
    ("January 01, 1984"), as any date may be (issue 15)."""
    if value.text is not None and not value.present:
        return value
    if value.present or value.day is None:
        raise PydanticCustomError(
            "letter_date",
            "a letter's date is a day: write YYYY-MM-DD (e.g. 2024-03-15), or the date as "
            "text ('March 15, 2024'), got '{text}'",
            {"text": str(value)},
        )
    return value


LetterDate = Annotated[
    DateField,
    AfterValidator(_a_day),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}-\d{1,2}-\d{1,2}$"},
                {
                    "type": "string",
                    "maxLength": MAX_TEXT,
                    "not": {"pattern": r"^\d+(-\d*)*$"},
                    "description": "Any other text is printed as written.",
                },
            ]
        }
    ),
]
Paragraphs = Annotated[
    list[Text],
    BeforeValidator(_paragraphs),
    WithJsonSchema(
        {
            "anyOf": [
                {
                    "type": "string",
                    "description": "The whole body; a blank line starts a new paragraph.",
                },
                {"type": "array", "items": LOCALIZED_JSON_SCHEMA, "minItems": 1},
            ]
        }
    ),
]


class Recipient(StrictModel):
    """Who the letter is addressed to (moderncv's recipient block)."""

    name: Text = Field(
        description="The person or committee, first line of the block, in bold.",
        examples=["Hiring committee", "Prof. Marie Curie"],
    )
    organisation: Text | None = Field(
        None,
        description="Their organisation, the line under the name.",
        examples=["Toulouse School of Economics"],
    )
    address: list[Text] = Field(
        default_factory=list,
        description="Postal address, one line per item.",
        examples=[["1 Esplanade de l'Université", "31080 Toulouse Cedex 06", "France"]],
    )


class Letter(StrictModel):
    """A cover letter built with `texcv letter NAME` from letters/NAME.yaml and cv.yaml."""

    recipient: Recipient = Field(
        description="Who the letter is addressed to.",
        examples=[{"name": "Hiring committee", "organisation": "Analytical Engines Ltd"}],
    )
    date: LetterDate | None = Field(
        None,
        description="The day it is dated (YYYY-MM-DD), printed in the letter's language, or "
        "text printed as written. Default: the day of the build's date (the last commit's, or "
        "SOURCE_DATE_EPOCH).",
        examples=["2024-03-15", "January 01, 1984"],
    )
    place: Text | None = Field(
        None,
        description="Where you write from, printed before the date ('Toulouse, March 15, "
        "2024'; in French 'Toulouse, le 15 mars 2024').",
        examples=["Toulouse"],
    )
    opening: Text = Field(
        description="The salutation above the body.",
        examples=["Dear members of the committee,"],
    )
    body: Paragraphs = Field(
        min_length=1,
        description="The letter's paragraphs: a list, or one block (`body: |`) with blank "
        "lines between paragraphs. Inline markup as in cv.yaml.",
        examples=[["I am writing to apply for the **research engineer** position."]],
    )
    closing: Text = Field(description="The words above your name.", examples=["Yours sincerely,"])
    enclosures: list[Text] = Field(
        default_factory=list,
        description="What comes with the letter, listed at its foot.",
        examples=[["Curriculum vitæ", "List of publications"]],
    )
    enclosure_label: Text | None = Field(
        None,
        description="The word before the enclosures. Default: 'Enclosure(s)' in the "
        "letter's language.",
        examples=["Attached"],
    )
    variant: VariantName | None = Field(
        None,
        description="A variant of cv.yaml whose design and language the letter takes.",
        examples=["fr"],
    )
    locale: Language | None = Field(
        None,
        description="Language of texcv's words in the letter (date, enclosure label): "
        + ", ".join(LANGUAGES)
        + ". Default: the variant's, else cv.yaml's.",
        examples=["fr"],
    )
    max_pages: int = Field(
        DEFAULT_MAX_PAGES,
        ge=1,
        le=100,
        description="Fail the build when the letter has more pages (the previous PDF is kept).",
        examples=[1],
    )
