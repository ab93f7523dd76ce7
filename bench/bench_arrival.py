"""A hall arriving: first visits fetch plotly.js while the learners already in move sliders.

Every first visit of a browser downloads plotly.js (4.8 MB, 1.5 MB since the app draws with
plotly's cartesian bundle) from the app's static folder.
Streamlit gzips an app static file again on every request, on the event loop that every
session's websocket shares, unless the file is gzip already: so :mod:`sce_ui.chart` keeps
the bundle gzipped beside the plain one (``.gz``) and the browser unpacks it.

This benchmark starts one ``streamlit run app.py`` on 127.0.0.1, opens ``--learners``
sessions that move a logit every ``--pace-s`` seconds (as ``bench/load_ws.py`` does), and
then lets ``--visits`` first visits arrive over ``--arrive-s`` seconds, each fetching the
bundle as a browser does (``Accept-Encoding: gzip, deflate, br``): once the plain file,
once the packed one, in turns on the same server. It prints, per way of serving: the
server's CPU per visit beyond the learners' reruns (a saturated server runs fewer of
them, so this undercounts there), the time to fetch the bundle (median and 95th
percentile), and the moving learners' time from request to finished script during the
arrival; then the ratio plain / packed. ``--processes 2`` measures two app processes
behind nginx, which serves the static folder itself (``deploy/nginx.conf.template``):
the CPU is then the app processes' alone. Bounded in count and time; loopback only.

Run: ``python bench/bench_arrival.py`` or ``python bench/bench_arrival.py --visits 200``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_ws import Stats, _cpu_seconds, _session, _tree, serve
from sce_ui import chart, nav  # needs the repository root on the path first
from tests import protocol

BUNDLE, _ = chart.bundle()
WAYS = {"plain": BUNDLE, "packed": f"{BUNDLE}.gz"}
"""Each way of serving the bundle: the file a first visit fetches."""


async def _fetch(base: str, name: str) -> tuple[float, int]:
    """GET ``/app/static/<name>`` as a browser would; seconds taken and bytes received."""
    split = urlsplit(base)
    began = time.monotonic()
    reader, writer = await asyncio.open_connection(split.hostname, split.port)
    writer.write(
        f"GET /app/static/{name} HTTP/1.1\r\nHost: {split.netloc}\r\n"
        "Accept-Encoding: gzip, deflate, br\r\nConnection: close\r\n\r\n".encode()
    )
    await writer.drain()
    size = len(await reader.read())
    writer.close()
    return time.monotonic() - began, size


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


async def _arrival(base: str, server, name: str, stats: Stats, args) -> dict:
    """``args.visits`` fetches of ``name`` spread over ``args.arrive_s``; what they cost.

    The server's CPU per visit is over and above the learners' own reruns, measured just
    before for as long with no one arriving.
    """
    cpu0, t0 = _cpu_seconds(server), time.monotonic()
    await asyncio.sleep(args.arrive_s)
    moving_rate = (_cpu_seconds(server) - cpu0) / (time.monotonic() - t0)
    seen = len(stats.times)
    cpu0, t0 = _cpu_seconds(server), time.monotonic()

    async def visit(k: int) -> tuple[float, int]:
        await asyncio.sleep(k * args.arrive_s / args.visits)
        return await _fetch(base, name)

    fetches = await asyncio.wait_for(
        asyncio.gather(*(visit(k) for k in range(args.visits))), args.arrive_s + 120
    )
    cpu = _cpu_seconds(server) - cpu0
    wall = time.monotonic() - t0
    moves = stats.times[seen:]
    seconds = [s for s, _ in fetches]
    return {
        "way": name,
        "cpu ms/visit": 1000 * (cpu - moving_rate * wall) / args.visits,
        "fetch median ms": 1000 * statistics.median(seconds),
        "fetch p95 ms": 1000 * _p95(seconds),
        "moves median ms": 1000 * statistics.median(moves) if moves else float("nan"),
        "moves p95 ms": 1000 * _p95(moves) if moves else float("nan"),
        "MB/visit": statistics.mean(b for _, b in fetches) / 1e6,
        "wall s": wall,
    }


async def _bench(base: str, pids: list[int], args) -> list[dict]:
    server = _tree(pids)
    stats = Stats()
    # A chart's first run copies and packs the bundle (sce_ui.chart.plotly_js).
    charted = next(path for path, _ in nav.existing() if "Softmax" in path)
    learners = [
        asyncio.create_task(_session(base, k, args, stats, time.monotonic() + 0.05 * k))
        for k in range(args.learners)
    ]
    await asyncio.sleep(0.05 * args.learners + 3.0)
    if error := await protocol.first_run(base, charted):
        raise RuntimeError(error)
    stats.moving = True
    rows = []
    try:
        for _ in range(args.rounds):
            for way in WAYS.values():
                rows.append(await _arrival(base, server, way, stats, args))
    finally:
        stats.moving = False
        await asyncio.wait(learners, timeout=args.timeout_s + 5)
    if stats.errors:
        raise RuntimeError(f"the learners met errors: {stats.errors[:3]}")
    return rows


def _print(rows: list[dict]) -> None:
    columns = [c for c in rows[0] if c != "way"]
    print(f"{'way':>18}  " + "  ".join(f"{c:>15}" for c in columns))
    for row in rows:
        print(f"{row['way']:>18}  " + "  ".join(f"{row[c]:>15.4g}" for c in columns))
    by_way = {way: [row for row in rows if row["way"] == name] for way, name in WAYS.items()}
    for column in ("cpu ms/visit", "fetch p95 ms", "moves p95 ms"):
        plain = statistics.median(row[column] for row in by_way["plain"])
        packed = statistics.median(row[column] for row in by_way["packed"])
        print(f"{column}: plain / packed = {plain / packed:.2f} ({plain:.4g} / {packed:.4g})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=100, help="first visits per arrival")
    parser.add_argument("--arrive-s", type=float, default=10.0, help="arrival spread")
    parser.add_argument("--learners", type=int, default=20, help="sessions moving meanwhile")
    parser.add_argument("--pace-s", type=float, default=2.0, help="mean time between moves")
    parser.add_argument("--rounds", type=int, default=2, help="arrivals per way, in turns")
    parser.add_argument("--timeout-s", type=float, default=60.0, help="limit for one run")
    parser.add_argument(
        "--processes", type=int, help="this many app processes behind nginx (deploy/cluster.py)"
    )
    args = parser.parse_args()
    if args.visits > 1000 or args.learners > 200 or args.rounds > 5:
        parser.error("at most 1000 visits, 200 learners and 5 rounds")
    with ExitStack() as stack:
        base, pids = serve(stack, args.processes)
        rows = protocol.run_coroutine(_bench(base, pids, args))
    _print(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
