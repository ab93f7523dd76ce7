"""Shared fixtures: running a page of the app headless with Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def page_path(page: str) -> Path:
    """``"app.py"`` or ``"pages/3_Softmax_derivative.py"`` as an absolute path."""
    return ROOT / page


@pytest.fixture
def run_page():
    """Run a page once and return the AppTest: ``run_page("app.py", n="4", x1="2.5")``.

    Keyword arguments become URL query parameters, as in a shared link.
    """

    def run(page: str, timeout: float = 20, **query: str) -> AppTest:
        at = AppTest.from_file(str(page_path(page)), default_timeout=timeout)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        return at

    return run
