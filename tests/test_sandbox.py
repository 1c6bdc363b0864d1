"""TeX's sandbox: no file read or written outside the build folder, no command run, a time limit.

The escaper makes TeX in cv.yaml inert (tests/test_escape.py); these tests check the layer
below it, should anything get through: TeX itself runs with openin_any=p, openout_any=p and
-no-shell-escape, and is killed with its process group when late. The last test watches a
whole `texcv build` with strace.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, pdf_text
from texcv.compile.engine import run_pass
from texcv.errors import BuildError

pytestmark = pytest.mark.tex
ENGINES = ("pdflatex", "lualatex")


def compile_body(engine: str, folder: Path, body: str, timeout: float = 60) -> str:
    """Run ``engine`` on a minimal document with ``body`` in ``folder/work``; return the log."""
    work = folder / "work"
    work.mkdir(exist_ok=True)
    (work / "doc.tex").write_text(
        "\\documentclass{article}\\begin{document}\n" + body + "\n\\end{document}\n",
        encoding="utf-8",
    )
    run_pass(engine, "doc.tex", work, timeout)
    return (work / "doc.log").read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize("engine", ENGINES)
def test_tex_cannot_read_a_file_outside_its_folder(
    require_tex: None, tmp_path: Path, engine: str
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET\n", encoding="utf-8")
    log = compile_body(
        engine,
        tmp_path,
        f"\\immediate\\openin5={secret} "
        "\\ifeof5 \\typeout{READ-REFUSED}\\else\\typeout{READ-ALLOWED}\\fi "
        "\\immediate\\openin6=../secret.txt "
        "\\ifeof6 \\typeout{PARENT-REFUSED}\\else\\typeout{PARENT-ALLOWED}\\fi",
    )
    assert "READ-REFUSED" in log and "PARENT-REFUSED" in log, log[-2000:]
    assert "TOPSECRET" not in log


@pytest.mark.parametrize("target", ["../escaped.tex", "ABSOLUTE"])
@pytest.mark.parametrize("engine", ENGINES)
def test_tex_cannot_write_a_file_outside_its_folder(
    require_tex: None, tmp_path: Path, engine: str, target: str
) -> None:
    outside = tmp_path / "escaped.tex"
    name = str(outside) if target == "ABSOLUTE" else target
    log = compile_body(
        engine,
        tmp_path,
        f"\\immediate\\openout6={name} \\immediate\\write6{{x}}\\immediate\\closeout6",
    )
    assert not outside.exists()
    assert "not writable" in log or "I can't write on file" in log, log[-2000:]


@pytest.mark.parametrize("engine", ENGINES)
def test_tex_cannot_run_a_command(require_tex: None, tmp_path: Path, engine: str) -> None:
    marker = tmp_path / "PWNED"
    log = compile_body(engine, tmp_path, f"\\immediate\\write18{{touch {marker}}}x")
    assert not marker.exists()
    if engine == "pdflatex":  # LuaTeX ignores the request without a word in the log
        assert re.search(r"runsystem\(touch .*\)\.\.\.disabled", log), log[-2000:]


def test_a_looping_tex_run_is_killed_with_its_process_group(
    require_tex: None, tmp_path: Path
) -> None:
    with pytest.raises(BuildError, match="did not finish within 2 s"):
        compile_body("pdflatex", tmp_path, r"\def\x{\x}\x", timeout=2)
    work = str((tmp_path / "work").resolve())
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cwd = os.readlink(proc / "cwd")
            except OSError:
                continue
            assert cwd != work, f"process {proc.name} still runs in the build folder"


# --- a whole build under strace -------------------------------------------------------

ATTACKS = [
    "\\input{SECRET}",
    "\\immediate\\write18{touch PWNED}",
    "^^5cinput{SECRET}",
    "\\catcode`\\{=12 \\csname input\\endcsname{SECRET}",
    "}\\end{document}",
]
# Where TeX may read: its own tree and caches, fonts, shared libraries, locale and time data.
READ_PREFIXES = (
    "/usr/",
    "/lib",
    "/etc/texmf/",
    "/etc/fonts/",
    "/etc/ld.so.cache",
    "/etc/localtime",
    "/var/lib/texmf/",
    "/var/cache/fontconfig/",
    "/dev/null",
    "/proc/self/",
)
_OPEN = re.compile(r'^(?:openat|open|creat)\((?:AT_FDCWD, )?"(?P<path>[^"]*)", (?P<flags>[A-Z_|]+)')
_CHILD = re.compile(
    r"^(?:(?:clone3?|fork|vfork)\(|<\.\.\. (?:clone3?|fork|vfork) resumed>).* = (?P<child>\d+)$"
)


CACHES = ("TEXMFVAR", "TEXMFSYSVAR", "TEXMFCACHE")  # luaotfload's font database, format maps
TREES = (*CACHES, "TEXMFHOME", "TEXMFCONFIG", "TEXMFSYSCONFIG", "TEXMFLOCAL", "TEXMFDIST")


STRACE = ("strace", "-f", "-qq", "-e")
TEXCV_BUILD = (sys.executable, "-m", "texcv", "build", "cv.yaml", "-o", "out", "-q")


def tex_folders(names: tuple[str, ...]) -> tuple[str, ...]:
    """The folders kpathsea gives for these TeX Live variables."""
    found = [
        subprocess.run(["kpsewhich", f"-var-value={name}"], capture_output=True, text=True).stdout
        for name in names
    ]
    folders = (part for text in found for part in re.split(r"[:;{},!\s]+", text) if part)
    return tuple(folder.rstrip("/") + "/" for folder in folders if folder.startswith("/"))


def _started(call: str) -> bool:
    """An execve that did not fail (strace may split it into unfinished and resumed lines)."""
    return call.startswith("execve(") and not re.search(r"= -1 E", call)


def tex_process_calls(trace: str) -> tuple[list[str], list[tuple[str, str]]]:
    """(programs TeX processes started, (path, flags) of every file they opened)."""
    parent: dict[int, int] = {}
    engines: set[int] = set()
    calls: list[tuple[int, str]] = []
    for line in trace.splitlines():
        pid_text, call = line.split(None, 1)
        pid = int(pid_text)
        if match := _CHILD.match(call):
            parent[int(match.group("child"))] = pid
        if _started(call) and Path(call.split('"')[1]).name in ("pdflatex", "lualatex", "xelatex"):
            engines.add(pid)
        calls.append((pid, call))

    def from_tex(pid: int) -> bool:
        while pid:
            if pid in engines:
                return True
            pid = parent.get(pid, 0)
        return False

    programs, opened = [], []
    for pid, call in calls:
        if not from_tex(pid):
            continue
        if _started(call):
            programs.append(call.split('"')[1])
        elif (match := _OPEN.match(call)) and not re.search(r"= -1 E", call):
            opened.append((match.group("path"), match.group("flags")))
    assert engines, "strace saw no TeX engine start"
    return programs, opened


@pytest.mark.parametrize("engine", ENGINES)
def test_a_build_with_tex_in_every_field_stays_in_its_folder(
    require_tex: None, tmp_path: Path, engine: str
) -> None:
    """Under LuaLaTeX too, whose font caches (luaotfload's) are the build folder's own."""
    if (
        shutil.which("strace") is None
        or subprocess.run(
            ["strace", "-qq", "-o", os.devnull, "true"], capture_output=True
        ).returncode
    ):
        if os.environ.get("CI") == "true":  # CI must run it, not skip it silently
            pytest.fail("strace is missing or cannot trace in CI")
        pytest.skip("strace is not installed or cannot trace here")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET\n", encoding="utf-8")
    data = yaml.safe_load((FIXTURES / "small_cv.yaml").read_text(encoding="utf-8"))
    # Short paths, so that each attack fits on a line and can be checked in the text; the
    # secret's own (long) path goes into the header, where only strace's record counts.
    attacks = [a.replace("SECRET", "/etc/passwd") for a in ATTACKS]
    data["header"]["extra_info"] = " ".join(a.replace("SECRET", str(secret)) for a in ATTACKS)
    entry = data["sections"][0]["entries"][0]
    entry["title"], entry["highlights"] = attacks[0], attacks[1:]
    data["header"]["title"] = attacks[1]
    data["design"] = {"engine": engine}
    (tmp_path / "cv.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "out"
    trace = tmp_path / "trace.txt"
    calls = "execve,clone,clone3,fork,vfork,open,openat,creat"
    result = subprocess.run(
        [*STRACE, f"trace={calls}", "-e", "signal=none", "-o", str(trace), *TEXCV_BUILD],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr

    programs, opened = tex_process_calls(trace.read_text(encoding="utf-8", errors="replace"))
    assert all(Path(p).name in ("pdflatex", "lualatex") for p in programs), programs
    out_prefix = str(out.resolve()) + "/"
    caches, trees = tex_folders(CACHES), tex_folders(TREES)
    for path, flags in opened:
        relative = not path.startswith("/")
        assert ".." not in Path(path).parts, path
        if re.search(r"O_WRONLY|O_RDWR|O_CREAT", flags):
            # pdfTeX may write TeX Live's caches (fonts it makes); LuaLaTeX writes its own
            # into the build folder (texcv.compile.fonts), nowhere else
            writable = (out_prefix,) if engine == "lualatex" else (out_prefix, *caches)
            assert relative or (path + "/").startswith(writable), path
        else:
            assert relative or (path + "/").startswith((out_prefix, *READ_PREFIXES, *trees)), path
    assert str(secret) not in {path for path, _ in opened}
    assert not (tmp_path / "out" / ".cache" / "PWNED").exists()
    assert not list(tmp_path.rglob("PWNED*"))

    shown = " ".join(pdf_text(out / "cv.pdf").split())
    assert "TOPSECRET" not in shown and "root:x:0:0" not in shown
    for attack in attacks:  # shown literally (pdftotext may break the line at a space)
        assert "".join(attack.split()) in shown.replace(" ", ""), attack
