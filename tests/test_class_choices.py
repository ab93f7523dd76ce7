"""A page's own class choices, kept within 1..n however Streamlit hands them back
(:func:`sce_ui.widgets.clamp_class`).

After a run that a quick series of presses on n interrupted, Streamlit can hand a class
choice back, before its widget is drawn, as the text the widget sends to the server
(``"10"`` from a selectbox, ``"j = 10"`` from a class picker) instead of the class. Seen in
Chromium on 2026-12-07: seven quick presses from n = 10 down showed a ``TypeError`` on
step 3, the gradient check and the descent; ``tests/browser/test_pages.py`` presses so.
AppTest cannot hold such a value (it reads every widget's value back as an option before
a run), so session state is a plain mapping here.
"""

from __future__ import annotations

import pytest

from sce_ui import widgets


@pytest.fixture
def state(monkeypatch) -> dict:
    held: dict = {}
    monkeypatch.setattr(widgets.st, "session_state", held)
    return held


@pytest.mark.parametrize("held", [10, "10", "j = 10"])
def test_a_choice_beyond_n_becomes_n_as_a_class(state, held):
    state["jac_j"] = held
    assert widgets.clamp_class("jac_j", 2, 3) == 1
    assert state == {"jac_j": 3}


@pytest.mark.parametrize("held", [2, "2", "j = 2"])
def test_a_choice_within_n_is_left_as_it_is(state, held):
    state["gc_j"] = held
    widgets.clamp_class("gc_j", 1, 3)
    assert state == {"gc_j": held}


def test_no_choice_yet_writes_nothing_and_gives_the_default_to_the_widget(state):
    """A default written into session state would go into the link on the next run."""
    assert widgets.clamp_class("gd_j", 2, 3) == 1
    assert widgets.clamp_class("gd_j", 5, 3) == 2
    assert state == {}


@pytest.mark.parametrize("held", [[1.0], "x", "j = ", True, None])
def test_anything_else_is_left_to_the_widget(state, held):
    state["jac_i"] = held
    widgets.clamp_class("jac_i", 1, 3)
    assert state == {"jac_i": held}
