"""The descent lab's notices for its link values, and the callbacks of its step buttons."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ..models import descend as descend_model
from ..widgets import class_option, url_notice

STEPS = "gd_steps"
"""The key of the steps taken, one per press: the buttons' callbacks move it."""


def step_once() -> None:
    """One more step taken, up to :data:`sce_ui.models.descend.MAX_PRESSED`."""
    st.session_state[STEPS] = min(
        int(st.session_state.get(STEPS, 0)) + 1, descend_model.MAX_PRESSED
    )


def restart() -> None:
    """Back to the start: no step taken."""
    st.session_state[STEPS] = 0


def choice_notices(
    link: Mapping[str, list[str]], n: int, lr, smoothing, mode: str, count: int, across, up
) -> list[str | None]:
    """A notice for each choice that the link held but its control did not take: η, ε, the
    mode of stepping, its number of steps (fixed or pressed), and the surface's two logits
    of ``n``, as the pickers show them, before they are made two different ones.

    >>> notes = choice_notices({"gd_j": ["j = 9"]}, 3, 1.0, 0.0, "fixed", 20, 1, 2)
    >>> [note for note in notes if note]
    ['`gd_j=j = 9` (a logit 1 to 3)']
    """
    names, logit, why = descend_model.MODE_NAMES, class_option, f"a logit 1 to {n}"
    if mode == "fixed":
        why_count = "the number of steps must be one of the slider's values"
        counted = url_notice(link, "gd_count", count, why_count, str)
    else:
        why_count = f"the steps taken must be a whole number from 0 to {descend_model.MAX_PRESSED}"
        counted = url_notice(link, STEPS, count, why_count)
    return [
        url_notice(link, "gd_lr", lr, "η must be one of the slider's values", str),
        url_notice(link, "gd_smooth", smoothing, "ε must be one of the slider's values", str),
        url_notice(link, "gd_mode", mode, "the steps are fixed or pressed", names.get),
        counted,
        url_notice(link, "gd_i", across, why, logit),
        url_notice(link, "gd_j", up, why, logit),
    ]
