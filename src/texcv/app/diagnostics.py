"""Diagnostics as data: `texcv check|build --format json|github` for editors, scripts and CI.

The errors and warnings a build meets are turned into one shape, defined here once as pydantic
models: they make the JSON, and its JSON Schema (diagnostics.schema.json, kept equal to
`report_schema()` by a test). ``--format github`` prints the same diagnostics as GitHub
Actions workflow commands, which the runner shows as annotations on the cv.yaml lines.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from texcv.app.pipeline import Reporter
from texcv.errors import CODE_DESCRIPTIONS, Code, InputErrors, TexcvError

Severity = Literal["error", "warning"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Diagnostic(_Model):
    """One problem, where it is and what to do about it."""

    file: str | None = Field(
        description="The file, as named on the command line (cv.yaml, a .bib); "
        "`<stdin>` for standard input; null when the problem is in no file.",
        examples=["cv.yaml"],
    )
    line: int | None = Field(description="Line, from 1.", examples=[46])
    column: int | None = Field(description="Column, from 1.", examples=[14])
    end_line: int | None = Field(
        description="Line where the value ends, when known (a YAML scalar).", examples=[46]
    )
    end_column: int | None = Field(
        description="Column just after the value's end, when known.", examples=[23]
    )
    severity: Severity = Field(
        description="error: the command failed; warning: a likely mistake that does not stop it."
    )
    code: Code = Field(description="The kind of problem: stable, never renamed or reused.")
    message: str = Field(description="What is wrong, in one line.")
    hint: str | None = Field(description="What to do about it.")
    path: str | None = Field(
        description="The field in cv.yaml, e.g. sections[1].entries[0].end.",
        examples=["sections[1].entries[0].end"],
    )
    value: str | None = Field(description="The value found there, shortened.")


class Summary(_Model):
    """What `texcv build` made (texcv.app.summary)."""

    input: str = Field(description="The CV file as given (`-` for standard input).")
    pdf: str = Field(description="The PDF written (or already up to date).")
    tex: str
    log: str
    engine: str | None = Field(description="The TeX engine; null when the PDF was up to date.")
    pages: int | None
    passes: int = Field(description="TeX passes run; 0 when the PDF was up to date.")
    up_to_date: bool = Field(description="True when nothing changed and no work was done.")
    source_date_epoch: str = Field(description="The date in the PDF (SOURCE_DATE_EPOCH).")
    seconds: dict[str, float] = Field(description="Seconds per stage, and `total`.")


class Report(_Model):
    """The one object `texcv check --format json` and `texcv build --format json` print."""

    command: Literal["check", "build"]
    ok: bool = Field(description="True when the command succeeded (warnings allowed).")
    exit_code: int = Field(
        description="The command's exit code: 0 ok, 1 build failed, 2 input error, 3 tool missing."
    )
    diagnostics: list[Diagnostic] = Field(description="Errors and warnings, in file order.")
    summary: Summary | None = Field(
        description="For a successful build: what it made. Null for check and failed builds."
    )


def diagnostics(error: TexcvError, severity: Severity = "error") -> list[Diagnostic]:
    """``error`` as diagnostics: one per error it holds (InputErrors holds several)."""
    if isinstance(error, InputErrors):
        return [item for one in error.errors for item in diagnostics(one, severity)]
    where = error.location
    return [
        Diagnostic(
            file=where.file if where else None,
            line=where.line if where else None,
            column=where.column if where else None,
            end_line=where.end_line if where else None,
            end_column=where.end_column if where else None,
            severity=severity,
            code=error.code,
            message=error.message,
            hint=error.hint,
            path=error.path,
            value=error.value,
        )
    ]


def report(
    command: Literal["check", "build"],
    warnings: Iterable[TexcvError],
    error: TexcvError | None = None,
    summary: Mapping[str, Any] | None = None,
) -> Report:
    """The report of one command: its warnings, its error (if it failed), its summary."""
    found = [item for warning in warnings for item in diagnostics(warning, "warning")]
    if error is not None:
        found += diagnostics(error)
    found.sort(key=lambda d: (d.file or "", d.line or 0, d.column or 0))
    return Report(
        command=command,
        ok=error is None,
        exit_code=error.exit_code if error else 0,
        diagnostics=found,
        summary=Summary.model_validate(summary) if summary is not None else None,
    )


def as_json(result: Report) -> str:
    return result.model_dump_json(indent=None)


def report_schema() -> dict[str, Any]:
    """The JSON Schema of Report; each code listed with its meaning (CODE_DESCRIPTIONS)."""
    schema = Report.model_json_schema()
    schema["$defs"]["Code"] = {
        "title": "Code",
        "type": "string",
        "oneOf": [{"const": code.value, "description": CODE_DESCRIPTIONS[code]} for code in Code],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Generated from texcv.app.diagnostics by `texcv schema --diagnostics`; "
        "run `make schema`.",
        **schema,
    }


def report_schema_text() -> str:
    """diagnostics.schema.json, as committed."""
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


def as_github(result: Report) -> str:
    """GitHub Actions workflow commands: each diagnostic an annotation at its line.

    ``::error file=cv.yaml,line=46,col=14,endLine=46,endColumn=23,title=...::message``; the
    hint follows the message on its own line. See GitHub's "Workflow commands" documentation.
    """
    lines = []
    for item in result.diagnostics:
        properties = {
            "file": item.file,
            "line": item.line,
            "col": item.column,
            "endLine": item.end_line,
            "endColumn": item.end_column,
            "title": f"texcv {item.code.value}",
        }
        shown = ",".join(
            f"{key}={_escape(str(value), property=True)}"
            for key, value in properties.items()
            if value is not None and not (key == "file" and value == "<stdin>")
        )
        text = item.message + (f"\nhint: {item.hint}" if item.hint else "")
        lines.append(f"::{item.severity} {shown}::{_escape(text)}")
    return "\n".join(lines)


def _escape(text: str, *, property: bool = False) -> str:
    """GitHub's escaping for workflow command data (and, further, for property values)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def run_reported(
    command: Literal["check", "build"],
    output_format: str,
    work: Callable[[Reporter], Mapping[str, Any] | None],
) -> int:
    """Run ``work`` quietly and print its report alone on stdout, in ``output_format``.

    ``work`` returns the build's summary (or None for check). Nothing else is printed: the
    report holds the warnings and the error, so stdout is one JSON object or only workflow
    commands. Returns the exit code.
    """
    reporter = Reporter(quiet=True)
    try:
        summary = work(reporter)
    except TexcvError as error:
        result = report(command, reporter.warnings, error)
    else:
        result = report(command, reporter.warnings, summary=summary)
    text = as_json(result) if output_format == "json" else as_github(result)
    if text:
        print(text)
    return result.exit_code
