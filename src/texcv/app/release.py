"""`texcv release` / `make release`: the files a tagged version publishes, in dist/.

For each built PDF: a copy named after the person and the version
(``Quoc-Tung_Le_CV_v1.2.0.pdf``, a variant ``Quoc-Tung_Le_CV-short_v1.2.0.pdf``, a letter
``Quoc-Tung_Le_Letter-acme_v1.2.0.pdf``) and a PNG of
its first page (for the README and release notes), then ``SHA256SUMS`` over all of them in
the format ``sha256sum -c`` reads. The GitHub release workflow runs the same command.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from texcv import files
from texcv.errors import TexcvError, ToolMissingError
from texcv.source.git import describe

CHECKSUMS = "SHA256SUMS"
PREVIEW_DPI = 110  # an A4 page 910 px wide: readable in a README, small in a release
_TIMEOUT = 120


@dataclass(frozen=True)
class Built:
    """A PDF to publish: the variant it is (None: the CV as a whole), or the letter."""

    pdf: Path
    variant: str | None = None
    letter: str | None = None  # the NAME of letters/NAME.yaml


def file_part(text: str) -> str:
    """``text`` as a safe file-name part: ASCII letters, digits, dots and hyphens.

    Accents are dropped (Rémi -> Remi) and other runs become one hyphen, because release
    hosts rename or refuse asset names with spaces or non-ASCII characters.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9.]+", "-", ascii_text).strip("-.") or "x"


def asset_stem(
    first_name: str, last_name: str, version: str, variant: str | None, letter: str | None = None
) -> str:
    """``Quoc-Tung_Le_CV_v1.2.0``; with a variant ``Quoc-Tung_Le_CV-short_v1.2.0``; a letter
    ``Quoc-Tung_Le_Letter-acme_v1.2.0``."""
    if letter:
        what = f"Letter-{file_part(letter)}"
    else:
        what = f"CV-{file_part(variant)}" if variant else "CV"
    return "_".join([file_part(first_name), file_part(last_name), what, file_part(version)])


def chosen_variants(spec: str, known: Iterable[str]) -> list[str]:
    """The variants ``--variants`` names: ``all`` (every one cv.yaml defines), ``none`` (or
    nothing), or names separated by commas or spaces (an unknown name fails in the build)."""
    if spec.strip() == "all":
        return list(known)
    names = spec.replace(",", " ").split()
    return [] if names == ["none"] else names


def describe_version(folder: Path) -> str:
    """The tag of HEAD (v1.2.0), else ``git describe`` of the commit, else ``dev``."""
    return describe(folder) or "dev"


def package(
    built: Iterable[Built], first_name: str, last_name: str, version: str, dist: Path
) -> list[Path]:
    """Fill ``dist`` with the named PDFs, their previews and SHA256SUMS; return what it wrote."""
    dist.mkdir(parents=True, exist_ok=True)
    _forget_last_release(dist)
    written: list[Path] = []
    for item in built:
        stem = asset_stem(first_name, last_name, version, item.variant, item.letter)
        pdf = dist / f"{stem}.pdf"
        files.copy_file(item.pdf, pdf)
        written += [pdf, preview(pdf, dist / f"{stem}.png")]
    names = {path.name for path in written}
    if len(names) != len(written):
        raise TexcvError("two PDFs of this release would have the same name")
    write_checksums(written, dist / CHECKSUMS)
    return [*written, dist / CHECKSUMS]


def preview(pdf: Path, target: Path, dpi: int = PREVIEW_DPI) -> Path:
    """A PNG of the first page, made by poppler's pdftoppm."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise ToolMissingError(
            "pdftoppm (poppler-utils) is not installed; it draws the preview",
            hint="run .ci/install-tex.sh, or install poppler-utils",
        )
    base = target.with_suffix("")
    command = [
        tool,
        "-png",
        "-r",
        str(dpi),
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        str(pdf),
        str(base),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise TexcvError(f"pdftoppm did not finish within {_TIMEOUT} s on {pdf}") from None
    if done.returncode != 0 or not target.is_file():
        detail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        raise TexcvError(f"pdftoppm could not draw {pdf}: {detail[0]}")
    return target


def write_checksums(paths: Iterable[Path], target: Path) -> None:
    """``<sha256>  <name>`` lines, sorted by name: what ``sha256sum -c SHA256SUMS`` checks."""
    lines = [f"{_sha256(path)}  {path.name}\n" for path in sorted(paths, key=lambda p: p.name)]
    files.write_text(target, "".join(lines))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _forget_last_release(dist: Path) -> None:
    """Remove what the previous `texcv release` wrote here (the files its SHA256SUMS lists),
    so dist/ holds this version only; files texcv did not write stay."""
    try:
        listed = (dist / CHECKSUMS).read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in listed:
        name = line.partition("  ")[2].strip()
        if name and "/" not in name and name not in (".", ".."):
            (dist / name).unlink(missing_ok=True)
    (dist / CHECKSUMS).unlink(missing_ok=True)
