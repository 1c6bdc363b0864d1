"""Regenerate texcv's list of pdfLaTeX characters from the installed TeX Live, or check it.

    python scripts/charset_data.py          # rewrite src/texcv/render/data/pdflatex.txt
    python scripts/charset_data.py --check  # exit 1 when the committed file is out of date

The renderer reads the committed file (texcv.render.charset) and never runs kpsewhich itself;
tests/test_charset.py runs ``--check``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from texcv.render.charset import DATA, DFU_FILES, data_text


def installed_dfu_text(name: str) -> str:
    """The text of a .dfu file of the installed TeX Live (found with kpsewhich)."""
    found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, check=True)
    return Path(found.stdout.strip()).read_text(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    installed = data_text({name: installed_dfu_text(name) for name in DFU_FILES})
    if args.check:
        if not DATA.exists() or DATA.read_text(encoding="utf-8") != installed:
            print(f"{DATA} differs from the installed TeX Live: run {sys.argv[0]}")
            return 1
        return 0
    DATA.write_text(installed, encoding="utf-8")
    print(f"wrote {DATA}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
