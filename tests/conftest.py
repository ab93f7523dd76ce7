"""Shared fixtures: running a page of the app headless with Streamlit's AppTest."""

from __future__ import annotations

import pytest

from tests.app_checks import run_app_page


@pytest.fixture
def run_page():
    """Run a page once and return the AppTest: ``run_page("app.py", n="4", x1="2.5")``.

    Keyword arguments become URL query parameters, as in a shared link. Every page is
    run through ``app.py``, as the server does, so that links between pages resolve.
    """
    return run_app_page
