"""How the CV looks: moderncv style and colour, paper, fonts, and the TeX engine."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from texcv.engines import TexEngine
from texcv.schema.base import Length, StrictModel

Style = Literal["casual", "classic", "banking", "oldstyle", "fancy"]
Color = Literal["black", "blue", "burgundy", "green", "grey", "orange", "purple", "red"]
Engine = Literal["auto", TexEngine]  # the engines are named once, in texcv.engines


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
