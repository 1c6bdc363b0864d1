"""What the PDF says about itself (its document properties); every key has a default."""

from __future__ import annotations

from pydantic import Field

from texcv.schema.base import StrictModel, Text


class Metadata(StrictModel):
    """Title, subject and keywords of the PDF; the author is always the header's name."""

    title: Text | None = Field(
        None,
        description="The PDF's title (shown in viewers' title bars and search results). "
        "Default: your name and header title.",
        examples=["Quoc-Tung Le – CV"],
    )
    subject: Text | None = Field(
        None,
        description="The PDF's subject. Default: 'Curriculum vitae of NAME' in the CV's language.",
        examples=["Curriculum vitae of Quoc-Tung Le"],
    )
    keywords: list[Text] | None = Field(
        None,
        description="The PDF's keywords. Default: your name and the section titles.",
        examples=[["optimization", "sparse neural networks", "postdoc"]],
    )
    pdfa: bool = Field(
        False,
        description="Make the PDF an archival PDF/A-2b: the sRGB colour profile as output "
        "intent, a file identifier, printable links, PDF/A identification in the XMP "
        "metadata. Some portals and archives ask for it.",
        examples=[True],
    )
