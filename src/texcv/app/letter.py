"""`texcv letter NAME`: letters/NAME.yaml and cv.yaml -> build/letter-NAME.pdf.

A letter is its own file beside cv.yaml (not a key in it): one per application, each with its
own errors at ``letters/NAME.yaml:LINE:COL``, its own no-op check (editing one letter rebuilds
neither the CV nor the other letters), and easy to keep out of a public repository. The sender,
the design and the language come from cv.yaml (or from the variant the letter names), so a
letter is a few lines. The stages are the CV's: load, validate, render, compile, and the same
sandbox, page guard and tracing of TeX errors back to the YAML line.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from texcv.app.pipeline import Reporter, cut, fonts_for, report_tex, timed
from texcv.errors import Code, InputError, InputWarning, Location

if TYPE_CHECKING:
    from texcv.app.request import BuildRequest
    from texcv.compile import BuildResult
    from texcv.compile.early import EarlyPass
    from texcv.schema import CV
    from texcv.schema.letter import Letter
    from texcv.source.yaml_reader import DataPath, Loaded

LETTERS_FOLDER = "letters"  # beside cv.yaml


def letter_path(cv: Path, name: str) -> Path:
    """``letters/NAME.yaml`` beside ``cv``; a NAME that is already a path (ends in .yaml, or
    holds a /) is taken as it is."""
    if name.endswith((".yaml", ".yml")) or "/" in name:
        return Path(name)
    return cv.parent / LETTERS_FOLDER / f"{name}.yaml"


def letter_names(cv: Path) -> list[str]:
    """The letters beside ``cv`` (``letters/*.yaml``), by name."""
    folder = cv.parent / LETTERS_FOLDER
    return sorted(path.stem for path in folder.glob("*.yaml") if path.is_file())


def must_exist(letter: Path, cv: Path) -> None:
    """A missing letter is named with the ones that exist."""
    if letter.is_file():
        return
    known = ", ".join(letter_names(cv)) or "none yet"
    raise InputError(
        f"no letter {letter.stem!r}: {letter} does not exist",
        location=Location(str(letter)),
        hint=f"letters beside {cv}: {known}; `texcv new` writes a starter letter",
        code=Code.FILE_MISSING,
    )


def load_letter(
    path: Path, cv_loaded: Loaded, cv: CV, reporter: Reporter
) -> tuple[Loaded, Letter, Loaded, CV]:
    """The letter, validated, and the CV it is sent with as the letter's variant sets it."""
    from texcv.prepare.variant import with_variant
    from texcv.schema.letter import Letter
    from texcv.schema.validate import validate_as
    from texcv.source.yaml_reader import load_yaml

    cv_path = cv_loaded.positions.file
    loaded = timed(reporter, "load", lambda: load_yaml(path, str(path)))
    language = _language(loaded.data, cv)
    letter = timed(reporter, "validate", lambda: validate_as(Letter, loaded, language))
    if letter.variant is not None:
        if letter.variant not in cv.variants:
            raise InputError(
                f"{cv_path} has no variant named '{letter.variant}' "
                f"(known: {', '.join(cv.variants) or 'none'})",
                location=loaded.positions.locate(("variant",)),
                path="variant",
                hint="name one of cv.yaml's `variants:`, or leave `variant` out",
                code=Code.UNKNOWN_VARIANT,
            )
        cv_loaded, cv, _ = with_variant(cv_loaded, cv, letter.variant)
    return loaded, letter, cv_loaded, cv


def _language(data: Any, cv: CV) -> str:
    """The language the letter's per-language text is read in: its `locale`, else its
    variant's, else the CV's (read before validation, which needs it)."""
    if not isinstance(data, dict):
        return cv.locale
    if isinstance(data.get("locale"), str):
        return data["locale"]
    variant = cv.variants.get(data["variant"]) if isinstance(data.get("variant"), str) else None
    return (variant.locale if variant else None) or cv.locale


def build_letter(
    request: BuildRequest, reporter: Reporter, source_date: str, early_pass: EarlyPass | None
) -> tuple[BuildResult, list[Path]]:
    """The letter's PDF (``request.letter``), and the files besides the letter it was made
    from (cv.yaml). ``source_date`` dates a letter that gives no date of its own."""
    from texcv.compile import MissingGlyphs, PageLimitExceeded, TexFailure, build_pdf
    from texcv.diagnose import explain_letter
    from texcv.render.letter import letter_choice, render_letter
    from texcv.schema.validate import validate
    from texcv.source.yaml_reader import format_path, load_yaml

    assert request.letter is not None
    path = request.input
    cv_loaded = timed(reporter, "load", lambda: load_yaml(path, str(path)))
    cv = timed(reporter, "validate", lambda: validate(cv_loaded))
    loaded, letter, cv_loaded, cv = load_letter(request.letter, cv_loaded, cv, reporter)
    choice = letter_choice(letter, cv, request.engine)
    engine = choice.engine

    def place(where: DataPath) -> tuple[str, Location]:
        """A field of the letter, or of cv.yaml for the sender's ``header``."""
        source = cv_loaded if where[:1] == ("header",) else loaded
        return format_path(where), source.positions.locate(where)

    plan = fonts_for(choice, request, cv.design.font_family, reporter, place, loaded, cv_loaded)
    plan, fonts = cut(plan, choice, request, reporter)
    today = datetime.datetime.fromtimestamp(int(source_date), tz=datetime.UTC).date()
    tex = timed(
        reporter, "render", lambda: render_letter(letter, cv, today, choice=choice, fonts=plan)
    )
    try:
        result = build_pdf(
            tex,
            request.output,
            request.stem,
            engine,
            cv.design.timeout,
            max_pages=letter.max_pages,
            assets=fonts,
            source_date=source_date,
            early=early_pass,
        )
    except (TexFailure, MissingGlyphs, PageLimitExceeded) as failure:
        raise explain_letter(failure, tex=tex, engine=engine, letter=loaded, cv=cv_loaded) from None
    report_tex(reporter, result)
    inspected = timed(
        reporter, "inspect", lambda: _inspect(result.pdf, letter, cv, loaded, cv_loaded)
    )
    for warning in inspected:
        reporter.warn(warning)
    return result, [path]


def _inspect(
    pdf: Path, letter: Letter, cv: CV, loaded: Loaded, cv_loaded: Loaded
) -> list[InputWarning]:
    """What a reader of the letter would miss (texcv.inspect), at the field it came from."""
    from texcv.diagnose.pdf_findings import letter_inspection_warnings
    from texcv.inspect import inspect_pdf
    from texcv.render.links import letter_links
    from texcv.schema.base import length_in_points

    findings = inspect_pdf(pdf, letter_links(letter, cv), length_in_points(cv.design.margin))
    return letter_inspection_warnings(
        findings,
        letter.model_dump(mode="json"),
        cv.header.model_dump(mode="json"),
        loaded.positions,
        cv_loaded.positions,
    )
