"""Streamlit's own websocket protocol, spoken as the frontend speaks it.

A ``BackMsg`` with ``rerun_script`` (the page's link and the widgets' values) goes to
``/_stcore/stream``; ``ForwardMsg`` deltas come back until ``script_finished``. Used by
``bench/load_ws.py`` for hundreds of sessions, by ``bench/bench_arrival.py`` and by
``tests/test_server.py``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.Slider_pb2 import Slider
from streamlit.proto.WidgetStates_pb2 import WidgetState

from tests.browser.harness import url_path


def run_coroutine(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run ``coroutine`` to its end on a fresh event loop in a thread of its own.

    ``asyncio.run`` refuses a thread whose loop is running, and a test worker that ran a
    browser test first has one: Playwright's sync API keeps its loop on the main thread.
    """
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def rerun_message(query: str, page: str, widgets: dict[str, WidgetState]) -> bytes:
    """A serialized request to run ``page`` (a file of the app) with ``query`` and values."""
    message = BackMsg()
    state = message.rerun_script
    state.query_string = query
    state.page_name = "" if page == "app.py" else url_path(page).lstrip("/")
    state.widget_states.widgets.extend(widgets.values())
    return message.SerializeToString()


async def read_run(
    ws, widgets: dict[str, WidgetState], sliders: dict, timeout: float
) -> str | None:
    """Read ForwardMsgs until the script finishes; return the error it showed, if any.

    Every numeric slider outside a form is noted in ``sliders`` (user key -> id, values,
    min, max) and its value in ``widgets``, so that the next rerun sends it back as the
    frontend would.
    """
    error = None
    async with asyncio.timeout(timeout):
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    error = f"exception: {element.exception.message[:120]}"
                elif which == "slider" and element.slider.type != Slider.SELECT_SLIDER:
                    slider = element.slider
                    if slider.form_id:
                        continue  # a form sends its values only when submitted
                    key = slider.id.rsplit("-", 1)[-1]
                    values = list(slider.value if slider.set_value else slider.default)
                    sliders[key] = (slider.id, values, slider.min, slider.max)
                    state = widgets.setdefault(slider.id, WidgetState(id=slider.id))
                    if not state.double_array_value.data:
                        state.double_array_value.data.extend(values)
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if status == "FINISHED_SUCCESSFULLY":
                    return error
                if status != "FINISHED_EARLY_FOR_RERUN":
                    return f"script finished as {status}"


async def first_run(base: str, page: str, query: str = "") -> str | None:
    """Open a session on the server at ``base``, run ``page`` once with ``query``, and
    return the error it showed, if any."""
    import websockets  # a dev dependency, as the tests and benchmarks that use this are

    async with websockets.connect(
        base.replace("http", "ws", 1) + "/_stcore/stream",
        subprotocols=["streamlit"],
        origin=base,
        max_size=None,
        open_timeout=60,
        proxy=None,
    ) as ws:
        await ws.send(rerun_message(query, page, {}))
        return await read_run(ws, {}, {}, timeout=120)
