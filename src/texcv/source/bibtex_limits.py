"""pybtex's .bib parser with limits on what @string macros expand to, like the YAML's on aliases.

``@string`` macros can be nested and joined with ``#``: ten definitions of ``a # a # ... # a``
fit in 550 bytes and expand to gigabytes, which pybtex would build in memory before anything
else could look at them. Here every value (an @string or a field) is counted part by part as it
is read, before its parts are joined: one value may expand to MAX_VALUE_CHARS, all of them
together to MAX_TOTAL_CHARS. Past either the file is refused at the line of the @string or entry.
"""

from __future__ import annotations

from typing import Any

from pybtex.database import BibliographyData
from pybtex.database.input.bibtex import LowLevelParser, Parser

from texcv.errors import Code, InputError, Location
from texcv.source.yaml_reader import MAX_FILE_BYTES

MAX_VALUE_CHARS = 100_000  # an abstract is a few thousand characters
MAX_TOTAL_CHARS = MAX_FILE_BYTES  # what a .bib of the largest size accepted could hold


class LimitedParser(Parser):  # type: ignore[misc]
    """pybtex's Parser reading through `_Counting` (``display`` names the file in errors)."""

    def __init__(self, display: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.display = display

    def parse_string(self, text: str) -> BibliographyData:
        # Parser.parse_string (pybtex 0.24/0.25), with the counting low-level parser.
        self.unnamed_entry_counter = 1
        self.command_start = 0
        entries = _Counting(
            text,
            display=self.display,
            keyless_entries=self.keyless_entries,
            handle_error=self.handle_error,
            want_entry=self.data.want_entry,
            filename=self.filename,
            macros=self.macros,
        )
        for entry in entries:
            kind = entry[0].lower()
            if kind == "preamble":
                self.process_preamble(*entry[1])
            elif kind != "string":
                self.process_entry(entry[0], *entry[1])
        return self.data


class _Counting(LowLevelParser):  # type: ignore[misc]
    """Counts each value's characters as its parts are read; refuses one too long."""

    def __init__(self, text: str, *, display: str, **kwargs: Any) -> None:
        super().__init__(text, **kwargs)
        self.display = display
        self.value_chars = 0
        self.total_chars = 0

    def parse_value(self) -> None:
        self.value_chars = 0
        super().parse_value()

    def parse_value_part(self) -> str:
        part: str = super().parse_value_part()
        self.value_chars += len(part)
        self.total_chars += len(part)
        if self.value_chars > MAX_VALUE_CHARS:
            raise self._too_large(f"this value expands to more than {MAX_VALUE_CHARS:,} characters")
        if self.total_chars > MAX_TOTAL_CHARS:
            raise self._too_large(
                f"the values up to here expand to more than {MAX_TOTAL_CHARS:,} characters"
            )
        return part

    def _too_large(self, message: str) -> InputError:
        # Not a pybtex error: pybtex would report it and read on; this ends the reading.
        line = self.text.count("\n", 0, self.command_start) + 1
        return InputError(
            message,
            location=Location(self.display, line),
            hint="@string macros nested and joined with '#' multiply: this looks like a "
            "macro bomb; write the text out instead",
            code=Code.INPUT_TOO_LARGE,
        )
