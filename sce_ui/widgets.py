"""Controls and calls that every page draws the same way.

A page's own controls take :data:`IN_URL` so that, like the sidebar's, their values live
in the URL (a copied link reproduces the page) and follow the learner from page to page.
"""

from __future__ import annotations

import streamlit as st

from . import arithmetic

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


def formula(body: str, container=st) -> None:
    """``st.latex`` with, as its tooltip, the ``≈`` lines of ``body`` with more digits.

    ``body`` comes from a LaTeX writer; where a line of its arithmetic says ≈ (the rounded
    numbers give the result only approximately), the tooltip shows the unrounded values.
    """
    container.latex(body, help=arithmetic.help_of(body))


def text(body: str, container=st) -> None:
    """``st.markdown`` with the tooltip of :func:`formula`, for prose with formulas in it."""
    container.markdown(body, help=arithmetic.help_of(body))
