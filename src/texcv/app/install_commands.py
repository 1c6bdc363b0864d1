"""The command that installs texcv's system dependencies (TeX Live, fonts, poppler), per system.

Debian/Ubuntu's list is the file `.ci/install-tex.sh` installs from (``debian-packages.txt``,
shipped in the wheel), so the command `texcv doctor` prints is the one CI runs. The other
systems name the same pieces in their own package managers: moderncv and fontawesome5
(TeX Live's latex-extra and fonts-extra collections), LuaLaTeX and XeLaTeX, latexmk, poppler,
and the Noto fonts that Unicode CVs are set in.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DEBIAN_PACKAGES = "debian-packages.txt"
OS_RELEASE = Path("/etc/os-release")


@dataclass(frozen=True)
class Platform:
    """A family of systems and how to install texcv's dependencies there (one or more ways)."""

    name: str  # what `texcv doctor --platform` takes
    title: str
    ways: tuple[tuple[str, str], ...]  # (label, command); the label is empty when only one


def debian_packages() -> list[str]:
    """The Debian/Ubuntu package names, in file order (comments and blank lines dropped)."""
    text = resources.files("texcv.app").joinpath(DEBIAN_PACKAGES).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _platforms() -> dict[str, Platform]:
    apt = " ".join(debian_packages())
    fedora = (
        "texlive-scheme-medium texlive-moderncv texlive-fontawesome5 texlive-academicons "
        "texlive-mylatexformat texlive-babel-french latexmk poppler-utils "
        "google-noto-sans-fonts google-noto-serif-fonts google-noto-sans-cjk-fonts"
    )
    arch = (
        "texlive-latexextra texlive-fontsextra texlive-fontsrecommended texlive-luatex "
        "texlive-xetex texlive-binextra texlive-langfrench poppler noto-fonts noto-fonts-cjk"
    )
    noto_casks = "font-noto-sans font-noto-serif font-noto-sans-cjk font-noto-serif-cjk"
    miktex_packages = "moderncv fontawesome5 academicons mylatexformat lm babel-french"
    platforms = [
        Platform(
            "debian",
            "Debian/Ubuntu",
            (
                (
                    "",
                    f"sudo apt-get update && sudo apt-get install -y --no-install-recommends {apt}",
                ),
            ),
        ),
        Platform("fedora", "Fedora", (("", f"sudo dnf install -y {fedora}"),)),
        Platform("arch", "Arch Linux", (("", f"sudo pacman -S --needed {arch}"),)),
        Platform(
            "macos",
            "macOS",
            (
                (
                    "MacTeX, with Homebrew",
                    "brew install --cask mactex-no-gui && brew install poppler && "
                    f"brew install --cask {noto_casks}",
                ),
                (
                    "MacTeX, without Homebrew",
                    "install MacTeX from https://tug.org/mactex/ (it has moderncv and "
                    "fontawesome5), then poppler and the Noto fonts as above",
                ),
            ),
        ),
        Platform(
            "windows",
            "Windows",
            (
                (
                    "TeX Live",
                    "run install-tl-windows.exe from https://tug.org/texlive/acquire-netinstall.html "
                    "(the full scheme has moderncv and fontawesome5), then: scoop install poppler",
                ),
                (
                    "MiKTeX",
                    "winget install --id MiKTeX.MiKTeX -e && miktex packages install "
                    f"{miktex_packages} && scoop install poppler",
                ),
            ),
        ),
    ]
    return {platform.name: platform for platform in platforms}


PLATFORM_NAMES = ("debian", "fedora", "arch", "macos", "windows")


def platform(name: str) -> Platform:
    return _platforms()[name]


def this_platform(os_release: Path = OS_RELEASE) -> str | None:
    """The platform of this machine (None when texcv does not know its package manager)."""
    if sys.platform == "darwin":
        return "macos"
    if sys.platform == "win32":
        return "windows"
    try:
        text = os_release.read_text(encoding="utf-8")
    except OSError:
        return None
    fields = dict(
        line.split("=", 1) for line in text.splitlines() if "=" in line and not line.startswith("#")
    )
    ids = " ".join(fields.get(key, "").strip("\"'") for key in ("ID", "ID_LIKE")).split()
    for known, family in (
        ("debian", "debian"),
        ("ubuntu", "debian"),
        ("fedora", "fedora"),
        ("rhel", "fedora"),
        ("arch", "arch"),
    ):
        if known in ids:
            return family
    return None
