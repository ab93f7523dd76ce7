"""The server under many sessions at once, through Streamlit's own protocol.

A lecture hall opens the link at the same moment: every page's first run on a fresh
server, a dozen at a time. Regression: plotly looks pandas up in ``sys.modules`` without
importing it, so a figure built while another session was still importing pandas met a
half-imported module ("partially initialized module 'pandas' has no attribute 'Series'");
3 of 12 simultaneous first runs failed so before ``sce_ui`` imported pandas whole.
"""

from __future__ import annotations

import asyncio
import gzip
import urllib.request

import pytest

from sce_ui import chart, nav
from tests import protocol
from tests.browser.harness import streamlit_server

pytest.importorskip("websockets")
PAGES = [path for path, _ in nav.existing()]


async def _all_at_once(base: str, count: int) -> list[str | None]:
    pages = (PAGES[k % len(PAGES)] for k in range(count))
    runs = (protocol.first_run(base, page, "n=10" if k % 2 else "") for k, page in enumerate(pages))
    return await asyncio.gather(*runs)


def test_simultaneous_first_runs_on_a_fresh_server_show_no_exception(tmp_path):
    with streamlit_server("app.py", tmp_path / "server.log") as base:
        errors = protocol.run_coroutine(_all_at_once(base, max(12, len(PAGES))))
    assert not [e for e in errors if e], [e for e in errors if e]


def _get(url: str) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only
    with opener.open(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_the_packed_bundle_goes_out_as_stored_and_the_plain_one_is_gzipped_per_request(
    tmp_path,
):
    """Why the charts fetch the bundle gzipped (``.gz``): the server sends it as the bytes on disk,
    while it gzips the plain bundle again on every request (0.2 s of its event loop)."""
    with streamlit_server("app.py", tmp_path / "server.log") as base:
        protocol.run_coroutine(protocol.first_run(base, PAGES[1], ""))  # a chart copies the bundle
        name, _ = chart.bundle()
        packed_headers, packed = _get(f"{base}/app/static/{name}.gz")
        plain_headers, _ = _get(f"{base}/app/static/{name}")
    assert packed_headers["content-type"] == "application/gzip"
    assert "content-encoding" not in packed_headers
    assert packed == (chart.STATIC / f"{name}.gz").read_bytes()
    assert gzip.decompress(packed) == (chart.STATIC / name).read_bytes()
    assert plain_headers.get("content-encoding") == "gzip"
