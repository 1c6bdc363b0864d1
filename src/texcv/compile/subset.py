"""Large script fonts cut down to the characters the CV prints, before TeX loads them.

A Noto CJK face is a 20 MB collection of 65,000 glyphs. LuaLaTeX reads all their metrics to
load it (about 0.35 s per face, with luaotfload's cache warm; several seconds to fill that
cache in a new build folder) and walks the whole font again to write its subset into the
PDF. A CV prints a few dozen of those characters. HarfBuzz's subsetter (uharfbuzz) writes a
font of just them, with their OpenType layout kept, in a few milliseconds; TeX then loads
that file instead. The PDF shows the same glyphs under the same font name, and its text layer
gives back the same characters.

A subset is named by what it is made from (the font file, its size and date, the face in a
collection, the characters), kept in ``<out>/.cache/subsets/`` and made again only when the
characters change. Only fonts larger than ``LARGE`` are cut: for a small font the load costs
little, and a font that stays the same from one edit to the next lets the next build's TeX
run start before the save (texcv.compile.early). If the subsetter cannot cut a font, the
font is used whole.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from texcv import files
from texcv.compile.workspace import cache_dir

if TYPE_CHECKING:  # every build imports this module, before TeX starts: kept light
    from texcv.render.fonts import Face, Family, FontPlan

LARGE = 1_000_000  # bytes: the font files worth cutting (the Noto CJK collections, ~20 MB)
PREFIX = "texcv-font-"  # the subsets' names, in the cache and beside the .tex
KEEP = 16  # subsets kept in the cache folder
# Always kept: XeTeX takes the width of a space between words from the font's space glyph.
ALWAYS = frozenset(" \u00a0")
_VERSION = "1"  # bump when the way subsets are made changes


def subset_plan(
    plan: FontPlan, characters: dict[str | None, frozenset[str]], out_dir: Path
) -> tuple[FontPlan, dict[str, Path]]:
    """``plan`` with each large script font replaced by its subset for the characters of its
    runs (``characters``: texcv.render.engine_choice.Needs), and the subsets' files by the
    names the .tex gives them (to be copied beside it)."""
    folder = cache_dir(out_dir) / "subsets"
    made: dict[str, Path] = {}
    scripts = []
    for font in plan.scripts:
        chars = characters.get(font.key, frozenset()) | ALWAYS
        family = _subset_family(font.family, chars, folder, made)
        scripts.append(dataclasses.replace(font, family=family))
    if made:
        _prune(folder, keep=set(made))
    return dataclasses.replace(plan, scripts=tuple(scripts)), made


def _subset_family(
    family: Family, chars: frozenset[str], folder: Path, made: dict[str, Path]
) -> Family:
    faces = {}
    for style in ("regular", "bold", "italic", "bold_italic"):
        face = getattr(family, style)
        if face is not None:
            faces[style] = _subset_face(face, chars, folder, made)
    return dataclasses.replace(family, **faces)


def _subset_face(face: Face, chars: frozenset[str], folder: Path, made: dict[str, Path]) -> Face:
    """The face, or its subset when it is large (the same face when cutting fails)."""
    try:
        stat = os.stat(face.file)
    except OSError:
        return face  # TeX will say it is missing
    if stat.st_size <= LARGE:
        return face
    name = _name(face, stat, chars)
    path = folder / name
    try:
        if name in made or path.is_file():
            os.utime(path)  # recently used: kept when older ones are pruned
        else:
            data = cut(Path(face.file), face.index, chars)
            if data is None:
                return face
            folder.mkdir(parents=True, exist_ok=True)
            files.write_bytes(path, data)
    except OSError:  # a full disk, a build beside this one pruning it: the whole font works
        return face
    made[path.name] = path
    return dataclasses.replace(face, file=path.name, index=0)


def cut(font: Path, index: int, chars: Iterable[str]) -> bytes | None:
    """The font of ``chars`` from face ``index`` of ``font``, all its OpenType features kept;
    None when HarfBuzz cannot subset it."""
    try:
        import uharfbuzz as hb
    except ImportError:  # pragma: no cover - a dependency; the font is then used whole
        return None
    try:
        face = hb.Face(hb.Blob.from_file_path(str(font)), index)
        wanted = hb.SubsetInput()
        wanted.sets(hb.SubsetInputSets.UNICODE).update(ord(ch) for ch in chars)
        features = wanted.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG)
        features.clear()
        features.invert()  # every feature: locl, vert, ccmp... as the whole font has them
        result = hb.subset(face, wanted)
    except Exception:  # uharfbuzz raises plain errors; the whole font still works
        return None
    data = bytes(result.blob.data) if result is not None else b""
    return data or None


def _name(face: Face, stat: os.stat_result, chars: frozenset[str]) -> str:
    """What the subset is made from, hashed (HarfBuzz is not loaded for a subset made before)."""
    digest = hashlib.sha256()
    for part in (_VERSION, face.file, stat.st_size, stat.st_mtime_ns, face.index):
        digest.update(f"{part}\0".encode())
    digest.update("".join(sorted(chars)).encode("utf-8", "surrogatepass"))
    kind = "otf" if _is_cff(face.file) else "ttf"
    return f"{PREFIX}{digest.hexdigest()[:20]}.{kind}"


def _is_cff(file: str) -> bool:
    """Whether the face's outlines are CFF (an .otf subset) rather than TrueType (.ttf)."""
    with open(file, "rb") as stream:
        head = stream.read(16)
        if head[:4] == b"ttcf":  # a collection: the first face's header tells
            stream.seek(int.from_bytes(head[12:16], "big"))
            head = stream.read(4)
    return head[:4] == b"OTTO"


def _prune(folder: Path, keep: set[str]) -> None:
    """Keep the KEEP most recently used subsets (and those of this build)."""
    found = sorted(folder.glob(f"{PREFIX}*"), key=_last_used, reverse=True)
    for path in found[KEEP:]:
        if path.name not in keep:
            path.unlink(missing_ok=True)


def _last_used(path: Path) -> int:
    """A subset's time of last use; 0 for one a build beside this one has just removed."""
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0
