"""One build, stage by stage: load, validate, prepare, render, compile; timed and reported.

The CLI's commands (build, tex, check, watch, release) all run the stages through here, from a
BuildRequest (texcv.app.request); the CLI itself only parses arguments and prints failures.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from texcv.app.request import BuildRequest
from texcv.errors import InputWarning

if TYPE_CHECKING:
    from texcv.compile import BuildResult
    from texcv.compile.early import EarlyPass
    from texcv.prepare import Prepared
    from texcv.schema import CV
    from texcv.source.yaml_reader import Loaded

T = TypeVar("T")


class Reporter:
    """One status line per stage with its time, on stderr; silent with -q."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.seconds: dict[str, float] = {}  # per stage, for `texcv build --json`
        self.warnings: list[str] = []  # every warning of this run, formatted (for watch)

    def stage(self, name: str, seconds: float, detail: str = "") -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        if not self.quiet:
            extra = f"  {detail}" if detail else ""
            print(f"texcv: {name:<9}{seconds * 1000:7.0f} ms{extra}", file=sys.stderr)

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=sys.stderr)

    def warn(self, warning: InputWarning) -> None:
        self.warnings.append(warning.format())
        self.say(self.warnings[-1])


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
        reporter.warn(warning)


def prepare(
    loaded: Loaded,
    cv: CV,
    path: Path,
    variant: str | None,
    reporter: Reporter,
    allowed: Sequence[Path] = (),
) -> Prepared:
    """The CV this build prints: its files checked, .bib works added, narrowed to the chosen
    variant. ``allowed``: folders besides the CV's that its files may come from."""
    from texcv.prepare import prepare

    prepared = timed(
        reporter, "prepare", lambda: prepare(loaded, cv, path.parent, variant, allowed)
    )
    for warning in prepared.warnings:  # from the .bib files, at their lines
        reporter.say(warning.format())
    return prepared


@dataclass(frozen=True)
class Outcome:
    """What `build_once` did: ``result`` is None when the PDF was already up to date.

    ``source_date`` is the date the PDF carries (SOURCE_DATE_EPOCH), decided once per build.
    """

    result: BuildResult | None
    source_date: str


def build_once(request: BuildRequest, reporter: Reporter) -> Outcome:
    """Build the PDF, unless it is already up to date with every input (then no work is done)."""
    from texcv.compile.reproducible import source_date_epoch
    from texcv.compile.uptodate import is_up_to_date, record
    from texcv.source.yaml_reader import require_file

    require_file(request.input, str(request.input))  # the date below reads its time
    if request.letter is not None:
        from texcv.app.letter import must_exist

        must_exist(request.letter, request.input)
    source = request.source
    source_date = source_date_epoch(source)
    settings = request.settings(source_date)
    if not request.force and is_up_to_date(request.output, request.stem, source, settings):
        return Outcome(None, source_date)
    from texcv.compile import early

    early_pass: EarlyPass | None = None
    try:
        # TeX starts up while Python loads and renders the CV; build_pdf takes the pass over.
        early_pass = early.start(request.output, request.stem, source_date)
        if request.letter is not None:
            from texcv.app.letter import build_letter

            result, files = build_letter(request, reporter, source_date, early_pass)
        else:
            result, files = _build(request, reporter, source_date, early_pass)
    finally:
        if early_pass is not None:
            early_pass.cancel()  # unused when the build failed before TeX; else a no-op
    record(request.output, request.stem, source, settings, files, result.engine)
    return Outcome(result, source_date)


def _build(
    request: BuildRequest, reporter: Reporter, source_date: str, early_pass: EarlyPass | None
) -> tuple[BuildResult, list[Path]]:
    """The PDF, and the files besides cv.yaml that it was made from."""
    from texcv.compile import MissingGlyphs, PageLimitExceeded, TexFailure, build_pdf
    from texcv.diagnose import explain
    from texcv.render import choose_engine, render
    from texcv.schema.input_files import referenced_files

    path = request.input
    loaded, full = load_and_validate(path, reporter)
    prepared = prepare(loaded, full, path, request.variant, reporter, request.allow_roots)
    cv = prepared.cv
    engine = request.engine or choose_engine(cv)
    tex = timed(reporter, "render", lambda: render(cv, engine=engine))
    try:
        result = build_pdf(
            tex,
            request.output,
            request.stem,
            engine,
            cv.design.timeout,
            max_pages=cv.design.max_pages,
            assets=_assets(cv, path),
            source_date=source_date,
            early=early_pass,
        )
    except (TexFailure, MissingGlyphs, PageLimitExceeded) as failure:
        raise explain(failure, tex=tex, engine=engine, loaded=loaded, prepared=prepared) from None
    report_tex(reporter, result)
    for warning in timed(reporter, "inspect", lambda: inspect(result.pdf, prepared)):
        reporter.warn(warning)
    return result, referenced_files(full, path.parent)


def report_tex(reporter: Reporter, result: BuildResult) -> None:
    preamble = ", precompiled preamble" if result.precompiled else ""
    reporter.stage("tex", result.seconds, f"{result.engine}, {result.passes} pass(es){preamble}")


def inspect(pdf: Path, prepared: Prepared) -> list[InputWarning]:
    """What a reader of the finished PDF would miss (texcv.inspect), at its cv.yaml field."""
    from texcv.diagnose.pdf_findings import inspection_warnings
    from texcv.inspect import inspect_pdf
    from texcv.render.links import intended_links
    from texcv.schema.base import length_in_points

    cv = prepared.cv
    findings = inspect_pdf(pdf, intended_links(cv), length_in_points(cv.design.margin))
    return inspection_warnings(
        findings, cv.model_dump(mode="json"), prepared.positions, prepared.origin
    )


def _assets(cv: CV, path: Path) -> dict[str, Path]:
    """Files the .tex uses besides itself (the photo, checked by texcv.prepare)."""
    from texcv.render.document import photo_file

    photo = cv.header.photo
    if photo is None:
        return {}
    return {photo_file(photo): path.parent / photo.path}
