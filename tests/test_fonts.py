"""The fonts a LuaLaTeX build loads: only those the characters need, one per script.

Unit tests of texcv.render.fonts (the plan, from font data) on small made-up font lists, and
of texcv.compile.fonts (fontconfig's list, cached in the build folder; LuaLaTeX's font cache
there too). The TeX builds are in tests/test_world_scripts.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from texcv.compile import fonts as compile_fonts
from texcv.compile import luatex_cache
from texcv.render.engine_choice import text_needs
from texcv.render.fonts import Face, charset_summary, plan_fonts

LATIN = "20-7e a0-24f 370-3ff 400-4ff"  # Latin, Greek, Cyrillic


def face(family: str, charset: str, style: str = "Regular", file: str = "") -> Face:
    blocks, size = charset_summary(charset)
    name = file or f"/fonts/{family.replace(' ', '')}-{style.replace(' ', '')}.ttf"
    return Face(family, style, name, 0, charset, blocks, size)


INSTALLED = [
    face("Noto Sans", LATIN),
    face("Noto Sans", LATIN, "Bold"),
    face("Noto Serif", LATIN),
    face("Noto Sans Arabic", "20-7e 600-6ff"),
    face("Noto Sans Arabic", "20-7e 600-6ff", "Bold"),
    face("Noto Naskh Arabic", "20-7e 600-6ff"),
    face("Noto Sans Devanagari", "20-7e 900-97f"),
    face("Noto Serif Devanagari", "20-7e 900-97f"),
    face("Noto Sans CJK JP", "20-7e 3000-30ff 4e00-9fff ac00-d7af", file="/f/CJK.ttc"),
    face("Noto Sans CJK SC", "20-7e 3000-30ff 4e00-9fff ac00-d7af", file="/f/CJK.ttc"),
    face("Noto Sans CJK KR", "20-7e 3000-30ff 4e00-9fff ac00-d7af", file="/f/CJK.ttc"),
    face("Noto Sans Symbols2", "2600-26ff"),
    face("Noto Sans Math", "2200-22ff 2600-26ff 1d400-1d7ff"),
    face("DejaVu Sans", "20-7e 600-6ff 1f600-1f64f"),  # not Noto: never chosen
]


def plan(text: str, kind: str = "sans") -> object:
    return plan_fonts(text_needs([(None, text)]), INSTALLED, kind)


def test_latin_greek_and_cyrillic_need_no_font_but_noto_serif_and_sans() -> None:
    chosen = plan("Ελληνικά, Кириллица, Lê")
    assert chosen.scripts == () and chosen.fallback == () and chosen.missing == ()  # type: ignore[attr-defined]
    assert (chosen.sans.name, chosen.roman.name) == ("Noto Sans", "Noto Serif")  # type: ignore[attr-defined]
    assert chosen.sans.bold is not None  # type: ignore[attr-defined]


def test_a_latin_letter_the_main_font_lacks_gets_a_fallback_not_a_script_font() -> None:
    chosen = plan("Quốc")  # ố is not in this made-up Noto Sans, nor in any other font here
    assert chosen.scripts == ()  # type: ignore[attr-defined]
    assert chosen.missing == ("ố",)  # type: ignore[attr-defined]


def test_each_script_gets_the_noto_font_of_the_cvs_kind_and_its_direction() -> None:
    chosen = plan("جامعة नमस्ते")
    fonts = {f.key: f for f in chosen.scripts}  # type: ignore[attr-defined]
    assert fonts["Arab"].family.name == "Noto Sans Arabic"
    assert fonts["Arab"].family.bold is not None
    assert fonts["Arab"].right_to_left and fonts["Arab"].opentype_script == "arab"
    assert fonts["Deva"].family.name == "Noto Sans Devanagari"
    assert not fonts["Deva"].right_to_left and fonts["Deva"].opentype_script == "dev2"
    roman = {f.key: f.family.name for f in plan("नमस्ते", "roman").scripts}  # type: ignore[attr-defined]
    assert roman == {"Deva": "Noto Serif Devanagari"}
    # no Noto Serif Arabic here: the other kind's plain cut before Naskh
    assert {f.family.name for f in plan("جامعة", "roman").scripts} == {"Noto Sans Arabic"}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("中文", "Noto Sans CJK SC"),
        ("中文 リヨン", "Noto Sans CJK JP"),
        ("中文 한국어", "Noto Sans CJK KR"),
    ],
)
def test_cjk_text_gets_the_cjk_font_of_its_language(text: str, family: str) -> None:
    assert [f.family.name for f in plan(text).scripts] == [family]  # type: ignore[attr-defined]


def test_a_character_no_script_font_has_gets_the_smallest_font_that_has_it() -> None:
    chosen = plan("a ★ b")
    assert [f.family for f in chosen.fallback] == ["Noto Sans Symbols2"]  # type: ignore[attr-defined]
    assert chosen.font_for("★") == "Noto Sans Symbols2"  # type: ignore[attr-defined]
    # one font for several characters when it has them all
    assert [f.family for f in plan("a ★ b ∮").fallback] == ["Noto Sans Math"]  # type: ignore[attr-defined]


def test_a_character_no_noto_font_has_is_missing() -> None:
    assert plan("a 😀 b \U0010fffd").missing == ("😀", "\U0010fffd")  # type: ignore[attr-defined]


FC_LIST = (
    "Noto Sans\tRegular\t/usr/share/fonts/NotoSans-Regular.ttf\t0\t20-7e a0-17f\n"
    "Noto Sans\tBold\t/usr/share/fonts/NotoSans-Bold.ttf\t0\t20-7e\n"
    "Noto Sans\tThin\t/usr/share/fonts/NotoSans-Thin.ttf\t0\t20-7e\n"  # a style texcv never uses
    "Noto Sans CJK SC\tRegular\t/usr/share/fonts/NotoSansCJK-Regular.ttc\t2\t4e00-9fff\n"
    "Noto Sans Odd\tRegular\t/usr/share/fonts/Noto Sans%Odd.ttf\t0\t20-7e\n"  # path TeX would read
    "DejaVu Sans\tBook\t/usr/share/fonts/DejaVuSans.ttf\t0\t20-7e\n"
)


def test_fontconfig_list_is_read_once_and_kept_in_the_build_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = []

    def fake_run(command: list[str], **_: object) -> object:
        calls.append(command)
        return type("Done", (), {"stdout": FC_LIST})()

    monkeypatch.setattr(compile_fonts.subprocess, "run", fake_run)
    monkeypatch.setattr(compile_fonts.shutil, "which", lambda _: "/usr/bin/fc-list")
    faces = compile_fonts.installed_fonts(tmp_path)
    assert [(f.family, f.style, f.index) for f in faces] == [
        ("Noto Sans", "Bold", 0),
        ("Noto Sans", "Regular", 0),
        ("Noto Sans CJK SC", "Regular", 2),
    ]
    regular = faces[1]
    assert regular.covers("é") and regular.covers("A") and not regular.covers("中")
    assert faces[2].covers("中") and faces[2].size == 0x9FFF - 0x4E00 + 1
    assert (tmp_path / ".cache" / "fonts.json").is_file()
    assert compile_fonts.installed_fonts(tmp_path) == faces  # from the cache
    assert len(calls) == 1


def test_lualatex_keeps_its_font_cache_in_the_build_folder(tmp_path: Path) -> None:
    assert luatex_cache.engine_env("pdflatex", tmp_path) == {}
    env = luatex_cache.engine_env("lualatex", tmp_path)
    cache = Path(env["TEXMFCACHE"])
    assert cache == (tmp_path / ".cache" / "luatex").resolve()
    assert (cache / "luatex-cache" / "generic" / "names").is_dir()
