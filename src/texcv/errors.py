"""The failures texcv expects, as values. Only the CLI prints them.

Every error knows where it happened (a file, and a line and column when known) so that the
message reads like a compiler's: ``cv.yaml:12:5: error: ...``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column count from 1."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class TexcvError(Exception):
    """Base of every expected failure: a message, where, and what to do about it."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        location: Location | None = None,
        path: str | None = None,
        value: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.path = path
        self.value = value
        self.hint = hint

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

    def format(self, severity: str = "warning") -> str:
        return super().format(severity)


class ToolMissingError(TexcvError):
    """TeX, or a part of TeX Live texcv needs, is not installed."""

    exit_code = 3


class BuildError(TexcvError):
    """TeX ran and failed, timed out, or produced something unusable."""

    exit_code = 1


class DiskFull(BuildError):
    """The file system holding ``folder`` is full: said plainly, not as TeX's or the OS's symptom."""

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
