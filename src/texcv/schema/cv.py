"""The whole of cv.yaml."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field

from texcv.schema.base import StrictModel
from texcv.schema.design import Design
from texcv.schema.header import Header, Owner
from texcv.schema.languages import DEFAULT_LANGUAGE, LANGUAGES, Language
from texcv.schema.metadata import Metadata
from texcv.schema.sections import Section
from texcv.schema.variants import Variant, VariantName
from texcv.source.yaml_reader import DataPath


class CV(StrictModel):
    """A CV for texcv: header, sections of entries, and how it looks."""

    header: Header = Field(
        description="Name, title and contact details.",
        examples=[{"first_name": "Ada", "last_name": "Lovelace"}],
    )
    owner: Owner = Field(
        default_factory=Owner,
        description="How your name appears in author lists.",
        examples=[{"names": ["A. Lovelace"]}],
    )
    design: Design = Field(
        default_factory=Design,
        description="Style, colour, paper, fonts, engine.",
        examples=[{"style": "classic", "color": "blue"}],
    )
    metadata: Metadata = Field(
        default_factory=Metadata,
        description="The PDF's title, subject and keywords (its document properties).",
        examples=[{"keywords": ["optimization", "machine learning"]}],
    )
    sections: list[Section] = Field(
        description="The CV's sections, in order.",
        examples=[
            [{"title": "Skills", "kind": "item", "entries": [{"label": "Python", "text": "daily"}]}]
        ],
    )
    locale: Language = Field(
        DEFAULT_LANGUAGE,
        description="Language of the words texcv writes (months, present, page numbers) and "
        "of per-language text: " + ", ".join(LANGUAGES) + ".",
        examples=["en", "fr"],
    )
    variants: dict[VariantName, Variant] = Field(
        default_factory=dict,
        description="Named selections built with `texcv build --variant NAME` (cv-NAME.pdf).",
        examples=[
            {"short": {"tags": ["short"], "design": {"max_pages": 2}}, "fr": {"locale": "fr"}}
        ],
    )

    def parts(self) -> Iterator[tuple[DataPath, Section]]:
        """Each section, then each of its subsections, with its path in cv.yaml."""
        for index, section in enumerate(self.sections):
            yield ("sections", index), section
            for number, sub in enumerate(section.subsections):
                yield ("sections", index, "subsections", number), sub
