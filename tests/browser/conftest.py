"""Browser fixtures: the app served by ``streamlit run``, driven in headless Chromium.

The server, the browser and one tab live for the whole session (per test worker). Every
test opens its page in that tab, so a new Streamlit session with its own state: a
session's state lives on the server, one per websocket, and the app keeps nothing in
cookies or storage. Between tests the tab goes to ``about:blank``, which closes the last
session. Reusing the tab keeps its renderer and compiled frontend: opening the overview
takes 0.8 s and 1.3 CPU-seconds there, against 1.7 s and 3.0 in a new tab (and a fresh
context costs 0.3 s more). A test that needs a history of its own asks for ``new_tab``.
Chromium is Debian's (``apt-get install chromium``), never a Playwright download.

Without Chromium these tests skip, except under ``CI``, where a missing browser must
fail the run instead of silently skipping what only a browser can check.
"""

from __future__ import annotations

import os
import shutil
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    is_framework_noise,
    settle,
    streamlit_server,
    url_path,
)

VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 30_000
"""Generous: the server shares this machine with other test runs."""


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


try:
    from playwright.sync_api import sync_playwright
except ImportError:
    if _in_ci():
        raise
    sync_playwright = None


def _chromium() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def app_url(tmp_path_factory) -> str:
    """The base URL (no trailing slash) of ``streamlit run app.py`` on a free port."""
    log = tmp_path_factory.mktemp("streamlit") / "server.log"
    with ExitStack() as stack:
        try:
            url = stack.enter_context(streamlit_server("app.py", log))
        except RuntimeError as error:
            pytest.fail(str(error))
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium for the session (skips without it, fails under CI)."""
    executable = _chromium()
    if executable is None:
        reason = "Chromium not found at /usr/bin/chromium; install it with apt-get install chromium"
        if _in_ci():
            pytest.fail(f"{reason} (CI is set, so this fails instead of skipping)")
        pytest.skip(reason)
    if sync_playwright is None:
        pytest.skip("the playwright package is missing; pip install -r requirements-dev.txt")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def console_errors() -> list[str]:
    """Console errors and uncaught page errors seen by ``page``, framework noise removed."""
    return []


@pytest.fixture(scope="session")
def browser_context(browser):
    """The context every tab opens in (1280x900, generous timeouts)."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture(scope="session")
def shared_tab(browser_context):
    """The tab the tests of this worker take turns in."""
    tab = browser_context.new_page()
    yield tab
    tab.close()


def _recording(tab, app_url: str, console_errors: list[str]):
    """Record ``tab``'s console errors and uncaught page errors; yield it; stop recording."""

    def on_console(message) -> None:
        if message.type == "error" and not is_framework_noise(message, app_url):
            console_errors.append(f"console: {message.text} ({message.location.get('url')})")

    def on_error(error) -> None:
        console_errors.append(f"page error: {error}")

    tab.on("console", on_console)
    tab.on("pageerror", on_error)
    try:
        yield tab
    finally:
        tab.remove_listener("console", on_console)
        tab.remove_listener("pageerror", on_error)


@pytest.fixture
def page(shared_tab, app_url, console_errors):
    """The worker's tab at 1280x900, for a new Streamlit session; records ``console_errors``."""
    shared_tab.set_viewport_size(VIEWPORT)
    yield from _recording(shared_tab, app_url, console_errors)
    shared_tab.goto("about:blank")


@pytest.fixture
def new_tab(browser_context, app_url, console_errors):
    """A tab of its own (1280x900), with an empty history; records ``console_errors``."""
    tab = browser_context.new_page()
    yield from _recording(tab, app_url, console_errors)
    tab.close()


@pytest.fixture(name="settle")
def settle_fixture():
    """:func:`settle`, for tests: ``settle(page)``."""
    return settle


@pytest.fixture
def page_url(app_url):
    """The URL of a page file with a query: ``page_url("pages/1_Softmax.py", "n=4")``."""

    def build(page_file: str, query: str = "") -> str:
        return app_url + url_path(page_file) + (f"?{query}" if query else "")

    return build
