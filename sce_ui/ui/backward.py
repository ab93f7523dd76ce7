"""The backward-pass lab's notices for its link values, and the callback of its step buttons."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from ..models import backward as backward_model
from ..widgets import url_notice

STEP = "bp_step"
"""The key of the backward step shown: the buttons' callback moves it."""


def move(delta: int) -> None:
    """Step the backward pass: the step is a bound widget's value, so it lives in the URL."""
    st.session_state[STEP] = min(
        max(st.session_state.get(STEP, 0) + delta, 0), backward_model.STEPS
    )


def notice(
    link: Mapping[str, list[str]], key: str, value, spell: Callable[[object], str] | None = None
) -> str | None:
    """A notice if the link held a value for the control ``key`` that it did not take, with
    the lab's rule for that control (:data:`sce_ui.models.backward.LINK_RULES`).

    >>> notice({"bp_step": ["9"]}, "bp_step", 0)
    '`bp_step=9` (the step must be a whole number 0 to 7)'
    """
    return url_notice(link, key, value, backward_model.LINK_RULES[key], spell)


def network_notices(
    link: Mapping[str, list[str]], batch: int, activation: str, seed: int
) -> list[str | None]:
    """A notice for each of B, f and the seed that the link held but its control did not take.

    >>> network_notices({"bp_batch": ["4"]}, 3, "relu", 0)
    ['`bp_batch=4` (B must be 2 or 3)', None, None]
    """
    return [
        notice(link, "bp_batch", batch, str),
        notice(link, "bp_activation", activation, str),
        notice(link, "bp_seed", seed),
    ]
