"""The simplification step's soft labels: their keys, their one-hot buttons' callback and the
notices for their link values."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ..controls import N_MAX
from ..widgets import url_notice

SOFT_KEYS = tuple(f"simp_y{k}" for k in range(1, N_MAX + 1))
"""The keys of the soft labels y1…y10, one per class the sidebar allows."""


def one_hot_labels(classes: int, label: int, scale: float) -> None:
    """Set the soft labels to ``scale`` at the true class and 0 elsewhere."""
    for k, key in enumerate(SOFT_KEYS[:classes], start=1):
        st.session_state[key] = scale if k == label else 0.0


def label_notices(link: Mapping[str, list[str]], values) -> list[str | None]:
    """A notice for each soft label y1, y2, … that the link held but its input did not take.

    >>> label_notices({"simp_y2": ["9"]}, [1.0, 0.1])
    [None, '`simp_y2=9` (a label y must be a number from 0 to 5)']
    """
    why = "a label y must be a number from 0 to 5"
    return [url_notice(link, f"simp_y{k}", v, why) for k, v in enumerate(values, start=1)]
