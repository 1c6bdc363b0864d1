"""`texcv init [DIR]`: a CV repository in one command, ready for GitHub.

Writes what a repository needs to keep a CV and publish it: the starter cv.yaml and its JSON
Schema (texcv.app.starter), a .gitignore for build/ and dist/, and a GitHub workflow that runs
texcv's action (action.yml at the root of texcv's repository) on every push and attaches the
PDFs to the release of every tag. Files already there are kept, so init is safe to run in an
existing repository; a .gitignore only gains the lines it lacks.
"""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from texcv.app.starter import SCHEMA_NAME, create_new_file, write_starter
from texcv.errors import TexcvError

WORKFLOW = Path(".github") / "workflows" / "release.yml"
ACTION_MAJOR = "v1"  # the action's moving major tag: texcv/texcv@v1
IGNORED = ("build/", "dist/")
_PLACEHOLDER = "@@ACTION@@"


def project_home() -> str:
    """texcv's home page, from the installed metadata (pyproject's [project.urls], the one place
    it is written)."""
    from importlib import metadata  # 10 ms of imports: not on every command's way

    try:
        entries = metadata.metadata("texcv").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        entries = []
    for entry in entries:
        label, _, url = entry.partition(",")
        if label.strip().lower() == "homepage":
            return url.strip()
    raise TexcvError(
        "texcv's package metadata has no Homepage URL", hint="reinstall texcv with pip"
    )


def action_reference() -> str:
    """What a workflow writes after ``uses:``: ``OWNER/NAME@v1`` of texcv's GitHub repository."""
    home = project_home()
    prefix = "https://github.com/"
    if not home.startswith(prefix):
        raise TexcvError(f"texcv's home {home} is not a GitHub repository; it hosts the action")
    return f"{home.removeprefix(prefix).strip('/')}@{ACTION_MAJOR}"


def workflow_text() -> str:
    """The workflow `texcv init` writes (the README shows the same text)."""
    files = resources.files("texcv.app").joinpath("repo_files")
    template = files.joinpath("cv-workflow.yml").read_text(encoding="utf-8")
    return template.replace(_PLACEHOLDER, action_reference())


def _gitignore(path: Path) -> str:
    if not path.exists():
        create_new_file(path, "".join(f"{entry}\n" for entry in IGNORED))
        return f"wrote {path}"
    text = path.read_text(encoding="utf-8")
    lines = {line.strip() for line in text.splitlines()}
    lacking = [e for e in IGNORED if e not in lines and f"/{e}" not in lines]
    if not lacking:
        return f"kept {path}"
    ending = "" if not text or text.endswith("\n") else "\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(ending + "".join(f"{entry}\n" for entry in lacking))
    return f"added {', '.join(lacking)} to {path}"


def init_repository(folder: Path) -> list[str]:
    """Create what is missing in ``folder`` (made if needed); one line per file, for the CLI."""
    workflow = workflow_text()  # before writing anything: fails whole or not at all
    folder.mkdir(parents=True, exist_ok=True)
    done: list[str] = []
    cv = folder / "cv.yaml"
    if cv.exists():
        done.append(f"kept {cv}")
    else:
        # No example letter: the release workflow would publish it with the CV.
        done += [f"wrote {path}" for path in write_starter(cv, letter=False)]
    schema = folder / SCHEMA_NAME
    if not schema.exists():
        from texcv.schema.json_schema import json_schema_text

        done.append(f"wrote {create_new_file(schema, json_schema_text())}")
    done.append(_gitignore(folder / ".gitignore"))
    target = folder / WORKFLOW
    if target.exists():
        done.append(f"kept {target}")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        done.append(f"wrote {create_new_file(target, workflow)}")
    return done


def command_init(args: argparse.Namespace) -> int:
    folder = Path(args.folder)
    for line in init_repository(folder):
        print(f"texcv: {line}", file=sys.stderr)
    where = "" if folder == Path() else f"cd {folder} && "
    print(
        f"texcv: next: edit cv.yaml, then `{where}texcv build` (`texcv doctor` if TeX is "
        "missing); on GitHub, push a tag (git tag v1.0.0 && git push origin v1.0.0) to publish "
        "the PDFs as a release",
        file=sys.stderr,
    )
    return 0


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:  # type: ignore[type-arg]
    init = sub.add_parser(
        "init",
        help="make a CV repository: cv.yaml, .gitignore and a GitHub release workflow",
        description="Write a starter cv.yaml (and cv.schema.json), a .gitignore for build/ and "
        f"dist/, and {WORKFLOW.as_posix()}, which builds the CV with texcv's GitHub Action on "
        "every push and attaches the PDFs to the release of every tag. Files already there "
        "are kept.",
    )
    init.add_argument("folder", nargs="?", default=".", help="where (default: here)")
    init.set_defaults(handler=command_init)
    return init
