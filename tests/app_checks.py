"""Helpers shared by the AppTest tests of the pages."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def run_app_page(page: str, timeout: float = 20, **query: str) -> AppTest:
    """Run ``page`` once through ``app.py``, as the server does, and return the AppTest.

    Keyword arguments become URL query parameters, as in a shared link; running through
    ``app.py`` lets the links between pages resolve.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    if page != "app.py":
        at.switch_page(page)
    at.run()
    return at


def open_checked(page: str, title: str, timeout: float = 30, **query: str) -> AppTest:
    """:func:`run_app_page`, failing unless the page ran without exception under ``title``."""
    at = run_app_page(page, timeout, **query)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == title
    return at


def only_formula(at: AppTest, marker: str) -> str:
    """The one ``st.latex`` on the page that contains ``marker``, with its ``$$`` fences."""
    found = [el.value for el in at.latex if marker in el.value]
    assert len(found) == 1, f"{len(found)} formulas contain {marker!r}"
    return found[0]


def show_me(at: AppTest, key: str) -> AppTest:
    """Press "Show me" on the page's prediction ``key``: the page shows what it hid."""
    at.button(key=f"{key}_show").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_revealed(page: str, title: str, key: str, timeout: float = 30, **query: str) -> AppTest:
    """:func:`open_checked`, then "Show me" on the prediction ``key``."""
    return show_me(open_checked(page, title, timeout, **query), key)
