"""The backward-pass page's helpers: its link notices and its step buttons' callback."""

import pytest
import streamlit as st

from sce_ui.models import backward as backward_model
from sce_ui.ui import backward as backward_ui


def test_no_notice_for_a_link_without_the_controls_or_with_what_they_show():
    assert backward_ui.network_notices({}, 3, "relu", 0) == [None] * 3
    link = {"bp_batch": ["2"], "bp_activation": ["tanh"], "bp_seed": ["07"]}
    assert backward_ui.network_notices(link, 2, "tanh", 7) == [None] * 3
    assert backward_ui.notice({"bp_entry": ["W1[1, 2]"]}, "bp_entry", "W1[1, 2]", str) is None


def test_each_value_the_controls_did_not_take_is_named_with_its_rule():
    link = {"bp_batch": ["4"], "bp_activation": ["gelu"], "bp_seed": ["-1"]}
    assert backward_ui.network_notices(link, 3, "relu", 0) == [
        "`bp_batch=4` (B must be 2 or 3)",
        "`bp_activation=gelu` (f must be relu or tanh)",
        "`bp_seed=-1` (the seed must be a whole number 0 to 1000000)",
    ]
    assert backward_ui.notice({"bp_entry": ["zz"]}, "bp_entry", "W2[1, 1]", str) == (
        "`bp_entry=zz` (the entry must be one of the weights listed)"
    )


@pytest.fixture
def session():
    st.session_state.pop(backward_ui.STEP, None)
    yield st.session_state
    st.session_state.pop(backward_ui.STEP, None)


def test_the_buttons_step_within_the_forward_pass_and_the_last_node(session):
    backward_ui.move(-1)
    assert session[backward_ui.STEP] == 0
    backward_ui.move(1)
    backward_ui.move(1)
    assert session[backward_ui.STEP] == 2
    backward_ui.move(backward_model.STEPS)
    assert session[backward_ui.STEP] == backward_model.STEPS
    backward_ui.move(-backward_model.STEPS)
    assert session[backward_ui.STEP] == 0
