"""Controls and calls that every page draws the same way.

A page's own controls take :data:`IN_URL` so that, like the sidebar's, their values live
in the URL (a copied link reproduces the page) and follow the learner from page to page.
"""

from __future__ import annotations

import streamlit as st

IN_URL = {"bind": "query-params", "persist_state": "session"}
"""Keyword arguments for a page's own widget: kept in the URL and across pages."""


def chart(figure, container=st) -> None:
    """Draw a plotly figure full width with the app's own theme (not Streamlit's)."""
    container.plotly_chart(figure, width="stretch", theme=None)


def class_picker(label: str, key: str, n: int, default: int = 1, container=st) -> int:
    """A horizontal radio of the classes 1..n, kept within 1..n; returns the 1-based class.

    A class picked at a larger n is no longer among the options once the learner lowers
    n, so it becomes n before the widget is drawn.
    """
    st.session_state[key] = min(st.session_state.get(key, default), n)
    return int(
        container.radio(
            label,
            range(1, n + 1),
            key=key,
            horizontal=True,
            format_func=lambda k: f"j = {k}",
            **IN_URL,
        )
    )
