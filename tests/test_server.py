"""The server under many sessions at once, through Streamlit's own protocol.

A lecture hall opens the link at the same moment: every page's first run on a fresh
server, a dozen at a time. Regression: plotly looks pandas up in ``sys.modules`` without
importing it, so a figure built while another session was still importing pandas met a
half-imported module ("partially initialized module 'pandas' has no attribute 'Series'");
3 of 12 simultaneous first runs failed so before ``sce_ui`` imported pandas whole.
"""

from __future__ import annotations

import asyncio

import pytest

from sce_ui import nav
from tests import protocol
from tests.browser.harness import streamlit_server

websockets = pytest.importorskip("websockets")
PAGES = [path for path, _ in nav.existing()]


async def _first_run(base: str, page: str, query: str) -> str | None:
    async with websockets.connect(
        base.replace("http", "ws", 1) + "/_stcore/stream",
        subprotocols=["streamlit"],
        origin=base,
        max_size=None,
        open_timeout=60,
        proxy=None,
    ) as ws:
        await ws.send(protocol.rerun_message(query, page, {}))
        return await protocol.read_run(ws, {}, {}, timeout=120)


async def _all_at_once(base: str, count: int) -> list[str | None]:
    runs = (_first_run(base, PAGES[k % len(PAGES)], "n=10" if k % 2 else "") for k in range(count))
    return await asyncio.gather(*runs)


def test_simultaneous_first_runs_on_a_fresh_server_show_no_exception(tmp_path):
    with streamlit_server("app.py", tmp_path / "server.log") as base:
        errors = protocol.run_coroutine(_all_at_once(base, max(12, len(PAGES))))
    assert not [e for e in errors if e], [e for e in errors if e]
