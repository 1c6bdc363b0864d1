"""Property test with real TeX: generated CVs compile and their text is in the PDF.

Kept to a handful of builds (derandomized, so CI always builds the same few documents): one
alphabet pdflatex can print, one that needs lualatex and its Noto fonts.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import run_texcv
from texcv.schema.markup import plain_text

pytestmark = pytest.mark.tex

LATIN = "abcXYZ019 \\{}$&#%_^~<>|\"'`[]-,.!?éèüßçœÆ€–—“”«»"
WORLD = LATIN + "ạốĐαβΩЖжя中文日本語한국"


def words(alphabet: str) -> st.SearchStrategy[str]:
    """Text that starts and ends with a letter (so pdftotext's line breaks are the only loss)."""
    return st.text(st.sampled_from(alphabet), min_size=1, max_size=30).map(lambda t: f"a{t}z")


def cv_strategy(alphabet: str) -> st.SearchStrategy[dict[str, object]]:
    text = words(alphabet)
    entry = st.fixed_dictionaries(
        {
            "start": st.just("2020-01"),
            "title": text,
            "organisation": text,
            "highlights": st.lists(text, min_size=1, max_size=2),
        }
    )
    return st.fixed_dictionaries(
        {
            "header": st.fixed_dictionaries({"first_name": text, "last_name": st.just("Q")}),
            "sections": st.lists(
                st.fixed_dictionaries(
                    {"title": text, "entries": st.lists(entry, min_size=1, max_size=2)}
                ),
                min_size=1,
                max_size=2,
            ),
        }
    )


def texts(value: object, key: str = "") -> list[str]:
    """What each field prints: names literally, other fields after their **markup**."""
    if isinstance(value, str):
        return [value if key.endswith("_name") else plain_text(value)]
    if isinstance(value, dict):
        return [t for k, item in value.items() if k != "start" for t in texts(item, k)]
    if isinstance(value, list):
        return [t for item in value for t in texts(item, key)]
    return []


def build_and_read(folder: Path, cv: dict[str, object]) -> tuple[str, str]:
    (folder / "cv.yaml").write_text(yaml.safe_dump(cv, allow_unicode=True), encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "--force", "-v", cwd=folder)
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(folder / "out" / "cv.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "".join(text.split()), result.stderr


SETTINGS = settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: each try is a TeX build
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SETTINGS
@given(cv=cv_strategy(LATIN))
def test_generated_latin_cvs_build_with_pdflatex_and_read_back(
    require_tex: None, tmp_path: Path, cv: dict[str, object]
) -> None:
    shown, stderr = build_and_read(tmp_path, cv)
    assert "pdflatex" in stderr
    for text in texts(cv):
        assert "".join(text.split()) in shown, text


@SETTINGS
@given(
    cv=cv_strategy(WORLD).filter(
        lambda cv: any(ch in "ạốĐαβΩЖжя中文日本語한국" for t in texts(cv) for ch in t)
    )
)
def test_generated_world_cvs_build_with_lualatex_and_read_back(
    require_tex: None, tmp_path: Path, cv: dict[str, object]
) -> None:
    shown, stderr = build_and_read(tmp_path, cv)
    assert "lualatex" in stderr
    for text in texts(cv):
        assert "".join(text.split()) in shown, text
