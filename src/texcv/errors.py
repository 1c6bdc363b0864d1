"""The failures texcv expects, as values. Only the CLI prints them.

Every error knows where it happened (a file, and a line and column when known) so that the
message reads like a compiler's: ``cv.yaml:12:5: error: ...``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Code(StrEnum):
    """The stable code of each kind of problem, in `texcv check/build --format json|github`.

    Scripts and editors key on these: a code is never renamed or reused. Each error type has a
    default (``TexcvError.code``); a raise site names a more precise one. The descriptions
    feed diagnostics.schema.json and the README's table.
    """

    # reading cv.yaml and the files it names
    FILE_MISSING = "file-missing"
    FILE_UNREADABLE = "file-unreadable"
    FILE_EMPTY = "file-empty"
    FILE_OUTSIDE = "file-outside"
    NOT_UTF8 = "not-utf8"
    YAML_SYNTAX = "yaml-syntax"
    DUPLICATE_KEY = "duplicate-key"
    INPUT_TOO_LARGE = "input-too-large"
    # the schema
    MISSING_FIELD = "missing-field"
    UNKNOWN_KEY = "unknown-key"
    UNKNOWN_ENTRY_KIND = "unknown-entry-kind"
    WRONG_TYPE = "wrong-type"
    VALUE_NOT_ALLOWED = "value-not-allowed"
    BAD_FORMAT = "bad-format"
    INVALID_VALUE = "invalid-value"
    UNKNOWN_VARIANT = "unknown-variant"
    INPUT = "input"
    # .bib files
    BIB_SYNTAX = "bib-syntax"
    BIB_ENTRY = "bib-entry"
    # TeX
    TEX_ERROR = "tex-error"
    TEX_TIMEOUT = "tex-timeout"
    MISSING_GLYPH = "missing-glyph"
    PAGE_LIMIT = "page-limit"
    NO_PDF = "no-pdf"
    BUILD = "build"
    TOOL_MISSING = "tool-missing"
    FONT_MISSING = "font-missing"
    SOURCE_DATE = "source-date"
    # files texcv writes
    FILE_EXISTS = "file-exists"
    # warnings: likely mistakes that do not stop the build
    EMPTY_SECTION = "empty-section"
    DATE_ORDER = "date-order"
    FUTURE_END = "future-end"
    DUPLICATE_ENTRY = "duplicate-entry"
    NO_AUTHORS = "no-authors"
    IMPORT_NOTE = "import-note"
    TEXT_OFF_PAGE = "text-off-page"
    TEXT_IN_MARGIN = "text-in-margin"
    TEXT_OVERLAP = "text-overlap"
    WRONG_LINK = "wrong-link"
    ENGINE_SWITCH = "engine-switch"
    WARNING = "warning"
    # anything else
    ERROR = "error"
    SYSTEM = "system"
    INTERNAL = "internal"


CODE_DESCRIPTIONS: dict[Code, str] = {
    Code.FILE_MISSING: "a file cv.yaml needs (itself, a .bib, the photo) does not exist",
    Code.FILE_UNREADABLE: "a file exists but cannot be read (a folder, no permission)",
    Code.FILE_EMPTY: "cv.yaml is empty",
    Code.FILE_OUTSIDE: "a file cv.yaml names lies outside its folder (see --allow-root)",
    Code.NOT_UTF8: "a file is not valid UTF-8",
    Code.YAML_SYNTAX: "cv.yaml is not valid YAML (or uses YAML that texcv refuses)",
    Code.DUPLICATE_KEY: "a key appears twice in one mapping",
    Code.INPUT_TOO_LARGE: "a file is too large, too deeply nested or an alias bomb",
    Code.MISSING_FIELD: "a required field is missing",
    Code.UNKNOWN_KEY: "a key the schema does not know (often a typo: see the hint)",
    Code.UNKNOWN_ENTRY_KIND: "an entry's `kind` is not one of the entry kinds",
    Code.WRONG_TYPE: "a value of the wrong type (text, list or mapping expected)",
    Code.VALUE_NOT_ALLOWED: "a value outside a fixed set of choices",
    Code.BAD_FORMAT: "a value not in the expected form (a length, a date, ...)",
    Code.INVALID_VALUE: "a value the schema refuses for another reason (see the message)",
    Code.UNKNOWN_VARIANT: "--variant names no variant of cv.yaml",
    Code.INPUT: "another problem in the input",
    Code.BIB_SYNTAX: "a .bib file cannot be parsed",
    Code.BIB_ENTRY: "a .bib entry lacks a field texcv needs, or has one it cannot read",
    Code.TEX_ERROR: "TeX stopped with an error (traced back to the field when possible)",
    Code.TEX_TIMEOUT: "TeX did not finish within design.timeout",
    Code.MISSING_GLYPH: "no installed font has a character the text uses",
    Code.PAGE_LIMIT: "the PDF has more pages than design.max_pages",
    Code.NO_PDF: "TeX finished without writing a PDF",
    Code.BUILD: "another build failure",
    Code.TOOL_MISSING: "TeX Live, a TeX package or poppler-utils is not installed",
    Code.FONT_MISSING: "design.font names a font family that is not installed",
    Code.SOURCE_DATE: "SOURCE_DATE_EPOCH is set to something TeX cannot use",
    Code.FILE_EXISTS: "texcv would overwrite a file (new, import)",
    Code.EMPTY_SECTION: "warning: a section has no entries",
    Code.DATE_ORDER: "warning: entries are out of date order",
    Code.FUTURE_END: "warning: an end date in the future that is not `present`",
    Code.DUPLICATE_ENTRY: "warning: the same entry twice",
    Code.NO_AUTHORS: "warning: a publication without authors",
    Code.IMPORT_NOTE: "warning: texcv import put or left a source field somewhere to check",
    Code.TEXT_OFF_PAGE: "warning: text printed outside the page, where nobody sees it",
    Code.TEXT_IN_MARGIN: "warning: a line runs into the right margin",
    Code.TEXT_OVERLAP: "warning: two texts printed over each other",
    Code.WRONG_LINK: "warning: a link in the PDF is not the one cv.yaml gives (a texcv bug)",
    Code.ENGINE_SWITCH: "note: a character pdfLaTeX cannot set, so LuaLaTeX builds the CV "
    "(the character, its field, the font)",
    Code.WARNING: "another likely mistake",
    Code.ERROR: "another failure",
    Code.SYSTEM: "the system refused a file operation (disk full, permissions)",
    Code.INTERNAL: "a bug in texcv (please report it)",
}


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column count from 1.

    ``end_line`` and ``end_column`` (exclusive) close the range when the value's end is known
    (a YAML scalar): editors underline the whole value. They are not part of ``str()``.
    """

    file: str
    line: int | None = None
    column: int | None = None
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class TexcvError(Exception):
    """Base of every expected failure: a message, where, and what to do about it.

    ``code`` names the kind of problem (Code); without one, the type's own is used.
    """

    exit_code = 1
    code: Code = Code.ERROR

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        path: str | None = None,
        value: str | None = None,
        hint: str | None = None,
        code: Code | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.path = path
        self.value = value
        self.hint = hint
        if code is not None:
            self.code = code

    def format(self, severity: str = "error") -> str:
        where = f"{self.location}: " if self.location else "texcv: "
        lines = [f"{where}{severity}: {self.message}"]
        if self.path:
            lines.append(f"  at: {self.path}")
        if self.value is not None:
            lines.append(f"  value: {self.value}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class InputError(TexcvError):
    """Something in the user's input (cv.yaml or a file it names) is wrong."""

    exit_code = 2
    code = Code.INPUT


class InputErrors(InputError):
    """Several input errors found together, reported in file order."""

    def __init__(self, errors: list[InputError]) -> None:
        def order(error: InputError) -> tuple[str, int, int]:
            loc = error.location
            if loc is None:
                return ("", 0, 0)
            return (loc.file, loc.line or 0, loc.column or 0)

        self.errors = sorted(errors, key=order)
        count = len(self.errors)
        super().__init__(f"{count} error{'s' if count != 1 else ''} in the input")

    def format(self, severity: str = "error") -> str:
        body = "\n".join(error.format(severity) for error in self.errors)
        if len(self.errors) > 1:
            body += f"\n{self.message}"
        return body


class InputWarning(TexcvError):
    """A likely mistake in the input that does not stop the build; printed, never raised."""

    code = Code.WARNING

    def format(self, severity: str = "warning") -> str:
        return super().format(severity)


class Note(InputWarning):
    """Something worth knowing about the build (why it chose its engine); printed, never raised."""

    code = Code.ENGINE_SWITCH

    def format(self, severity: str = "note") -> str:
        return super().format(severity)


class ToolMissingError(TexcvError):
    """TeX, or a part of TeX Live texcv needs, is not installed."""

    exit_code = 3
    code = Code.TOOL_MISSING


class BuildError(TexcvError):
    """TeX ran and failed, timed out, or produced something unusable."""

    exit_code = 1
    code = Code.BUILD


class DiskFull(BuildError):
    """The file system holding ``folder`` is full: said plainly, not as TeX's or the OS's symptom."""

    code = Code.SYSTEM

    def __init__(self, folder: str) -> None:
        super().__init__(
            f"no space left on device in {folder}",
            hint="free some space there, or build into another folder with -o FOLDER; "
            "the previous PDF was kept",
        )


def shorten(value: object, limit: int = 60) -> str:
    """A one-line, bounded rendering of a user value for messages."""
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text
