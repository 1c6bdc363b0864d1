"""Which characters pdfLaTeX can print so that the PDF's text layer gives them back.

pdfLaTeX (T1 and TS1 font encodings, utf8 input) knows the characters that TeX Live's
``t1enc.dfu`` and ``ts1enc.dfu`` declare. That list is kept here as data (``data/t1ts1.txt``,
regenerated with ``python -m texcv.render.charset``; a test compares it with the installed
files). Some of those characters are drawn as an accent over a letter, or as two letters, or
with a glyph whose name maps to another character: they look right but ``pdftotext`` extracts
something else (``Ā`` as ``A`` + combining macron, ``ﬁ`` as ``fi``, ``²`` as ``2``). Those are
listed in ``NOT_ROUND_TRIP`` (found by compiling every character; a TeX test checks the rest
round-trips) and send the document to the Unicode engine instead.
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "t1ts1.txt"
DFU_FILES = ("t1enc.dfu", "ts1enc.dfu")
_DECLARE = re.compile(r"^\\DeclareUnicodeCharacter\{(?P<code>[0-9A-Fa-f]{4,6})\}", re.MULTILINE)

# Declared in the .dfu files, but pdftotext does not give the character back (see above).
NOT_ROUND_TRIP = frozenset(
    chr(code)
    for code in (
        # superscript digits: the glyph names map to plain digits
        *(0x00B2, 0x00B3, 0x00B9),
        # accent + letter built by TeX (no precomposed T1 glyph)
        *(0x0100, 0x0101, 0x0108, 0x0109, 0x010A, 0x010B, 0x0112, 0x0113, 0x0114, 0x0115),
        *(0x0116, 0x0117, 0x011C, 0x011D, 0x0120, 0x0121, 0x0122, 0x0123, 0x0124, 0x0125),
        *(0x0128, 0x0129, 0x012A, 0x012B, 0x012C, 0x012D, 0x012E, 0x012F, 0x0134, 0x0135),
        *(0x0136, 0x0137, 0x013B, 0x013C, 0x0145, 0x0146, 0x014C, 0x014D, 0x014E, 0x014F),
        *(0x0156, 0x0157, 0x015C, 0x015D, 0x0168, 0x0169, 0x016A, 0x016B, 0x016C, 0x016D),
        *(0x0172, 0x0173, 0x0174, 0x0175, 0x0176, 0x0177, 0x01CD, 0x01CE, 0x01CF, 0x01D0),
        *(0x01D1, 0x01D2, 0x01D3, 0x01D4, 0x01E2, 0x01E3, 0x01E6, 0x01E7, 0x01E8, 0x01E9),
        *(0x01EA, 0x01EB, 0x01F0, 0x01F4, 0x01F5, 0x0218, 0x0219, 0x021A, 0x021B, 0x0232),
        *(0x0233, 0x02DB, 0x1E02, 0x1E03, 0x1E0D, 0x1E1E, 0x1E1F, 0x1E20, 0x1E21, 0x1E25),
        *(0x1E30, 0x1E31, 0x1E37, 0x1E43, 0x1E45, 0x1E47, 0x1E5B, 0x1E63, 0x1E6D, 0x1E8E),
        *(0x1E8F, 0x1E90, 0x1E91, 0x1EF2, 0x1EF3),
        # Đ is printed with the glyph of Ð; ẞ as SS; digraphs as two letters
        *(0x0110, 0x1E9E, 0x01C4, 0x01C5, 0x01C6, 0x01C7, 0x01C8, 0x01C9, 0x01CA, 0x01CB),
        0x01CC,
        # dash and hyphen variants printed with the plain hyphen, en or em dash
        *(0x2010, 0x2011, 0x2012, 0x2015),
        # TS1 symbols whose glyph names have no Unicode mapping, or the wrong one
        *(0x0E3F, 0x2031, 0x204E, 0x2052, 0x20A6, 0x20B1, 0x2117, 0x211E, 0x2120, 0x2126),
        *(0x2127, 0x2422, 0x25EF, 0x27E8, 0x27E9, 0x3008, 0x3009),
        # ligature characters, printed as their letters
        *(0xFB00, 0xFB01, 0xFB02, 0xFB03, 0xFB04, 0xFB05, 0xFB06),
        # invisible: a soft hyphen, a byte order mark
        *(0x00AD, 0xFEFF),
    )
)


def declared_code_points(dfu_text: str) -> set[int]:
    """The code points a .dfu file gives a LaTeX definition."""
    return {int(match.group("code"), 16) for match in _DECLARE.finditer(dfu_text)}


@cache
def t1_ts1() -> frozenset[str]:
    """Every character t1enc.dfu or ts1enc.dfu declares (from the committed data)."""
    codes = (line.split()[0] for line in DATA.read_text(encoding="ascii").splitlines())
    return frozenset(chr(int(code, 16)) for code in codes if code and not code.startswith("#"))


@cache
def pdflatex_characters() -> frozenset[str]:
    """What pdfLaTeX prints and pdftotext reads back as typed: printable ASCII and more."""
    ascii_printable = {chr(code) for code in range(0x20, 0x7F)}
    return frozenset(ascii_printable | (t1_ts1() - NOT_ROUND_TRIP))


def installed_dfu_text(name: str) -> str:
    """The text of a .dfu file of the installed TeX Live (found with kpsewhich)."""
    found = subprocess.run(["kpsewhich", name], capture_output=True, text=True, check=True)
    return Path(found.stdout.strip()).read_text(encoding="latin-1")


def data_text(dfu_texts: dict[str, str]) -> str:
    """The committed data file for these .dfu texts: one ``CODE FILE`` line per character."""
    owner: dict[int, str] = {}
    for name, text in dfu_texts.items():
        for code in declared_code_points(text):
            owner.setdefault(code, name)
    lines = [f"{code:04X} {owner[code]}" for code in sorted(owner)]
    header = "# Characters TeX Live's t1enc.dfu and ts1enc.dfu declare (texcv.render.charset)."
    return "\n".join([header, *lines]) + "\n"


if __name__ == "__main__":  # regenerate data/t1ts1.txt from the installed TeX Live
    DATA.write_text(data_text({name: installed_dfu_text(name) for name in DFU_FILES}), "ascii")
    print(f"wrote {DATA}", file=sys.stderr)
