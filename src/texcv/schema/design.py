"""How the CV looks: moderncv style and colour, paper, fonts, and the TeX engine."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from texcv.engines import TexEngine
from texcv.schema.base import Length, StrictModel

Style = Literal["casual", "classic", "banking", "oldstyle", "fancy"]
Color = Literal["black", "blue", "burgundy", "green", "grey", "orange", "purple", "red"]
Engine = Literal["auto", TexEngine]  # the engines are named once, in texcv.engines
RGB = Annotated[str, Field(pattern=r"^#[0-9A-Fa-f]{6}$")]
FOOTER_FIELDS = ("name", "date", "page", "pages", "version")


class Colors(StrictModel):
    """Your own RGB colours for moderncv's colour slots (over the named scheme in `color`)."""

    accent: RGB | None = Field(
        None,
        description="moderncv's color1: name, section titles and rules, bullets, links.",
        examples=["#3873B3"],
    )
    secondary: RGB | None = Field(
        None,
        description="moderncv's color2: dates and labels, title, page numbers.",
        examples=["#737373"],
    )
    text: RGB | None = Field(
        None, description="moderncv's color0: the body text.", examples=["#000000"]
    )


class Design(StrictModel):
    """How the CV looks; every key has a default."""

    style: Style = Field("classic", description="moderncv style.", examples=["classic", "banking"])
    color: Color = Field("blue", description="moderncv colour scheme.", examples=["blue"])
    paper: Literal["a4", "letter", "a5", "legal", "executive"] = Field(
        "a4", description="Paper size.", examples=["a4", "letter"]
    )
    font_size: Literal[10, 11, 12] = Field(
        11, description="Body font size in points.", examples=[11]
    )
    font_family: Literal["sans", "roman"] = Field(
        "sans", description="Sans-serif or serif body text.", examples=["sans"]
    )
    colors: Colors | None = Field(
        None,
        description="Your own RGB colours (#RRGGBB) for moderncv's colour slots; the ones "
        "left out keep the `color` scheme's.",
        examples=[{"accent": "#3873B3"}],
    )
    font: str | None = Field(
        None,
        min_length=1,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9 .+-]*$",
        description="A font family installed on this machine (see `fc-list : family`), for "
        "all text; needs LuaLaTeX or XeLaTeX (engine auto picks LuaLaTeX).",
        examples=["TeX Gyre Pagella", "Noto Serif"],
    )
    footer: str | None = Field(
        None,
        min_length=1,
        description="A line at the foot of every page. Fields: {name}, {date} (of the build, "
        "in the CV's language), {page}, {pages}, {version} (git describe of the CV's "
        "repository).",
        examples=["{name} -- last updated {date} -- page {page} of {pages}"],
    )
    margin: Length = Field(
        "2cm",
        description="Page margins (a TeX length).",
        examples=["2cm", "0.75in"],
    )
    date_width: Length | None = Field(
        None,
        description="Width of the date column (moderncv's hintscolumnwidth); default moderncv's.",
        examples=["3cm"],
    )
    page_numbers: bool = Field(
        True, description='Number pages ("2/3") when the CV has more than one.', examples=[True]
    )
    dates: Literal["month", "year"] = Field(
        "month",
        description="How dates show: month (Sep 2020 – Dec 2023, as precise as written) or "
        "year (2020–2023).",
        examples=["month", "year"],
    )
    symbols: bool = Field(True, description="Show icons next to contact details.", examples=[True])
    engine: Engine = Field(
        "auto",
        description="TeX engine; auto picks pdflatex when the text allows it, else lualatex.",
        examples=["auto", "lualatex"],
    )
    timeout: float = Field(
        120, gt=0, le=3600, description="Seconds TeX may run before it is stopped.", examples=[120]
    )
    max_pages: int | None = Field(
        None,
        ge=1,
        le=100,
        description="Fail the build when the PDF has more pages (the previous PDF is kept); "
        "many applications cap a CV's length.",
        examples=[2],
    )

    @field_validator("footer")
    @classmethod
    def _known_fields(cls, value: str | None) -> str | None:
        for field in re.findall(r"\{(\w*)\}", value or ""):
            if field not in FOOTER_FIELDS:
                raise PydanticCustomError(
                    "footer_field",
                    "unknown field {field} in the footer; fields: {fields}",
                    {
                        "field": f"{{{field}}}",
                        "fields": ", ".join(f"{{{f}}}" for f in FOOTER_FIELDS),
                    },
                )
        return value
