"""Several app processes behind nginx, with websockets proxied and sessions kept sticky.

A Streamlit session lives in one process, on one websocket; a link carries the whole
state, so any process can start a new session. nginx therefore needs only two things:
to proxy the websocket (``Upgrade``), and to send every request of one browser, the
websocket and its reconnections included, to the same process. Open-source nginx has
no sticky-cookie directive, so it makes its own: a browser without the ``sce_route``
cookie gets one (the request's id) on its first response, and ``hash $route consistent``
maps the cookie to a process. When a process dies, nginx marks it failed and the same
hash sends its browsers to the others, where they start new sessions from their links.
nginx serves the app's static folder (plotly.js) itself, from disk.

Run ``python deploy/cluster.py --processes 2 --port 8080`` and open
http://127.0.0.1:8080; Ctrl-C stops nginx and the processes. The same layout carries to
several machines (list their addresses in the upstream) or to a container platform's
replicas behind its own load balancer, with session affinity by cookie.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sce_ui.chart import STATIC  # needs the repository root on the path first
from tests.browser.harness import free_port, healthy, stop_process, streamlit_server

TEMPLATE = Path(__file__).with_name("nginx.conf.template")
ROUTE_COOKIE = "sce_route"


@dataclass(frozen=True)
class Cluster:
    """The address learners open, and the app processes behind it by ``host:port``."""

    url: str
    backends: tuple[str, ...]


def nginx_config(listen_port: int, backends: list[str], run_dir: Path) -> str:
    """nginx.conf for ``backends`` (``host:port``) behind ``127.0.0.1:listen_port``."""
    servers = "\n".join(f"        server {b} max_fails=1 fail_timeout=30s;" for b in backends)
    return (
        TEMPLATE.read_text()
        .replace("@RUN@", str(run_dir))
        .replace("@PORT@", str(listen_port))
        .replace("@SERVERS@", servers)
        .replace("@STATIC@", str(STATIC))
    )


def _nginx() -> str:
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        raise RuntimeError("nginx not found: apt-get install nginx")
    return found


@contextmanager
def cluster(processes: int, run_dir: Path, port: int | None = None) -> Iterator[Cluster]:
    """Start ``processes`` app servers and nginx in front of them, on loopback only."""
    with ExitStack() as stack:
        urls = [
            stack.enter_context(streamlit_server("app.py", run_dir / f"app-{k}.log"))
            for k in range(processes)
        ]
        backends = [urlsplit(url).netloc for url in urls]
        port = port or free_port()
        conf = run_dir / "nginx.conf"
        conf.write_text(nginx_config(port, backends, run_dir))
        nginx = subprocess.Popen(
            [_nginx(), "-c", str(conf), "-p", str(run_dir)],
            stdout=(run_dir / "nginx.out").open("w"),
            stderr=subprocess.STDOUT,
        )
        stack.callback(stop_process, nginx)
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while not healthy(url):
            if nginx.poll() is not None or time.monotonic() > deadline:
                logs = [run_dir / "nginx.out", run_dir / "error.log"]
                log = "".join(path.read_text() for path in logs if path.exists())
                raise RuntimeError(f"nginx did not start:\n{log}")
            time.sleep(0.1)
        yield Cluster(url, tuple(backends))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=2, help="app processes (1 to 16)")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1")
    args = parser.parse_args()
    if not 1 <= args.processes <= 16:
        parser.error("--processes must be 1 to 16")
    with (
        tempfile.TemporaryDirectory(prefix="sce-cluster-") as run,
        cluster(args.processes, Path(run), args.port) as running,
    ):
        print(f"{running.url} -> {', '.join(running.backends)} (Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    sys.exit(main())
