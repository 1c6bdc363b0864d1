"""`.ci/install-tex.sh` with a stand-in apt-get: the .deb cache really saves and is reused.

The GitHub workflows cache TEXCV_APT_CACHE between runs. Before, apt itself downloaded into it,
leaving `partial/` owned by _apt with mode 0700, and the cache step (running as the CI user)
could not save it. Now apt downloads into a folder of its own and the script copies the .deb
files, plain files of its own user, into the cache. A fake apt-get (and a PATH without the real
TeX) lets the test watch what would be downloaded.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / ".ci" / "install-tex.sh"
FAKE_APT = r"""#!/bin/bash
[ "$1" = update ] && { echo update >> "$FAKE_APT_LOG"; exit 0; }
archives=$FAKE_DEFAULT_ARCHIVES  # never the real /var/cache/apt/archives
packages=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o) shift; case "$1" in Dir::Cache::Archives=*) archives=${1#*=} ;; esac ;;
    install | -*) ;;
    *) packages+=("$1") ;;
  esac
  shift
done
mkdir -p "$archives/partial" && chmod 700 "$archives/partial"
for package in "${packages[@]}"; do
  deb="$archives/${package}_1.0_all.deb"
  if [ -f "$deb" ]; then echo "cached $package" >> "$FAKE_APT_LOG"
  else echo "downloaded $package" >> "$FAKE_APT_LOG"; echo "$package" > "$deb"; fi
done
for tool in pdflatex lualatex pdftotext latexmk strace chromium chromedriver; do
  printf '#!/bin/sh\nexit 0\n' > "$FAKE_BIN/$tool"
done
printf '#!/bin/sh\necho /fake/$1\n' > "$FAKE_BIN/kpsewhich"
printf '#!/bin/sh\necho /f/NotoSansCJK-Regular.ttc; echo /f/NotoSerif-Regular.ttf\n' > "$FAKE_BIN/fc-list"
chmod +x "$FAKE_BIN"/*
"""
SUDO = '#!/bin/bash\n[ "$1" = -n ] && shift\nexec "$@"\n'
TOOLS = ("bash", "cp", "mkdir", "id", "grep", "cat", "dirname", "find", "wc", "chmod", "printf")


def machine(tmp_path: Path, name: str) -> dict[str, str]:
    """A fresh machine: apt-get and sudo stand-ins, basic tools, no TeX on PATH."""
    root = tmp_path / name
    fake_bin, tools = root / "fake-bin", root / "tools"
    fake_bin.mkdir(parents=True)
    tools.mkdir()
    for tool in TOOLS:
        found = shutil.which(tool)
        assert found, tool
        (tools / tool).symlink_to(found)
    for script_name, text in (("apt-get", FAKE_APT), ("sudo", SUDO)):
        (fake_bin / script_name).write_text(text)
        (fake_bin / script_name).chmod(0o755)
    return {
        "PATH": f"{fake_bin}{os.pathsep}{tools}",
        "HOME": str(root),
        "FAKE_BIN": str(fake_bin),
        "FAKE_APT_LOG": str(root / "apt.log"),
        "TEXCV_APT_ARCHIVES": str(root / "archives"),  # root's own folder on a real runner
        "FAKE_DEFAULT_ARCHIVES": str(root / "apt-archives"),
    }


def install(env: dict[str, str], *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [shutil.which("bash") or "bash", str(SCRIPT), *options],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip


def log(env: dict[str, str]) -> list[str]:
    return Path(env["FAKE_APT_LOG"]).read_text().split("\n")[:-1]


def packages() -> list[str]:
    text = (ROOT / "src" / "texcv" / "app" / "debian-packages.txt").read_text()
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_the_cache_holds_plain_deb_files_and_the_next_run_downloads_nothing(
    tmp_path: Path,
) -> None:
    cache = tmp_path / "cache"
    first = {**machine(tmp_path, "first"), "TEXCV_APT_CACHE": str(cache)}
    done = install(first)
    assert done.returncode == 0, done.stderr
    assert log(first) == ["update"] + [f"downloaded {p}" for p in packages()]
    entries = sorted(cache.iterdir())
    assert [p.name for p in entries] == sorted(f"{p}_1.0_all.deb" for p in packages())
    for entry in entries:  # what the cache step can read and save: no _apt folder
        info = entry.lstat()
        assert stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()
    assert f"{len(packages())} .deb files kept in {cache}" in done.stderr

    second = {**machine(tmp_path, "second"), "TEXCV_APT_CACHE": str(cache)}  # cache restored
    done = install(second)
    assert done.returncode == 0, done.stderr
    assert log(second) == ["update"] + [f"cached {p}" for p in packages()]

    assert install(second).returncode == 0  # everything there: apt is not run again
    assert log(second).count("update") == 1


def test_test_tools_add_strace_and_the_browser(tmp_path: Path) -> None:
    env = machine(tmp_path, "tests")
    assert install(env).returncode == 0
    assert "downloaded strace" not in log(env)
    (Path(env["FAKE_BIN"]) / "strace").unlink()
    assert install(env).returncode == 0  # strace is not texcv's own need
    done = install(env, "--test-tools")
    assert done.returncode == 0, done.stderr
    assert log(env)[-3:] == [f"downloaded {p}" for p in ("strace", "chromium", "chromium-driver")]
    printed = install(env, "--test-tools", "--print").stdout
    assert printed.split()[-3:] == ["strace", "chromium", "chromium-driver"]
    (Path(env["FAKE_BIN"]) / "chromedriver").unlink()
    assert subprocess.run(["bash", str(SCRIPT), "--test-tools", "--check"], env=env).returncode
    assert install(env, "--test-tools").returncode == 0  # the check noticed it missing


@pytest.mark.parametrize(
    ("file", "says"),
    [
        ("t5enc.def", "Vietnamese"),
        ("lgrenc.def", "Greek"),
        ("lgrlmss.fd", "Greek fonts"),
        ("t2aenc.def", "Cyrillic"),
        ("t2afcs.fd", "Cyrillic fonts"),
    ],
)
def test_a_missing_script_package_is_noticed_and_installed(
    tmp_path: Path, file: str, says: str
) -> None:
    """pdfLaTeX's Vietnamese, Greek and Cyrillic files count as TeX: missing, they are installed."""
    env = machine(tmp_path, "scripts")
    assert install(env).returncode == 0
    assert install(env, "--check").returncode == 0
    kpsewhich = Path(env["FAKE_BIN"]) / "kpsewhich"
    kpsewhich.write_text(f'#!/bin/sh\n[ "$1" = {file} ] && exit 1\necho /fake/$1\n')
    assert install(env, "--check").returncode == 1
    for package in ("texlive-lang-other", "texlive-lang-greek", "texlive-lang-cyrillic"):
        assert package in install(env, "--print").stdout.split()
    done = install(env)  # the stand-in apt-get puts the real-looking kpsewhich back
    assert f"TeX is incomplete ({file} ({says}) missing)" in done.stderr
    assert done.returncode == 0, done.stderr
