"""`make bench`: how long each stage of `texcv build` takes, against one plain pdflatex run.

Not a test: it measures and prints a Markdown report (bench/README.md holds a copy).
For each input (the repo's cv.yaml and a generated large CV), with RUNS runs each, medians:
  - the stages (load, validate, render, tex) as `texcv build` reports them, and the whole
    process (Python start-up included), for a cold build (empty cache), a rebuild after
    editing one word, the same rebuild in a warm process (what `texcv watch` does on a save),
    and a no-op build;
  - one plain `pdflatex` run of the same generated .tex, timed alternately with the rebuilds
    (side by side, same machine state), and the ratio of the two;
  - `make pdf` when nothing changed;
and the Python stages alone for 100, 500 and 2000 entries (linear scaling), and for a
generated 5,000-entry .bib (read, format into works, render).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from large_cv import dump, large_bib, large_cv  # noqa: E402

TEXCV = [sys.executable, "-m", "texcv"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
STAGE = re.compile(r"^texcv: (load|validate|prepare|render|tex)\s+(\d+) ms", re.MULTILINE)
BIB_ENTRIES = 5000
EDIT_FROM, EDIT_TO = "broadly interested", "widely interested"


@dataclass
class Timings:
    """Seconds per measured thing, over runs."""

    runs: dict[str, list[float]] = field(default_factory=dict)

    def add(self, name: str, seconds: float) -> None:
        self.runs.setdefault(name, []).append(seconds)

    def median(self, name: str) -> float:
        return statistics.median(self.runs[name])


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"bench: {' '.join(command)} failed:\n{done.stderr}")
    return seconds, done.stderr


def texcv_build(source: Path, out: Path, timings: Timings, prefix: str) -> None:
    seconds, log = timed([*TEXCV, "build", str(source), "-o", str(out), "-v"])
    timings.add(f"{prefix} whole", seconds)
    stages = {name: int(ms) / 1000 for name, ms in STAGE.findall(log)}
    for name, value in stages.items():
        timings.add(f"{prefix} {name}", value)
    if stages:
        timings.add(f"{prefix} total", sum(stages.values()))


def plain_pdflatex(tex: Path, folder: Path, timings: Timings) -> None:
    """One pdflatex run in the sandbox texcv uses, .aux present as in a person's own folder."""
    folder.mkdir(exist_ok=True)
    shutil.copyfile(tex, folder / "cv.tex")
    env = {**ENV, "openin_any": "p", "openout_any": "p"}
    command = ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "cv.tex"]
    if not (folder / "cv.aux").exists():
        subprocess.run(command, cwd=folder, env=env, capture_output=True)
    started = time.perf_counter()
    subprocess.run(command, cwd=folder, env=env, capture_output=True, check=True)
    timings.add("pdflatex", time.perf_counter() - started)


def bench_input(name: str, text: str, runs: int, work: Path) -> Timings:
    timings = Timings()
    folder = work / name
    folder.mkdir()
    source = folder / "cv.yaml"
    source.write_text(text, encoding="utf-8")
    for pattern in ("*.bib", "*.jpg", "*.png"):  # files the repo's cv.yaml may refer to
        for used in ROOT.glob(pattern):
            shutil.copyfile(used, folder / used.name)
    out = folder / "out"
    for _ in range(runs):  # cold: nothing cached
        shutil.rmtree(out, ignore_errors=True)
        texcv_build(source, out, timings, "cold")
    for run in range(runs):  # one word edited, then the plain engine on the same .tex
        edited = text.replace(EDIT_FROM, EDIT_TO if run % 2 == 0 else EDIT_FROM, 1)
        source.write_text(edited, encoding="utf-8")
        texcv_build(source, out, timings, "edit")
        plain_pdflatex(out / "cv.tex", folder / "plain", timings)
    for run in range(runs):  # the same in a warm process, as `texcv watch` rebuilds
        edited = text.replace(EDIT_FROM, EDIT_TO if run % 2 == 0 else EDIT_FROM, 1)
        source.write_text(edited, encoding="utf-8")
        timings.add("watch whole", rebuild_in_process(source, out))
        plain_pdflatex(out / "cv.tex", folder / "plain", timings)
    make = ["make", "-s", "pdf", f"CV={source}", f"OUT={out}"]
    timed(make, cwd=ROOT)  # once untimed: make may first bring the venv up to date
    for _ in range(runs):
        texcv_build(source, out, timings, "noop")
        seconds, _ = timed(make, cwd=ROOT)
        timings.add("make noop", seconds)
    timings.add("pages", float(_pages(out / "cv.pdf")))
    return timings


def rebuild_in_process(source: Path, out: Path) -> float:
    """One `texcv watch` rebuild: the CLI's build in this process, imports already done."""
    from texcv.app.pipeline import Reporter, build_once
    from texcv.app.request import BuildRequest

    request = BuildRequest(input=source, output=out)
    started = time.perf_counter()
    if build_once(request, Reporter(quiet=True)).result is None:
        raise SystemExit("bench: the edit was not seen as a change")
    return time.perf_counter() - started


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    return int(match.group(1)) if match else 0


def python_stages(entries: int, runs: int, work: Path) -> dict[str, float]:
    """Medians of load, validate and render in one process (imports done once, before)."""
    from texcv.render import render
    from texcv.schema.validate import validate
    from texcv.source.yaml_reader import load_yaml

    source = work / f"scale-{entries}.yaml"
    source.write_text(dump(large_cv(entries * 5 // 6, entries // 6)), encoding="utf-8")
    found: dict[str, list[float]] = {"load": [], "validate": [], "render": []}
    for _ in range(runs):
        started = time.perf_counter()
        loaded = load_yaml(source)
        found["load"].append(time.perf_counter() - started)
        started = time.perf_counter()
        cv = validate(loaded)
        found["validate"].append(time.perf_counter() - started)
        started = time.perf_counter()
        render(cv, engine="pdflatex")
        found["render"].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in found.items()}


def bib_stages(entries: int, runs: int, work: Path) -> dict[str, float]:
    """Medians of reading a generated .bib of ``entries`` works, formatting them into
    publication entries, and rendering them (grouped by type, numbered), in one process."""
    from texcv.prepare import prepare
    from texcv.render import render
    from texcv.schema.validate import validate
    from texcv.source.bibtex_reader import latex_to_text, read_bib
    from texcv.source.yaml_reader import load_yaml

    (work / "large.bib").write_text(large_bib(entries), encoding="utf-8")
    source = work / "bib.yaml"
    source.write_text(
        "header: {first_name: Quoc-Tung, last_name: Le}\n"
        "owner: {names: [Quoc-Tung Le]}\n"
        "sections:\n  - title: Publications\n    kind: publication\n"
        "    bibtex: large.bib\n    group_by: type\n    numbered: true\n",
        encoding="utf-8",
    )
    loaded = load_yaml(source)
    cv = validate(loaded)
    found: dict[str, list[float]] = {"read": [], "format": [], "render": []}
    for _ in range(runs):
        latex_to_text.cache_clear()  # each run reads the file afresh
        started = time.perf_counter()
        read_bib(work / "large.bib", "large.bib")
        read = time.perf_counter() - started
        latex_to_text.cache_clear()
        started = time.perf_counter()
        prepared = prepare(loaded, cv, work)  # reads again, then formats
        found["read"].append(read)
        found["format"].append(time.perf_counter() - started - read)
        started = time.perf_counter()
        render(prepared.cv, engine="pdflatex")
        found["render"].append(time.perf_counter() - started)
    return {name: statistics.median(values) for name, values in found.items()}


def import_ms() -> float:
    """Import time of a no-op `texcv build` (python -X importtime, top-level modules)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "texcv", "--version"],
        env=ENV,
        capture_output=True,
        text=True,
    )
    total = 0
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[2].startswith(" ") and not parts[2].startswith("  "):
            total += int(parts[1].strip()) if parts[1].strip().isdigit() else 0
    return total / 1000


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    tex = subprocess.run(["pdflatex", "--version"], capture_output=True, text=True).stdout
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, {tex.splitlines()[0] if tex else 'no pdflatex'}; "
        f"load average at the end: {load}"
    )


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def report(
    results: dict[str, Timings],
    scaling: dict[int, dict[str, float]],
    runs: int,
    bib: dict[str, float] | None = None,
) -> str:
    lines = [
        f"Machine: {machine()}",
        f"Runs: {runs} per measurement, medians; times in ms.",
        "",
        "| input | pages | scenario | load | validate | render | tex | total | whole process "
        "| plain pdflatex | whole / pdflatex |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, t in results.items():
        plain = t.median("pdflatex")
        for scenario in ("cold", "edit", "watch", "noop"):

            def stage(s: str, scenario: str = scenario, t: Timings = t) -> str:
                key = f"{scenario} {s}"
                return ms(t.median(key)) if key in t.runs else "–"

            whole = t.median(f"{scenario} whole")
            lines.append(
                f"| {name} | {t.median('pages'):.0f} | {scenario} | {stage('load')} | "
                f"{stage('validate')} | {stage('render')} | {stage('tex')} | {stage('total')} | "
                f"{ms(whole)} | {ms(plain)} | {whole / plain:.2f}x |"
            )
        lines.append(
            f"| {name} | | `make pdf`, nothing changed | | | | | | {ms(t.median('make noop'))} | | |"
        )
    lines += [
        "",
        f"Import time of `texcv --version` (python -X importtime): {import_ms():.0f} ms.",
        "",
        "Python stages alone (in one process, after imports), medians in ms:",
        "",
        "| entries | load | validate | render | sum | per entry |",
        "|---|---|---|---|---|---|",
    ]
    for entries, stages in scaling.items():
        total = sum(stages.values())
        lines.append(
            f"| {entries} | {ms(stages['load'])} | {ms(stages['validate'])} | "
            f"{ms(stages['render'])} | {ms(total)} | {total / entries * 1e6:.0f} µs |"
        )
    if bib is not None:
        lines += [
            "",
            f"A generated {BIB_ENTRIES:,}-entry .bib (bench/large_cv.py `large_bib`), Python "
            "time in one process, medians in ms:",
            "",
            "| read (pybtex + LaTeX to text) | format (works, owner, links) | render | sum |",
            "|---|---|---|---|",
            f"| {ms(bib['read'])} | {ms(bib['format'])} | {ms(bib['render'])} | "
            f"{ms(sum(bib.values()))} |",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--publications", type=int, default=500)
    parser.add_argument("--talks", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="texcv-bench-") as temporary:
        work = Path(temporary)
        inputs = [
            ("repo cv.yaml", "repo", (ROOT / "cv.yaml").read_text(encoding="utf-8")),
            (
                f"large ({args.publications} publications, {args.talks} talks)",
                "large",
                dump(large_cv(args.publications, args.talks)),
            ),
        ]
        results = {}
        for label, folder, text in inputs:
            print(f"bench: {label} ...", file=sys.stderr, flush=True)
            results[label] = bench_input(folder, text, args.runs, work)
        print("bench: Python stages for 100, 500, 2000 entries ...", file=sys.stderr, flush=True)
        scaling = {n: python_stages(n, args.runs, work) for n in (100, 500, 2000)}
        print(f"bench: a {BIB_ENTRIES}-entry .bib ...", file=sys.stderr, flush=True)
        bib = bib_stages(BIB_ENTRIES, args.runs, work)
    print(report(results, scaling, args.runs, bib))


if __name__ == "__main__":
    main()
