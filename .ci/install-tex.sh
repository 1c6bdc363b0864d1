#!/usr/bin/env bash
# The one place that installs texcv's system dependencies: TeX Live with moderncv,
# the Unicode engines and their fonts, latexmk and poppler-utils.
# Used by the Makefile (`make pdf` / `make test`), .ci/run and the GitHub workflows.
#
#   .ci/install-tex.sh           install what is missing (root or sudo, Debian/Ubuntu)
#   .ci/install-tex.sh --check   exit 0 when everything is there, 1 otherwise
#   .ci/install-tex.sh --print   print the command that would install it
set -euo pipefail

PACKAGES=(
  texlive-latex-base texlive-latex-recommended texlive-latex-extra
  texlive-fonts-recommended texlive-fonts-extra lmodern
  texlive-luatex texlive-xetex texlive-lang-french
  latexmk poppler-utils
  fonts-noto-core fonts-noto-cjk
)

missing() {
  command -v pdflatex >/dev/null 2>&1 || { echo "pdflatex"; return; }
  command -v lualatex >/dev/null 2>&1 || { echo "lualatex"; return; }
  command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext"; return; }
  command -v latexmk >/dev/null 2>&1 || { echo "latexmk"; return; }
  kpsewhich moderncv.cls >/dev/null 2>&1 || { echo "moderncv.cls"; return; }
  kpsewhich fontawesome5.sty >/dev/null 2>&1 || { echo "fontawesome5.sty"; return; }
  kpsewhich french.ldf >/dev/null 2>&1 || { echo "french.ldf"; return; }
  fc-list : file 2>/dev/null | grep NotoSansCJK >/dev/null || { echo "Noto CJK fonts"; return; }
  fc-list : file 2>/dev/null | grep NotoSerif-Regular >/dev/null || { echo "Noto fonts"; return; }
  return 0
}

command_line() {
  echo "sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}"
}

case "${1:-}" in
  --check) [ -z "$(missing)" ]; exit $? ;;
  --print) command_line; exit 0 ;;
esac

what=$(missing)
if [ -z "$what" ]; then
  exit 0
fi
echo "texcv: TeX is incomplete ($what missing); installing TeX Live from the system's packages..." >&2

if ! command -v apt-get >/dev/null 2>&1; then
  echo "texcv: error: no apt-get here; install TeX Live (with moderncv, fontawesome5, latexmk," >&2
  echo "  LuaLaTeX), poppler-utils and the Noto fonts with your system's package manager." >&2
  echo "  On Debian/Ubuntu that is: $(command_line)" >&2
  exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "texcv: error: installing TeX needs root. Run:" >&2
  echo "  $(command_line)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# TEXCV_APT_CACHE=DIR keeps the downloaded .deb files in DIR (the GitHub workflows cache it
# between runs, so a run installs from it instead of downloading about 1 GB again).
CACHE_OPTIONS=()
if [ -n "${TEXCV_APT_CACHE:-}" ]; then
  mkdir -p "$TEXCV_APT_CACHE/partial"
  CACHE_OPTIONS=(-o "Dir::Cache::Archives=$TEXCV_APT_CACHE" -o APT::Keep-Downloaded-Packages=true)
fi
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${CACHE_OPTIONS[@]}" "${PACKAGES[@]}" >/dev/null
what=$(missing)
if [ -n "$what" ]; then
  echo "texcv: error: TeX install finished but $what is still missing." >&2
  exit 1
fi
echo "texcv: TeX Live installed." >&2
