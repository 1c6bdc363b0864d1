#!/usr/bin/env bash
# The one place that installs texcv's system dependencies: TeX Live with moderncv,
# the Unicode engines and their fonts, pdfLaTeX's Vietnamese, Greek and Cyrillic support,
# latexmk and poppler-utils. The package list is
# src/texcv/app/debian-packages.txt (`texcv doctor` prints the same list).
# Used by the Makefile (`make pdf` / `make test`), .ci/run, the GitHub workflows and action.yml.
#
#   .ci/install-tex.sh                install what is missing (root or sudo, Debian/Ubuntu)
#   .ci/install-tex.sh --test-tools   the same, plus what the test suite needs
#                                     (.ci/test-packages.txt: strace, chromium,
#                                     chromium-driver)
#   .ci/install-tex.sh --check        exit 0 when everything is there, 1 otherwise
#   .ci/install-tex.sh --print        print the command that would install it
#
# TEXCV_APT_CACHE=DIR keeps the downloaded .deb files in DIR, a folder of plain files owned by
# whoever runs this script, so that a CI cache step can save it and the next run installs
# from it instead of downloading about 600 MiB again.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
packages_in() { grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$1"; }

MODE=install
TEST_TOOLS=0
for argument in "$@"; do
  case "$argument" in
    --test-tools) TEST_TOOLS=1 ;;
    --check) MODE=check ;;
    --print) MODE=print ;;
    *) echo "usage: $0 [--test-tools] [--check | --print]" >&2; exit 2 ;;
  esac
done

mapfile -t PACKAGES < <(packages_in "$HERE/../src/texcv/app/debian-packages.txt")
if [ "$TEST_TOOLS" = 1 ]; then
  mapfile -t -O "${#PACKAGES[@]}" PACKAGES < <(packages_in "$HERE/test-packages.txt")
fi

missing() {
  command -v pdflatex >/dev/null 2>&1 || { echo "pdflatex"; return; }
  command -v lualatex >/dev/null 2>&1 || { echo "lualatex"; return; }
  command -v pdftotext >/dev/null 2>&1 || { echo "pdftotext"; return; }
  command -v latexmk >/dev/null 2>&1 || { echo "latexmk"; return; }
  kpsewhich moderncv.cls >/dev/null 2>&1 || { echo "moderncv.cls"; return; }
  kpsewhich fontawesome5.sty >/dev/null 2>&1 || { echo "fontawesome5.sty"; return; }
  kpsewhich french.ldf >/dev/null 2>&1 || { echo "french.ldf"; return; }
  kpsewhich t5enc.def >/dev/null 2>&1 || { echo "t5enc.def (Vietnamese)"; return; }
  kpsewhich lgrenc.def >/dev/null 2>&1 || { echo "lgrenc.def (Greek)"; return; }
  kpsewhich lgrlmss.fd >/dev/null 2>&1 || { echo "lgrlmss.fd (Greek fonts)"; return; }
  kpsewhich t2aenc.def >/dev/null 2>&1 || { echo "t2aenc.def (Cyrillic)"; return; }
  kpsewhich t2afcs.fd >/dev/null 2>&1 || { echo "t2afcs.fd (Cyrillic fonts)"; return; }
  command -v fc-list >/dev/null 2>&1 || { echo "fc-list"; return; }
  fc-list : file 2>/dev/null | grep NotoSansCJK >/dev/null || { echo "Noto CJK fonts"; return; }
  fc-list : file 2>/dev/null | grep NotoSerif-Regular >/dev/null || { echo "Noto fonts"; return; }
  if [ "$TEST_TOOLS" = 1 ]; then
    command -v strace >/dev/null 2>&1 || { echo "strace"; return; }
    # GitHub's Ubuntu runners come with Google Chrome and its driver (Ubuntu's chromium is a snap).
    command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 ||
      { echo "chromium"; return; }
    command -v chromedriver >/dev/null 2>&1 || { echo "chromedriver"; return; }
  fi
  return 0
}

command_line() {
  echo "sudo apt-get update && sudo apt-get install -y --no-install-recommends ${PACKAGES[*]}"
}

case "$MODE" in
  check) [ -z "$(missing)" ]; exit $? ;;
  print) command_line; exit 0 ;;
esac

what=$(missing)
if [ -z "$what" ]; then
  exit 0
fi
echo "texcv: TeX is incomplete ($what missing); installing TeX Live from the system's packages..." >&2

if ! command -v apt-get >/dev/null 2>&1; then
  echo "texcv: error: no apt-get here; install TeX Live (with moderncv, fontawesome5, latexmk," >&2
  echo "  LuaLaTeX), poppler-utils and the Noto fonts with your system's package manager" >&2
  echo "  (\`texcv doctor\` prints the command for this system)." >&2
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

# apt downloads into a folder of its own (root's; its partial/ belongs to _apt with mode 0700,
# which a cache step running as the CI user cannot read), seeded from TEXCV_APT_CACHE; the
# .deb files are then copied into TEXCV_APT_CACHE by this script's user.
CACHE_OPTIONS=()
if [ -n "${TEXCV_APT_CACHE:-}" ]; then
  ARCHIVES=${TEXCV_APT_ARCHIVES:-/var/cache/texcv-apt}
  mkdir -p "$TEXCV_APT_CACHE"
  "${SUDO[@]}" mkdir -p "$ARCHIVES/partial"
  if compgen -G "$TEXCV_APT_CACHE/*.deb" >/dev/null; then
    "${SUDO[@]}" cp "$TEXCV_APT_CACHE"/*.deb "$ARCHIVES"/
  fi
  CACHE_OPTIONS=(-o "Dir::Cache::Archives=$ARCHIVES" -o APT::Keep-Downloaded-Packages=true)
fi
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${CACHE_OPTIONS[@]}" "${PACKAGES[@]}" >/dev/null
if [ -n "${TEXCV_APT_CACHE:-}" ] && compgen -G "$ARCHIVES/*.deb" >/dev/null; then
  cp -u "$ARCHIVES"/*.deb "$TEXCV_APT_CACHE"/
  echo "texcv: $(find "$TEXCV_APT_CACHE" -name '*.deb' | wc -l) .deb files kept in $TEXCV_APT_CACHE" >&2
fi
what=$(missing)
if [ -n "$what" ]; then
  echo "texcv: error: TeX install finished but $what is still missing." >&2
  exit 1
fi
# LuaLaTeX's index of installed fonts, made once in TeX Live's shared cache: each build folder
# starts its own font cache from a copy of it (texcv.compile.fonts) instead of reading every
# installed font again.
"${SUDO[@]}" luaotfload-tool --update >/dev/null 2>&1 || true
echo "texcv: TeX Live installed." >&2
