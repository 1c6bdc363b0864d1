"""What one build prints: the CV as validated, made whole, and narrowed to a variant.

A variant (``variants:`` in cv.yaml) may change the language, override design keys and keep
only what carries some tags. `prepare` runs after the full CV validated, so a mistake anywhere
in cv.yaml is reported whichever variant is built.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from texcv.errors import InputError
from texcv.prepare.bib_works import complete_publications
from texcv.prepare.origins import Layout
from texcv.schema import CV, Section
from texcv.schema.validate import validate
from texcv.schema.variants import Variant
from texcv.source.yaml_reader import DataPath, Loaded, Positions


@dataclass(frozen=True)
class Prepared:
    """The CV to render, the way back to cv.yaml from its paths, and where its settings are.

    ``positions`` places the settings the build reads (a variant's `design` keys at their
    lines under `variants`); entries are placed through `origin` and cv.yaml's positions.
    """

    cv: CV
    positions: Positions
    layouts: tuple[Layout, ...] = field(default=())
    variant: str | None = None

    def origin(self, path: DataPath) -> DataPath:
        """The cv.yaml path of ``path`` in the rendered CV (its `% texcv-source` mark)."""
        for layout in reversed(self.layouts):
            path = layout.origin(path)
        return path


def output_name(stem: str, variant: str | None) -> str:
    """``cv`` for the default build, ``cv-short`` for the variant `short`."""
    return f"{stem}-{variant}" if variant else stem


def prepare(loaded: Loaded, cv: CV, base: Path, variant: str | None = None) -> Prepared:
    """The CV one build prints; ``base`` is the folder of cv.yaml (for .bib files)."""
    if variant is None:
        full, completed = complete_publications(cv, loaded.positions, base)
        return Prepared(full, loaded.positions, (completed,))
    spec = find_variant(cv, variant, loaded)
    language = spec.locale or cv.locale
    loaded = _with_design(loaded, variant, spec)
    cv = validate(loaded, language=language).model_copy(update={"locale": language})
    full, completed = complete_publications(cv, loaded.positions, base)
    chosen, selected = select(full, spec)
    return Prepared(chosen, loaded.positions, (completed, selected), variant)


def find_variant(cv: CV, name: str, loaded: Loaded) -> Variant:
    if name in cv.variants:
        return cv.variants[name]
    known = ", ".join(cv.variants) or "none"
    raise InputError(
        f"no variant named '{name}' (known: {known})",
        location=loaded.positions.locate(("variants",), key=True),
        hint="define it under `variants:` in cv.yaml",
    )


def select(cv: CV, variant: Variant) -> tuple[CV, Layout]:
    """Keep what the variant's tags pick; drop what its exclude_tags name.

    A section carrying a picked tag keeps all its entries; any other section keeps only its
    tagged entries, and goes when none are left.
    """
    include = set(variant.tags) if variant.tags is not None else None
    exclude = set(variant.exclude_tags)
    layout = Layout()
    sections: list[Section] = []
    for index, section in enumerate(cv.sections):
        if exclude & set(section.tags):
            continue
        whole = include is None or bool(include & set(section.tags))
        kept = [
            (number, entry)
            for number, entry in enumerate(section.entries)
            if not exclude & set(entry.tags) and (whole or bool(include & set(entry.tags)))
        ]
        if not kept and (not whole or section.entries):
            continue
        origins = layout.add_section(("sections", index))
        origins.extend(("sections", index, "entries", number) for number, _ in kept)
        sections.append(section.model_copy(update={"entries": [entry for _, entry in kept]}))
    return cv.model_copy(update={"sections": sections}), layout


def _with_design(loaded: Loaded, name: str, variant: Variant) -> Loaded:
    """cv.yaml's data with the variant's design keys laid over `design`.

    Their positions move along, so a bad value is reported at its line under `variants`.
    """
    if not variant.design:
        return loaded
    data = copy.deepcopy(loaded.data)
    design = data.get("design") if isinstance(data.get("design"), dict) else {}
    data["design"] = {**design, **variant.design}
    positions = Positions(
        loaded.positions.file, dict(loaded.positions.values), dict(loaded.positions.keys)
    )
    for key in variant.design:
        source = ("variants", name, "design", key)
        for table in (positions.values, positions.keys):
            if source in table:
                table[("design", key)] = table[source]
    return Loaded(data=data, positions=positions, text=loaded.text)
