"""`texcv doctor`: can this machine build a CV? If not, the one command that fixes it.

A pip-installed texcv brings no TeX. Rather than let the first `texcv build` fail on the first
missing piece, doctor checks every piece texcv relies on (the engines, moderncv and its version,
fontawesome5, the Noto fonts of Unicode CVs, poppler's tools) and prints the install command
for this system (texcv.app.install_commands). Exit 0 when all that is needed is there, 3 (the
"TeX missing" code of every texcv command) otherwise.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from texcv.app.install_commands import PLATFORM_NAMES, platform, this_platform

MODERNCV_MINIMUM = (2, 0)  # texcv is written against 2.3.1 (TeX Live 2022); 2.x has \cventry
NOTO_FAMILIES = ("Noto Serif", "Noto Sans", "Noto Sans CJK SC")  # latex_templates/unicode.tex
_TIMEOUT = 20
EXIT_MISSING = 3


@dataclass(frozen=True)
class Check:
    """One piece texcv needs: found or not, what was found, and what it is for."""

    name: str
    ok: bool
    detail: str
    required: bool = True


def _run(*command: str) -> str | None:
    """A tool's stdout, or None when it cannot run."""
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def _tool(name: str, purpose: str, required: bool = True, version: bool = False) -> Check:
    path = shutil.which(name)
    if path is None:
        return Check(name, False, f"not found ({purpose})", required)
    first_line = ""
    if version:
        out = _run(path, "--version") or ""
        first_line = next(iter(out.splitlines()), "").strip()
    return Check(name, True, f"{path}" + (f" ({first_line})" if first_line else ""), required)


def _tex_file(name: str) -> Path | None:
    found = _run("kpsewhich", name) if shutil.which("kpsewhich") else None
    return Path(found.strip()) if found and found.strip() else None


def moderncv_version(cls_text: str) -> tuple[int, ...] | None:
    """The version in moderncv.cls's ``\\ProvidesClass{moderncv}[2022-02-21 v2.3.1 ...]``."""
    match = re.search(r"\\ProvidesClass\{moderncv\}\s*\[[^\]]*?\bv(\d+(?:\.\d+)*)", cls_text)
    return tuple(int(part) for part in match.group(1).split(".")) if match else None


def _moderncv() -> Check:
    path = _tex_file("moderncv.cls")
    if path is None:
        return Check("moderncv", False, "moderncv.cls not found by kpsewhich (TeX Live's moderncv)")
    try:
        version = moderncv_version(path.read_text(encoding="utf-8", errors="replace"))
    except OSError as error:
        return Check("moderncv", False, f"cannot read {path}: {error.strerror}")
    if version is None:
        return Check("moderncv", False, f"no version in {path}")
    shown = "v" + ".".join(map(str, version))
    if version < MODERNCV_MINIMUM:
        wanted = ".".join(map(str, MODERNCV_MINIMUM))
        return Check("moderncv", False, f"{shown} is too old (texcv needs {wanted} or newer)")
    return Check("moderncv", True, f"{shown} ({path})")


def _fontawesome5() -> Check:
    path = _tex_file("fontawesome5.sty")
    if path is None:
        return Check("fontawesome5", False, "fontawesome5.sty not found (moderncv's icons)")
    return Check("fontawesome5", True, str(path))


def _noto() -> Check:
    families = _run("fc-list", ":", "family") if shutil.which("fc-list") else None
    if families is None:
        return Check("Noto fonts", False, "fc-list (fontconfig) cannot list the fonts")
    installed = {name.strip() for line in families.splitlines() for name in line.split(",")}
    missing = [family for family in NOTO_FAMILIES if family not in installed]
    if missing:
        return Check("Noto fonts", False, f"missing {', '.join(missing)} (CVs beyond Latin)")
    return Check("Noto fonts", True, ", ".join(NOTO_FAMILIES))


CHECKS: tuple[Callable[[], Check], ...] = (
    lambda: _tool("pdflatex", "builds CVs in Latin scripts", version=True),
    lambda: _tool("lualatex", "builds CVs in any script", version=True),
    lambda: _tool("xelatex", "only for design.engine: xelatex", required=False, version=True),
    _moderncv,
    _fontawesome5,
    _noto,
    lambda: _tool("pdftotext", "poppler: reads PDFs back"),
    lambda: _tool("pdfinfo", "poppler: counts pages, lists links"),
    lambda: _tool("pdftohtml", "poppler: every build reads its PDF back with it"),
    lambda: _tool("pdftoppm", "poppler: draws the previews of `texcv release`"),
)


def run_checks() -> list[Check]:
    return [check() for check in CHECKS]


def install_advice(name: str | None) -> list[str]:
    """How to install texcv's dependencies on the platform ``name`` (None: unknown system)."""
    if name is None:
        return [
            "texcv does not know this system's package manager. Install TeX Live (with moderncv,",
            "fontawesome5, LuaLaTeX), poppler and the Noto fonts; the command for a known",
            f"system: texcv doctor --platform {{{','.join(PLATFORM_NAMES)}}}",
        ]
    chosen = platform(name)
    lines = [f"To install what texcv needs on {chosen.title}, run:", ""]
    for label, command in chosen.ways:
        lines += [f"  {label}:", f"    {command}"] if label else [f"  {command}"]
    others = "|".join(other for other in PLATFORM_NAMES if other != name)
    return [*lines, "", f"(other systems: texcv doctor --platform {others})"]


def report(checks: list[Check], platform_name: str | None, advise: bool = False) -> tuple[str, int]:
    """The report's text and the exit code; ``advise`` adds the install command even when
    nothing is missing (`texcv doctor --platform NAME`)."""
    width = max(len(check.name) for check in checks)
    lines = ["texcv doctor: what texcv needs to build a CV"]
    for check in checks:
        mark = "ok" if check.ok else ("MISSING" if check.required else "optional")
        lines.append(f"  {mark:<8} {check.name:<{width}}  {check.detail}")
    failed = [check for check in checks if check.required and not check.ok]
    if failed:
        lines += ["", f"Missing: {', '.join(check.name for check in failed)}."]
    else:
        lines.append("All set: `texcv build` can make your PDF.")
    if failed or advise:
        lines += ["", *install_advice(platform_name)]
    return "\n".join(line.rstrip() for line in lines) + "\n", EXIT_MISSING if failed else 0


def command_doctor(args: argparse.Namespace) -> int:
    chosen = args.platform or this_platform()
    text, code = report(run_checks(), chosen, advise=args.platform is not None)
    print(text, end="")
    return code


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    doctor = sub.add_parser(
        "doctor",
        help="check TeX, moderncv, fonts and poppler; print the command that installs them",
        description="Check that this machine has what texcv needs (pdfLaTeX, LuaLaTeX, XeLaTeX, "
        "moderncv and its version, fontawesome5, the Noto fonts, poppler's pdftotext, pdfinfo, "
        "pdftohtml and pdftoppm). When something is missing, print the command that installs "
        "it on this system. Exit code 0 when all is there, 3 otherwise.",
    )
    doctor.add_argument(
        "--platform",
        choices=PLATFORM_NAMES,
        help="print the install command for this system instead of the detected one",
    )
    doctor.set_defaults(handler=command_doctor)
    return doctor
