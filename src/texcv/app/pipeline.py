"""One build, stage by stage: load, validate, prepare, render, build; timed and reported.

The CLI's commands (build, tex, check, watch, release) all run the stages through here; the CLI
itself only parses arguments and prints failures. A build request is the parsed arguments
(``input``, ``output``, ``engine``, ``variant``, ``force``).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from texcv.errors import InputError

if TYPE_CHECKING:
    from texcv.compile import BuildResult, MissingGlyphs
    from texcv.prepare.variant import Prepared
    from texcv.schema import CV
    from texcv.source.yaml_reader import Loaded, Positions

T = TypeVar("T")


class Reporter:
    """One status line per stage with its time, on stderr; silent with -q."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.seconds: dict[str, float] = {}  # per stage, for `texcv build --json`

    def stage(self, name: str, seconds: float, detail: str = "") -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        if not self.quiet:
            extra = f"  {detail}" if detail else ""
            print(f"texcv: {name:<9}{seconds * 1000:7.0f} ms{extra}", file=sys.stderr)

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=sys.stderr)


def timed(reporter: Reporter, name: str, step: Callable[[], T], detail: str = "") -> T:
    started = time.perf_counter()
    result = step()
    reporter.stage(name, time.perf_counter() - started, detail)
    return result


def load_and_validate(path: Path, reporter: Reporter) -> tuple[Loaded, CV]:
    from texcv.schema.validate import validate
    from texcv.source.yaml_reader import load_yaml

    loaded = timed(reporter, "load", lambda: load_yaml(path, str(path)))
    cv = timed(reporter, "validate", lambda: validate(loaded))
    print_warnings(loaded, cv, reporter)
    return loaded, cv


def print_warnings(loaded: Loaded, cv: CV, reporter: Reporter) -> None:
    """Likely mistakes (texcv.schema.lint), as `cv.yaml:LINE:COL: warning: ...`; they never fail."""
    from texcv.schema.lint import lint

    for warning in lint(cv, loaded.positions):
        reporter.say(warning.format())


def prepare(
    loaded: Loaded, cv: CV, path: Path, args: argparse.Namespace, reporter: Reporter
) -> Prepared:
    """The CV this build prints: .bib works added, narrowed to the chosen variant."""
    from texcv.prepare.variant import prepare

    variant = getattr(args, "variant", None)
    return timed(reporter, "prepare", lambda: prepare(loaded, cv, path.parent, variant))


def output_stem(args: argparse.Namespace) -> str:
    """``cv`` for cv.yaml, ``cv-short`` for its variant `short`."""
    variant = getattr(args, "variant", None)
    if (
        variant is None
    ):  # no import: texcv.prepare.variant loads the schema (150 ms), no-op builds don't
        return Path(args.input).stem
    from texcv.prepare.variant import output_name

    return output_name(Path(args.input).stem, variant)


# Arguments that do not change the PDF; every other one is part of the no-op check's key.
_NOT_BUILD_OPTIONS = frozenset({"quiet", "debug", "handler", "force", "command", "json"})


def build_once(args: argparse.Namespace, reporter: Reporter) -> BuildResult | None:
    """Build the PDF; None when it is already up to date with every input (no work done)."""
    from texcv.compile.reproducible import use_source_date
    from texcv.compile.uptodate import is_up_to_date, record

    path = Path(args.input)
    out_dir = Path(args.output)
    stem = output_stem(args)
    options = {k: v for k, v in vars(args).items() if k not in _NOT_BUILD_OPTIONS}
    options["source_date_epoch"] = use_source_date(path)  # a new commit's date is a new PDF
    if not getattr(args, "force", False) and is_up_to_date(out_dir, stem, path, options):
        return None
    from texcv.compile import early

    early.start(out_dir, stem)  # TeX starts up while Python loads and renders the CV
    try:
        result, files = _build(args, reporter)
    finally:
        early.cancel(out_dir, stem)  # unused when the build failed before TeX
    record(out_dir, stem, path, options, files, result.engine)
    return result


def _build(args: argparse.Namespace, reporter: Reporter) -> tuple[BuildResult, list[Path]]:
    """The PDF, and the files besides cv.yaml that it was made from."""
    from texcv.compile import MissingGlyphs, PageLimitExceeded, TexFailure, build_pdf
    from texcv.diagnose import locate_line
    from texcv.render import choose_engine, render
    from texcv.schema.input_files import referenced_files

    path = Path(args.input)
    loaded, full = load_and_validate(path, reporter)
    prepared = prepare(loaded, full, path, args, reporter)
    cv = prepared.cv
    engine = args.engine or choose_engine(cv)
    tex = timed(reporter, "render", lambda: render(cv, engine=engine))
    try:
        result = build_pdf(
            tex,
            Path(args.output),
            output_stem(args),
            engine,
            cv.design.timeout,
            max_pages=cv.design.max_pages,
            assets=_assets(cv, path, prepared.positions),
        )
    except PageLimitExceeded as failure:
        raise InputError(
            f"the CV has {failure.pages} pages; design.max_pages allows {failure.limit}",
            location=prepared.positions.locate(("design", "max_pages")),
            hint="shorten it or raise design.max_pages; the previous PDF was kept",
        ) from None
    except TexFailure as failure:
        found = (
            locate_line(
                tex,
                failure.tex_line,
                loaded.positions,
                loaded.data,
                failure.message,
                origin=prepared.origin,
            )
            if failure.tex_line
            else None
        )
        if found:
            failure.location = found[1]
            failure.path = found[0]
        if engine == "pdflatex" and "not set up for use with LaTeX" in failure.message:
            failure.hint = (
                "pdflatex cannot typeset this character: use design.engine: auto (or lualatex); "
                + (failure.hint or "")
            )
        raise
    except MissingGlyphs as failure:
        raise _glyph_error(failure, loaded) from None
    preamble = ", precompiled preamble" if result.precompiled else ""
    reporter.stage("tex", result.seconds, f"{result.engine}, {result.passes} pass(es){preamble}")
    return result, referenced_files(full, path.parent)


def _assets(cv: CV, path: Path, positions: Positions) -> dict[str, Path]:
    """Files the .tex uses besides itself (the photo), checked before TeX starts."""
    from texcv.render.document import photo_file

    photo = cv.header.photo
    if photo is None:
        return {}
    source = path.parent / photo.path
    if not source.is_file():
        raise InputError(
            f"the photo {photo.path} does not exist (looked for {source})",
            location=positions.locate(("header", "photo", "path")),
            hint="the path is relative to the folder of cv.yaml",
        )
    return {photo_file(photo): source}


def _glyph_error(failure: MissingGlyphs, loaded: Loaded) -> InputError:
    """Name each character no font has, at the first field that holds it."""
    from texcv.errors import InputErrors
    from texcv.source.yaml_reader import format_path, walk_strings

    errors = []
    for char, _ in failure.characters:
        for data_path, text in walk_strings(loaded.data):
            if char in text:
                errors.append(
                    InputError(
                        f"no installed font can show '{char}' (U+{ord(char):04X})",
                        location=loaded.positions.locate(data_path),
                        path=format_path(data_path),
                        hint="install a font that covers it (.ci/install-tex.sh installs Noto) "
                        "or remove the character",
                    )
                )
                break
    if not errors:
        return InputError(failure.message, hint=failure.hint)
    return errors[0] if len(errors) == 1 else InputErrors(errors)
