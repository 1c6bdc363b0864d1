"""The design's rules, checked: stages import one way, the renderer runs no process, only the
app prints. The import rules are import-linter contracts in pyproject.toml."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "texcv"
STREAMS = {"stdout", "stderr"}


def test_the_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 broken" in done.stdout


def terminal_writes(tree: ast.AST) -> list[int]:
    """Lines that call print() or touch sys.stdout / sys.stderr, in order."""
    return sorted(node.lineno for node in ast.walk(tree) if _writes(node))


def _writes(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return isinstance(node.func, ast.Name) and node.func.id == "print"
    if isinstance(node, ast.Attribute):
        return node.attr in STREAMS and isinstance(node.value, ast.Name) and node.value.id == "sys"
    if isinstance(node, ast.ImportFrom):
        return node.module == "sys" and bool(STREAMS & {alias.name for alias in node.names})
    return False


def test_only_the_app_prints() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if (PACKAGE / "app") in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        found += [f"{path.relative_to(ROOT)}:{line}" for line in terminal_writes(tree)]
    assert not found, "only texcv.app writes to the terminal: " + ", ".join(found)


def test_the_print_check_sees_each_kind_of_write() -> None:
    source = (
        "import sys\nfrom sys import stderr\nprint('a')\n"
        "sys.stderr.write('b')\nprint('c', file=sys.stdout)\n"
    )
    assert terminal_writes(ast.parse(source)) == [2, 3, 4, 5, 5]
