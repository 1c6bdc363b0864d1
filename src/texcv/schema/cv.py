"""The whole of cv.yaml."""

from __future__ import annotations

from pydantic import Field

from texcv.schema.base import StrictModel
from texcv.schema.design import Design
from texcv.schema.header import Header, Owner
from texcv.schema.sections import Section


class CV(StrictModel):
    header: Header = Field(description="Name, title and contact details.")
    owner: Owner = Field(
        default_factory=Owner, description="How your name appears in author lists."
    )
    design: Design = Field(
        default_factory=Design, description="Style, colour, paper, fonts, engine."
    )
    sections: list[Section] = Field(description="The CV's sections, in order.")
