"""The installed Noto fonts and the characters each covers, for the renderer's font plan.

fontconfig knows them (``fc-list``, about 0.15 s); the answer is kept in the build folder
(``.cache/fonts.json``) under a key made of the font folders' modification times, so a build
reads a file instead, and a font installed or removed since is noticed. Only the four styles
texcv uses (regular, bold, italic, bold italic) of families named ``Noto ...`` are kept: the
choice stays the same on every machine with the same Noto packages. A font whose path holds
anything but letters, digits and ``/._+-`` is left out: its path is written into the .tex.

And whether a family a person names (design.font) is installed, asked of fontconfig before TeX
runs, so that a missing font is reported by name instead of as a fontspec error deep in a log.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

from texcv import files
from texcv.compile.workspace import cache_dir
from texcv.errors import ToolMissingError
from texcv.render.fonts import SAFE_PATH, STYLES, Face, charset_summary

# Where fontconfig looks on Linux (fonts.conf's <dir> entries on Debian, and the user's).
FONT_ROOTS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
    Path.home() / ".fonts",
)
_FORMAT = "%{family[0]}\\t%{style[0]}\\t%{file}\\t%{index}\\t%{charset}\\n"
_VERSION = "2"  # bump when the cached data changes shape


def installed_fonts(out_dir: Path) -> tuple[Face, ...]:
    """The installed Noto faces, from the cache in ``out_dir`` when the fonts did not change."""
    key = _fonts_key()
    cache = cache_dir(out_dir) / "fonts.json"
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
        if data["key"] == key:
            return tuple(_face(item) for item in data["faces"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    faces = list_fonts()
    cache.parent.mkdir(parents=True, exist_ok=True)
    items = [
        [f.family, f.style, f.file, f.index, f.charset, sorted(f.blocks), f.size] for f in faces
    ]
    files.write_text(cache, json.dumps({"key": key, "faces": items}, separators=(",", ":")))
    return faces


def list_fonts() -> tuple[Face, ...]:
    """Ask fontconfig (fc-list) for the Noto faces and their coverage."""
    program = shutil.which("fc-list")
    if program is None:
        raise ToolMissingError(
            "fc-list (fontconfig) is not installed: texcv needs it to find fonts for this CV",
            hint="on Debian/Ubuntu: sudo apt-get install fontconfig fonts-noto-core fonts-noto-cjk",
        )
    listed = subprocess.run(
        [program, "--format", _FORMAT], capture_output=True, text=True, check=False
    ).stdout
    faces = []
    for line in listed.splitlines():
        parts = line.split("\t")
        if len(parts) != 5:
            continue
        family, style, path, index, charset = parts
        if family.startswith("Noto ") and style in STYLES and SAFE_PATH.fullmatch(path):
            blocks, size = charset_summary(charset)
            faces.append(Face(family, style, path, int(index or 0), charset, blocks, size))
    return tuple(sorted(faces, key=lambda f: (f.family, f.style, f.file, f.index)))


def _face(item: list[object]) -> Face:
    family, style, path, index, charset, blocks, size = item
    assert isinstance(blocks, list)
    return Face(
        str(family),
        str(style),
        str(path),
        int(str(index)),
        str(charset),
        frozenset(blocks),
        int(str(size)),
    )


def _fonts_key() -> str:
    """Changes when a font folder (or one inside it) gains or loses a file."""
    digest = hashlib.sha256(_VERSION.encode())
    for root in FONT_ROOTS:
        for folder, _, _ in os.walk(root):
            try:
                stamp = os.stat(folder).st_mtime_ns
            except OSError:
                continue
            digest.update(f"{folder}\0{stamp}\n".encode())
    return digest.hexdigest()[:24]


_FAMILIES_TIMEOUT = 20  # seconds; fc-list answers in well under one


@cache
def installed_families() -> frozenset[str] | None:
    """Every family name fontconfig knows, lower-cased; None when fc-list is missing."""
    program = shutil.which("fc-list")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, ":", "family"], capture_output=True, text=True, timeout=_FAMILIES_TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    names = {name.strip().lower() for line in done.stdout.splitlines() for name in line.split(",")}
    return frozenset(name for name in names if name)


def font_missing(family: str) -> bool:
    """True when fontconfig is there and does not know ``family`` (any case)."""
    families = installed_families()
    return families is not None and family.strip().lower() not in families


def similar_families(family: str, limit: int = 3) -> list[str]:
    """Installed families whose names share a word with ``family`` (for the hint)."""
    words = set(family.lower().split())
    found = sorted(name for name in installed_families() or () if words & set(name.split()))
    return found[:limit]
