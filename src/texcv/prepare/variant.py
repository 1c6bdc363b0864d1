"""Narrow a CV to one of its variants (``variants:`` in cv.yaml).

A variant may change the language, override design keys and keep only what carries some tags.
texcv.prepare.prepare calls this only when a variant is asked for.
"""

from __future__ import annotations

import copy

from texcv.errors import Code, InputError
from texcv.prepare.origins import Origins
from texcv.schema import CV, Section
from texcv.schema.validate import validate
from texcv.schema.variants import Variant
from texcv.source.yaml_reader import Loaded, Positions


def with_variant(loaded: Loaded, cv: CV, name: str) -> tuple[Loaded, CV, Variant]:
    """cv.yaml as the variant ``name`` sees it: its design keys laid over `design`, validated
    again in its language; and the variant itself (for `select`)."""
    spec = find_variant(cv, name, loaded)
    language = spec.locale or cv.locale
    loaded = _with_design(loaded, name, spec)
    cv = validate(loaded, language=language).model_copy(update={"locale": language})
    return loaded, cv, spec


def find_variant(cv: CV, name: str, loaded: Loaded) -> Variant:
    if name in cv.variants:
        return cv.variants[name]
    known = ", ".join(cv.variants) or "none"
    raise InputError(
        f"no variant named '{name}' (known: {known})",
        location=loaded.positions.locate(("variants",), key=True),
        hint="define it under `variants:` in cv.yaml",
        code=Code.UNKNOWN_VARIANT,
    )


def select(cv: CV, variant: Variant) -> tuple[CV, Origins]:
    """Keep what the variant's tags pick; drop what its exclude_tags name.

    A section carrying a picked tag keeps all its entries and subsections; any other section
    keeps only its tagged entries, and goes when none are left.
    """
    include = set(variant.tags) if variant.tags is not None else None
    exclude = set(variant.exclude_tags)
    came_from = Origins()
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
        # Subsections go with their section: all of them when it is kept whole, else none.
        subsections = section.subsections if whole else []
        if not kept and not subsections and (not whole or section.entries):
            continue
        origins = came_from.add_section(("sections", index))
        origins.extend(("sections", index, "entries", number) for number, _ in kept)
        update = {"entries": [entry for _, entry in kept], "subsections": subsections}
        sections.append(section.model_copy(update=update))
    return cv.model_copy(update={"sections": sections}), came_from


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
        loaded.positions.file,
        dict(loaded.positions.values),
        dict(loaded.positions.keys),
        dict(loaded.positions.typed),
    )
    for key in variant.design:
        source = ("variants", name, "design", key)
        for table in (positions.values, positions.keys, positions.typed):
            if source in table:
                table[("design", key)] = table[source]
    return Loaded(data=data, positions=positions, text=loaded.text)
