"""`texcv serve`: build, watch, and show the PDF's pages on a local web page.

The standard library's http.server is enough for one person's browser on 127.0.0.1 (the only
address it listens on): the page (preview.html, no build step, no framework) shows each page
of the last good PDF as a PNG drawn by poppler's pdftoppm, with the page's text (pdftotext) as
its alt text. The server tells the page about every build through Server-Sent Events
(/events); the page then fetches /state. While cv.yaml is broken the page shows each
diagnostic with the lines of cv.yaml around it, and keeps the last good pages.

The builds run in the calling thread through texcv.app.watch; the server in threads of its own.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from texcv.app.diagnostics import Diagnostic, diagnostics
from texcv.app.request import BuildRequest

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
RESOLUTION = 110  # dpi of the page images: sharp on a screen, about 100 KB a page
CONTEXT = 2  # lines of cv.yaml shown above and below a diagnostic's line
HEARTBEAT = 15.0  # seconds between SSE comments, so proxies and browsers keep the stream
_TIMEOUT = 60


@dataclass
class Snippet:
    """Lines of a file around a diagnostic, for the page."""

    first: int  # the number of lines[0]
    lines: list[str]
    line: int  # the diagnostic's own line


@dataclass
class State:
    """What the page shows; replaced whole by the build thread, read by the server's."""

    version: int = 0  # one more after every build, good or bad
    build: int = 0  # the version of the last good build, whose pages are shown
    building: bool = True
    ok: bool = True
    summary: str = "building..."
    pages: list[dict[str, str]] = field(default_factory=list)  # {"src", "text"} per page
    diagnostics: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


class Preview:
    """The state shared between the builds and the server; a condition wakes /events."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder  # page images live in folder/<version>/
        self.state = State()
        self.changed = threading.Condition()

    def publish(self, state: State) -> None:
        with self.changed:
            self.state = state
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> State:
        """The state once its version is past ``seen`` (or as it is after ``timeout``)."""
        with self.changed:
            self.changed.wait_for(lambda: self.state.version != seen, timeout)
            return self.state

    def succeeded(self, pdf: Path, summary: str, diagnostics: list[dict[str, Any]]) -> None:
        version = self.state.version + 1
        pages = draw_pages(pdf, self.folder / str(version), version)
        self._forget_pages_but(version)
        self.publish(
            State(version, version, False, True, summary, pages, diagnostics),
        )

    def building(self) -> None:
        """A build started: the page says so (and keeps everything else)."""
        old = self.state
        self.publish(State(**{**old.__dict__, "version": old.version + 1, "building": True}))

    def failed(self, summary: str, diagnostics: list[dict[str, Any]]) -> None:
        old = self.state
        self.publish(
            State(old.version + 1, old.build, False, False, summary, old.pages, diagnostics)
        )

    def _forget_pages_but(self, version: int) -> None:
        keep = {str(version), str(self.state.build)}  # the page may still load the old ones
        if self.folder.is_dir():
            for old in self.folder.iterdir():
                if old.name not in keep:
                    shutil.rmtree(old, ignore_errors=True)


def draw_pages(pdf: Path, folder: Path, version: int) -> list[dict[str, str]]:
    """PNG images of every page (pdftoppm) and each page's text (pdftotext)."""
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(RESOLUTION), str(pdf), str(folder / "page")],
        check=True,
        capture_output=True,
        timeout=_TIMEOUT,
    )
    images = sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=_TIMEOUT,
    ).stdout.split("\f")
    return [
        {
            "src": f"/pages/{version}/{image.name}",
            "text": " ".join(text[number].split()) if number < len(text) else "",
        }
        for number, image in enumerate(images)
    ]


def snippet(diagnostic: Diagnostic, base: Path) -> Snippet | None:
    """The lines around the diagnostic's line in its file (cv.yaml, a .bib), when readable."""
    if diagnostic.file is None or diagnostic.line is None:
        return None
    path = Path(diagnostic.file)
    if not path.is_absolute():
        path = base / path
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    first = max(1, diagnostic.line - CONTEXT)
    last = min(len(lines), diagnostic.line + CONTEXT)
    return Snippet(first, lines[first - 1 : last], diagnostic.line)


def described(diagnostics: list[Diagnostic], base: Path) -> list[dict[str, Any]]:
    """Diagnostics as the page shows them: the message line, the hint, and the file's lines."""
    shown = []
    for item in diagnostics:
        where = ":".join(
            str(part) for part in (item.file, item.line, item.column) if part is not None
        )
        around = snippet(item, base)
        shown.append(
            {
                "heading": f"{where or 'texcv'}: {item.severity}: {item.message}",
                "severity": item.severity,
                "code": item.code.value,
                "hint": item.hint,
                "path": item.path,
                "column": item.column,
                "snippet": around.__dict__ if around else None,
            }
        )
    return shown


def serve(
    preview: Preview,
    port: int,
    say: Callable[[str], None],
    ready: Callable[[str], None],
    run_builds: Callable[[threading.Event], int],
) -> int:
    """Start the server, announce its address, then run the builds until they stop."""
    server = ThreadingHTTPServer((HOST, port), _handler(preview))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="texcv-serve", daemon=True)
    thread.start()
    stop = threading.Event()
    try:
        ready(f"http://{HOST}:{server.server_address[1]}/")
        return run_builds(stop)
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        say("stopped serving")


def _handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    page = resources.files("texcv.app").joinpath("preview.html").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            route = self.path.split("?", 1)[0]
            if route == "/":
                self._send(page, "text/html; charset=utf-8")
            elif route == "/state":
                self._send(preview.state.as_json().encode(), "application/json")
            elif route == "/events":
                self._events()
            elif route.startswith("/pages/"):
                self._page_image(route.removeprefix("/pages/"))
            else:
                self.send_error(HTTPStatus.NOT_FOUND)

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def _page_image(self, name: str) -> None:
            version, _, file = name.partition("/")
            image = preview.folder / version / file
            # Only the images texcv drew: a number, then page-N.png; no other path is served.
            if (
                not (version.isdigit() and file.startswith("page-") and file.endswith(".png"))
                or "/" in file
                or not image.is_file()
            ):
                self.send_error(HTTPStatus.NOT_FOUND)
            else:
                self._send(image.read_bytes(), "image/png")

        def _events(self) -> None:
            """One `data: VERSION` event per build; the page then fetches /state."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = -1
            try:
                while True:
                    state = preview.wait(seen, HEARTBEAT)
                    if state.version != seen:
                        seen = state.version
                        self.wfile.write(f"data: {seen}\n\n".encode())
                    else:
                        self.wfile.write(b": still here\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return  # the page was closed or reloaded

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the terminal shows builds, not requests."""

    return Handler


def serve_cv(request: BuildRequest, port: int, *, open_browser: bool = False) -> int:
    """`texcv serve`: every build (texcv.app.pipeline.Rebuilds) printed as `texcv watch` prints
    it and published to the page."""
    from texcv.app.pipeline import Rebuilds
    from texcv.app.watch import say_with_time, watch
    from texcv.compile.workspace import cache_dir

    preview = Preview(cache_dir(request.output) / f"preview-{request.stem}")
    base = Path.cwd()
    rebuilds = Rebuilds(request)

    def rebuild() -> tuple[str, list[Path]]:
        preview.building()
        done = rebuilds.next()
        found = [d for w in done.warnings for d in diagnostics(w, "warning")]
        if done.error is not None:
            found += diagnostics(done.error)
            preview.failed(done.summary(), described(found, base))
        else:
            preview.succeeded(request.pdf, done.summary(), described(found, base))
        return done.diagnosis(), done.files()

    def ready(url: str) -> None:
        say_with_time(f"serving the preview at {url} (Ctrl-C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(url)

    try:
        return serve(preview, port, say_with_time, ready, lambda stop: watch(rebuild, stop=stop))
    finally:
        rebuilds.close()
