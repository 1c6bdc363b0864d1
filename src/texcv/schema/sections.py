"""A titled section and its entries; the section's `kind` fills in each entry's."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from texcv.schema.base import StrictModel, Text
from texcv.schema.entries import Entry, EntryKind

SHORTHAND_KINDS = ("text", "bullet")


class Section(StrictModel):
    """A titled section; its `kind` is the default kind of its entries."""

    title: Text = Field(description="Section heading.", examples=["Education"])
    kind: EntryKind = Field(
        "entry",
        description="Default kind of this section's entries: text, bullet, item, entry, publication.",
        examples=["entry", "publication"],
    )
    entries: list[Entry] = Field(
        default_factory=list,
        description="The entries, in the order they are printed. A plain string is a text or bullet entry.",
        examples=[[{"start": "2020-09", "end": "present", "title": "Ph.D. Student"}]],
    )

    @model_validator(mode="before")
    @classmethod
    def _fill_entry_kinds(cls, data: Any) -> Any:
        """Give each entry the section's kind unless it names its own; strings become text."""
        if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
            return data
        kind = data.get("kind", "entry")
        filled = []
        for entry in data["entries"]:
            if isinstance(entry, dict) and "kind" not in entry:
                entry = {"kind": kind, **entry}
            elif isinstance(entry, str) and kind in SHORTHAND_KINDS:
                entry = {"kind": kind, "text": entry}
            filled.append(entry)
        return {**data, "entries": filled}
