"""The fonts a LuaLaTeX (or XeLaTeX) build loads: only those the CV's characters need.

The compile stage lists the installed Noto fonts with their character coverage
(texcv.compile.fonts, cached in the build folder); this module only decides, from that data
and the text: Noto Serif and Noto Sans print Latin, Greek and Cyrillic; each other script
the CV uses gets the one Noto font that covers its characters (Noto Sans Arabic, Noto Serif
Devanagari, Noto Sans CJK JP...), in the CV's family (sans or serif) when there is one; a
character none of those has is printed by a fallback font found for it alone (Noto Sans
Symbols, Noto Sans Math...). A character no installed Noto font has is reported, before TeX
runs. Fonts are named by file, so LuaLaTeX never searches its font name database.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from texcv.render import scripts

if TYPE_CHECKING:  # the compile stage imports this module on the way to a no-op build
    from texcv.render.engine_choice import Needs

STYLES = ("Regular", "Bold", "Italic", "Bold Italic")
# Font paths texcv writes into the .tex: nothing TeX or Lua would read specially.
SAFE_PATH = re.compile(r"[A-Za-z0-9/._+-]+")
# Families whose name says they are a special cut: chosen only when nothing else covers.
_SPECIAL = (" UI", " Display", " Mono", " Supplement", " Slanted", " Unjoined", " Looped")


@dataclass(frozen=True)
class Face:
    """One installed font face and the code points it covers.

    ``charset`` is fontconfig's notation (``20-7e a0-17f 2c6``), read only when a character
    falls in one of the face's ``blocks`` (code point // 256): most faces are ruled out
    without it.
    """

    family: str
    style: str
    file: str
    index: int = 0
    charset: str = field(default="", repr=False)
    blocks: frozenset[int] = field(default=frozenset(), repr=False)
    size: int = 0  # code points covered: a smaller font loads faster
    _ranges: list[tuple[int, int]] = field(default_factory=list, compare=False, repr=False)

    def covers(self, ch: str) -> bool:
        code = ord(ch)
        if code >> 8 not in self.blocks:
            return False
        if not self._ranges:
            self._ranges.extend(parse_charset(self.charset))
        at = bisect.bisect_right(self._ranges, (code, 0x110000)) - 1
        return at >= 0 and code <= self._ranges[at][1]


def parse_charset(text: str) -> list[tuple[int, int]]:
    """fontconfig's ``%{charset}`` as sorted inclusive ranges."""
    ranges = []
    for part in text.split():
        low, _, high = part.partition("-")
        ranges.append((int(low, 16), int(high or low, 16)))
    ranges.sort()
    return ranges


def charset_summary(text: str) -> tuple[frozenset[int], int]:
    """The 256-code-point blocks a fontconfig charset touches, and how many code points."""
    ranges = parse_charset(text)
    blocks = frozenset(b for low, high in ranges for b in range(low >> 8, (high >> 8) + 1))
    return blocks, sum(high - low + 1 for low, high in ranges)


@dataclass(frozen=True)
class Family:
    """A typeface's faces: regular always; bold and italics when installed."""

    regular: Face
    bold: Face | None = None
    italic: Face | None = None
    bold_italic: Face | None = None

    @property
    def name(self) -> str:
        return self.regular.family


@dataclass(frozen=True)
class ScriptFont:
    """The font of one script's runs (``key``: texcv.render.scripts) and how to set them."""

    key: str
    family: Family
    opentype_script: str | None  # the OpenType script tag (``arab``, ``dev2``...)
    right_to_left: bool


@dataclass(frozen=True)
class FontPlan:
    """Every font the document loads, decided from its characters.

    ``fallback``: fonts for single characters the others lack. ``missing``: characters no
    installed font has (the build stops at their cv.yaml line).
    """

    roman: Family
    sans: Family
    scripts: tuple[ScriptFont, ...] = ()
    fallback: tuple[Face, ...] = ()
    missing: tuple[str, ...] = ()

    def font_of(self, key: str | None) -> str:
        """The family that prints runs of ``key`` in a ``sans`` CV (for messages)."""
        for font in self.scripts:
            if font.key == key:
                return font.family.name
        return self.sans.name

    def font_for(self, ch: str) -> str:
        """The family that prints ``ch`` (for messages)."""
        for font in self.scripts:
            if font.key == scripts.key_of(ch) and font.family.regular.covers(ch):
                return font.family.name
        for face in self.fallback:
            if face.covers(ch):
                return face.family
        return self.font_of(scripts.key_of(ch))

    def names(self) -> list[str]:
        """Every family loaded, for messages and the build summary."""
        names = [self.roman.name, self.sans.name, *(f.family.name for f in self.scripts)]
        return list(dict.fromkeys([*names, *(face.family for face in self.fallback)]))


def by_name() -> FontPlan:
    """Noto Serif and Noto Sans by family name, with no other font (no font data at hand)."""
    return FontPlan(
        Family(Face("Noto Serif", "Regular", "")), Family(Face("Noto Sans", "Regular", ""))
    )


def families(installed: Iterable[Face]) -> dict[str, Family]:
    """The installed faces grouped by family (a family needs a regular face)."""
    by_family: dict[str, dict[str, Face]] = {}
    for face in installed:
        by_family.setdefault(face.family, {}).setdefault(face.style, face)
    return {
        name: Family(
            styles["Regular"], styles.get("Bold"), styles.get("Italic"), styles.get("Bold Italic")
        )
        for name, styles in sorted(by_family.items())
        if "Regular" in styles
    }


def plan_fonts(needs: Needs, installed: Sequence[Face], kind: str = "sans") -> FontPlan:
    """The fonts for text with these ``needs`` (``kind``: design.font_family, sans or roman)."""
    known = families(installed)
    roman = known.get("Noto Serif") or _missing_family("Noto Serif")
    sans = known.get("Noto Sans") or _missing_family("Noto Sans")
    main = sans if kind == "sans" else roman
    chosen: list[ScriptFont] = []
    uncovered: list[str] = []
    for key in sorted(needs.keys):
        chars = needs.characters[key]
        own = [ch for ch in sorted(chars) if scripts.key_of(ch) == key]  # the script's letters
        if key == scripts.VIETNAMESE or all(main.regular.covers(ch) for ch in own):
            uncovered.extend(ch for ch in sorted(chars) if not main.regular.covers(ch))
            continue
        family = _best_family(known, own, kind, key)
        if family is None:
            uncovered.extend(sorted(chars))
            continue
        uncovered.extend(ch for ch in sorted(chars) if not family.regular.covers(ch))
        chosen.append(ScriptFont(key, family, _opentype_script(key), scripts.right_to_left(key)))
    uncovered.extend(
        ch for ch in sorted(needs.characters.get(None, ())) if not main.regular.covers(ch)
    )
    fallback: list[Face] = []
    missing: list[str] = []
    for ch in dict.fromkeys(uncovered):
        if ch.isspace():
            continue
        face = next((f for f in fallback if f.covers(ch)), None) or _best_face(known, ch, kind)
        if face is None:
            missing.append(ch)
        elif face not in fallback:
            fallback.append(face)
    return FontPlan(roman, sans, tuple(chosen), tuple(fallback), tuple(missing))


def _missing_family(name: str) -> Family:
    """A family the plan names though it is not installed: TeX will say so."""
    return Family(Face(name, "Regular", f"{name.replace(' ', '')}-Regular.ttf"))


def _rank(name: str, kind: str, key: str | None, chars: Iterable[str] = ()) -> tuple[object, ...]:
    """Lower is better: the CV's kind (sans/serif) first, plain cuts before special ones."""
    preferred = "Noto Sans " if kind == "sans" else "Noto Serif "
    other = "Noto Serif " if kind == "sans" else "Noto Sans "
    kind_rank = 0 if name.startswith(preferred) else 1 if name.startswith(other) else 2
    special = any(marker in name for marker in _SPECIAL)
    region = 0
    if key == scripts.CJK:
        wanted = " SC"
        codes = {scripts.script(ch) for ch in chars}
        if codes & {"Hira", "Kana"}:
            wanted = " JP"
        elif "Hang" in codes:
            wanted = " KR"
        region = 0 if name.endswith(wanted) else 1
    return (kind_rank, special, region, len(name), name)


def _best_family(known: dict[str, Family], own: list[str], kind: str, key: str) -> Family | None:
    """The Noto family that covers most of the script's letters, best ranked among equals."""
    visible = own
    best: tuple[tuple[object, ...], Family] | None = None
    for name, family in known.items():
        if not name.startswith("Noto "):
            continue
        covered = sum(family.regular.covers(ch) for ch in visible)
        if not covered:
            continue
        score = (-covered, *_rank(name, kind, key, visible))
        if best is None or score < best[0]:
            best = (score, family)
    return best[1] if best else None


def _best_face(known: dict[str, Family], ch: str, kind: str) -> Face | None:
    """The regular face of the smallest well ranked Noto family that has ``ch``."""
    found = [
        (_rank(name, kind, None)[:2], family.regular.size, name, family.regular)
        for name, family in known.items()
        if name.startswith("Noto ") and family.regular.covers(ch)
    ]
    return min(found, key=lambda item: item[:3])[3] if found else None


def _opentype_script(key: str) -> str | None:
    """The OpenType script tag HarfBuzz shapes ``key`` with (the newest, e.g. ``dev2``)."""
    if key == scripts.VIETNAMESE:
        return None
    from fontTools.unicodedata import ot_tags_from_script

    tags = ot_tags_from_script(key)
    return str(tags[0]) if tags else None
