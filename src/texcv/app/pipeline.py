"""One build, stage by stage: load, validate, prepare, render, compile; timed and reported.

The CLI's commands (build, tex, check, watch, release) all run the stages through here, from a
BuildRequest (texcv.app.request); the CLI itself only parses arguments and prints failures.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from texcv.app import terminal
from texcv.app.request import BuildRequest
from texcv.errors import InputWarning, TexcvError

if TYPE_CHECKING:
    from texcv.compile import BuildResult
    from texcv.compile.early import EarlyPass
    from texcv.prepare import Prepared
    from texcv.schema import CV
    from texcv.source.yaml_reader import Loaded

T = TypeVar("T")


class Reporter:
    """What a command shows on stderr while it runs: warnings and results (not with -q),
    each stage's time (only with -v), a progress line while TeX runs (on a terminal).

    It keeps the warnings and times too, for `--format json` and the live commands.
    """

    def __init__(self, quiet: bool = False, *, verbose: bool = False) -> None:
        self.quiet = quiet
        self.verbose = verbose and not quiet
        self.seconds: dict[str, float] = {}  # per stage, for `texcv build --format json`
        self.warnings: list[InputWarning] = []  # every warning of this run, in order

    def stage(self, name: str, seconds: float, detail: str = "") -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        if self.verbose:
            extra = f"  {detail}" if detail else ""
            print(f"texcv: {name:<9}{seconds * 1000:7.0f} ms{extra}", file=sys.stderr)

    def say(self, text: str) -> None:
        if not self.quiet:
            terminal.say(text)

    def warn(self, warning: InputWarning) -> None:
        self.warnings.append(warning)
        self.say(warning.format())

    def progress(self, label: str) -> AbstractContextManager[None]:
        """A progress line for a long step (TeX), unless quiet."""
        return nullcontext() if self.quiet else terminal.progress(label)


def timed(reporter: Reporter, name: str, step: Callable[[], T], detail: str = "") -> T:
    started = time.perf_counter()
    result = step()
    reporter.stage(name, time.perf_counter() - started, detail)
    return result


def load_and_validate(request: BuildRequest, reporter: Reporter) -> tuple[Loaded, CV]:
    from texcv.schema.validate import validate
    from texcv.source.yaml_reader import load_yaml, load_yaml_text

    def load() -> Loaded:
        if request.text is not None:
            return load_yaml_text(request.text, request.display)
        return load_yaml(request.input, request.display)

    loaded = timed(reporter, "load", load)
    cv = timed(reporter, "validate", lambda: validate(loaded))
    print_warnings(loaded, cv, reporter)
    return loaded, cv


def print_warnings(loaded: Loaded, cv: CV, reporter: Reporter) -> None:
    """Likely mistakes (texcv.schema.lint), as `cv.yaml:LINE:COL: warning: ...`; they never fail."""
    from texcv.schema.lint import lint

    for warning in lint(cv, loaded.positions):
        reporter.warn(warning)


def prepare(loaded: Loaded, cv: CV, request: BuildRequest, reporter: Reporter) -> Prepared:
    """The CV this build prints: its files checked, .bib works added, narrowed to the chosen
    variant. The request's ``allow_roots``: folders besides the CV's its files may come from."""
    from texcv.prepare import prepare

    folder, variant, allowed = request.folder, request.variant, request.allow_roots
    prepared = timed(reporter, "prepare", lambda: prepare(loaded, cv, folder, variant, allowed))
    for warning in prepared.warnings:  # from the .bib files, at their lines
        reporter.warn(warning)
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

    if not request.from_stdin:
        require_file(request.input, str(request.input))  # the date below reads its time
    if request.letter is not None:
        from texcv.app.letter import must_exist

        must_exist(request.letter, request.input)
    source = request.source
    source_date = source_date_epoch(source)
    settings = request.settings(source_date)
    # Standard input has no file to hash: it is always built, and leaves no record.
    remember = not request.from_stdin
    if (
        remember
        and not request.force
        and is_up_to_date(request.output, request.stem, source, settings)
    ):
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
    if remember:
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

    loaded, full = load_and_validate(request, reporter)
    prepared = prepare(loaded, full, request, reporter)
    cv = prepared.cv
    engine = request.engine or choose_engine(cv)
    tex = timed(reporter, "render", lambda: render(cv, engine=engine))
    try:
        with reporter.progress(f"running {engine}"):
            result = build_pdf(
                tex,
                request.output,
                request.stem,
                engine,
                cv.design.timeout,
                max_pages=cv.design.max_pages,
                assets=_assets(cv, request.folder),
                source_date=source_date,
                early=early_pass,
            )
    except (TexFailure, MissingGlyphs, PageLimitExceeded) as failure:
        raise explain(failure, tex=tex, engine=engine, loaded=loaded, prepared=prepared) from None
    report_tex(reporter, result)
    for warning in timed(reporter, "inspect", lambda: inspect(result.pdf, prepared)):
        reporter.warn(warning)
    return result, referenced_files(full, request.folder)


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


def _assets(cv: CV, folder: Path) -> dict[str, Path]:
    """Files the .tex uses besides itself (the photo, checked by texcv.prepare)."""
    from texcv.render.document import photo_file

    photo = cv.header.photo
    if photo is None:
        return {}
    return {photo_file(photo): folder / photo.path}


@dataclass
class Attempt:
    """One build of `texcv watch` or `texcv serve`: what it made, or the error that stopped
    it, with its warnings. A failure is a value here: the watching goes on."""

    request: BuildRequest
    result: BuildResult | None = None  # None: up to date, or failed
    error: TexcvError | None = None
    warnings: list[InputWarning] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        """One line: what was built, or the first line of the error."""
        if self.error is not None:
            return self.error.format().splitlines()[0]
        if self.result is None:
            return f"{self.request.pdf} is up to date"
        pages = self.result.pages
        count = f"{pages} page{'s' if pages != 1 else ''}, " if pages else ""
        return f"built {self.result.pdf} ({count}{self.seconds:.2f} s)"

    def diagnosis(self) -> str:
        """The whole diagnosis: the warnings, then the error (every line) or the summary."""
        last = self.error.format() if self.error is not None else self.summary()
        return "\n".join([*(warning.format() for warning in self.warnings), last])

    def files(self) -> list[Path]:
        """What to watch from now on: cv.yaml and every file the last good build used."""
        from texcv.compile.uptodate import recorded_files

        request = self.request
        return [request.input, *recorded_files(request.output, request.stem)]


def attempt(request: BuildRequest) -> Attempt:
    """Build once, quietly; never raises a TexcvError (it is kept in the Attempt)."""
    reporter = Reporter(quiet=True)
    started = time.perf_counter()
    try:
        result = build_once(request, reporter).result
    except TexcvError as error:
        return Attempt(request, error=error, warnings=reporter.warnings)
    return Attempt(request, result, None, reporter.warnings, time.perf_counter() - started)
