"""`make bench`: how long texcv takes for five kinds of CV, against a plain run of the same
engine on the same .tex.

Not a test: it measures and prints a Markdown report (bench/README.md holds a copy). All of it
comes from one run of this script, RUNS runs per measurement (medians):
  - five CVs: the repo's cv.yaml in English; the same with the name in Vietnamese; one with
    Greek and Cyrillic text; one with CJK text; a generated academic CV of about 15 pages;
  - each built cold (empty build folder), after a one-word edit (a fresh `texcv build`), and
    after the same edit in watch (`texcv watch`'s builds in a warm process, the next TeX run
    already started and waiting), and which engine and fonts it used;
  - a plain run of the same engine on the same .tex (its .aux present, TeX's own caches warm),
    timed alternately with the edits; and the plain run as texcv made it before issue 16 (a
    Unicode CV went to LuaLaTeX with one fallback chain, Noto CJK and all): the same .tex with
    that font set-up instead;
  - no-op builds and `make pdf` when nothing changed (repo CV);
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

import yaml  # noqa: E402
from large_cv import dump, large_bib, large_cv  # noqa: E402

TEXCV = [sys.executable, "-m", "texcv"]
# texcv's processes keep their compiled bytecode (__pycache__) as they do for a person: a
# machine that sets PYTHONDONTWRITEBYTECODE (as this one) would compile texcv's modules
# again in every fresh process (about 20 ms).
ENV = {
    **{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPATH": str(ROOT / "src"),
}
STAGE = re.compile(r"^texcv: (load|validate|prepare|render|tex)\s+(\d+) ms", re.MULTILINE)
ENGINE = re.compile(r"^texcv: tex\s+\d+ ms\s+(\w+),", re.MULTILINE)
BIB_ENTRIES = 5000
EDIT_FROM, EDIT_TO = "broadly interested", "widely interested"


@dataclass
class Timings:
    """Seconds per measured thing, over runs."""

    runs: dict[str, list[float]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)  # engine, fonts

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


def texcv_build(source: Path, out: Path, timings: Timings, prefix: str) -> str:
    """One fresh `texcv build`; its stage times; the engine it reports. *whole* is the
    process; *pdf* until the new PDF is in place (a rename: the file's ctime), which the
    read-back of the finished PDF and the process's exit come after."""
    started = time.time_ns()
    seconds, log = timed([*TEXCV, "build", str(source), "-o", str(out), "-v"])
    timings.add(f"{prefix} whole", seconds)
    timings.add(f"{prefix} pdf", pdf_age(out / source.with_suffix(".pdf").name, started))
    stages = {name: int(ms) / 1000 for name, ms in STAGE.findall(log)}
    for name, value in stages.items():
        timings.add(f"{prefix} {name}", value)
    if stages:
        timings.add(f"{prefix} total", sum(stages.values()))
    found = ENGINE.search(log)
    return found.group(1) if found else "?"


def plain_run(
    engine: str, tex: str, folder: Path, timings: Timings, key: str, beside: Path | None = None
) -> None:
    """One run of ``engine`` on ``tex`` in the sandbox texcv uses, .aux present as in a
    person's own folder, TeX's own font caches (not the build folder's), warmed once; with
    the font subsets texcv cut for it (from its build folder ``beside``)."""
    folder.mkdir(exist_ok=True)
    for font in beside.glob("texcv-font-*") if beside else ():
        shutil.copyfile(font, folder / font.name)
    (folder / "cv.tex").write_text(tex, encoding="utf-8")
    env = {**ENV, "openin_any": "p", "openout_any": "p"}
    command = [engine, "-interaction=nonstopmode", "-halt-on-error", "cv.tex"]
    if not (folder / "cv.aux").exists():  # the first run writes the .aux, fills the caches
        subprocess.run(command, cwd=folder, env=env, capture_output=True)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=folder, env=env, capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"bench: {engine} failed on {folder}/cv.tex")
    timings.add(key, time.perf_counter() - started)


# The font set-up of latex_templates/unicode.tex before issue 16: Noto Serif and Noto Sans by
# name, each with a fallback chain of Noto CJK, Symbols, Symbols2 and Math, loaded whatever
# the text. `before` puts it in place of the fonts texcv chooses now.
BEFORE_FONTS = r"""\usepackage{fontspec}
\directlua{
    luaotfload.add_fallback("texcvserif", {"NotoSerifCJKsc-Regular:mode=node;",
      "NotoSansSymbols-Regular:mode=node;", "NotoSansSymbols2-Regular:mode=node;",
      "NotoSansMath-Regular:mode=node;"})
    luaotfload.add_fallback("texcvsans", {"NotoSansCJKsc-Regular:mode=node;",
      "NotoSansSymbols-Regular:mode=node;", "NotoSansSymbols2-Regular:mode=node;",
      "NotoSansMath-Regular:mode=node;"})}
\setmainfont{Noto Serif}[RawFeature={fallback=texcvserif}]
\setsansfont{Noto Sans}[RawFeature={fallback=texcvsans}]
"""
_FONT_LINE = re.compile(
    r"^\\(usepackage\{fontspec\}|setmainfont|setsansfont|newfontfamily|texcvdefinescript"
    r"|texcvfamily|texcvfontfamily|renewcommand\{\\(rm|sf)default\}|directlua\{luaotfload).*\n",
    re.MULTILINE,
)


def before(tex: str) -> str | None:
    """The LuaLaTeX .tex as texcv made it before issue 16 (None for a pdfLaTeX .tex): its
    fonts replaced by the old fallback chain; runs of other scripts fall to it."""
    if "\\usepackage{fontspec}" not in tex and "\\texcvfamily{" not in tex:
        return None
    first = _FONT_LINE.search(tex)
    assert first is not None
    return tex[: first.start()] + BEFORE_FONTS + _FONT_LINE.sub("", tex[first.start() :])


def fonts_used(pdf: Path) -> str:
    """The PDF's font families (pdffonts, subset prefix and style dropped), icons left out."""
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    names = []
    for line in out.splitlines()[2:]:
        name = line.split()[0].split("+", 1)[-1]
        family = re.sub(r"[-,].*$|\d+$", "", name)
        family = re.sub(r"^(LMSans|LMRoman|LMMathSymbols|LMMono)\d*", r"\1", family)
        if family.startswith("FontAwesome"):
            continue
        names.append("cbfonts" if re.fullmatch(r"gs[a-z]{2}", family) else family)
    return ", ".join(dict.fromkeys(names))


def bench_input(name: str, text: str, runs: int, work: Path, noop: bool = False) -> Timings:
    timings = Timings()
    folder = work / name
    folder.mkdir()
    source = folder / "cv.yaml"
    source.write_text(text, encoding="utf-8")
    for pattern in ("*.bib", "*.jpg", "*.png"):  # files the repo's cv.yaml may refer to
        for used in ROOT.glob(pattern):
            shutil.copyfile(used, folder / used.name)
    out = folder / "out"
    engine = "?"
    for _ in range(runs):  # cold: nothing cached
        shutil.rmtree(out, ignore_errors=True)
        engine = texcv_build(source, out, timings, "cold")
    timings.notes["engine"] = engine
    for run in range(runs):  # one word edited, then the plain engine on the same .tex
        source.write_text(edit(text, run), encoding="utf-8")
        texcv_build(source, out, timings, "edit")
        tex = (out / "cv.tex").read_text(encoding="utf-8")
        plain_run(engine, tex, folder / "plain", timings, "plain", out / ".cache" / f"cv-{engine}")
        old = before(tex)
        if old is not None:
            plain_run("lualatex", old, folder / "before", timings, "before")
    with Watching(source, out) as watching:  # the same edits, as `texcv watch` builds them
        for run in range(runs):
            watching.wait_until_ready()
            source.write_text(edit(text, run + 1), encoding="utf-8")
            watching.build(timings)
            tex = (out / "cv.tex").read_text(encoding="utf-8")
            beside = out / ".cache" / f"cv-{engine}"
            plain_run(engine, tex, folder / "plain", timings, "plain", beside)
    timings.notes["fonts"] = fonts_used(out / "cv.pdf")
    timings.add("pages", float(_pages(out / "cv.pdf")))
    if noop:
        make = ["make", "-s", "pdf", f"CV={source}", f"OUT={out}"]
        timed(make, cwd=ROOT)  # once untimed: make may first bring the venv up to date
        for _ in range(runs):
            texcv_build(source, out, timings, "noop")
            seconds, _ = timed(make, cwd=ROOT)
            timings.add("make noop", seconds)
    return timings


def edit(text: str, run: int) -> str:
    """``text`` with one word changed (back and forth, so every build sees a change)."""
    return text.replace(EDIT_FROM, EDIT_TO, 1) if run % 2 == 0 else text


class Watching:
    """`texcv watch`'s builds in this process (texcv.app.pipeline.Rebuilds): after each, the
    next build's TeX run is started and reads its fixed preamble while the person types."""

    def __init__(self, source: Path, out: Path) -> None:
        from texcv.app.pipeline import Rebuilds
        from texcv.app.request import BuildRequest

        self.rebuilds = Rebuilds(BuildRequest(input=source, output=out))

    def __enter__(self) -> Watching:
        self.rebuilds.next()  # the build `texcv watch` starts with
        return self

    def __exit__(self, *_: object) -> None:
        self.rebuilds.close()

    def wait_until_ready(self, limit: float = 30) -> None:
        """Until the waiting TeX run is idle (it has read what it was given): a person saves
        seconds after the last build, not milliseconds."""
        waiting = self.rebuilds.waiting
        if waiting is None:
            return
        stat = Path(f"/proc/{waiting.process.pid}/stat")
        deadline = time.monotonic() + limit
        last = None
        while time.monotonic() < deadline:
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                return
            used = int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
            if fields[0] == "S" and used == last:
                return
            last = used
            time.sleep(0.2)

    def build(self, timings: Timings) -> None:
        """One build after a save: *watch whole* to the end of the step (the read-back, the
        next TeX run started), *watch pdf* until the new PDF is in place."""
        started, wall = time.time_ns(), time.perf_counter()
        done = self.rebuilds.next()
        timings.add("watch whole", time.perf_counter() - wall)
        if done.error is not None or done.result is None:
            raise SystemExit(f"bench: a watch build did not build: {done.summary()}")
        timings.add("watch pdf", pdf_age(done.result.pdf, started))


def pdf_age(pdf: Path, started_ns: int) -> float:
    """Seconds from ``started_ns`` (time.time_ns) to the PDF's last rename into place."""
    return (pdf.stat().st_ctime_ns - started_ns) / 1e9


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
        f"Runs: {runs} per measurement, medians; times in ms; all from one run of the script.",
        "",
        "From the start of a fresh `texcv build` (cold: empty build folder; edit: one word "
        "changed) or from the save (watch) until the new PDF is in place; then the whole "
        "process or watch step (reading the PDF back, and in watch starting the next TeX run). "
        "*plain*: one run of the same engine on the same .tex; *before*: the plain run of the "
        ".tex texcv made before issue 16 (LuaLaTeX CVs only, with the fonts of then).",
        "",
        "| CV | engine | fonts | pages | cold | edit | watch | edit, whole | watch, whole "
        "| plain | before | cold / plain | edit / plain | watch / plain | edit / before "
        "| watch / before |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, t in results.items():
        plain = t.median("plain")
        old = t.median("before") if "before" in t.runs else None
        cold, edit, watch = (t.median(f"{k} pdf") for k in ("cold", "edit", "watch"))

        def ratio(value: float, base: float | None) -> str:
            return f"{value / base:.2f}x" if base else "–"

        lines.append(
            f"| {name} | {t.notes['engine']} | {t.notes['fonts']} | {t.median('pages'):.0f} "
            f"| {ms(cold)} | {ms(edit)} | {ms(watch)} | {ms(t.median('edit whole'))} "
            f"| {ms(t.median('watch whole'))} | {ms(plain)} | {ms(old) if old else '–'} "
            f"| {ratio(cold, plain)} | {ratio(edit, plain)} | {ratio(watch, plain)} "
            f"| {ratio(edit, old)} | {ratio(watch, old)} |"
        )
    lines += [
        "",
        "Stages as `texcv build -v` reports them (cold and edit), medians in ms:",
        "",
        "| CV | scenario | load | validate | prepare | render | tex | stages |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, t in results.items():
        for scenario in ("cold", "edit"):

            def stage(s: str, scenario: str = scenario, t: Timings = t) -> str:
                key = f"{scenario} {s}"
                return ms(t.median(key)) if key in t.runs else "–"

            lines.append(
                f"| {name} | {scenario} | {stage('load')} | {stage('validate')} "
                f"| {stage('prepare')} | {stage('render')} | {stage('tex')} | {stage('total')} |"
            )
    for name, t in results.items():
        if "noop whole" in t.runs:
            lines += [
                "",
                f"{name}, nothing changed: `texcv build` {ms(t.median('noop whole'))} ms, "
                f"`make pdf` {ms(t.median('make noop'))} ms.",
            ]
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
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--publications", type=int, default=150)
    parser.add_argument("--talks", type=int, default=30)
    args = parser.parse_args()
    repo = (ROOT / "cv.yaml").read_text(encoding="utf-8")
    inputs = [
        ("English (repo cv.yaml)", "english", repo, True),
        ("Vietnamese name", "vietnamese", with_name(repo, "Quốc Tùng", "Lê"), False),
        ("Greek and Cyrillic", "greek-cyrillic", greek_and_cyrillic(repo), False),
        ("CJK", "cjk", cjk(repo), False),
        (
            f"academic ({args.publications} publications, {args.talks} talks)",
            "academic",
            dump(large_cv(args.publications, args.talks)),
            False,
        ),
    ]
    with tempfile.TemporaryDirectory(prefix="texcv-bench-") as temporary:
        work = Path(temporary)
        committed(work)
        results = {}
        for label, folder, text, noop in inputs:
            print(f"bench: {label} ...", file=sys.stderr, flush=True)
            results[label] = bench_input(folder, text, args.runs, work, noop)
        print("bench: Python stages for 100, 500, 2000 entries ...", file=sys.stderr, flush=True)
        scaling = {n: python_stages(n, args.runs, work) for n in (100, 500, 2000)}
        print(f"bench: a {BIB_ENTRIES}-entry .bib ...", file=sys.stderr, flush=True)
        bib = bib_stages(BIB_ENTRIES, args.runs, work)
    print(report(results, scaling, args.runs, bib))


def committed(work: Path) -> None:
    """A git repository around the CVs, as a person keeps one: the PDF's date is then the last
    commit's, the same from one save to the next (outside git it would be each save's time,
    and no TeX run could be started before the save that sets it)."""
    env = {
        **ENV,
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }
    for command in (["init", "-q"], ["commit", "-q", "--allow-empty", "-m", "bench"]):
        subprocess.run(["git", *command], cwd=work, env=env, check=True, capture_output=True)


def with_name(text: str, first: str, last: str) -> str:
    """The repo's CV with the owner's name written ``first`` ``last``."""
    data = yaml.safe_load(text)
    data["header"]["first_name"], data["header"]["last_name"] = first, last
    return dump(data)


def greek_and_cyrillic(text: str) -> str:
    """The repo's CV with a Greek name, and Greek and Cyrillic in its first entries."""
    data = yaml.safe_load(with_name(text, "Γιώργος", "Παπαδόπουλος"))
    data["header"]["title"] = "Μεταδιδάκτορας, Тулузская школа экономики"
    entries = data["sections"][1]["entries"]
    entries[0]["location"] = "Λυών, Γαλλία — Лион, Франция"
    entries[0]["highlights"].append(
        "Αλγοριθμικές πτυχές, Алгоритмические аспекты разреженных сетей"
    )
    return dump(data)


def cjk(text: str) -> str:
    """The repo's CV with Chinese and Japanese in its title and first entries."""
    data = yaml.safe_load(text)
    data["header"]["title"] = "博士后研究员，图卢兹经济学院，法国"
    entries = data["sections"][1]["entries"]
    entries[0]["location"] = "里昂，法国（リヨン、フランス）"
    entries[2]["description"] = "河内百科大学信息技术人才工程项目。稀疏矩阵分解与深度神经网络。"
    return dump(data)


if __name__ == "__main__":
    main()
