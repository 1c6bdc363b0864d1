"""`texcv completion bash|zsh`: a shell completion script, generated from the argument parser.

shtab writes a static script from argparse once; the shell then completes commands, options
and choices (engines, formats) without starting Python on every Tab, as argcomplete would.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

SHELLS = ("bash", "zsh")
# Arguments that name files, and commands whose -o names a file rather than a folder.
_FILES = {"input", "source", "path"}
_FILE_OUTPUT = {"import", "schema"}


def completion_script(parser: argparse.ArgumentParser, shell: str) -> str:
    import shtab

    for command, action in _actions(parser):
        if action.dest in _FILES or (action.dest == "output" and command in _FILE_OUTPUT):
            action.complete = shtab.FILE  # type: ignore[attr-defined]
        elif action.dest in ("output", "build_dir"):
            action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
    return shtab.complete(parser, shell=shell)


def _actions(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.Action]]:
    """Every argument, with the name of the subcommand it belongs to ("" for the top)."""
    yield from (("", action) for action in parser._actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from ((name, each) for each in sub._actions)
