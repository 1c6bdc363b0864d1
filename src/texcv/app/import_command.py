"""`texcv import`: translate a RenderCV or JSON Resume file, write cv.yaml, print the report.

The translation is texcv.importers' job; this module writes the files (never over an existing
one without --force) and prints: where each source field went on stdout, the warnings
(`SOURCE:LINE:COL: warning: ...`) and a summary on stderr.
"""

from __future__ import annotations

import sys
from pathlib import Path

from texcv.errors import Code, InputError, Location
from texcv.files import copy_file, write_text


def run_import(source: Path, output: Path, *, bib: bool, force: bool, quiet: bool) -> int:
    from texcv.importers import BIB_NAME, import_file

    target = output / "cv.yaml" if output.is_dir() else output
    if not target.parent.is_dir():
        raise InputError(
            f"the folder {target.parent} does not exist", location=Location(str(target))
        )
    result = import_file(source, target, bib=bib)
    files: list[tuple[Path, str | Path]] = [(target, result.cv_text)]
    if result.bib_text is not None:
        files.append((target.parent / BIB_NAME, result.bib_text))
    if result.photo is not None:
        files.append((target.parent / result.photo.name, result.photo))
    if not force:
        for path, _ in files:
            if path.exists():
                raise InputError(
                    f"{path} already exists; not overwriting it",
                    location=Location(str(path)),
                    hint="give another path with -o, or --force to replace it",
                    code=Code.FILE_EXISTS,
                )
    if not quiet:
        print(f"# {source} ({result.format}) -> {target}")
        for field, place in result.report.moves:
            print(f"{field} -> {place}")
    for path, text in files:
        _write(path, text)
    written = [str(path) for path, _ in files]
    schema = target.parent / "cv.schema.json"
    if not schema.exists():
        from texcv.schema.json_schema import json_schema_text

        _write(schema, json_schema_text())
        written.append(str(schema))
    warnings = result.report.sorted_warnings()
    if not quiet:
        for warning in warnings:
            print(warning.format(), file=sys.stderr)
        count = (
            f"; {len(warnings)} warning{'s' if len(warnings) != 1 else ''} above"
            if warnings
            else ""
        )
        print(
            f"texcv: wrote {', '.join(written)} ({result.sections} sections, "
            f"{result.entries} entries){count}",
            file=sys.stderr,
        )
    return 0


def _write(path: Path, content: str | Path) -> None:
    """Write whole or not at all (a text, or a copy of a file)."""
    if isinstance(content, Path):
        copy_file(content, path)
    else:
        write_text(path, content)
