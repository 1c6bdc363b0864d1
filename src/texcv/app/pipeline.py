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
from texcv.errors import Code, InputError, InputWarning, TexcvError

if TYPE_CHECKING:
    from texcv.compile import BuildResult
    from texcv.compile.early import EarlyPass
    from texcv.errors import Location
    from texcv.prepare import Prepared
    from texcv.render.engine_choice import EngineChoice
    from texcv.render.fonts import FontPlan
    from texcv.schema import CV
    from texcv.source.yaml_reader import DataPath, Loaded, Positions

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


def build_once(
    request: BuildRequest, reporter: Reporter, early_pass: EarlyPass | None = None
) -> Outcome:
    """Build the PDF, unless it is already up to date with every input (then no work is done).

    ``early_pass``: a first pass `start_next` began before (watch mode). It is used or
    cancelled unless the PDF was up to date; without one, a pass is started here.
    """
    from texcv.compile.reproducible import source_date_epoch
    from texcv.compile.uptodate import is_up_to_date, record
    from texcv.source.input_file import require_file

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
    from texcv.signals import held, stop_if

    try:
        # TeX starts up while Python loads and renders the CV; build_pdf takes the pass over.
        if early_pass is None:
            # A stop signal while the pass starts is only noted until `early_pass` holds it,
            # so the `finally` below can kill it (else a pdflatex stays blocked on its pipe).
            with held() as note:
                early_pass = early.start(request.output, request.stem, source_date)
            stop_if(note)
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


def start_next(request: BuildRequest) -> EarlyPass | None:
    """The first pass of the next build, started now, to wait with its preamble read (watch)."""
    from texcv.compile import early
    from texcv.compile.reproducible import source_date_epoch

    try:
        source_date = source_date_epoch(request.input)
    except (OSError, TexcvError):  # the next build will say what is wrong
        return None
    return early.start(request.output, request.stem, source_date)


def _build(
    request: BuildRequest, reporter: Reporter, source_date: str, early_pass: EarlyPass | None
) -> tuple[BuildResult, list[Path]]:
    """The PDF, and the files besides cv.yaml that it was made from."""
    from texcv.compile import MissingGlyphs, PageLimitExceeded, TexFailure, build_pdf
    from texcv.schema.input_files import referenced_files

    loaded, full = load_and_validate(request, reporter)
    prepared = prepare(loaded, full, request, reporter)
    cv = prepared.cv
    rendered = render_tex(request, loaded, prepared, reporter, source_date, cut_fonts=True)
    tex, engine = rendered.tex, rendered.engine
    try:
        with reporter.progress(f"running {engine}"):
            result = build_pdf(
                tex,
                request.output,
                request.stem,
                engine,
                cv.design.timeout,
                max_pages=cv.design.max_pages,
                assets={**_assets(cv, request.folder), **rendered.fonts},
                source_date=source_date,
                early=early_pass,
            )
    except (TexFailure, MissingGlyphs, PageLimitExceeded) as failure:
        from texcv.diagnose import explain

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


@dataclass(frozen=True)
class Rendered:
    """A .tex, the engine it is for, and the font files it names beside it (name: file)."""

    tex: str
    engine: str
    fonts: dict[str, Path] = field(default_factory=dict)


def render_tex(
    request: BuildRequest,
    loaded: Loaded,
    prepared: Prepared,
    reporter: Reporter,
    source_date: str | None = None,
    cut_fonts: bool = False,
) -> Rendered:
    """The .tex of the prepared CV and its engine, with the fonts its characters need.

    ``source_date`` is the build's date (SOURCE_DATE_EPOCH): `present` for durations, a
    footer's {date}; asked here when not given (`texcv tex`). ``cut_fonts``: large script
    fonts are cut to the CV's characters (texcv.compile.subset) for the build to copy beside
    the .tex; else (`texcv tex`) the .tex names the installed fonts."""
    from texcv.compile.reproducible import build_date, source_date_epoch
    from texcv.diagnose import cv_place
    from texcv.render import render
    from texcv.render.engine_choice import choose

    cv = prepared.cv
    choice = choose(cv, request.engine)
    _check_font(cv, prepared.positions)
    today = build_date(source_date or source_date_epoch(request.source))
    version = _footer_version(cv, request.folder)

    def place(where: DataPath) -> tuple[str, Location]:
        return cv_place(where, loaded, prepared)

    plan = fonts_for(choice, request, cv.design.font_family, reporter, place, loaded)
    plan, fonts = cut(plan, choice, request, reporter) if cut_fonts else (plan, {})
    tex = timed(
        reporter,
        "render",
        lambda: render(cv, choice=choice, fonts=plan, today=today, version=version),
    )
    return Rendered(tex, choice.engine, fonts)


def cut(
    plan: FontPlan | None, choice: EngineChoice, request: BuildRequest, reporter: Reporter
) -> tuple[FontPlan | None, dict[str, Path]]:
    """``plan`` with its large script fonts cut to the text's characters, and their files
    (texcv.compile.subset); as it is for pdfLaTeX."""
    if plan is None:
        return None, {}
    from texcv.compile.subset import subset_plan

    chars = choice.needs.characters
    return timed(reporter, "subset", lambda: subset_plan(plan, chars, request.output))


def fonts_for(
    choice: EngineChoice,
    request: BuildRequest,
    kind: str,
    reporter: Reporter,
    place: Callable[[DataPath], tuple[str, Location]],
    *sources: Loaded,
) -> FontPlan | None:
    """The fonts a Unicode-engine build of this text loads (None for pdfLaTeX).

    Says why (a note at the first character pdfLaTeX cannot print, ``place`` telling where)
    when the document goes to the Unicode engine by itself; a character no installed font has
    is an error here, at the first field of ``sources`` that holds it, before TeX runs.
    """
    if choice.engine == "pdflatex":
        return None
    from texcv.compile.fonts import installed_fonts
    from texcv.diagnose import engine_note, no_font_for
    from texcv.render.fonts import plan_fonts

    installed = timed(reporter, "fonts", lambda: installed_fonts(request.output))
    plan = plan_fonts(choice.needs, installed, kind)
    if plan.missing:
        raise no_font_for(list(plan.missing), *sources) or InputError(
            "no installed font can show "
            + ", ".join(f"'{c}' (U+{ord(c):04X})" for c in plan.missing),
            hint="install a font that covers it (.ci/install-tex.sh installs Noto)",
            code=Code.MISSING_GLYPH,
        )
    if choice.needs.beyond_pdflatex and not choice.forced:
        char, where = choice.needs.beyond_pdflatex
        at = place(where) if where is not None else None
        reporter.warn(engine_note(char, choice.engine, plan.font_for(char), at))
    return plan


def _footer_version(cv: CV, folder: Path) -> str:
    """A footer's {version}: the CV repository's `git describe`; empty outside git."""
    if "{version}" not in (cv.design.footer or ""):
        return ""
    from texcv.source.git import describe

    return describe(folder) or ""


def _check_font(cv: CV, positions: Positions) -> None:
    """design.font must be a family fontconfig knows, or fontspec fails deep in the log."""
    from texcv.compile.fonts import font_missing, similar_families

    font = cv.design.font
    if font and font_missing(font):
        like = similar_families(font)
        raise InputError(
            f"the font '{font}' is not installed on this machine",
            location=positions.locate(("design", "font")),
            hint=("installed families like it: " + ", ".join(like) if like else "")
            + ("; " if like else "")
            + "`fc-list : family` lists every installed family",
            code=Code.FONT_MISSING,
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


def attempt(request: BuildRequest, early_pass: EarlyPass | None = None) -> Attempt:
    """Build once, quietly; never raises a TexcvError (it is kept in the Attempt).

    ``early_pass``: as for `build_once`.
    """
    reporter = Reporter(quiet=True)
    started = time.perf_counter()
    try:
        result = build_once(request, reporter, early_pass).result
    except TexcvError as error:
        return Attempt(request, error=error, warnings=reporter.warnings)
    return Attempt(request, result, None, reporter.warnings, time.perf_counter() - started)


class Rebuilds:
    """The builds of `texcv watch` and `texcv serve`, one per save: between two, the next
    build's first pass already runs (texcv.compile.early), its format loaded and its fixed
    preamble read, so a save pays for the CV's own text only. ``close`` stops it."""

    def __init__(self, request: BuildRequest) -> None:
        self.request = request
        self.waiting: EarlyPass | None = None

    def next(self) -> Attempt:
        held, self.waiting = self.waiting, None
        try:
            done = attempt(self.request, held)
            if done.result is None and done.error is None:  # up to date: the pass still fits
                self.waiting, held = held, None
        finally:
            if held is not None:
                held.cancel()  # used by the build, or abandoned by its failure: then a no-op
        if self.waiting is None:
            self.waiting = start_next(self.request)
        return done

    def close(self) -> None:
        if self.waiting is not None:
            self.waiting.cancel()
            self.waiting = None
