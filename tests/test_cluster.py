"""Several app processes behind nginx (``deploy/cluster.py``), tested as a course uses them.

Sessions through nginx run; a browser's cookie keeps its requests and its websocket on one
process, and a reload lands there again; killing one process loses only the sessions on
it, and every browser, old or new, is then served by the process that is left.
Needs nginx (``apt-get install nginx``): skipped without it, except under ``CI``.
"""

from __future__ import annotations

import os
import shutil
import signal
import urllib.request

import psutil
import pytest

from sce_ui import chart
from tests import protocol

websockets = pytest.importorskip("websockets")

if not shutil.which("nginx") and not os.path.exists("/usr/sbin/nginx"):
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        raise RuntimeError("nginx is missing under CI: .ci/run must install it")
    pytest.skip("nginx not found; apt-get install nginx", allow_module_level=True)

from deploy.cluster import ROUTE_COOKIE, cluster  # noqa: E402

PAGE = "pages/5_Chain_rule.py"


@pytest.fixture(scope="module")
def running(tmp_path_factory):
    """One cluster of two processes for the tests that leave every process running (about
    5 s to start); the test that kills a process starts its own."""
    with cluster(2, tmp_path_factory.mktemp("cluster")) as started:
        yield started


async def _connect(url: str, route: str):
    return await websockets.connect(
        url.replace("http", "ws", 1) + "/_stcore/stream",
        subprotocols=["streamlit"],
        origin=url,
        additional_headers={"Cookie": f"{ROUTE_COOKIE}={route}"},
        max_size=None,
        open_timeout=30,
        proxy=None,
    )


async def _run(ws) -> str | None:
    await ws.send(protocol.rerun_message("n=4&x1=3", PAGE, {}))
    return await protocol.read_run(ws, {}, {}, timeout=60)


def _http(url: str, route: str | None = None):
    request = urllib.request.Request(url + "/")
    if route:
        request.add_header("Cookie", f"{ROUTE_COOKIE}={route}")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=30) as response:
        return response.headers


def _served_by(headers) -> str:
    """The process that answered: nginx lists every one it tried, the last one answered."""
    return headers["X-Upstream"].split(",")[-1].strip()


def _listener(backend: str) -> psutil.Process:
    port = int(backend.rsplit(":", 1)[1])
    for connection in psutil.net_connections("tcp"):
        if connection.laddr and connection.laddr.port == port and connection.status == "LISTEN":
            return psutil.Process(connection.pid)
    raise LookupError(backend)


async def _scenario(running) -> None:
    # Sessions with routes of their own until each process holds two of them.
    sessions: dict[str, list] = {backend: [] for backend in running.backends}
    for k in range(40):
        ws = await _connect(running.url, f"route-{k}")
        assert await _run(ws) is None
        upstream = _served_by(ws.response.headers)
        assert upstream in sessions, upstream
        sessions[upstream].append((f"route-{k}", ws))
        if all(len(held) >= 2 for held in sessions.values()):
            break
    assert all(len(held) >= 2 for held in sessions.values()), {
        b: len(s) for b, s in sessions.items()
    }

    # A reload: the page and a new websocket with the same cookie land on the same process.
    doomed, survivor = running.backends
    route, _ = sessions[doomed][0]
    assert _served_by(_http(running.url, route)) == doomed
    again = await _connect(running.url, route)
    assert _served_by(again.response.headers) == doomed
    assert await _run(again) is None
    await again.close()

    # One process dies: its sessions are lost, the other's go on.
    _listener(doomed).send_signal(signal.SIGKILL)
    for _, ws in sessions[doomed]:
        with pytest.raises(websockets.ConnectionClosed):
            await _run(ws)
    for _, ws in sessions[survivor]:
        assert await _run(ws) is None

    # Old browsers of the dead process and new ones all start over on the survivor.
    for route in [r for r, _ in sessions[doomed]] + ["a-new-learner", "another-one"]:
        ws = await _connect(running.url, route)
        assert _served_by(ws.response.headers) == survivor
        assert await _run(ws) is None
        await ws.close()
    for _, ws in sessions[survivor]:
        await ws.close()


def test_a_first_visit_gets_a_route_cookie(running):
    headers = _http(running.url)
    assert headers["Set-Cookie"].startswith(f"{ROUTE_COOKIE}=")
    route = headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    assert _served_by(headers) in running.backends
    again = _http(running.url, route)
    assert "Set-Cookie" not in again
    assert _served_by(again) == _served_by(headers)


def test_sticky_sessions_survive_a_reload_and_the_loss_of_one_process(tmp_path):
    with cluster(2, tmp_path) as own:
        protocol.run_coroutine(_scenario(own))


def test_nginx_serves_the_static_folder_itself(running):
    """plotly.js, fetched by every first visit, costs no app process anything."""
    charted = "pages/1_Softmax.py"  # its first run copies and packs the bundle
    assert protocol.run_coroutine(protocol.first_run(running.url, charted)) is None
    packed = f"{chart.bundle()[0]}.gz"
    request = urllib.request.Request(f"{running.url}/app/static/{packed}")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(request, timeout=30) as response:
        assert "X-Upstream" not in response.headers  # no process answered
        assert response.read() == (chart.STATIC / packed).read_bytes()
