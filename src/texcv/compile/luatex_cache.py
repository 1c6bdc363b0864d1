"""Where LuaLaTeX keeps luaotfload's caches: in the build folder, not TeX Live's.

Apart from texcv.compile.fonts (which reads the installed fonts' coverage for the renderer):
every TeX run needs this, the early first pass before Python has read anything, so it stays
light to import.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from texcv.compile.workspace import cache_dir


def engine_env(engine: str, out_dir: Path) -> dict[str, str]:
    """What a TeX run of ``engine`` needs in its environment besides the sandbox's.

    LuaLaTeX keeps luaotfload's caches (the font name index, each font's tables) in the
    build folder, ``.cache/luatex``, so they stay between builds and TeX writes nowhere else.
    The first time, luaotfload's existing name index is copied there: making a new one means
    reading every installed font (seconds).
    """
    if engine != "lualatex":
        return {}
    cache = cache_dir(out_dir).resolve() / "luatex"
    names = cache / "luatex-cache" / "generic" / "names"
    if not names.is_dir():
        _seed_names(names)
    return {"TEXMFCACHE": str(cache)}


def _seed_names(names: Path) -> None:
    """Copy luaotfload's font name index from TeX Live's own cache folders, when there is one."""
    names.mkdir(parents=True, exist_ok=True)
    program = shutil.which("kpsewhich")
    if program is None:
        return
    found = subprocess.run(
        [program, "-var-value", "TEXMFCACHE"], capture_output=True, text=True, check=False
    ).stdout.strip()
    for root in found.replace(";", ":").split(":"):
        source = Path(root) / "luatex-cache" / "generic" / "names"
        index = [source / f"luaotfload-names.{kind}.gz" for kind in ("luc", "lua")]
        if root and all(path.is_file() for path in index):
            for path in index:
                shutil.copyfile(path, names / path.name)
            return
