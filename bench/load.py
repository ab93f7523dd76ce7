"""Many learners at once: slider latency, errors and server memory under concurrent sessions.

Starts ``streamlit run app.py`` on a free port, bound to 127.0.0.1 only, and opens
``--sessions`` browser contexts in one headless Chromium (the async Playwright API, one
task per session), ``--ramp-s`` apart as learners arrive. The sessions are spread over the
pages of :data:`sce_ui.nav.ORDER` that exist, each with its own link (n, logits, true
class). Once every page is open, all sessions at once move a slider ``--moves`` times by
keyboard, ArrowRight and ArrowLeft in turn.

Each move is timed from keydown to settled page exactly as ``bench/bench_latency.py``
does (its in-page instrumentation is imported from there, not copied): the main area's
text must change, the script state read ``notRunning`` with nothing stale, and the main
area then stay unchanged for ``--quiet-ms``. Two pages need a variant:

- Numerical stability ignores the sidebar; its own temperature slider ``stab_T`` is
  moved instead. That slider sits in the main area, whose text would change at once with
  the slider's thumb label, so the marker there is the main area's text without sliders.
- Train from scratch ignores every slider outside its form: its sessions still move a
  sidebar logit (each move is a rerun on the server) but nothing on the page changes, so
  those moves are not timed, only waited for (settled script state) and checked.

It prints the median and 95th percentile latency over all timed moves, the errors
(Streamlit exceptions, console errors, timeouts; there must be none) and the resident
memory of the server (its process and children) before the sessions, at the peak and
after the moves. The whole run is bounded by ``--timeout-s``; the exit status is 1 if
anything failed.

Run: ``python bench/load.py`` or ``python bench/load.py --sessions 5 --moves 10``.
Needs Debian's Chromium at /usr/bin/chromium and the ``playwright`` and ``psutil`` packages.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack, suppress
from dataclasses import dataclass, field
from pathlib import Path

import bench_latency as bl
import psutil
from playwright.async_api import TimeoutError as PlaywrightTimeoutError
from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sce_ui import nav  # needs the repository root on the path first
from tests.browser.harness import is_framework_noise, url_path

QUERIES = (
    "",
    "n=10",
    "n=2&label=2",
    "n=5&x3=-2.5&label=4",
    "x1=-10&x2=10",
    "n=7&x7=3&label=7",
    "n=4&x1=0.5&x2=0.5&x3=0.5&x4=0.5",
)
"""Links the sessions open, in turn: defaults, the most and fewest classes, bounds, ties."""

OWN_SLIDER = {"pages/8_Numerical_stability.py": "stab_T"}
"""Pages whose main area follows a slider of their own, not the sidebar's logits."""
UNTIMED = {"pages/10_Train_from_scratch.py"}
"""Pages whose main area follows no slider outside a form: moves are checked, not timed."""

MAIN_WITHOUT_SLIDERS_JS = """() => [...document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stElementContainer']")]
    .filter(el => !el.querySelector("[data-testid='stSlider']"))
    .map(el => el.innerText).join("\\n")"""
"""The main area's text without its sliders, whose thumb labels change before any rerun."""


def updated_js(marker: str) -> str:
    """bench_latency's ``UPDATED_JS`` with another marker of what the page shows."""
    return bl.UPDATED_JS.replace(bl.MARKER_JS, marker)


EXCEPTION = "[data-testid='stException']"
STATE_JS = """() => ({
    script: document.querySelector("[data-testid='stApp']")?.getAttribute(
        "data-test-script-state"),
    elements: document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stElementContainer']").length,
    stale: document.querySelectorAll("[data-stale='true']").length,
    skeletons: [...document.querySelectorAll("[data-testid='stSkeleton']")].map(
        (el) => el.parentElement?.closest("[data-testid]")?.getAttribute("data-testid")),
    status: document.querySelector("[data-testid='stStatusWidget']")?.innerText || "",
})"""
"""What a page that did not settle is waiting for, for the error message."""
NOT_LOOPBACK = re.compile(r"^(?!https?://127\.0\.0\.1[:/])[a-z]+://", re.IGNORECASE)


@dataclass
class Session:
    """One learner: a page, a link and the slider it moves."""

    page_file: str
    query: str
    key: str
    timed: bool
    marker: str
    samples: list[float] = field(default_factory=list)
    run_done: list[float] = field(default_factory=list)
    untimed_moves: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{url_path(self.page_file)}{'?' + self.query if self.query else ''} [{self.key}]"


def plan(sessions: int) -> list[Session]:
    """Spread the sessions over the pages, each page getting other links on each round."""
    pages = [path for path, _ in nav.existing()]
    plans = []
    for i in range(sessions):
        page_file = pages[i % len(pages)]
        query = QUERIES[(i + i // len(pages)) % len(QUERIES)]
        n = int(dict(p.split("=") for p in query.split("&") if p).get("n", 3))
        key = OWN_SLIDER.get(page_file, f"x{1 + i % n}")
        marker = MAIN_WITHOUT_SLIDERS_JS if page_file in OWN_SLIDER else bl.MARKER_JS
        plans.append(Session(page_file, query, key, page_file not in UNTIMED, marker))
    return plans


def server_process(url: str) -> psutil.Process:
    """The ``streamlit run`` child process serving ``url``."""
    port = url.rsplit(":", 1)[1]
    for child in psutil.Process().children(recursive=True):
        try:
            command = child.cmdline()
        except psutil.Error:
            continue
        if "streamlit" in " ".join(command) and port in command:
            return child
    raise RuntimeError(f"no streamlit process serving {url} among this script's children")


def resident_mib(process: psutil.Process) -> float:
    """Resident memory of a process and all its children, in MiB."""
    total = 0
    for proc in (process, *process.children(recursive=True)):
        with suppress(psutil.Error):  # a child may end while it is counted
            total += proc.memory_info().rss
    return total / 2**20


def cpu_seconds(processes: list[psutil.Process]) -> float:
    """User and system CPU time of processes and their children, in seconds."""
    total = 0.0
    for process in processes:
        for proc in (process, *process.children(recursive=True)):
            with suppress(psutil.Error):
                times = proc.cpu_times()
                total += times.user + times.system
    return total


def browser_processes(server: psutil.Process) -> list[psutil.Process]:
    """This script's other children: Playwright's driver and Chromium."""
    return [child for child in psutil.Process().children() if child.pid != server.pid]


def check_loopback_only(process: psutil.Process) -> None:
    addresses = {c.laddr.ip for c in process.net_connections("inet") if c.status == "LISTEN"}
    if not addresses or addresses - {"127.0.0.1", "::1"}:
        raise RuntimeError(f"the server listens on {addresses or 'nothing'}, not loopback only")


async def open_session(context, base_url: str, session: Session, args, delay: float):
    """Open the session's page after ``delay`` seconds; the page, or None if it failed."""
    await asyncio.sleep(delay)
    page = await context.new_page()

    def on_console(message) -> None:
        if message.type == "error" and not is_framework_noise(message, base_url):
            session.errors.append(f"{session.name}: console: {message.text[:200]}")

    page.on("console", on_console)
    page.on("pageerror", lambda e: session.errors.append(f"{session.name}: page error: {e}"))
    query = f"?{session.query}" if session.query else ""
    try:
        await page.goto(base_url + url_path(session.page_file) + query, timeout=args.load_ms)
        await page.wait_for_timeout(150)
        await page.wait_for_function(bl.SETTLED_JS, timeout=args.load_ms)
    except PlaywrightTimeoutError as error:
        await fail(page, session, f"opening: {str(error).splitlines()[0]}")
        return None
    await page.evaluate(bl.INSTRUMENT_JS)
    return page


async def move_sliders(page, session: Session, args) -> None:
    """Move the session's slider ``args.moves`` times; problems go to ``session.errors``."""
    slider = page.locator(f".st-key-{session.key} input[type='range']")
    value = float(await slider.get_attribute("value"))
    first_right = value < float(await slider.get_attribute("max"))
    try:
        for move in range(args.moves):
            await slider.focus()
            arrow = "ArrowRight" if (move % 2 == 0) == first_right else "ArrowLeft"
            await move_once(page, session, arrow, move, args)
            if await page.locator(EXCEPTION).count():
                text = await page.locator(EXCEPTION).first.inner_text()
                session.errors.append(f"{session.name}: exception after move {move}: {text[:300]}")
                return
    except PlaywrightTimeoutError as error:
        await fail(page, session, str(error).splitlines()[0])


async def fail(page, session: Session, why: str) -> None:
    session.errors.append(f"{session.name}: {why}; page: {await page.evaluate(STATE_JS)}")


async def move_once(page, session: Session, arrow: str, move: int, args) -> None:
    if not session.timed:
        await page.keyboard.press(arrow)
        await page.wait_for_timeout(150)
        await page.wait_for_function(bl.SETTLED_JS)
        session.untimed_moves += 1
        return
    before = await page.evaluate(session.marker)
    await page.keyboard.press(arrow)
    try:
        await page.wait_for_function(updated_js(session.marker), arg=before, polling="raf")
        await page.wait_for_function(bl.QUIET_JS, arg=args.quiet_ms, polling=10)
    except PlaywrightTimeoutError:
        session.errors.append(
            f"{session.name}: move {move} ({arrow}): the page did not change and settle "
            f"within {args.timeout_ms:.0f} ms"
        )
        return
    run_done, settled = await page.evaluate(bl.LATENCY_JS)
    session.run_done.append(run_done)
    session.samples.append(settled)


def failed(task: asyncio.Task, session: Session) -> bool:
    """Whether a session's task failed; cancels it if it is still running (global timeout)."""
    if not task.done():
        task.cancel()
        session.errors.append(f"{session.name}: unfinished at the global timeout")
        return True
    if task.exception() is not None:
        session.errors.append(f"{session.name}: {task.exception()!r}"[:400])
        return True
    return False


async def sample_memory(process: psutil.Process, peak: list[float]) -> None:
    while True:
        peak[0] = max(peak[0], resident_mib(process))
        await asyncio.sleep(0.5)


def percentile(values: list[float], q: float) -> float:
    """The nearest-rank ``q``-th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def report(sessions: list[Session], args, memory: dict, load: dict, wall: float) -> int:
    samples = [ms for s in sessions for ms in s.samples]
    run_done = [ms for s in sessions for ms in s.run_done]
    errors = [e for s in sessions for e in s.errors]
    pages = len({s.page_file for s in sessions})
    print(
        f"{len(sessions)} concurrent sessions x {args.moves} slider moves on {pages} pages, "
        f"one Chromium, {os.cpu_count()} CPUs, {wall:.0f} s"
    )
    if samples:
        print(
            f"keypress -> settled page: median {statistics.median(samples):.0f} ms, "
            f"p95 {percentile(samples, 95):.0f} ms, max {max(samples):.0f} ms "
            f"(run done: median {statistics.median(run_done):.0f} ms; "
            f"n = {len(samples)} timed moves)"
        )
    untimed = sum(s.untimed_moves for s in sessions)
    if untimed:
        print(f"moves checked but not timed (the page shows no change): {untimed}")
    by_page = defaultdict(list)
    for s in sessions:
        by_page[url_path(s.page_file)] += s.samples
    for url, values in by_page.items():
        if values:
            print(f"  {url:<26} median {statistics.median(values):6.0f} ms  (n = {len(values)})")
    print(
        f"CPU while moving, in cores: server {load['server']:.2f}, browser {load['browser']:.2f} "
        f"(machine load average {load['machine']:.1f} on {os.cpu_count()} CPUs)"
    )
    print(f"errors: {len(errors)}")
    for error in errors[:20]:
        print(f"  {error}")
    print(
        f"server resident memory: before {memory['before']:.0f} MiB, with the pages open "
        f"{memory['opened']:.0f} MiB, after the moves {memory['after']:.0f} MiB, "
        f"peak {memory['peak']:.0f} MiB"
    )
    return 1 if errors else 0


async def main_async(args) -> int:
    sessions = plan(args.sessions)
    started = time.monotonic()
    # Loopback only: the child server reads its address from the environment.
    os.environ["STREAMLIT_SERVER_ADDRESS"] = "127.0.0.1"
    with ExitStack() as stack:
        logs = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        url = stack.enter_context(bl.streamlit_server("app.py", logs / "app.log"))
        server = server_process(url)
        check_loopback_only(server)
        memory = {"before": resident_mib(server)}
        peak = [memory["before"]]
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(
                executable_path=bl.CHROMIUM, args=bl.CHROMIUM_ARGS
            )
            contexts = []
            for _ in sessions:
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
                context.set_default_timeout(args.timeout_ms)
                await context.route(NOT_LOOPBACK, lambda route: route.abort())
                contexts.append(context)
            sampler = asyncio.create_task(sample_memory(server, peak))
            # First every learner opens a page (a second apart, as people arrive), then all
            # move sliders at once: the moves are timed under load, not under page loads.
            opened = time.monotonic()
            opening = [
                asyncio.create_task(open_session(context, url, session, args, i * args.ramp_s))
                for i, (context, session) in enumerate(zip(contexts, sessions, strict=True))
            ]
            await asyncio.wait(opening, timeout=args.timeout_s)
            pages = [
                None if failed(task, session) else task.result()
                for task, session in zip(opening, sessions, strict=True)
            ]
            memory["opened"] = resident_mib(server)
            print(
                f"opened {sum(p is not None for p in pages)} pages in "
                f"{time.monotonic() - opened:.0f} s; moving sliders",
                flush=True,
            )
            browsers = browser_processes(server)
            cpu = {"server": cpu_seconds([server]), "browser": cpu_seconds(browsers)}
            moves_started = time.monotonic()
            moving = {
                asyncio.create_task(move_sliders(page, session, args)): session
                for page, session in zip(pages, sessions, strict=True)
                if page is not None
            }
            left = max(1.0, args.timeout_s - (time.monotonic() - started))
            if moving:
                await asyncio.wait(moving, timeout=left)
            memory["after"] = resident_mib(server)  # every session still open
            seconds = time.monotonic() - moves_started
            load = {
                "server": (cpu_seconds([server]) - cpu["server"]) / seconds,
                "browser": (cpu_seconds(browsers) - cpu["browser"]) / seconds,
                "machine": os.getloadavg()[0],
            }
            for task, session in moving.items():
                failed(task, session)
            await asyncio.gather(*opening, *moving, return_exceptions=True)
            sampler.cancel()
            memory["peak"] = max(peak[0], memory["after"])
            for context in contexts:
                await context.close()
            await browser.close()
    return report(sessions, args, memory, load, time.monotonic() - started)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions")
    parser.add_argument("--moves", type=int, default=20, help="slider moves per session")
    parser.add_argument("--quiet-ms", type=float, default=100.0, help="DOM quiet = settled")
    parser.add_argument("--ramp-s", type=float, default=1.0, help="between sessions opening")
    parser.add_argument("--load-ms", type=float, default=180_000.0, help="to open one page")
    parser.add_argument("--timeout-ms", type=float, default=60_000.0, help="per slider move")
    parser.add_argument("--timeout-s", type=float, default=900.0, help="for the whole run")
    args = parser.parse_args()
    if args.sessions < 1 or args.moves < 1:
        parser.error("--sessions and --moves must be at least 1")
    return args


if __name__ == "__main__":
    sys.exit(asyncio.run(main_async(parse_args())))
