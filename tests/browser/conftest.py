"""Browser fixtures: the app served by ``streamlit run``, driven in headless Chromium.

The server and the browser live for the whole session; every test gets a fresh browser
context, so a fresh Streamlit session with its own state. Chromium is Debian's
(``apt-get install chromium``), never a Playwright download.

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
    SETTLED_JS,
    is_framework_noise,
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


@pytest.fixture
def page(browser, app_url, console_errors):
    """A fresh browser context and page (1280x900), recording errors in ``console_errors``."""
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()

    def on_console(message) -> None:
        if message.type == "error" and not is_framework_noise(message, app_url):
            console_errors.append(f"console: {message.text} ({message.location.get('url')})")

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: console_errors.append(f"page error: {error}"))
    yield tab
    context.close()


def settle(page, timeout: float = TIMEOUT_MS) -> None:
    """Wait until the script run that the last action started has finished and rendered.

    As Streamlit's own end-to-end tests do: a short pause first, since a very fast rerun
    may never show ``running`` and the state may still read ``notRunning`` from before.
    """
    page.wait_for_timeout(150)
    page.wait_for_function(SETTLED_JS, timeout=timeout)


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
