"""The latency benchmark's reading of the server's websocket frames (``bench/bench_latency.py``)."""

from __future__ import annotations

import base64
import importlib.util
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

pytest.importorskip("playwright")
_SPEC = importlib.util.spec_from_file_location(
    "bench_latency", Path(__file__).resolve().parents[1] / "bench" / "bench_latency.py"
)
bench_latency = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(bench_latency)


def _frame(message: ForwardMsg) -> str:
    return base64.b64encode(message.SerializeToString()).decode()


def test_only_the_frame_saying_the_run_finished_ends_the_servers_part():
    finished = ForwardMsg(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY)
    status = ForwardMsg()
    status.session_status_changed.script_is_running = False
    element = ForwardMsg()
    element.delta.new_element.markdown.body = "2.1"
    assert bench_latency._is_run_finished(_frame(finished))
    assert not bench_latency._is_run_finished(_frame(status))
    assert not bench_latency._is_run_finished(_frame(element))
    assert not bench_latency._is_run_finished(base64.b64encode(b"\xff\x00 not a message").decode())
