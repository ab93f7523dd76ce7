"""The simplification page's helpers: its soft labels' keys, notices and one-hot buttons."""

import pytest
import streamlit as st

from sce_ui.controls import N_MAX
from sce_ui.ui import simplification as simplification_ui


def test_a_key_for_every_class_the_sidebar_allows():
    keys = simplification_ui.SOFT_KEYS
    assert len(keys) == len(set(keys)) == N_MAX
    assert (keys[0], keys[-1]) == ("simp_y1", f"simp_y{N_MAX}")


def test_no_notice_for_a_link_without_the_labels_or_with_what_the_inputs_show():
    assert simplification_ui.label_notices({}, [1.0, 0.1, 0.1]) == [None] * 3
    link = {"simp_y1": ["0.80"], "simp_y3": ["1e-1"]}
    assert simplification_ui.label_notices(link, [0.8, 0.1, 0.1]) == [None] * 3


def test_each_label_the_inputs_did_not_take_is_named_with_its_rule():
    link = {"simp_y1": ["-1"], "simp_y3": ["abc"]}
    assert simplification_ui.label_notices(link, [1.0, 0.1, 0.1]) == [
        "`simp_y1=-1` (a label y must be a number from 0 to 5)",
        None,
        "`simp_y3=abc` (a label y must be a number from 0 to 5)",
    ]


@pytest.fixture
def session():
    for key in simplification_ui.SOFT_KEYS:
        st.session_state.pop(key, None)
    yield st.session_state
    for key in simplification_ui.SOFT_KEYS:
        st.session_state.pop(key, None)


def test_the_buttons_set_the_labels_of_the_shown_classes_only(session):
    simplification_ui.one_hot_labels(4, 2, 2.0)
    shown = [session.get(key) for key in simplification_ui.SOFT_KEYS[:5]]
    assert shown == [0.0, 2.0, 0.0, 0.0, None]
