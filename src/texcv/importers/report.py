"""What an import did: where each source field went, and warnings at the source's lines."""

from __future__ import annotations

from dataclasses import dataclass, field

from texcv.errors import Code, InputWarning
from texcv.source.yaml_reader import DataPath, Positions, format_path


@dataclass
class Report:
    """Filled while a file is translated; the app prints it."""

    positions: Positions
    moves: list[tuple[str, str]] = field(default_factory=list)  # (source field, where it went)
    warnings: list[InputWarning] = field(default_factory=list)

    def moved(self, source: DataPath, target: str) -> None:
        """``source`` (a path in the source file) went to ``target`` (a path in cv.yaml)."""
        self.moves.append((format_path(source), target))

    def warn(self, source: DataPath, message: str, hint: str | None = None) -> None:
        """A choice, or something not carried, at the source field's line."""
        key = source in self.positions.keys
        self.warnings.append(
            InputWarning(
                message,
                location=self.positions.locate(source, key=key),
                path=format_path(source) or None,
                hint=hint,
                code=Code.IMPORT_NOTE,
            )
        )

    def sorted_warnings(self) -> list[InputWarning]:
        def order(warning: InputWarning) -> tuple[int, int]:
            where = warning.location
            return (where.line or 0, where.column or 0) if where else (0, 0)

        return sorted(self.warnings, key=order)
