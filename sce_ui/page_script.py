"""A script for the whole page that draws nothing: one hidden component a page mounts.

:func:`hidden` makes the mount function of such a script. Its element (``st-key-<key>``)
is hidden and takes no room, its CSS is the page's (not isolated), and the script guards
itself so that it sets up once per document however many runs mount it. The focus keeper
of the section tabs (:mod:`sce_ui.tab_focus`), the fitting of formulas to a phone
(:mod:`sce_ui.fit`) and the one history entry per action
(:func:`sce_ui.history.keep_entries`) are three.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st


def hidden(key: str, js: str) -> Callable[[], None]:
    """The function that mounts the script ``js`` under ``key``, drawing nothing."""
    component = st.components.v2.component(
        key, html="", css=f".st-key-{key} {{ display: none; }}", js=js, isolate_styles=False
    )

    def mount() -> None:
        component(key=key)

    return mount
