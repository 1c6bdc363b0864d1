"""Every way of getting cv.yaml wrong, through the real CLI: the place, the why, exit code 2.

Each broken file is a fixture in tests/fixtures/broken/; it is copied to a fresh folder as
cv.yaml, so the messages name `cv.yaml` exactly as a person running `texcv` would see them.
`texcv build` runs against an existing PDF that must come out byte-for-byte unchanged.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import AUTHOR_CV, FIXTURES, ROOT, run_texcv

BROKEN = FIXTURES / "broken"
OLD_PDF = b"%PDF-1.5\n% the last good build, which no failure may touch\n" + bytes(range(256))


@dataclass(frozen=True)
class Case:
    fixture: str
    where: str  # what the first message starts with: cv.yaml:LINE[:COL]
    says: tuple[str, ...]  # parts of the message, path, value or hint


CASES = [
    Case(
        "unclosed_bracket",
        "cv.yaml:2:9",
        ("YAML syntax", "(line 1)", "a bracket or quote opened earlier is not closed"),
    ),
    Case("bad_indentation", "cv.yaml:3:2", ("YAML syntax", "check the indentation")),
    Case("tabs", "cv.yaml:2:1", ("'\\t'", "spaces, not tabs")),
    Case("unquoted_colon", "cv.yaml:4:30", ("YAML syntax", "in quotes")),
    Case(
        "duplicate_key",
        "cv.yaml:9:9",
        ("duplicate key 'title' (first defined at line 8)", "at: sections[0].entries[0].title"),
    ),
    Case(
        "unknown_key",
        "cv.yaml:7:9",
        ("cv.yaml:8:9: error: unknown key 'titel'; did you mean 'title'?", "allowed here:"),
    ),
    Case(
        "list_for_text",
        "cv.yaml:3:14",
        ("expected text, got a list", "at: header.last_name", "quote the text"),
    ),
    Case("mapping_for_text", "cv.yaml:2:3", ("expected text, got a mapping", "header.first_name")),
    Case(
        "text_for_list",
        "cv.yaml:9:21",
        (
            "expected a list, got the text",
            "at: sections[0].entries[0].highlights",
            "value: 'The first published algorithm.'",
            "each starting with '- '",
        ),
    ),
    Case(
        "missing_field",
        "cv.yaml:1:1",
        (
            "missing required field 'last_name'",
            "at: header.last_name",
            "cv.yaml:6:9: error: missing required field 'title'",
            "hint: add a line like `title: ",
            "2 errors in the input",
        ),
    ),
    Case(
        "month_13",
        "cv.yaml:7:16",
        ("month 13 does not exist in '2023-13'", "at: sections[0].entries[0].start"),
    ),
    Case("day_30_february", "cv.yaml:7:16", ("day 30 does not exist", "February 2023 has 28")),
    Case(
        "end_before_start",
        "cv.yaml:8:14",
        ("the end date 1842-01 is before the start date 1843-09", "entries[0].end"),
    ),
    Case("empty", "cv.yaml:1:1", ("the file is empty", "texcv new")),
    Case("not_utf8", "cv.yaml:3:17", ("not valid UTF-8", "byte 0xe9", "save the file as UTF-8")),
    Case("alias_bomb", "cv.yaml:10:4", ("YAML aliases here expand to", "alias bomb")),
    Case(
        "several_errors",
        "cv.yaml:3:14",
        ("cv.yaml:7:16: error: month 13", "cv.yaml:9:9: error: unknown key 'colour'", "3 errors"),
    ),
]


def assert_clean_failure(result: object, case_where: str, says: tuple[str, ...]) -> None:
    stderr: str = result.stderr  # type: ignore[attr-defined]
    assert result.returncode == 2, stderr  # type: ignore[attr-defined]
    assert "Traceback" not in stderr
    errors = [line for line in stderr.splitlines() if ": error: " in line]
    assert errors, stderr
    assert errors[0].startswith(f"{case_where}: error: "), stderr
    for part in says:
        assert part in stderr, f"{part!r} not in:\n{stderr}"
    # errors come in file order
    lines = [int(line.split(":")[1]) for line in errors if line.split(":")[1].isdigit()]
    assert lines == sorted(lines), stderr


@pytest.mark.parametrize("case", CASES, ids=[case.fixture for case in CASES])
def test_check_reports_place_and_reason(case: Case, tmp_path: Path) -> None:
    shutil.copyfile(BROKEN / f"{case.fixture}.yaml", tmp_path / "cv.yaml")
    assert_clean_failure(run_texcv("check", "cv.yaml", cwd=tmp_path), case.where, case.says)


@pytest.mark.parametrize("case", CASES, ids=[case.fixture for case in CASES])
def test_failed_build_stops_before_tex_and_keeps_the_old_pdf(case: Case, tmp_path: Path) -> None:
    shutil.copyfile(BROKEN / f"{case.fixture}.yaml", tmp_path / "cv.yaml")
    out = tmp_path / "build"
    out.mkdir()
    (out / "cv.pdf").write_bytes(OLD_PDF)
    result = run_texcv("build", "cv.yaml", "-o", "build", cwd=tmp_path)
    assert_clean_failure(result, case.where, case.says)
    assert (out / "cv.pdf").read_bytes() == OLD_PDF
    assert not (out / ".cache").exists()  # TeX never started (speed is `make bench`'s job)


def test_missing_file(tmp_path: Path) -> None:
    result = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert_clean_failure(result, "cv.yaml", ("no such file: cv.yaml", "texcv new"))


def test_directory_given_as_the_file(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").mkdir()
    result = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert_clean_failure(result, "cv.yaml", ("cv.yaml is a directory, not a YAML file",))


def test_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_bytes(b"# " + b"x" * (20 * 1024 * 1024) + b"\n")
    result = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert_clean_failure(result, "cv.yaml", ("file is too large (20.0 MiB", "MiB)"))


def test_deep_nesting_is_refused_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text("header:\n  title: " + "[" * 5000 + "]" * 5000 + "\n")
    result = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert_clean_failure(result, "cv.yaml:2", ("nested too deeply",))


def test_self_referencing_alias(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text("header: &h\n  first_name: *h\n")
    result = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert_clean_failure(result, "cv.yaml:1:9", ("alias is used inside its own anchor",))


def test_the_valid_small_cv_passes(tmp_path: Path) -> None:
    shutil.copyfile(FIXTURES / "small_cv.yaml", tmp_path / "cv.yaml")
    result = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cv.yaml is valid" in result.stderr


def test_check_never_loads_latex(tmp_path: Path) -> None:
    """`texcv check` stays quick by never importing the TeX side (its time: `make bench`)."""
    code = (
        "import sys\n"
        "from texcv.app.cli import main\n"
        f"code = main(['check', '-q', {str(AUTHOR_CV)!r}])\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] == 'pylatex'"
        " or m.startswith(('texcv.render', 'texcv.compile'))]\n"
        "print(code, heavy)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=True,
    )
    status, heavy = done.stdout.split(" ", 1)
    assert status == "0", done.stderr
    assert heavy.strip() == "[]"


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_flag_works_before_and_after_the_subcommand(where: str, tmp_path: Path) -> None:
    args = ["--debug", "check", "cv.yaml"] if where == "before" else ["check", "cv.yaml", "--debug"]
    (tmp_path / "cv.yaml").write_bytes(b"")
    result = run_texcv(*args, cwd=tmp_path)
    assert result.returncode == 2  # an input error is an input error, with or without --debug
    assert "Traceback" not in result.stderr


def test_output_folder_that_is_a_file_is_a_clean_error(tmp_path: Path) -> None:
    shutil.copyfile(FIXTURES / "small_cv.yaml", tmp_path / "cv.yaml")
    (tmp_path / "build").write_text("not a folder")
    result = run_texcv("build", "cv.yaml", "-o", "build", "-q", cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("texcv: error: "), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_unexpected_error_is_one_line_unless_debug(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unit test: a bug inside a command (simulated) prints one line, or a traceback with --debug."""
    from texcv.app import cli

    def broken(args: object) -> int:
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(cli, "command_check", broken)
    assert cli.main(["check", "cv.yaml"]) == 70
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("texcv: internal error: RuntimeError: something unexpected (run with")
    for args in (["--debug", "check", "cv.yaml"], ["check", "cv.yaml", "--debug"]):
        with pytest.raises(RuntimeError):
            cli.main(args)


@pytest.mark.parametrize("command", ["check", "build", "tex"])
def test_a_missing_file_outside_git_is_the_same_error_for_every_command(
    command: str, tmp_path: Path
) -> None:
    folder = tmp_path / "nogit"
    folder.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "texcv", command, "nothere.yaml"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT / "src"),
            "GIT_CEILING_DIRECTORIES": str(tmp_path),
        },
    )
    assert_clean_failure(result, "nothere.yaml", ("no such file: nothere.yaml", "texcv new"))
