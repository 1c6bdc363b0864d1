"""A header photo: copied beside the .tex (TeX may read nothing else), shown, or reported."""

from __future__ import annotations

import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from conftest import run_texcv

CV = """\
header:
  first_name: Ada
  last_name: Lovelace
  photo: {path: PHOTO, width: 2cm}
sections:
  - title: About
    kind: text
    entries: [Hello]
"""


def write_png(path: Path, width: int = 40, height: int = 50) -> None:
    rows = b"".join(b"\x00" + bytes([120, 140, 160]) * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


@pytest.mark.tex
def test_photo_is_in_the_pdf(require_tex: None, tmp_path: Path) -> None:
    (tmp_path / "pictures").mkdir()
    write_png(tmp_path / "pictures" / "me.png")
    (tmp_path / "cv.yaml").write_text(CV.replace("PHOTO", "pictures/me.png"), encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    listing = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "out" / "cv.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert [line.split()[3:5] for line in listing] == [["40", "50"]]  # one image, our photo


def test_missing_photo_is_reported_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(CV.replace("PHOTO", "nope.png"), encoding="utf-8")
    result = run_texcv("build", "cv.yaml", "-o", "out", cwd=tmp_path)
    assert result.returncode == 2
    assert "cv.yaml:4:17: error: the photo nope.png does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_photo_must_be_an_image_tex_can_include(tmp_path: Path) -> None:
    (tmp_path / "cv.yaml").write_text(CV.replace("PHOTO", "me.gif"), encoding="utf-8")
    result = run_texcv("check", "cv.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "cv.yaml:4:17: error:" in result.stderr
