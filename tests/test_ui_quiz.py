"""The self-check page's helpers: its link notices, its answer check and its New question."""

import pytest
import streamlit as st

import sce_core as core
from sce_ui.latex import quiz as quiz_tex
from sce_ui.models import MAX_SEED
from sce_ui.models import quiz as quiz_model
from sce_ui.ui import quiz as quiz_ui


def test_no_notice_for_a_link_without_the_choices_or_with_what_they_show():
    assert quiz_ui.choice_notices({}, True, "any", 0) == [None] * 3
    link = {
        "quiz_mine": ["False"],
        "quiz_kind": [quiz_tex.KIND_NAMES[quiz_tex.ANY]],
        "quiz_seed": ["12"],
    }
    kind = quiz_tex.ANY
    assert quiz_ui.choice_notices(link, False, kind, 12) == [None] * 3


def test_each_value_the_choices_did_not_take_is_named_with_its_rule():
    link = {"quiz_mine": ["maybe"], "quiz_kind": ["nope"], "quiz_seed": ["2000000"]}
    assert quiz_ui.choice_notices(link, True, "any", 0) == [
        "`quiz_mine=maybe` (the toggle is true or false)",
        "`quiz_kind=nope` (a kind from the list)",
        "`quiz_seed=2000000` (a whole number from 0 to 1000000)",
    ]


def test_an_answer_is_checked_only_when_it_is_a_number():
    question, _ = quiz_model.question(3, core.QUESTION_KINDS, (2.0, 1.0, 0.1), 0)
    tried = quiz_ui.checked(question, f" {question.answer!r} ")
    assert tried == quiz_model.attempt(question, repr(question.answer))
    assert tried.grade.right
    assert quiz_ui.checked(question, "abc") is None


@pytest.fixture
def session():
    keys = ("quiz_seed", "quiz_answer")
    for key in keys:
        st.session_state.pop(key, None)
    yield st.session_state
    for key in keys:
        st.session_state.pop(key, None)


def test_a_new_question_takes_the_next_seed_up_to_the_largest_and_empties_the_box(session):
    session["quiz_answer"] = "0.25"
    quiz_ui.new_question()
    assert (session["quiz_seed"], session["quiz_answer"]) == (1, "")
    session["quiz_seed"] = MAX_SEED
    quiz_ui.new_question()
    assert session["quiz_seed"] == MAX_SEED
