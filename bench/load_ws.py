"""A lecture hall at the server: hundreds of sessions that speak Streamlit's own protocol.

Browser tabs cannot load a server on two cores (20 Chromium tabs took 1.8 cores), so this
generator talks to ``/_stcore/stream`` directly with the protobufs that ship inside the
``streamlit`` package, as the frontend does: a ``BackMsg`` with ``rerun_script`` (the
page's link and the widgets' values) goes out, ``ForwardMsg`` deltas come back until
``script_finished``. A session costs the client a few kilobytes and a little parsing.

For each count of ``--sessions`` (default 50, 100, 200 and 400) it starts a fresh
``streamlit run app.py`` on 127.0.0.1 (or uses ``--url``), opens the sessions
``--ramp-s`` apart, each on a page of :data:`sce_ui.nav.ORDER` with its own link, and
then, for ``--seconds``, lets every session move one of its sidebar logits by a step at a
learner's pace (one move every ``--pace-s`` seconds on average, jittered). It prints:

- reruns per second the server finished, and the time from request to
  ``script_finished``: median and 95th percentile;
- errors: a run that shows an exception, ends otherwise than successfully, or times out
  (there must be none);
- the server's CPU (cores used over the moving phase) and resident memory (peak), and
  the client's own CPU, so a saturated client is seen, not mistaken for the server.

From the table follows the capacity of one process: the largest count whose p95 stays
under 1 s with no error. Everything is bounded: ``--seconds`` per level and
``--timeout-s`` for a single run; loopback only.

Run: ``python bench/load_ws.py`` or ``python bench/load_ws.py --sessions 20 --seconds 10``;
``--processes 2`` puts two app processes behind nginx (``deploy/cluster.py``) and measures
them all; ``--url http://127.0.0.1:8080`` measures a server that is already running,
without its CPU and memory. Each session carries its own ``sce_route`` cookie, so nginx
spreads the sessions over the processes as it spreads browsers.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import websockets
from streamlit.proto.WidgetStates_pb2 import WidgetState

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from deploy.cluster import cluster
from sce_ui import nav  # needs the repository root on the path first
from sce_ui.controls import N_MAX, X_STEP
from tests import protocol
from tests.browser.harness import streamlit_server

LINKS = ("", "n=10", "n=4&x1=3&x2=-1&label=2", "x1=6&x2=0&x3=0&label=2", "n=2&x1=0&x2=0")
LOGIT_KEYS = tuple(f"x{k}" for k in range(1, N_MAX + 1))


@dataclass
class Stats:
    """What every session reports: run times in seconds and the errors, by kind."""

    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    moving: bool = False


def _move(sliders: dict, widgets: dict[str, WidgetState], rng: random.Random) -> None:
    """Move one shown logit by one step, staying within the slider's range."""
    shown = [key for key in LOGIT_KEYS if key in sliders]
    if not shown:
        return
    widget_id, _, low, high = sliders[rng.choice(shown)]
    data = widgets[widget_id].double_array_value.data
    step = X_STEP if rng.random() < 0.5 else -X_STEP
    value = data[0] + step
    data[0] = round(value if low <= value <= high else data[0] - step, 10)


async def _session(base: str, index: int, args, stats: Stats, start_at: float) -> None:
    pages = [path for path, _ in nav.existing()]
    page, query = pages[index % len(pages)], LINKS[index % len(LINKS)]
    rng = random.Random(index)
    split = urlsplit(base)
    ws_url = f"ws://{split.netloc}/_stcore/stream"
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    widgets: dict[str, WidgetState] = {}
    sliders: dict = {}
    try:
        async with websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            origin=base,
            additional_headers={"Cookie": f"sce_route=learner-{index}"},
            max_size=None,
            open_timeout=30,
            proxy=None,
        ) as ws:
            await ws.send(protocol.rerun_message(query, page, widgets))
            if error := await protocol.read_run(ws, widgets, sliders, args.timeout_s):
                stats.errors.append(f"{page}?{query}: {error}")
            while not stats.moving:
                await asyncio.sleep(0.05)
            while stats.moving:
                await asyncio.sleep(args.pace_s * rng.uniform(0.5, 1.5))
                if not stats.moving:
                    break
                _move(sliders, widgets, rng)
                began = time.monotonic()
                await ws.send(protocol.rerun_message(query, page, widgets))
                error = await protocol.read_run(ws, widgets, sliders, args.timeout_s)
                stats.times.append(time.monotonic() - began)
                if error:
                    stats.errors.append(f"{page}?{query}: {error}")
    except (TimeoutError, OSError, websockets.WebSocketException) as problem:
        stats.errors.append(f"{page}?{query}: {type(problem).__name__} {problem}"[:200])


def _tree(pids: list[int]) -> list[psutil.Process]:
    processes = []
    for pid in pids:
        root = psutil.Process(pid)
        processes += [root, *root.children(recursive=True)]
    return processes


def _cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def _rss_mib(processes: list[psutil.Process]) -> float:
    total = 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


async def _level(base: str, server_pids: list[int], count: int, args) -> dict:
    stats = Stats()
    server = _tree(server_pids)
    me = psutil.Process()
    rss_before = _rss_mib(server)
    start = time.monotonic() + 0.5
    tasks = [
        asyncio.create_task(_session(base, k, args, stats, start + k * args.ramp_s))
        for k in range(count)
    ]
    await asyncio.sleep(count * args.ramp_s + 2.0)
    stats.moving = True
    cpu0, mine0, t0 = _cpu_seconds(server), _cpu_seconds([me]), time.monotonic()
    peak = rss_before
    while time.monotonic() - t0 < args.seconds:
        await asyncio.sleep(0.5)
        peak = max(peak, _rss_mib(server))
    stats.moving = False
    wall = time.monotonic() - t0
    cpu1, mine1 = _cpu_seconds(server), _cpu_seconds([me])
    _, pending = await asyncio.wait(tasks, timeout=args.timeout_s + 5)
    for task in pending:
        task.cancel()
        stats.errors.append("a session did not end in time")
    times = sorted(stats.times)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan")
    return {
        "sessions": count,
        "reruns/s": len(times) / wall,
        "median ms": 1000 * statistics.median(times) if times else float("nan"),
        "p95 ms": 1000 * p95,
        "errors": len(stats.errors),
        "server cores": (cpu1 - cpu0) / wall if server else float("nan"),
        "server MiB": peak,
        "client cores": (mine1 - mine0) / wall,
        "first errors": stats.errors[:3],
    }


def _print(rows: list[dict]) -> None:
    columns = ("sessions", "reruns/s", "median ms", "p95 ms", "errors")
    columns += ("server cores", "server MiB", "client cores")
    print("  ".join(f"{c:>12}" for c in columns))
    for row in rows:
        print("  ".join(f"{row[c]:>12.4g}" for c in columns))
        for error in row["first errors"]:
            print(f"    {error}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[50, 100, 200, 400])
    parser.add_argument("--seconds", type=float, default=30.0, help="moving phase per level")
    parser.add_argument("--pace-s", type=float, default=2.0, help="mean time between moves")
    parser.add_argument("--ramp-s", type=float, default=0.02, help="time between arrivals")
    parser.add_argument("--timeout-s", type=float, default=30.0, help="limit for one run")
    parser.add_argument("--url", help="measure this running server instead of starting one")
    parser.add_argument(
        "--processes",
        type=int,
        help="start this many app processes behind nginx (deploy/cluster.py) instead of one",
    )
    args = parser.parse_args()
    if max(args.sessions) > 1000 or args.seconds > 300:
        parser.error("at most 1000 sessions and 300 s per level")
    rows = []
    for count in args.sessions:
        with ExitStack() as stack:
            if args.url:
                base, pids = args.url.rstrip("/"), []
            else:
                base, pids = serve(stack, args.processes)
            rows.append(asyncio.run(_level(base, pids, count, args)))
        _print(rows[-1:] if len(rows) > 1 else rows)
    print()
    _print(rows)
    return 1 if any(row["errors"] for row in rows) else 0


def serve(stack: ExitStack, processes: int | None) -> tuple[str, list[int]]:
    """Start the app on loopback for the length of ``stack``: one ``streamlit run``, or
    ``processes`` of them behind nginx (``deploy/cluster.py``). Its URL and the app
    processes' ids, for their CPU and memory."""
    run_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
    if processes:
        running = stack.enter_context(cluster(processes, run_dir))
        return running.url, [_server_pid(f"http://{b}") for b in running.backends]
    base = stack.enter_context(streamlit_server("app.py", run_dir / "server.log"))
    return base, [_server_pid(base)]


def _server_pid(base: str) -> int:
    port = urlsplit(base).port
    for connection in psutil.net_connections("tcp"):
        if connection.laddr and connection.laddr.port == port and connection.status == "LISTEN":
            return connection.pid
    raise RuntimeError(f"no process listens on port {port}")


if __name__ == "__main__":
    sys.exit(main())
