"""Diagnostics as data: `--format json|github`, their JSON Schema, stable codes, the README's
VS Code problem matcher and GitHub workflow, checked against real output."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import FIXTURES, ROOT, run_texcv
from test_workflows import lint
from texcv.app.diagnostics import as_github, diagnostics, report, report_schema_text
from texcv.errors import CODE_DESCRIPTIONS, Code, InputError, InputErrors, Location

COMMITTED = ROOT / "diagnostics.schema.json"
README = (ROOT / "README.md").read_text(encoding="utf-8")
SEVERAL = FIXTURES / "broken" / "several_errors.yaml"
WARNS = """\
header: {first_name: Ada, last_name: Lovelace}
sections:
  - title: Work
    entries:
      - kind: entry
        start: "2020-01"
        end: "2099-01"
        title: Engine
"""
# A character pdfLaTeX cannot set (Greek it can: LGR), with pdfLaTeX forced.
CHINESE_FOR_PDFLATEX = """\
header: {first_name: Ada, last_name: Lovelace}
design: {engine: pdflatex}
sections:
  - title: Work
    kind: bullet
    entries:
      - "The letter 中"
"""


def validated(text: str) -> dict[str, Any]:
    """Parse one report and check it against the committed schema."""
    data = json.loads(text)
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    return data


# --- the schema and the codes (no TeX) ---


def test_the_committed_schema_is_what_the_code_generates() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == report_schema_text(), (
        "diagnostics.schema.json is out of date: run `make schema` and commit it"
    )
    jsonschema.Draft202012Validator.check_schema(json.loads(report_schema_text()))


def test_every_code_is_described_once_and_listed_in_the_readme() -> None:
    assert set(CODE_DESCRIPTIONS) == set(Code)
    assert len({code.value for code in Code}) == len(Code)
    for code in Code:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code.value)
        assert f"`{code.value}`" in README, f"the README's table of codes lacks {code.value}"


def test_several_errors_become_one_diagnostic_each() -> None:
    errors = InputErrors(
        [
            InputError("b", location=Location("cv.yaml", 9, 2, 9, 7), code=Code.BAD_FORMAT),
            InputError("a", location=Location("cv.yaml", 3, 1)),
        ]
    )
    found = diagnostics(errors)
    assert [(d.line, d.code, d.message) for d in found] == [
        (3, Code.INPUT, "a"),
        (9, Code.BAD_FORMAT, "b"),
    ]
    assert (found[1].end_line, found[1].end_column) == (9, 7)


def test_github_annotations_escape_what_would_break_them() -> None:
    error = InputError(
        "50% off: a, b\nnext",
        location=Location("my,cv:1.yaml", 4, 2),
        hint="do x",
        code=Code.UNKNOWN_KEY,
    )
    (line,) = as_github(report("check", [], error)).splitlines()
    assert line == (
        "::error file=my%2Ccv%3A1.yaml,line=4,col=2,title=texcv unknown-key"
        "::50%25 off: a, b%0Anext%0Ahint: do x"
    )


# --- real runs of the CLI ---


def test_check_json_lists_every_error_with_its_code_and_place() -> None:
    done = run_texcv("check", str(SEVERAL), "--format", "json")
    assert done.returncode == 2 and done.stderr == ""
    data = validated(done.stdout)
    assert data["command"] == "check" and data["ok"] is False and data["exit_code"] == 2
    assert data["summary"] is None
    found = [(d["line"], d["column"], d["code"], d["severity"]) for d in data["diagnostics"]]
    assert found == [
        (3, 14, "wrong-type", "error"),
        (7, 16, "invalid-value", "error"),
        (9, 9, "unknown-key", "error"),
    ]
    month = data["diagnostics"][1]
    assert month["file"] == str(SEVERAL) and month["path"] == "sections[0].entries[0].start"
    assert (month["end_line"], month["end_column"]) == (7, 25)  # the end of "1842-13"
    assert data["diagnostics"][2]["hint"].startswith("allowed here: ")


def test_check_json_carries_warnings_and_succeeds(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(WARNS, encoding="utf-8")
    done = run_texcv("check", "cv.yaml", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = validated(done.stdout)
    assert data["ok"] is True
    (warning,) = data["diagnostics"]
    assert (warning["severity"], warning["code"], warning["line"]) == ("warning", "future-end", 7)


def test_check_github_annotates_the_lines() -> None:
    done = run_texcv("check", str(SEVERAL), "--format", "github")
    assert done.returncode == 2
    lines = done.stdout.splitlines()
    assert len(lines) == 3
    assert lines[1].startswith(
        f"::error file={SEVERAL},line=7,col=16,endLine=7,endColumn=25,title=texcv invalid-value::"
    )


def test_the_readme_problem_matcher_reads_texcv_messages() -> None:
    """The regexp of the README's .vscode/tasks.json example, on what `texcv check` prints."""
    (block,) = re.findall(r"```jsonc?\n(\{\n  \"version\": \"2\.0\.0\".*?)```", README, re.S)
    tasks = json.loads(re.sub(r"^\s*//.*$", "", block, flags=re.M))
    matcher = tasks["tasks"][0]["problemMatcher"]
    pattern = matcher["pattern"]
    done = run_texcv("check", str(SEVERAL))
    matched = [m for line in done.stderr.splitlines() if (m := re.match(pattern["regexp"], line))]
    assert [(m[pattern["line"]], m[pattern["column"]]) for m in matched] == [
        ("3", "14"),
        ("7", "16"),
        ("9", "9"),
    ]
    assert {m[pattern["severity"]] for m in matched} == {"error"}
    assert matched[0][pattern["file"]] == str(SEVERAL)
    assert "unknown key 'colour'" in matched[2][pattern["message"]]


def test_the_readme_annotations_workflow_lints_clean(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", README, flags=re.DOTALL)
    (example,) = [block for block in blocks if "--format github" in block]
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "check.yml").write_text(example, encoding="utf-8")
    done = lint(folder / "check.yml", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.tex
def test_build_json_has_the_summary_and_json_is_its_alias(
    require_tex: None, tmp_path: Path
) -> None:
    (tmp_path / "cv.yaml").write_text(WARNS, encoding="utf-8")
    done = run_texcv("build", "cv.yaml", "-o", "out", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    data = validated(done.stdout)
    assert data["command"] == "build" and data["ok"] is True
    assert [d["code"] for d in data["diagnostics"]] == ["future-end"]
    summary = data["summary"]
    assert summary["pdf"] == "out/cv.pdf" and (tmp_path / summary["pdf"]).is_file()
    assert summary["up_to_date"] is False and summary["pages"] == 1
    assert {"load", "validate", "render", "tex", "total"} <= set(summary["seconds"])

    again = validated(run_texcv("build", "cv.yaml", "-o", "out", "--json", cwd=tmp_path).stdout)
    assert again["summary"]["up_to_date"] is True and again["summary"]["pages"] == 1


@pytest.mark.tex
def test_a_tex_failure_is_a_diagnostic_at_its_field(require_tex: None, tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(CHINESE_FOR_PDFLATEX, encoding="utf-8")
    done = run_texcv("build", "cv.yaml", "-o", "out", "--format", "json", cwd=tmp_path)
    assert done.returncode == 1
    data = validated(done.stdout)
    (error,) = data["diagnostics"]
    assert (error["code"], error["file"], error["line"]) == ("tex-error", "cv.yaml", 7)
    assert error["path"] == "sections[0].entries[0]" and "中" in error["message"]
    assert data["summary"] is None and data["exit_code"] == 1


# --- `-` for standard input and output ---


def test_check_reads_standard_input() -> None:
    done = run_texcv("check", "-", input=SEVERAL.read_text(encoding="utf-8"))
    assert done.returncode == 2
    assert done.stderr.splitlines()[0].startswith("<stdin>:3:14: error: ")


def test_tex_writes_standard_output(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(WARNS, encoding="utf-8")
    done = run_texcv("tex", "cv.yaml", "-o", "-", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(r"\documentclass") and done.stdout.rstrip().endswith(
        r"\end{document}"
    )
    assert not (tmp_path / "-").exists()


@pytest.mark.tex
def test_build_from_standard_input_resolves_files_from_the_current_folder(
    require_tex: None, tmp_path: Path
) -> None:
    """The .bib named in the CV is found beside the current folder, as a relative path is."""
    source = FIXTURES / "bib"
    shutil.copytree(source, tmp_path / "bib")
    cv = next(path for path in sorted(source.glob("*.yaml")) if "bibtex:" in path.read_text())
    text = cv.read_text(encoding="utf-8")
    done = run_texcv("build", "-", "-o", "out", "-q", cwd=tmp_path / "bib", input=text)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "bib" / "out" / "cv.pdf").is_file()
