"""`texcv serve` in a real browser: Debian's chromium, headless, driven by Selenium through
Debian's chromium-driver (no browser download). The page loads, an edit shows up, a broken
edit shows its error at its line while the last good pages stay.

TEXCV_SCREENSHOT=PATH saves the page with the broken edit (the README's picture:
`TEXCV_SCREENSHOT=.github/assets/serve-broken.png pytest tests/test_serve.py`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1000,1150",
)
EDITED = "Sketch of the Analytical Engine"
TYPO = "        titel: A typo in a key\n"


def browser_tools() -> tuple[str, str]:
    """Chromium and its driver; in CI they must be there (.ci/install-tex.sh --test-tools)."""
    chromium = shutil.which("chromium") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    if chromium and driver:
        return chromium, driver
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but chromium/chromedriver are missing: install-tex.sh --test-tools?")
    pytest.skip("chromium and chromium-driver are not installed (.ci/install-tex.sh --test-tools)")


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver_path = browser_tools()
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path, subprocess.Popen[str]]]:
    """`texcv serve` on a free port of 127.0.0.1, its address, its cv.yaml."""
    folder = tmp_path / "cv"
    folder.mkdir()
    shutil.copyfile(FIXTURES / "small_cv.yaml", folder / "cv.yaml")
    process = subprocess.Popen(
        [sys.executable, "-m", "texcv", "serve", "cv.yaml", "-o", "out", "--port", "0"],
        cwd=folder,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert "serving the preview at http://127.0.0.1:" in first, first
        url = first.split(" at ", 1)[1].split()[0]
        yield url, folder / "cv.yaml", process
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: watch stops, the server shuts down
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def until(driver: object, check: Callable[[object], object], what: str) -> None:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    # The page replaces its elements on every build event: an element read mid-swap is stale.
    WebDriverWait(
        driver, 120, poll_frequency=0.2, ignored_exceptions=(StaleElementReferenceException,)
    ).until(check, message=what)


def page_texts(driver: object) -> list[str]:
    from selenium.webdriver.common.by import By

    return [
        image.get_attribute("alt") for image in driver.find_elements(By.CSS_SELECTOR, "#pages img")
    ]


def body(driver: object, name: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.TAG_NAME, "body").get_attribute(f"data-{name}")


def save(path: Path, text: str) -> None:
    """Write the file as an editor does: a new file renamed over the old one."""
    temporary = path.with_suffix(".swp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def test_the_server_listens_on_loopback_only() -> None:
    from texcv.app.serve import HOST

    assert HOST == "127.0.0.1"


@pytest.mark.tex
def test_the_preview_follows_edits_and_shows_errors_at_their_line(
    require_tex: None, browser: object, served: tuple[str, Path, subprocess.Popen[str]]
) -> None:
    from selenium.webdriver.common.by import By

    url, cv, _ = served
    browser.get(url)
    until(browser, lambda d: any("Notes on the Analytical Engine" in t for t in page_texts(d)),
          "the first build's page")  # fmt: skip
    first_build = body(browser, "build")
    until(browser, lambda d: d.find_element(By.CSS_SELECTOR, "#pages img").get_attribute(
        "naturalWidth") not in (None, "0"), "the page's PNG loaded")  # fmt: skip
    with pytest.raises(urllib.error.HTTPError, match="404"):  # only the page images
        urllib.request.urlopen(url + "pages/../../cv.yaml")

    good = cv.read_text(encoding="utf-8").replace("Notes on the Analytical Engine", EDITED)
    save(cv, good)
    until(browser, lambda d: any(EDITED in t for t in page_texts(d)), "the edit on the page")
    assert body(browser, "build") != first_build and body(browser, "ok") == "true"

    lines = good.splitlines(keepends=True)
    lines.insert(9, TYPO)  # after the title, at line 10
    save(cv, "".join(lines))
    until(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#problems .diagnostic"),
          "the error of the broken edit")  # fmt: skip
    until(browser, lambda d: body(d, "building") == "false", "the failed build's end")
    (problem,) = browser.find_elements(By.CSS_SELECTOR, "#problems .diagnostic")
    heading = problem.find_element(By.CSS_SELECTOR, ".heading").text
    assert heading == "cv.yaml:10:9: error: unknown key 'titel'; did you mean 'title'?"
    assert problem.get_attribute("data-code") == "unknown-key"
    context = problem.find_element(By.CSS_SELECTOR, "pre .here").text
    assert context.strip() == "10 |         titel: A typo in a key"
    assert "allowed here:" in problem.find_element(By.CSS_SELECTOR, ".hint").text
    assert body(browser, "ok") == "false"
    assert any(EDITED in t for t in page_texts(browser))  # the last good pages stay
    shot = os.environ.get("TEXCV_SCREENSHOT")
    if shot:
        browser.save_screenshot(str(Path(shot).resolve()))

    save(cv, good)
    until(browser, lambda d: body(d, "ok") == "true" and body(d, "building") == "false",
          "the fixed build")  # fmt: skip
    assert browser.find_elements(By.CSS_SELECTOR, "#problems .diagnostic") == []
