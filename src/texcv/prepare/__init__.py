"""Stage 3, prepare: what this build prints (works from .bib files, owner names, the variant).

`prepare` is the whole stage: it completes every publications section with its .bib works,
then, only when a variant is asked for, narrows the CV to it (variant.py). It runs after the
full CV validated, so a mistake anywhere in cv.yaml is reported whichever variant is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from texcv.errors import InputWarning
from texcv.prepare.bib_works import complete_publications
from texcv.prepare.named_files import check_named_files
from texcv.prepare.origins import Origins
from texcv.prepare.variant import select, with_variant
from texcv.schema import CV
from texcv.source.paths import Roots
from texcv.source.yaml_reader import DataPath, Loaded, Positions


@dataclass(frozen=True)
class Prepared:
    """The CV to render, the way back to cv.yaml from its paths, and where its settings are.

    ``positions`` places the settings the build reads (a variant's `design` keys at their
    lines under `variants`); entries are placed through `origin` and cv.yaml's positions.
    ``steps`` records, for each step that renumbered entries, where they came from.
    ``warnings`` are what the .bib files gave (at their own lines).
    """

    cv: CV
    positions: Positions
    steps: tuple[Origins, ...] = ()
    warnings: tuple[InputWarning, ...] = ()

    def origin(self, path: DataPath) -> DataPath:
        """The cv.yaml path of ``path`` in the rendered CV (its `% texcv-source` mark)."""
        for step in reversed(self.steps):
            path = step.origin(path)
        return path


def prepare(
    loaded: Loaded,
    cv: CV,
    base: Path,
    variant: str | None = None,
    allowed: Sequence[Path] = (),
) -> Prepared:
    """The CV one build prints; ``base`` is the folder of cv.yaml (for .bib files and the
    photo), which every file the CV names must be inside, or inside one of ``allowed``."""
    check_named_files(cv, loaded.positions, Roots.of(base, allowed))
    if variant is None:
        full, completed, warnings = complete_publications(cv, loaded.positions, base)
        return Prepared(full, loaded.positions, (completed,), tuple(warnings))
    loaded, cv, spec = with_variant(loaded, cv, variant)
    full, completed, warnings = complete_publications(cv, loaded.positions, base)
    chosen, selected = select(full, spec)
    return Prepared(chosen, loaded.positions, (completed, selected), tuple(warnings))


__all__ = ["Prepared", "prepare"]
