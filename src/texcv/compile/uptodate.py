"""No-op builds: a content hash of every input, stored beside the PDF, says nothing changed.

Inputs are the CV file's bytes, the settings of the build (what the app's build request says
changes the PDF), texcv's own code and LaTeX templates (so an upgrade rebuilds), every file
the CV refers to (a photo, a .bib: the list the last build recorded, each with its own hash),
and the TeX engine binary. The PDF's own hash is
stored too, so a PDF replaced or edited since (or by a concurrent build of other inputs) is
rebuilt. Stdlib only, so `texcv build` can answer before importing the heavy stages. Also
writes ``<name>.d``, a Makefile fragment listing the referenced files for `make pdf`.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from texcv import __version__, files

STAMP_SUFFIX = ".inputs.json"
_PACKAGE = Path(__file__).resolve().parents[1]


def _file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@cache
def code_hash() -> str:
    """texcv's version, its Python sources and LaTeX templates."""
    from texcv.render.templates import templates_dir

    digest = hashlib.sha256(__version__.encode())
    sources = sorted(_PACKAGE.rglob("*.py")) + sorted(templates_dir().glob("*.tex"))
    for path in sources:
        digest.update(str(path.relative_to(path.anchor)).encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def engine_identity(engine: str) -> list[object] | None:
    path = shutil.which(engine)
    if path is None:
        return None
    stat = Path(path).resolve().stat()
    return [engine, path, stat.st_size, stat.st_mtime_ns]


def _key(source: Path, settings: Mapping[str, object]) -> str | None:
    text = _file_hash(source)
    if text is None:
        return None
    encoded = json.dumps(settings, sort_keys=True, default=str)
    return hashlib.sha256(f"{text}\0{encoded}\0{code_hash()}".encode()).hexdigest()


def stamp_path(out_dir: Path, name: str) -> Path:
    return out_dir / f".{name}{STAMP_SUFFIX}"


def is_up_to_date(out_dir: Path, name: str, source: Path, settings: Mapping[str, object]) -> bool:
    """True when the last successful build had exactly these inputs and its PDF is intact."""
    try:
        stamp = json.loads(stamp_path(out_dir, name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("key") != _key(source, settings):
        return False
    recorded = stamp.get("files", {})
    if any(_file_hash(Path(path)) != digest for path, digest in recorded.items()):
        return False
    if engine_identity(str(stamp.get("engine", ""))) != stamp.get("engine_identity"):
        return False
    return _file_hash(out_dir / f"{name}.pdf") == stamp.get("pdf")


def record(
    out_dir: Path,
    name: str,
    source: Path,
    settings: Mapping[str, object],
    referenced: Iterable[Path],
    engine: str,
) -> None:
    """Remember the inputs of the build that just wrote ``out_dir/name.pdf``."""
    key = _key(source, settings)
    pdf_hash = _file_hash(out_dir / f"{name}.pdf")
    if key is None or pdf_hash is None:
        return
    paths = sorted({str(path) for path in referenced})
    stamp = {
        "key": key,
        "files": {path: _file_hash(Path(path)) for path in paths},
        "engine": engine,
        "engine_identity": engine_identity(engine),
        "pdf": pdf_hash,
    }
    files.write_text(stamp_path(out_dir, name), json.dumps(stamp, indent=1))
    files.write_text(out_dir / f"{name}.d", _make_deps(out_dir / f"{name}.pdf", paths))


def _make_deps(pdf: Path, paths: list[str]) -> str:
    """A Makefile fragment: the PDF depends on the referenced files (like gcc -MD -MP)."""

    def quote(path: str) -> str:
        return path.replace(" ", "\\ ").replace("$", "$$")

    lines = [f"{quote(str(pdf))}: {' '.join(quote(p) for p in paths)}".rstrip()]
    lines += [f"{quote(p)}:" for p in paths]
    return "\n".join(lines) + "\n"


def recorded_files(out_dir: Path, name: str) -> list[Path]:
    """The files besides the CV file that the last successful build read."""
    try:
        stamp = json.loads(stamp_path(out_dir, name).read_text(encoding="utf-8"))
        return [Path(path) for path in stamp.get("files", {})]
    except (OSError, ValueError, AttributeError):
        return []
