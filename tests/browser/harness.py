"""Serving the app and reading its state in Chromium: shared by the browser tests and
the benchmarks (``bench/bench_latency.py``, ``bench/load.py``)."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

SETTLED_JS = """() => {
    const app = document.querySelector("[data-testid='stApp']");
    return app !== null
        && app.getAttribute("data-test-script-state") === "notRunning"
        && document.querySelector("[data-testid='stMain'] [data-testid='stElementContainer']")
        && !document.querySelector(
            "[data-stale='true'], [data-testid='stSkeleton'], [aria-busy='true']");
}"""
"""A page is settled when the script is not running, no element is left stale from the
previous run, no lazily loaded component (tables) still shows its skeleton, and no chart
is still busy (:mod:`sce_ui.chart`): ``notRunning`` comes before plotly.js has loaded on
a first visit."""


AFTER_PAINT_JS = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"
"""Resolves after the next paint and the task after it, when React's effects have run."""


def settle(page, timeout: float = 30_000) -> None:
    """Wait until the script run that the last action started has finished and rendered.

    As Streamlit's own end-to-end tests do: a short pause first, since a very fast rerun
    may never show ``running`` and the state may still read ``notRunning`` from before.
    Then once more after the next paint: a chart hears of its new figure in an effect that
    React runs after painting the run's last elements, and only then says it is busy.
    """
    page.wait_for_timeout(150)
    page.wait_for_function(SETTLED_JS, timeout=timeout)
    page.evaluate(AFTER_PAINT_JS)
    page.wait_for_function(SETTLED_JS, timeout=timeout)


NOT_FOUND = "Failed to load resource: the server responded with a status of 404"
PROBE_404 = re.compile(r"^/[^/]+/_stcore/(host-config|health)$")
"""The frontend first asks ``<page>/_stcore/host-config`` and ``<page>/_stcore/health``
when a page is opened by its own URL; the server answers 404 and the frontend falls back
to the root. That is the framework's probing, not an error of the app."""


def is_framework_noise(message, base_url: str) -> bool:
    """Only the 404 of the frontend's per-page probe (see ``PROBE_404``), nothing else.

    ``message`` is a Playwright console message, sync or async.
    """
    url = message.location.get("url", "")
    return (
        message.text.startswith(NOT_FOUND)
        and url.startswith(base_url)
        and PROBE_404.match(url[len(base_url) :]) is not None
    )


def url_path(page_file: str) -> str:
    """``app.py`` -> ``/``; ``pages/3_Softmax_derivative.py`` -> ``/Softmax_derivative``."""
    if page_file == "app.py":
        return "/"
    return "/" + re.sub(r"^\d+[_ -]*", "", Path(page_file).stem)


def section_links(page_file: str) -> list[str]:
    """The link of each section of ``page_file``, as a query, in order: ``cp_view=Every+pair``
    for a page drawn a section at a time (:data:`sce_ui.nav.SECTIONS`); ``[""]`` for a page
    drawn whole. Only the open section is on the page, so a check of the whole page opens
    each of these."""
    from sce_ui import nav  # here, not above: the benchmarks use this module without the app

    if page_file not in nav.SECTIONS:
        return [""]
    key, labels = nav.SECTIONS[page_file]
    return [urlencode({key: label}) for label in labels]


def views(pages: list[str]) -> list[tuple[str, str]]:
    """``(page_file, section link)`` for each of ``pages`` and each of its sections
    (:func:`section_links`), in the order of ``pages``."""
    return [(page_file, section) for page_file in pages for section in section_links(page_file)]


def one_view_each(pages: list[str], turn: int = 0) -> list[tuple[str, str]]:
    """One view (:func:`views`) of each of ``pages``: the ``k``-th page at its section
    ``k + turn``, the sections taken in turn. For a quick run: tests of several kinds that
    take different turns open different sections of the labs drawn a section at a time."""
    return [views([page])[(k + turn) % len(views([page]))] for k, page in enumerate(pages)]


def view_id(page_file: str, section: str) -> str:
    """A test id for a view: the page file, then the open section's label, if any."""
    if not section:
        return page_file
    ((_, label),) = parse_qsl(section)
    return f"{page_file}[{label}]"


def joined(*queries: str) -> str:
    """Queries joined into one, the empty ones left out: ``joined("", "n=4") == "n=4"``."""
    return "&".join(query for query in queries if query)


def each_section(page, page_url, page_file: str, query: str = "") -> Iterator[str]:
    """Open ``page_file`` with ``query`` at its first section, then each of the others by a
    click on its tab, settled; yield each section's link (``""`` for a page drawn whole).

    A click reruns the page in the same session, a fraction of what opening the page again
    costs (the frontend is not loaded again). For a test of something on every section.
    """
    from sce_ui import nav  # here, not above: the benchmarks use this module without the app

    sections = section_links(page_file)
    page.goto(page_url(page_file, joined(sections[0], query)))
    settle(page)
    yield sections[0]
    if page_file not in nav.SECTIONS:
        return
    key, labels = nav.SECTIONS[page_file]
    for label, section in zip(labels[1:], sections[1:], strict=True):
        page.locator(f".st-key-{key} [role='tab']").filter(has_text=label).click()
        settle(page)
        page.wait_for_function(
            "([key, label]) => new URLSearchParams(location.search).get(key) === label",
            arg=[key, label],
        )
        settle(page)
        yield section


def open_section_with(page, page_url, page_file: str, selector: str, query: str = "") -> str:
    """Open ``page_file`` with ``query`` and open its sections in turn (:func:`each_section`)
    until ``selector`` is on the page; return the section's link (``""`` for a page drawn
    whole), or fail.

    For a test of something on a page drawn a section at a time, wherever its section is.
    """
    for section in each_section(page, page_url, page_file, query):
        if page.locator(selector).count():
            return section
    raise AssertionError(f"no section of {page_file} shows {selector}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def stop_process(process: subprocess.Popen) -> None:
    """Terminate ``process`` and wait for it, killing it after 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def streamlit_server(script: str, log: Path, attempts: int = 3) -> Iterator[str]:
    """``streamlit run script`` from the repository root on a free port; yields its URL.

    The server's output goes to ``log``. It serves the code as it was at start, even if
    files change during the run. A port taken between choosing and binding it is retried
    up to ``attempts`` times; a server that does not start raises ``RuntimeError``.
    """
    command = [
        *(sys.executable, "-m", "streamlit", "run", script),
        *("--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"),
        *("--server.headless", "true", "--server.port"),
    ]
    for _attempt in range(attempts):
        url = f"http://127.0.0.1:{(port := free_port())}"
        with log.open("w") as out:
            process = subprocess.Popen(
                [*command, str(port)], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and process.poll() is None and not healthy(url):
            time.sleep(0.2)
        if process.poll() is None and healthy(url):
            break
        stop_process(process)
    else:
        raise RuntimeError(f"{script} did not start; its output:\n{log.read_text()}")
    try:
        yield url
    finally:
        stop_process(process)


def show_predictions(page, settle) -> int:
    """Press every "Show me" of the page, so a step's hidden numbers are drawn; return how many.

    Each step hides its key numbers behind a prediction until the learner checks an
    answer or skips it; the browser tests look at the whole page, as after "Show me".
    """
    buttons = page.locator("[data-testid='stMain'] button", has_text="Show me")
    count = buttons.count()
    for _ in range(count):
        buttons.first.click()
        settle(page)
    return count
