"""The `texcv` command: parses arguments, runs a command, and prints every failure once.

argparse stays in this module: a build command turns its arguments into a BuildRequest
(texcv.app.request) and hands that down.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from texcv import __version__
from texcv.app import terminal
from texcv.app.pipeline import Reporter, build_once, load_and_validate, prepare, render_tex
from texcv.app.request import STDIN, BuildRequest
from texcv.engines import ENGINES
from texcv.errors import InputError, TexcvError
from texcv.files import disk_full
from texcv.signals import Stopped, stop_on_signals

DEFAULT_INPUT = "cv.yaml"
DEFAULT_OUTPUT = "build"
FORMATS = ("text", "json", "github")  # --format: texcv.app.diagnostics makes the other two


def build_request(
    args: argparse.Namespace, *, force: bool = False, stdin: bool = True
) -> BuildRequest:
    """The request the arguments of `build`, `tex`, `check`, `watch` or `serve` make.

    Only `build` has --force. An input of ``-`` is read from standard input where ``stdin``.
    """
    text = None
    if args.input == STDIN:
        if not stdin:
            raise InputError(
                f"texcv {args.command} needs a file to watch, not standard input",
                hint="give the path of your cv.yaml",
            )
        text = sys.stdin.read()
    return BuildRequest(
        input=Path(args.input),
        output=Path(getattr(args, "output", DEFAULT_OUTPUT)),
        engine=getattr(args, "engine", None),
        variant=args.variant,
        force=force,
        allow_roots=allowed_roots(args),
        text=text,
    )


def allowed_roots(args: argparse.Namespace) -> tuple[Path, ...]:
    return tuple(Path(folder) for folder in args.allow_root or ())


def command_check(args: argparse.Namespace) -> int:
    request = build_request(args)
    if args.format != "text":
        from texcv.app.diagnostics import run_reported

        return run_reported("check", args.format, lambda reporter: check(request, reporter))
    check(request, Reporter(args.quiet, verbose=args.verbose))
    return 0


def check(request: BuildRequest, reporter: Reporter) -> None:
    """cv.yaml (its .bib files and photo too), then each letter beside it."""
    from texcv.app.letter import letter_names, letter_path, load_letter

    loaded, cv = load_and_validate(request, reporter)
    prepare(loaded, cv, request, reporter)
    reporter.say(f"texcv: {request.display} is valid")
    if request.from_stdin:
        return  # letters are found beside a cv.yaml file
    for name in letter_names(request.input):
        letter = letter_path(request.input, name)
        load_letter(letter, loaded, cv, reporter)
        reporter.say(f"texcv: {letter} is valid")


def command_variants(args: argparse.Namespace) -> int:
    """The variant names, one a line (for `make all-variants`)."""
    from texcv.schema.validate import validate
    from texcv.source.yaml_reader import load_yaml

    path = Path(args.input)
    for name in validate(load_yaml(path, str(path))).variants:
        print(name)
    return 0


def command_tex(args: argparse.Namespace) -> int:
    request = build_request(args)
    reporter = Reporter(args.quiet, verbose=args.verbose)
    loaded, full = load_and_validate(request, reporter)
    prepared = prepare(loaded, full, request, reporter)
    rendered = render_tex(request, loaded, prepared, reporter)
    tex, engine = rendered.tex, rendered.engine
    if args.output == STDIN:
        sys.stdout.write(tex)
        return 0
    request.output.mkdir(parents=True, exist_ok=True)
    target = request.output / f"{request.stem}.tex"
    target.write_text(tex, encoding="utf-8")
    reporter.say(f"texcv: wrote {target} (for {engine})")
    return 0


def command_build(args: argparse.Namespace) -> int:
    request = build_request(args, force=args.force)
    if args.format != "text":
        from texcv.app.diagnostics import run_reported
        from texcv.app.summary import built

        return run_reported("build", args.format, lambda reporter: built(request, reporter))
    reporter = Reporter(args.quiet, verbose=args.verbose)
    started = time.perf_counter()
    result = build_once(request, reporter).result
    if result is None:
        reporter.say(f"texcv: {request.pdf} is up to date")
        return 0
    pages = f" ({result.pages} page{'s' if result.pages != 1 else ''})" if result.pages else ""
    reporter.say(f"texcv: wrote {result.pdf}{pages} in {time.perf_counter() - started:.2f} s")
    return 0


def command_letter(args: argparse.Namespace) -> int:
    """`texcv letter NAME`: letters/NAME.yaml beside cv.yaml -> build/letter-NAME.pdf."""
    from texcv.app.letter import letter_path

    cv = Path(args.cv)
    request = BuildRequest(
        input=cv,
        output=Path(args.output),
        engine=args.engine,
        letter=letter_path(cv, args.name),
        force=args.force,
    )
    reporter = Reporter(args.quiet)
    started = time.perf_counter()
    result = build_once(request, reporter).result
    if result is None:
        reporter.say(f"texcv: {request.pdf} is up to date")
        return 0
    pages = f" ({result.pages} page{'s' if result.pages != 1 else ''})" if result.pages else ""
    reporter.say(f"texcv: wrote {result.pdf}{pages} in {time.perf_counter() - started:.2f} s")
    return 0


def command_watch(args: argparse.Namespace) -> int:
    """Rebuild on every save; the whole diagnosis of each build (texcv.app.pipeline.Attempt);
    the last good PDF stays while cv.yaml is broken. Between saves the next build's first pass
    is already running, its preamble read (texcv.app.pipeline.Rebuilds)."""
    from texcv.app.pipeline import Rebuilds
    from texcv.app.watch import watch

    request = build_request(args, stdin=False)
    rebuilds = Rebuilds(request)

    def rebuild() -> tuple[str, list[Path]]:
        done = rebuilds.next()
        return done.diagnosis(), done.files()

    try:
        return watch(rebuild)
    finally:
        rebuilds.close()


def command_serve(args: argparse.Namespace) -> int:
    """Build and watch like `watch`, and show the pages on http://127.0.0.1:PORT/."""
    from texcv.app.serve import serve_cv

    return serve_cv(build_request(args, stdin=False), args.port, open_browser=args.open)


def debug_flag(parser: argparse.ArgumentParser) -> None:
    """--debug also after the subcommand; SUPPRESS keeps it from undoing `texcv --debug CMD`."""
    parser.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def allow_root_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--allow-root",
        action="append",
        metavar="DIR",
        help="files named in cv.yaml (photo, .bib) may also come from DIR (repeatable); by "
        "default they must be inside the folder of cv.yaml",
    )


def input_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "input",
        nargs="?",
        default=DEFAULT_INPUT,
        help="the CV file (default: cv.yaml; - reads it from standard input)",
    )


def format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: messages for people (default); json: one object on stdout with every "
        "diagnostic (diagnostics.schema.json); github: annotations for GitHub Actions",
    )


def output_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", default=DEFAULT_OUTPUT, help="output folder (default: build/)"
    )


def quiet_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors")


def engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=ENGINES, help="override design.engine")


def force_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--force", action="store_true", help="build even when no input changed since the last build"
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
        input_argument(p)
        if output:
            output_option(p)
        quiet_option(p)
        p.add_argument("-v", "--verbose", action="store_true", help="show each stage's time")
        p.add_argument(
            "--variant",
            metavar="NAME",
            help="build the variant NAME of cv.yaml's `variants` (writes cv-NAME.pdf)",
        )
        if engine:
            engine_option(p)
        allow_root_option(p)
        debug_flag(p)

    build = sub.add_parser(
        "build",
        help="validate, render and compile cv.yaml to build/cv.pdf",
        description="Validate cv.yaml, render it as moderncv LaTeX and compile it with TeX. "
        "The PDF is replaced only when the new one is complete.",
    )
    common(build)
    force_option(build)
    format_option(build)
    build.add_argument(
        "--json",
        dest="format",
        action="store_const",
        const="json",
        help="the same as --format json",
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

    letter = sub.add_parser(
        "letter",
        help="build the cover letter letters/NAME.yaml into build/letter-NAME.pdf",
        description="Build a cover letter: letters/NAME.yaml (beside cv.yaml) gives the "
        "recipient and the text, cv.yaml the sender, the design and the language. The PDF is "
        "replaced only when the new one is complete.",
    )
    letter.add_argument("name", help="the letter's NAME (letters/NAME.yaml), or its path")
    letter.add_argument(
        "--cv", default=DEFAULT_INPUT, help="the CV it goes with (default: cv.yaml)"
    )
    output_option(letter)
    quiet_option(letter)
    engine_option(letter)
    force_option(letter)
    debug_flag(letter)
    letter.set_defaults(handler=command_letter)

    serve = sub.add_parser(
        "serve",
        help="a live preview in your browser: build, watch, show the pages on 127.0.0.1",
        description="Build and rebuild like `watch`, and serve a page on http://127.0.0.1:PORT/ "
        "that shows the PDF's pages and reloads after each build. While cv.yaml is broken it "
        "shows the errors with the lines around them, and the last good pages. Listens on "
        "127.0.0.1 only. Ctrl-C stops.",
    )
    common(serve)
    serve.add_argument(
        "--port", type=int, default=8765, help="the port (default: 8765; 0 picks a free one)"
    )
    serve.add_argument("--open", action="store_true", help="open the page in your browser")
    serve.set_defaults(handler=command_serve)

    check = sub.add_parser(
        "check",
        help="validate cv.yaml (and the letters beside it) without building",
        description="Check cv.yaml, and each letter in letters/ beside it, against the schema "
        "and report every problem.",
    )
    common(check, output=False, engine=False)
    format_option(check)
    check.set_defaults(handler=command_check)

    variants = sub.add_parser(
        "variants",
        help="list the variants cv.yaml defines",
        description="Print the names under `variants:` in cv.yaml, one a line.",
    )
    input_argument(variants)
    debug_flag(variants)
    variants.set_defaults(handler=command_variants)

    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of cv.yaml or of a letter (for editors)",
        description="Print the JSON Schema of cv.yaml (or with --letter of letters/NAME.yaml), "
        "generated from texcv's models.",
    )
    schema.add_argument("-o", "--output", help="write it to this file instead of stdout")
    schema.add_argument(
        "--letter", action="store_true", help="the schema of a letter (letters/NAME.yaml) instead"
    )
    schema.add_argument(
        "--diagnostics",
        action="store_true",
        help="the schema of `--format json` output instead (diagnostics.schema.json)",
    )
    debug_flag(schema)
    schema.set_defaults(handler=command_schema)

    from texcv.app.completion import SHELLS

    completion = sub.add_parser(
        "completion",
        help="print a shell completion script (bash or zsh)",
        description="Print a completion script for texcv. bash: texcv completion bash > "
        "~/.local/share/bash-completion/completions/texcv; zsh: texcv completion zsh > "
        "~/.zfunc/_texcv (a folder in your fpath).",
    )
    completion.add_argument("shell", choices=SHELLS)
    debug_flag(completion)
    completion.set_defaults(handler=command_completion)

    new = sub.add_parser(
        "new",
        help="write a commented starter cv.yaml",
        description="Write a small, valid, commented cv.yaml showing every entry kind (and "
        "cv.schema.json beside it). Never overwrites an existing file.",
    )
    new.add_argument("path", nargs="?", default=DEFAULT_INPUT, help="where (default: cv.yaml)")
    debug_flag(new)
    new.set_defaults(handler=command_new)

    imports = sub.add_parser(
        "import",
        help="write a cv.yaml from a RenderCV or JSON Resume file",
        description="Translate a RenderCV 2.x YAML file or a JSON Resume 1.0 file (JSON or "
        "YAML) into a texcv cv.yaml, keeping every piece of text. Prints where each field went "
        "and a warning at the source's line for every choice. Never overwrites without --force.",
    )
    imports.add_argument("source", help="the RenderCV or JSON Resume file")
    imports.add_argument(
        "-o", "--output", default=DEFAULT_INPUT, help="the cv.yaml to write (default: cv.yaml)"
    )
    imports.add_argument(
        "--bib", action="store_true", help="put publications with authors in publications.bib"
    )
    imports.add_argument("--force", action="store_true", help="replace existing files")
    quiet_option(imports)
    debug_flag(imports)
    imports.set_defaults(handler=command_import)

    release = sub.add_parser(
        "release",
        help="build the CV, its variants and letters into dist/ with named PDFs, previews, "
        "SHA256SUMS",
        description="Build cv.yaml, each of its variants and each letter in letters/, then "
        "write dist/ with the PDFs named after you and the version (First_Last_CV_v1.2.0.pdf, "
        "First_Last_Letter-NAME_v1.2.0.pdf), a PNG of each first page and SHA256SUMS. What the "
        "release workflow attaches to a GitHub release.",
    )
    input_argument(release)
    release.add_argument("-o", "--output", default="dist", help="release folder (default: dist/)")
    release.add_argument(
        "--build-dir", default=DEFAULT_OUTPUT, help="where the PDFs are built (default: build/)"
    )
    release.add_argument(
        "--version", help="version in the file names (default: git describe, e.g. v1.2.0)"
    )
    release.add_argument(
        "--variants",
        default="all",
        metavar="NAMES",
        help="the variants to publish beside the CV: all (default), none, or names",
    )
    release.add_argument(
        "--letters",
        default="all",
        metavar="NAMES",
        help="the letters (letters/NAME.yaml) to publish: all (default), none, or names",
    )
    quiet_option(release)
    allow_root_option(release)
    debug_flag(release)
    release.set_defaults(handler=command_release)

    from texcv.app import doctor, init_repo  # commands in their own modules

    for module in (init_repo, doctor):
        debug_flag(module.add_parser(sub))
    return parser


def command_release(args: argparse.Namespace) -> int:
    """Build the CV, the chosen variants and letters (no-op when up to date), then fill dist/
    (texcv.app.release)."""
    from texcv.app.letter import letter_names, letter_path
    from texcv.app.release import Built, chosen_variants, describe_version, package

    reporter = Reporter(args.quiet)
    path = Path(args.input)
    _, cv = load_and_validate(BuildRequest(path, Path(args.build_dir)), reporter)
    built = []
    for variant in [None, *chosen_variants(args.variants, cv.variants)]:
        one = BuildRequest(
            input=path,
            output=Path(args.build_dir),
            variant=variant,
            allow_roots=allowed_roots(args),
        )
        build_once(one, reporter)
        built.append(Built(one.pdf, variant))
    for name in chosen_variants(args.letters, letter_names(path)):
        letter = BuildRequest(
            input=path, output=Path(args.build_dir), letter=letter_path(path, name)
        )
        build_once(letter, reporter)
        built.append(Built(letter.pdf, letter=name))
    version = args.version or describe_version(path.parent)
    header = cv.header
    for written in package(built, header.first_name, header.last_name, version, Path(args.output)):
        reporter.say(f"texcv: wrote {written}")
    return 0


def command_schema(args: argparse.Namespace) -> int:
    if args.diagnostics:
        from texcv.app.diagnostics import report_schema_text

        text = report_schema_text()
    else:
        from texcv.schema.json_schema import json_schema_text

        text = json_schema_text(letter=args.letter)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    from texcv import files

    files.write_text(Path(args.output), text)  # whole: an editor never sees half a schema
    return 0


def command_completion(args: argparse.Namespace) -> int:
    from texcv.app.completion import completion_script

    sys.stdout.write(completion_script(build_parser(), args.shell))
    return 0


def command_import(args: argparse.Namespace) -> int:
    from texcv.app.import_command import run_import

    return run_import(
        Path(args.source), Path(args.output), bib=args.bib, force=args.force, quiet=args.quiet
    )


def command_new(args: argparse.Namespace) -> int:
    from texcv.app.starter import write_starter

    for path in write_starter(Path(args.path)):
        print(f"texcv: wrote {path}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    stop_on_signals()  # SIGTERM and SIGHUP unwind the build like Ctrl-C
    try:
        return int(args.handler(args))
    except TexcvError as error:
        terminal.say(error.format())
        return error.exit_code
    except KeyboardInterrupt:
        print("texcv: interrupted", file=sys.stderr)
        return 130
    except Stopped as stop:
        print(f"texcv: stopped by {stop}", file=sys.stderr)
        return stop.exit_code
    except BrokenPipeError:  # `texcv schema | head`: the reader left; nothing to say
        sys.stderr.close()
        return 141
    except OSError as error:  # the system refused a file operation: not texcv's bug
        if args.debug:
            raise
        full = disk_full(error, Path.cwd())
        if full is not None:
            print(full.format(), file=sys.stderr)
            return full.exit_code
        where = f" ({error.filename})" if error.filename else ""
        terminal.say(f"texcv: error: {error.strerror or error}{where}")
        return 1
    except Exception as error:  # an unexpected bug still ends in one clear message
        if args.debug:
            raise
        text = " ".join(str(error).split())[:200]
        terminal.say(
            f"texcv: internal error: {type(error).__name__}: {text} "
            "(run with --debug for a traceback, and report it)"
        )
        return 70
