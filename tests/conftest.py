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

    Keyword arguments become URL query parameters, as in a shared link. Every page is
    run through ``app.py``, as the server does, so that links between pages resolve.
    """

    def run(page: str, timeout: float = 20, **query: str) -> AppTest:
        at = AppTest.from_file(str(page_path("app.py")), default_timeout=timeout)
        for key, value in query.items():
            at.query_params[key] = value
        if page != "app.py":
            at.switch_page(page)
        at.run()
        return at

    return run
