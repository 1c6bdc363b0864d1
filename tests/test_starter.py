"""`texcv new`: a commented starter cv.yaml that is valid and shows every entry kind."""

from __future__ import annotations

from pathlib import Path

from conftest import pdf_text, run_texcv
from texcv.app.starter import starter_letter_text, starter_text
from texcv.schema.entries import ENTRY_KINDS
from texcv.schema.json_schema import json_schema_text
from texcv.schema.validate import validate
from texcv.source.yaml_reader import load_yaml_text


def test_starter_shows_every_entry_kind() -> None:
    cv = validate(load_yaml_text(starter_text(), "cv.yaml"))
    kinds = {entry.kind for section in cv.sections for entry in section.entries}
    assert kinds == set(ENTRY_KINDS)


def test_new_writes_a_valid_commented_cv_and_its_schema(tmp_path: Path) -> None:
    result = run_texcv("new", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "cv.yaml").read_text(encoding="utf-8")
    assert text == starter_text()
    assert sum(line.lstrip().startswith("#") for line in text.splitlines()) >= 10
    assert (tmp_path / "cv.schema.json").read_text(encoding="utf-8") == json_schema_text()
    letter = (tmp_path / "letters" / "example.yaml").read_text(encoding="utf-8")
    assert letter == starter_letter_text()
    schema = (tmp_path / "letter.schema.json").read_text(encoding="utf-8")
    assert schema == json_schema_text(letter=True)
    check = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "warning" not in check.stderr
    assert "letters/example.yaml is valid" in check.stderr


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text("mine\n", encoding="utf-8")
    result = run_texcv("new", "cv.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("cv.yaml: error: cv.yaml already exists; not overwriting it")
    assert (tmp_path / "cv.yaml").read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / "cv.schema.json").exists()
    assert not (tmp_path / "letters").exists()


def test_new_into_a_folder_and_keeps_an_existing_schema(tmp_path: Path) -> None:
    (tmp_path / "cv.schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "example.yaml").write_text("mine\n", encoding="utf-8")
    result = run_texcv("new", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "cv.yaml").read_text(encoding="utf-8") == starter_text()
    assert (tmp_path / "cv.schema.json").read_text(encoding="utf-8") == "{}"
    assert (tmp_path / "letters" / "example.yaml").read_text(encoding="utf-8") == "mine\n"
    assert (tmp_path / "letter.schema.json").is_file()


def test_new_into_a_missing_folder_is_a_clean_error(tmp_path: Path) -> None:
    result = run_texcv("new", "nowhere/cv.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "the folder nowhere does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_starter_builds_a_pdf(tmp_path: Path, require_tex: None) -> None:
    assert run_texcv("new", cwd=tmp_path).returncode == 0
    result = run_texcv("build", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = pdf_text(tmp_path / "build" / "cv.pdf")
    for words in ("Ada", "Lovelace", "Mathematics", "Sketch of the Analytical", "Horses"):
        assert words in text
    letter = run_texcv("letter", "example", "-q", cwd=tmp_path)
    assert letter.returncode == 0, letter.stderr
    text = " ".join(pdf_text(tmp_path / "build" / "letter-example.pdf").split())
    for words in ("Analytical Engines Ltd", "London, September 5, 1843", "Yours sincerely,"):
        assert words in text
