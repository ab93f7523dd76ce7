"""Predict, then reveal: a step asks for a number before it shows it.

:func:`ask` draws one round: the question with the learner's numbers, an input labelled
"Your prediction", a Check button and a "Show me" that skips the guess. Check grades the
answer (:func:`sce_ui.models.predictions.judge`) and reveals the value, the verdict, the
usual mistake it matches and the line of the derivation that gives the value. The page
draws what the prediction hides only once :func:`ask` returns True.

The typed answer is bound to the URL like every other control (a link carries it, and
the fuzz test sends hostile text to it); it is only ever read as a number, never shown
as typed. What was checked lives in ``st.session_state`` for the session: a link that
holds an answer opens with the answer typed in, not yet checked.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from . import fmt, progress, widgets
from .models.predictions import Outcome, Prediction, judge, tolerance_text
from .widgets import IN_URL

_STATE = "predictions"
MAX_CHARS = 40
"""Longer text is no number anyone types; a link holding more is ignored."""
NOT_A_NUMBER = "Type a number, such as 0.25, -1, 1/4 or 2.5e-3, then press Check."


@dataclass(frozen=True)
class Round:
    """What happened to one question: checked (with an outcome) or shown, for which numbers."""

    fingerprint: str
    outcome: Outcome | None = None
    unreadable: bool = False


def _rounds() -> dict[str, Round]:
    return st.session_state.setdefault(_STATE, {})


def _opened() -> set[str]:
    """The questions answered or shown at least once: what they hid stays in view."""
    return st.session_state.setdefault(f"{_STATE}_opened", set())


def _check(prediction: Prediction, key: str) -> None:
    try:
        outcome = judge(prediction, st.session_state.get(key) or "")
    except ValueError:
        _rounds()[key] = Round(prediction.fingerprint, unreadable=True)
        return
    _rounds()[key] = Round(prediction.fingerprint, outcome)
    _opened().add(key)
    progress.record(f"{key}|{prediction.fingerprint}", outcome.grade.right)


def _show(prediction: Prediction, key: str) -> None:
    _rounds()[key] = Round(prediction.fingerprint)
    _opened().add(key)


def revealed(key: str) -> bool:
    """Whether the learner has checked an answer or pressed "Show me" for ``key``."""
    return key in _opened()


def _draw_form(prediction: Prediction, key: str) -> None:
    with st.form(f"{key}_form", border=False):
        st.text_input(
            "Your prediction",
            key=key,
            max_chars=MAX_CHARS,
            placeholder="a number, such as -0.25 or 1/4",
            **IN_URL,
        )
        args = (prediction, key)
        with st.container(horizontal=True):
            st.form_submit_button(
                "Check", key=f"{key}_check", on_click=_check, args=args, type="primary"
            )
            st.form_submit_button("Show me", key=f"{key}_show", on_click=_show, args=args)


def _draw_reveal(prediction: Prediction, outcome: Outcome | None) -> None:
    st.latex(rf"{prediction.symbol} = {fmt.tex(prediction.truth)}")
    if outcome is not None:
        said = f"You predicted {fmt.typed(outcome.answer)}. {outcome.headline}"
        (st.success if outcome.grade.right else st.error)(said)
        if outcome.mistake:
            st.markdown(f"That is the value of a usual slip: {outcome.mistake}.")
    st.markdown("Where the value comes from:")
    widgets.formula(prediction.explanation)
    if outcome is not None:
        st.caption(tolerance_text(prediction.rtol))


def ask(prediction: Prediction, key: str) -> bool:
    """Draw a prediction round for ``prediction`` under the widget key ``key``.

    Returns True once the hidden quantity may be shown: the learner checked a readable
    answer or pressed "Show me", for these numbers or earlier ones in the session.
    """
    with st.container(border=True, key=f"{key}_round"):
        st.markdown(f"**Predict first.** {prediction.question}")
        _draw_form(prediction, key)
        round_ = _rounds().get(key)
        if round_ is None:
            return False
        if round_.unreadable:
            st.warning(NOT_A_NUMBER, icon=":material/edit:")
        elif round_.fingerprint != prediction.fingerprint:
            st.caption("Your numbers changed since your last answer: predict again for these.")
        else:
            _draw_reveal(prediction, round_.outcome)
    return revealed(key)
