"""Keep the way back to cv.yaml when sections and entries are reordered or added.

Sorting publications, adding .bib works and dropping what a variant leaves out all renumber
``sections[i].entries[j]``; a TeX error on such an entry must still point at its line in
cv.yaml. Each step records where every new section and entry came from; `origin` maps a path
in the rebuilt CV back to the path it had before the step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from texcv.source.yaml_reader import DataPath


@dataclass
class Origins:
    """Where each section and entry of a rebuilt CV came from (paths in the previous one)."""

    sections: list[tuple[DataPath, list[DataPath]]] = field(default_factory=list)
    # (section, subsection) -> its entries' origins, for subsections whose entries moved.
    subsections: dict[tuple[int, int], list[DataPath]] = field(default_factory=dict)

    def add_section(self, origin: DataPath) -> list[DataPath]:
        """Start a new section from ``origin``; append its entries' origins to the result."""
        entries: list[DataPath] = []
        self.sections.append((origin, entries))
        return entries

    def add_subsection(self, number: int) -> list[DataPath]:
        """Subsection ``number`` of the last section added: append its entries' origins."""
        entries: list[DataPath] = []
        self.subsections[(len(self.sections) - 1, number)] = entries
        return entries

    def origin(self, path: DataPath) -> DataPath:
        """The path ``path`` of the rebuilt CV had before: ``sections[0].entries[3]`` ->
        ``sections[0].entries[5]``, or ``sections[0].bibtex`` for a work from the .bib."""
        if len(path) < 2 or path[0] != "sections" or not isinstance(path[1], int):
            return path
        if not 0 <= path[1] < len(self.sections):
            return path
        section, entries = self.sections[path[1]]
        rest = path[2:]
        if len(rest) >= 4 and rest[0] == "subsections" and rest[2] == "entries":
            moved = self.subsections.get((path[1], rest[1]))  # type: ignore[arg-type]
            if moved is not None and isinstance(rest[3], int) and 0 <= rest[3] < len(moved):
                return (*moved[rest[3]], *rest[4:])
        is_entry = len(rest) >= 2 and rest[0] == "entries" and isinstance(rest[1], int)
        if is_entry and 0 <= rest[1] < len(entries):
            return (*entries[rest[1]], *rest[2:])
        return (*section, *rest)
