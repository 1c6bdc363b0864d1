"""The `texcv` command: wires load -> validate -> render -> build, and prints every failure once."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from texcv import __version__
from texcv.errors import InputError, TexcvError

if TYPE_CHECKING:
    from texcv.build import BuildResult, MissingGlyphs
    from texcv.load import Loaded, Positions
    from texcv.schema import CV
    from texcv.variants import Prepared

T = TypeVar("T")
DEFAULT_INPUT = "cv.yaml"
ENGINE_CHOICES = ("pdflatex", "lualatex", "xelatex")  # kept here: importing build is slow
DEFAULT_OUTPUT = "build"


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


def _timed(reporter: Reporter, name: str, step: Callable[[], T], detail: str = "") -> T:
    started = time.perf_counter()
    result = step()
    reporter.stage(name, time.perf_counter() - started, detail)
    return result


def _load_and_validate(path: Path, reporter: Reporter) -> tuple[Loaded, CV]:
    from texcv.load import load_yaml
    from texcv.validate import validate

    loaded = _timed(reporter, "load", lambda: load_yaml(path, str(path)))
    cv = _timed(reporter, "validate", lambda: validate(loaded))
    _print_warnings(loaded, cv, reporter)
    return loaded, cv


def _print_warnings(loaded: Loaded, cv: CV, reporter: Reporter) -> None:
    """Likely mistakes (texcv.lint), as `cv.yaml:LINE:COL: warning: ...`; they never fail."""
    from texcv.lint import lint

    for warning in lint(cv, loaded.positions):
        reporter.say(warning.format())


def command_check(args: argparse.Namespace) -> int:
    reporter = Reporter(args.quiet)
    path = Path(args.input)
    loaded, cv = _load_and_validate(path, reporter)
    _prepare(loaded, cv, path, args, reporter)  # reads the .bib files too
    reporter.say(f"texcv: {args.input} is valid")
    return 0


def command_variants(args: argparse.Namespace) -> int:
    """The variant names, one a line (for `make all-variants`)."""
    from texcv.load import load_yaml
    from texcv.validate import validate

    path = Path(args.input)
    for name in validate(load_yaml(path, str(path))).variants:
        print(name)
    return 0


def _prepare(
    loaded: Loaded, cv: CV, path: Path, args: argparse.Namespace, reporter: Reporter
) -> Prepared:
    """The CV this build prints: .bib works added, narrowed to the chosen variant."""
    from texcv.variants import prepare

    variant = getattr(args, "variant", None)
    return _timed(reporter, "prepare", lambda: prepare(loaded, cv, path.parent, variant))


def _output_stem(args: argparse.Namespace) -> str:
    """``cv`` for cv.yaml, ``cv-short`` for its variant `short`."""
    variant = getattr(args, "variant", None)
    if variant is None:  # no import: texcv.variants loads the schema (150 ms), no-op builds don't
        return Path(args.input).stem
    from texcv.variants import output_name

    return output_name(Path(args.input).stem, variant)


def command_tex(args: argparse.Namespace) -> int:
    from texcv.render import choose_engine, render

    reporter = Reporter(args.quiet)
    path = Path(args.input)
    loaded, full = _load_and_validate(path, reporter)
    cv = _prepare(loaded, full, path, args, reporter).cv
    engine = args.engine or choose_engine(cv)
    tex = _timed(reporter, "render", lambda: render(cv, engine=engine))
    out_dir = Path(args.output)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{_output_stem(args)}.tex"
    target.write_text(tex, encoding="utf-8")
    reporter.say(f"texcv: wrote {target} (for {engine})")
    return 0


def command_build(args: argparse.Namespace) -> int:
    if getattr(args, "json", False):
        return _build_json(args)
    reporter = Reporter(args.quiet)
    started = time.perf_counter()
    result = build_once(args, reporter)
    if result is None:
        target = Path(args.output) / f"{_output_stem(args)}.pdf"
        reporter.say(f"texcv: {target} is up to date")
        return 0
    pages = f" ({result.pages} page{'s' if result.pages != 1 else ''})" if result.pages else ""
    reporter.say(f"texcv: wrote {result.pdf}{pages} in {time.perf_counter() - started:.2f} s")
    return 0


def _build_json(args: argparse.Namespace) -> int:
    """`texcv build --json`: the summary on stdout (texcv.summary); messages stay on stderr."""
    from texcv import summary
    from texcv.reproducible import tex_environment

    reporter = Reporter(args.quiet)
    started = time.perf_counter()
    try:
        result = build_once(args, reporter)
    except TexcvError as error:
        print(summary.dumps(summary.failure(error)))
        raise
    seconds = {**reporter.seconds, "total": time.perf_counter() - started}
    epoch = tex_environment().get("SOURCE_DATE_EPOCH")
    path, out_dir = Path(args.input), Path(args.output)
    print(summary.dumps(summary.success(path, out_dir, _output_stem(args), result, seconds, epoch)))
    return 0


def command_watch(args: argparse.Namespace) -> int:
    """Rebuild on every save; one line per build; the last good PDF stays while cv.yaml is broken."""
    from texcv.build.uptodate import recorded_files
    from texcv.watch import watch

    path = Path(args.input)
    out_dir = Path(args.output)
    reporter = Reporter(quiet=True)

    def rebuild() -> tuple[str, list[Path]]:
        started = time.perf_counter()
        try:
            result = build_once(args, reporter)
        except TexcvError as error:
            line = error.format().splitlines()[0]
        else:
            seconds = time.perf_counter() - started
            if result is None:
                line = f"{out_dir / _output_stem(args)}.pdf is up to date"
            else:
                pages = f"{result.pages} page{'s' if result.pages != 1 else ''}, "
                line = f"built {result.pdf} ({pages if result.pages else ''}{seconds:.2f} s)"
        return line, [path, *recorded_files(out_dir, _output_stem(args))]

    return watch(rebuild)


# Arguments that do not change the PDF; every other one is part of the no-op check's key.
_NOT_BUILD_OPTIONS = frozenset({"quiet", "debug", "handler", "force", "command", "json"})


def build_once(args: argparse.Namespace, reporter: Reporter) -> BuildResult | None:
    """Build the PDF; None when it is already up to date with every input (no work done)."""
    from texcv.build.uptodate import is_up_to_date, record
    from texcv.reproducible import use_source_date

    path = Path(args.input)
    out_dir = Path(args.output)
    stem = _output_stem(args)
    options = {k: v for k, v in vars(args).items() if k not in _NOT_BUILD_OPTIONS}
    options["source_date_epoch"] = use_source_date(path)  # a new commit's date is a new PDF
    if not getattr(args, "force", False) and is_up_to_date(out_dir, stem, path, options):
        return None
    from texcv.build import early

    early.start(out_dir, stem)  # TeX starts up while Python loads and renders the CV
    try:
        result, files = _build(args, reporter)
    finally:
        early.cancel(out_dir, stem)  # unused when the build failed before TeX
    record(out_dir, stem, path, options, files, result.engine)
    return result


def _build(args: argparse.Namespace, reporter: Reporter) -> tuple[BuildResult, list[Path]]:
    """The PDF, and the files besides cv.yaml that it was made from."""
    from texcv.build import MissingGlyphs, PageLimitExceeded, TexFailure, build_pdf
    from texcv.inputs import referenced_files
    from texcv.render import choose_engine, render
    from texcv.sourcemap import locate_line

    path = Path(args.input)
    loaded, full = _load_and_validate(path, reporter)
    prepared = _prepare(loaded, full, path, args, reporter)
    cv = prepared.cv
    engine = args.engine or choose_engine(cv)
    tex = _timed(reporter, "render", lambda: render(cv, engine=engine))
    try:
        result = build_pdf(
            tex,
            Path(args.output),
            _output_stem(args),
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
    from texcv.load import format_path
    from texcv.sourcemap import walk_strings

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


def debug_flag(parser: argparse.ArgumentParser) -> None:
    """--debug also after the subcommand; SUPPRESS keeps it from undoing `texcv --debug CMD`."""
    parser.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="texcv",
        description="Compile a CV kept as YAML data (cv.yaml) into a moderncv LaTeX PDF.",
    )
    parser.add_argument("--version", action="version", version=f"texcv {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show a traceback on unexpected errors"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def common(p: argparse.ArgumentParser, output: bool = True, engine: bool = True) -> None:
        p.add_argument(
            "input", nargs="?", default=DEFAULT_INPUT, help="the CV file (default: cv.yaml)"
        )
        if output:
            p.add_argument(
                "-o", "--output", default=DEFAULT_OUTPUT, help="output folder (default: build/)"
            )
        p.add_argument("-q", "--quiet", action="store_true", help="print only errors")
        p.add_argument(
            "--variant",
            metavar="NAME",
            help="build the variant NAME of cv.yaml's `variants` (writes cv-NAME.pdf)",
        )
        if engine:
            p.add_argument("--engine", choices=ENGINE_CHOICES, help="override design.engine")
        debug_flag(p)

    build = sub.add_parser(
        "build",
        help="validate, render and compile cv.yaml to build/cv.pdf",
        description="Validate cv.yaml, render it as moderncv LaTeX and compile it with TeX. "
        "The PDF is replaced only when the new one is complete.",
    )
    common(build)
    build.add_argument(
        "--force", action="store_true", help="build even when no input changed since the last build"
    )
    build.add_argument(
        "--json",
        action="store_true",
        help="print a JSON summary on stdout (paths, pages, engine, seconds per stage)",
    )
    build.set_defaults(handler=command_build)

    tex = sub.add_parser(
        "tex",
        help="write build/cv.tex only (no TeX run)",
        description="Validate and render cv.yaml to LaTeX without compiling.",
    )
    common(tex)
    tex.set_defaults(handler=command_tex)

    watch = sub.add_parser(
        "watch",
        help="rebuild build/cv.pdf on every save of cv.yaml (or a file it uses)",
        description="Build, then rebuild whenever cv.yaml or a file it refers to is saved. "
        "Prints one line per build; while cv.yaml is broken the last good PDF stays. "
        "Ctrl-C stops.",
    )
    common(watch)
    watch.set_defaults(handler=command_watch)

    check = sub.add_parser(
        "check",
        help="validate cv.yaml without building",
        description="Check cv.yaml against the schema and report every problem.",
    )
    common(check, output=False, engine=False)
    check.set_defaults(handler=command_check)

    variants = sub.add_parser(
        "variants",
        help="list the variants cv.yaml defines",
        description="Print the names under `variants:` in cv.yaml, one a line.",
    )
    variants.add_argument(
        "input", nargs="?", default=DEFAULT_INPUT, help="the CV file (default: cv.yaml)"
    )
    debug_flag(variants)
    variants.set_defaults(handler=command_variants)

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of cv.yaml (for editors)",
        description="Print the JSON Schema of cv.yaml, generated from texcv's models.",
    )
    schema.add_argument("-o", "--output", help="write it to this file instead of stdout")
    debug_flag(schema)
    schema.set_defaults(handler=command_schema)

    new = sub.add_parser(
        "new",
        help="write a commented starter cv.yaml",
        description="Write a small, valid, commented cv.yaml showing every entry kind (and "
        "cv.schema.json beside it). Never overwrites an existing file.",
    )
    new.add_argument("path", nargs="?", default=DEFAULT_INPUT, help="where (default: cv.yaml)")
    debug_flag(new)
    new.set_defaults(handler=command_new)

    release = sub.add_parser(
        "release",
        help="build the CV and its variants into dist/ with named PDFs, previews, SHA256SUMS",
        description="Build cv.yaml and each of its variants, then write dist/ with the PDFs "
        "named after you and the version (First_Last_CV_v1.2.0.pdf), a PNG of each first page "
        "and SHA256SUMS. What the release workflow attaches to a GitHub release.",
    )
    release.add_argument(
        "input", nargs="?", default=DEFAULT_INPUT, help="the CV file (default: cv.yaml)"
    )
    release.add_argument("-o", "--output", default="dist", help="release folder (default: dist/)")
    release.add_argument(
        "--build-dir", default=DEFAULT_OUTPUT, help="where the PDFs are built (default: build/)"
    )
    release.add_argument(
        "--version", help="version in the file names (default: git describe, e.g. v1.2.0)"
    )
    release.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    debug_flag(release)
    release.set_defaults(handler=command_release)
    return parser


def command_release(args: argparse.Namespace) -> int:
    """Build the CV and each variant (no-op when up to date), then fill dist/ (texcv.release)."""
    from texcv.release import Built, describe_version, package

    reporter = Reporter(args.quiet)
    path = Path(args.input)
    _, cv = _load_and_validate(path, reporter)
    built = []
    for variant in [None, *getattr(cv, "variants", {})]:
        one = argparse.Namespace(
            input=args.input, output=args.build_dir, quiet=args.quiet, engine=None, variant=variant
        )
        build_once(one, reporter)
        built.append(Built(Path(args.build_dir) / f"{_output_stem(one)}.pdf", variant))
    version = args.version or describe_version(path.parent)
    header = cv.header
    for written in package(built, header.first_name, header.last_name, version, Path(args.output)):
        reporter.say(f"texcv: wrote {written}")
    return 0


def command_schema(args: argparse.Namespace) -> int:
    from texcv.schema.json_schema import json_schema_text

    text = json_schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    target = Path(args.output)
    scratch = target.with_name(f".{target.name}.tmp")
    scratch.write_text(text, encoding="utf-8")
    scratch.replace(target)  # atomic: an editor never sees half a schema
    return 0


def command_new(args: argparse.Namespace) -> int:
    from texcv.starter import write_starter

    for path in write_starter(Path(args.path)):
        print(f"texcv: wrote {path}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except TexcvError as error:
        print(error.format(), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("texcv: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `texcv schema | head`: the reader left; nothing to say
        sys.stderr.close()
        return 141
    except OSError as error:  # the system refused a file operation: not texcv's bug
        if args.debug:
            raise
        where = f" ({error.filename})" if error.filename else ""
        print(f"texcv: error: {error.strerror or error}{where}", file=sys.stderr)
        return 1
    except Exception as error:  # an unexpected bug still ends in one clear message
        if args.debug:
            raise
        text = " ".join(str(error).split())[:200]
        print(
            f"texcv: internal error: {type(error).__name__}: {text} "
            "(run with --debug for a traceback, and report it)",
            file=sys.stderr,
        )
        return 70
