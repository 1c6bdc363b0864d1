"""What a CV is, as pydantic models; nothing about LaTeX or files."""

from texcv.schema.cv import CV
from texcv.schema.dates import CVDate
from texcv.schema.design import Design
from texcv.schema.entries import (
    BulletEntry,
    DatedEntry,
    Entry,
    ItemEntry,
    PublicationEntry,
    TextEntry,
)
from texcv.schema.header import Header, Owner, Photo
from texcv.schema.sections import Section

__all__ = [
    "CV",
    "BulletEntry",
    "CVDate",
    "DatedEntry",
    "Design",
    "Entry",
    "Header",
    "ItemEntry",
    "Owner",
    "Photo",
    "PublicationEntry",
    "Section",
    "TextEntry",
]
