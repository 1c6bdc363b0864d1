"""The repository's own cv.yaml, whoever's it is: it validates, satisfies the schema, builds.

The only test that reads the top-level cv.yaml, and it asserts nothing about its content, so a
fork that replaces cv.yaml with its owner's CV keeps a green test suite.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, pdf_info, run_texcv
from texcv.schema.json_schema import json_schema
from texcv.source.yaml_reader import load_yaml


@pytest.mark.tex
def test_the_repository_cv_validates_and_builds(require_tex: None, tmp_path: Path) -> None:
    source = ROOT / "cv.yaml"
    check = run_texcv("check", str(source))
    assert check.returncode == 0, check.stderr
    validator = jsonschema.Draft7Validator(json_schema())
    assert [e.message for e in validator.iter_errors(load_yaml(source).data)] == []
    build = run_texcv("build", str(source), "-o", str(tmp_path), "-q")
    assert build.returncode == 0, build.stderr
    assert int(pdf_info(tmp_path / "cv.pdf")["Pages"]) >= 1
