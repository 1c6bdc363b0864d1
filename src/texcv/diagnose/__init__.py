"""Stage 6, diagnose: a failure of the compile stage, told as the cv.yaml line that caused it
(or the letters/NAME.yaml line, for a letter: `explain_letter`).

The compile stage speaks TeX (a line of the generated .tex, a character no font has, a page
count); the person wrote cv.yaml. `explain` turns each compile failure into a new error value
that points at cv.yaml: the field whose text TeX stopped in (through the `% texcv-source:`
marks the renderer writes and the way back through prepare's reordering), the field that
holds a character no font can show, or the `design.max_pages` setting. Nothing here changes
an error that was already raised; each answer is a new one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from texcv.compile import MissingGlyphs, PageLimitExceeded, TexFailure
from texcv.errors import BuildError, Code, InputError, InputErrors, Location, Note, TexcvError
from texcv.prepare import Prepared
from texcv.render import SOURCE_MARK
from texcv.source.yaml_reader import DataPath, Loaded, Positions, format_path, walk_strings

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_UNICODE = re.compile(r"Unicode character (.) \(U\+")
# pdfLaTeX's words for a character its font encodings do not have (the Unicode engines have it).
_NOT_SET_UP = "not set up for use with LaTeX"

CompileFailure = TexFailure | MissingGlyphs | PageLimitExceeded


def explain(
    failure: CompileFailure, *, tex: str, engine: str, loaded: Loaded, prepared: Prepared
) -> TexcvError:
    """The error to report for ``failure`` of compiling ``tex`` (rendered from ``prepared``)."""
    if isinstance(failure, PageLimitExceeded):
        return InputError(
            f"the CV has {failure.pages} pages; design.max_pages allows {failure.limit}",
            location=prepared.positions.locate(("design", "max_pages")),
            hint="shorten it or raise design.max_pages; the previous PDF was kept",
            code=failure.code,
        )
    if isinstance(failure, MissingGlyphs):
        return missing_glyphs(failure, loaded)
    return tex_failure(failure, tex, engine, loaded, prepared.origin)


def tex_failure(
    failure: TexFailure,
    tex: str,
    engine: str,
    loaded: Loaded,
    origin: Callable[[DataPath], DataPath] | None = None,
) -> BuildError:
    """TeX's error at the cv.yaml field it stopped in, when the .tex line came from one."""
    found = (
        locate_line(tex, failure.tex_line, loaded.positions, loaded.data, failure.message, origin)
        if failure.tex_line
        else None
    )
    hint = failure.hint
    if engine == "pdflatex" and _NOT_SET_UP in failure.message:
        hint = "pdflatex cannot typeset this character: use design.engine: auto (or lualatex); " + (
            hint or ""
        )
    return BuildError(
        failure.message,
        location=found[1] if found else None,
        path=found[0] if found else None,
        hint=hint,
        code=failure.code,
    )


def explain_letter(
    failure: CompileFailure, *, tex: str, engine: str, letter: Loaded, cv: Loaded
) -> TexcvError:
    """The error to report for ``failure`` of compiling a letter's ``tex``: at the letter's
    line, or at cv.yaml's when the sender's header holds the character TeX named."""
    if isinstance(failure, PageLimitExceeded):
        given = isinstance(letter.data, dict) and "max_pages" in letter.data
        return InputError(
            f"the letter has {failure.pages} pages; max_pages allows {failure.limit}",
            # without a max_pages line, point at what to shorten
            location=letter.positions.locate(("max_pages",) if given else ("body",), key=not given),
            path="max_pages" if given else "body",
            hint="shorten it or raise max_pages (a letter's default is 1); "
            "the previous PDF was kept",
            code=failure.code,
        )
    if isinstance(failure, MissingGlyphs):
        return missing_glyphs(failure, letter, cv)
    error = tex_failure(failure, tex, engine, letter)
    if error.path:
        return error
    # The mark named the whole letter (its head or its closing) and no field of it holds the
    # character: the sender's name or details, from cv.yaml, do.
    path = narrow_to_field((), cv.data, failure.message)
    if not path:
        return error
    return BuildError(
        error.message,
        location=cv.positions.locate(path),
        path=format_path(path),
        hint=error.hint,
        code=error.code,
    )


def missing_glyphs(failure: MissingGlyphs, loaded: Loaded, *more: Loaded) -> InputError:
    """Name each character no font has, at the first field that holds it (in ``loaded``, else
    in the next of ``more``)."""
    found = no_font_for([char for char, _ in failure.characters], loaded, *more)
    return found or InputError(failure.message, hint=failure.hint, code=Code.MISSING_GLYPH)


def no_font_for(characters: list[str], loaded: Loaded, *more: Loaded) -> InputError | None:
    """Each character (that no installed font has) at the first field holding it, in
    ``loaded`` or else in the next of ``more``; None when none holds any."""
    errors = []
    for char in characters:
        found = first_field_with(char, loaded, *more)
        if found is not None:
            errors.append(
                InputError(
                    f"no installed font can show '{char}' (U+{ord(char):04X})",
                    location=found[1],
                    path=found[0],
                    hint="install a font that covers it (.ci/install-tex.sh installs Noto) "
                    "or remove the character",
                    code=Code.MISSING_GLYPH,
                )
            )
    if not errors:
        return None
    return errors[0] if len(errors) == 1 else InputErrors(errors)


def first_field_with(char: str, loaded: Loaded, *more: Loaded) -> tuple[str, Location] | None:
    """(dotted path, place) of the first field whose text holds ``char``."""
    for source in (loaded, *more):
        for data_path, text in walk_strings(source.data):
            if char in text:
                return format_path(data_path), source.positions.locate(data_path)
    return None


def engine_note(
    char: str, engine: str, font: str, place: tuple[str, Location] | None = None
) -> Note:
    """Why a document is built by the Unicode engine: the first character pdfLaTeX cannot
    print, at its field (``place``: dotted path and location; None for texcv's own words)."""
    name = unicodedata.name(char, "")
    what = f"'{char}' (U+{ord(char):04X}{', ' + name if name else ''})"
    return Note(
        f"{what} is beyond pdfLaTeX: building with {engine} and {font}",
        location=place[1] if place else None,
        path=place[0] if place else None,
        hint="pdfLaTeX sets Latin, Vietnamese, Greek, Cyrillic and common symbols, several "
        "times faster; design.engine: pdflatex makes this character an error instead",
    )


def cv_place(where: DataPath, loaded: Loaded, prepared: Prepared) -> tuple[str, Location]:
    """A path of the rendered CV as a field of cv.yaml (through prepare's reordering)."""
    origin = prepared.origin(where)
    return format_path(origin), loaded.positions.locate(origin)


def parse_path(text: str) -> DataPath:
    """``sections[3].entries[2]`` -> ``("sections", 3, "entries", 2)``."""
    return tuple(int(index) if index else name for name, index in _PART.findall(text))


def path_of_line(tex: str, line: int) -> DataPath | None:
    """The cv.yaml path whose LaTeX holds ``line`` (1-based): the nearest mark above it."""
    lines = tex.splitlines()
    for number in range(min(line, len(lines)) - 1, -1, -1):
        if lines[number].startswith(SOURCE_MARK):
            return parse_path(lines[number][len(SOURCE_MARK) :].strip())
    return None


def locate_line(
    tex: str,
    line: int,
    positions: Positions,
    data: Any = None,
    message: str = "",
    origin: Callable[[DataPath], DataPath] | None = None,
) -> tuple[str, Location] | None:
    """(dotted path, place in cv.yaml) for a line of the .tex, when it came from an entry.

    Given the loaded ``data`` and TeX's error ``message``, narrows the entry down to the field
    that holds the character TeX complained about. ``origin`` maps a path of the rendered CV
    back to cv.yaml's when entries were sorted or selected (texcv.prepare.Prepared.origin).
    """
    path = path_of_line(tex, line)
    if path is None:
        return None
    if origin is not None:
        path = origin(path)
    if data is not None:
        path = narrow_to_field(path, data, message)
    return format_path(path), positions.locate(path)


def narrow_to_field(path: DataPath, data: Any, message: str) -> DataPath:
    """The field under ``path`` whose text holds the character TeX named, else ``path``."""
    match = _UNICODE.search(message)
    if match is None:
        return path
    value = data
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return path
    for field, text in walk_strings(value, path):
        if match.group(1) in text:
            return field
    return path
