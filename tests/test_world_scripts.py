"""Every script builds, with real TeX, and reads back from the PDF as typed.

pdfLaTeX sets Vietnamese, Greek and Cyrillic in Latin Modern and its companions (no switch of
engine, no other typeface); LuaLaTeX sets the rest with one Noto font per script, right to
left where the script is, and says why it was chosen. One build covers every script of the
fonts Debian's fonts-noto-core installs.
"""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, run_texcv
from texcv.compile.fonts import list_fonts
from texcv.render import scripts
from texcv.render.engine_choice import text_needs
from texcv.render.fonts import families, parse_charset, plan_fonts

pytestmark = pytest.mark.tex

SMALL = (FIXTURES / "small_cv.yaml").read_text(encoding="utf-8")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def build(folder: Path, data: dict[str, object]) -> tuple[str, Path]:
    """Build ``data`` as cv.yaml in ``folder``; texcv's messages and the PDF."""
    (folder / "cv.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "-v", cwd=folder)
    assert result.returncode == 0, result.stderr
    return result.stderr, folder / "out" / "cv.pdf"


def small(
    first: str, last: str, entry_title: str, highlight: str, **header: str
) -> dict[str, object]:
    """The small fixture CV with this name, entry title and highlight (and header fields)."""
    data = yaml.safe_load(SMALL)
    data["header"] = {"first_name": first, "last_name": last, **header}
    entry = data["sections"][0]["entries"][0]
    entry["title"], entry["highlights"] = entry_title, [highlight]
    return data


def shown(pdf: Path) -> str:
    """pdftotext's reading (right-to-left text in logical order), without bidi controls."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(_BIDI_CONTROLS.sub("", text).split())


def fonts(pdf: Path) -> dict[str, str]:
    """The PDF's fonts (subset prefix dropped) and their types, as pdffonts lists them."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    found = {}
    for line in out.stdout.splitlines()[2:]:
        name, kind = line.split()[0], " ".join(line.split()[1:3])
        found[name.split("+", 1)[-1]] = kind
    return found


def glyph_boxes(pdf: Path) -> list[tuple[str, float, float]]:
    """Each word pdftotext finds (a letter, for right-to-left text), with its left and top."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>'
    return [(text, float(x), float(y)) for x, y, text in re.findall(pattern, out)]


def glyph_y(pdf: Path, word: str) -> float:
    return next(y for text, _, y in glyph_boxes(pdf) if text.startswith(word))


def test_a_vietnamese_cv_is_set_by_pdflatex_in_the_fonts_of_an_english_one(
    require_tex: None, tmp_path: Path
) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "vi").mkdir()
    english = small("Quoc Tung", "Le", "Hanoi University of Science", "Dai hoc Bach khoa Ha Noi")
    stderr_en, pdf_en = build(tmp_path / "en", english)
    vietnamese = small(
        "Quốc Tùng", "Lê", "Đại học Bách khoa Hà Nội", "**Trường Đại học** Quốc gia, Huế"
    )
    stderr, pdf = build(tmp_path / "vi", vietnamese)
    assert "pdflatex" in stderr and "pdflatex" in stderr_en
    assert "note:" not in stderr
    text = shown(pdf)
    for typed in ("Quốc Tùng Lê", "Đại học Bách khoa Hà Nội", "Trường Đại học Quốc gia, Huế"):
        assert typed in text
    # T5's Latin Modern fonts have the same names: the same typefaces as the English CV
    assert set(fonts(pdf)) == set(fonts(pdf_en))
    assert all(name.startswith(("LM", "FontAwesome")) for name in fonts(pdf))


def test_greek_and_cyrillic_are_set_by_pdflatex_in_latin_modern_companions(
    require_tex: None, tmp_path: Path
) -> None:
    data = small(
        "Γιώργος", "Иванов", "Αριστοτέλειο Πανεπιστήμιο, Έρευνα", "**Київ**, Московский университет"
    )
    stderr, pdf = build(tmp_path, data)
    assert "pdflatex" in stderr and "note:" not in stderr
    text = shown(pdf)
    for typed in ("Γιώργος Иванов", "Αριστοτέλειο Πανεπιστήμιο, Έρευνα", "Київ, Московский"):
        assert typed in text
    found = fonts(pdf)
    assert all(kind.startswith("Type 1") for kind in found.values()), found  # no bitmaps
    assert any(name.startswith("gs") for name in found)  # cbfonts, Greek for Latin Modern
    assert any(name.startswith("CMSansCyrillic") for name in found)  # CM-LGC


def test_arabic_and_hebrew_are_set_right_to_left_and_the_switch_is_said(
    require_tex: None, tmp_path: Path
) -> None:
    data = small(
        "Ada",
        "Lovelace",
        "Ph.D. from جامعة القاهرة, Cairo",
        "Hebrew: אוניברסיטת תל אביב, 1998",
        title="مهندسة برمجيات",  # a title in Arabic alone
    )
    stderr, pdf = build(tmp_path, data)
    note = next(line for line in stderr.splitlines() if ": note: " in line)
    assert note == (
        "cv.yaml:4:10: note: 'م' (U+0645, ARABIC LETTER MEEM) is beyond pdfLaTeX: "
        "building with lualatex and Noto Sans Arabic"
    )
    assert "at: header.title" in stderr
    text = shown(pdf)
    for word in ("مهندسة", "برمجيات", "جامعة", "القاهرة", "אוניברסיטת", "Ph.D. from", "Cairo"):
        assert word in text  # each word as typed (pdftotext orders mixed lines its own way)
    # drawn right to left, between the Latin words around it: the first letter typed is the
    # rightmost; the run's words in reading order from the right
    line = [box for box in glyph_boxes(pdf) if abs(box[2] - glyph_y(pdf, "Cairo")) < 3]
    latin_end = max(x for text, x, _ in line if text == "from")
    cairo = min(x for text, x, _ in line if text.startswith("Cairo"))
    arabic = sorted(
        ((x, t) for t, x, _ in line if latin_end < x < cairo and t != ","), reverse=True
    )
    assert "".join(t for _, t in arabic) == "جامعةالقاهرة"
    found = fonts(pdf)
    assert {"NotoSansArabic-Regular", "NotoSansHebrew-Regular"} <= set(found)
    assert not any("CJK" in name for name in found)  # only the fonts the text needs


def test_indic_thai_and_cjk_text_reads_back_in_its_own_font(
    require_tex: None, tmp_path: Path
) -> None:
    data = small("Ada", "Lovelace", "नमस्ते दुनिया, हिन्दी", "ภาษาไทย, 中文标题：稀疏矩阵分解")
    stderr, pdf = build(tmp_path, data)
    assert "lualatex" in stderr
    text = shown(pdf)
    for typed in ("नमस्ते दुनिया, हिन्दी", "ภาษาไทย, 中文标题：稀疏矩阵分解"):
        assert typed in text
    found = set(fonts(pdf))
    for family in ("NotoSansDevanagari-", "NotoSansThai-", "NotoSansCJKsc-"):  # (sc: Chinese)
        assert any(name.startswith(family) for name in found), found
    # luaotfload's caches are in the build folder
    cache = tmp_path / "out" / ".cache" / "luatex" / "luatex-cache" / "generic"
    assert (cache / "names").is_dir() and any((cache / "fonts").rglob("*"))


def noto_core_files() -> set[str] | None:
    """The font files Debian's fonts-noto-core installed (None: not a Debian system)."""
    if shutil.which("dpkg") is None:
        return None
    listed = subprocess.run(["dpkg", "-L", "fonts-noto-core"], capture_output=True, text=True)
    return set(listed.stdout.splitlines()) if listed.returncode == 0 else None


def script_samples() -> dict[str, str]:
    """For each script of an installed Noto font (of fonts-noto-core on Debian), four of its
    letters that the font has: the script's most common letters in that font."""
    core = noto_core_files()
    samples: dict[str, str] = {}
    for _name, family in families(list_fonts()).items():
        if core is not None and family.regular.file not in core:
            continue
        letters: dict[str, list[str]] = collections.defaultdict(list)
        for low, high in parse_charset(family.regular.charset):
            for code in range(low, min(high, low + 4000) + 1):
                ch = chr(code)
                key = scripts.key_of(ch)
                if unicodedata.category(ch) == "Lo" and key not in (None, "Grek", "Cyrl"):
                    letters[key].append(ch)
        if letters:
            key = max(letters, key=lambda k: len(letters[k]))
            if key not in samples and len(letters[key]) >= 8:
                samples[key] = "".join(letters[key][4:8])  # past signs like Tibetan's om
    return samples


def test_every_script_of_the_noto_fonts_builds_in_its_font_and_reads_back(
    require_tex: None, tmp_path: Path
) -> None:
    samples = script_samples()
    assert len(samples) > 100, sorted(samples)  # fonts-noto-core has about 140 scripts
    entries = [f"S{key} {word} E" for key, word in sorted(samples.items())]
    data = {
        "header": {"first_name": "A", "last_name": "B"},
        "sections": [{"title": "Scripts", "kind": "text", "entries": entries}],
    }
    _, pdf = build(tmp_path, data)
    text = _BIDI_CONTROLS.sub(
        "",
        subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout,
    )
    lines = re.finditer(r"^\f?S(\w{4})(.*)E$", text, re.MULTILINE)  # (\f: a new page)
    read = {line.group(1): "".join(line.group(2).split()) for line in lines}
    wrong = []
    for key, word in sorted(samples.items()):
        # pdftotext puts right-to-left text in reading order only for the scripts it knows
        # (Arabic, Hebrew, Syriac, Thaana); the others come in the order they are drawn.
        if read.get(key) not in (word, word[::-1] if scripts.right_to_left(key) else word):
            wrong.append((key, word, read.get(key)))
    assert not wrong
    plan = plan_fonts(text_needs([(None, " ".join(samples.values()))]), list_fonts())
    found = set(fonts(pdf))
    missing = [
        f.family.name
        for f in plan.scripts
        if f.family.name.replace(" ", "") + "-Regular" not in found
    ]
    assert not missing  # each script in the font chosen for it
