"""The stability lab's notices for its link values, and its preset buttons' callback."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ..fmt import typed
from ..models import stability as stability_model
from ..widgets import url_notice

KEYS = ("stab_x1", "stab_x2", "stab_x3")
"""The keys of the lab's three logits: a preset sets them."""


def use_preset(values: tuple[float, ...]) -> None:
    """Put a preset's logits into the lab's three inputs."""
    for key, value in zip(KEYS, values, strict=True):
        st.session_state[key] = value


def logit_notices(link: Mapping[str, list[str]], logits, dtype: str) -> list[str | None]:
    """A notice for each of the three logits and the precision that the link held but its
    control did not take.

    >>> logit_notices({"stab_dtype": ["float16"]}, [1000.0, 1001.0, 1002.0], "float64")[-1]
    '`stab_dtype=float16` (the precision must be float64 or float32)'
    """
    limit = stability_model.LIMIT
    why = f"a logit of this lab must be a number from {typed(-limit)} to {typed(limit)}"
    notices = [url_notice(link, key, x, why) for key, x in zip(KEYS, logits, strict=True)]
    return [
        *notices,
        url_notice(link, "stab_dtype", dtype, "the precision must be float64 or float32", str),
    ]


def temperature_notices(
    link: Mapping[str, list[str]], temperature: float, label: int
) -> list[str | None]:
    """A notice for T and for the true class if the link held a value their controls did
    not take.

    >>> temperature_notices({"stab_T": ["0"]}, 1.0, 1)
    ['`stab_T=0` (T must be a number from 0.05 to 10)', None]
    """
    return [
        url_notice(link, "stab_T", temperature, "T must be a number from 0.05 to 10"),
        url_notice(link, "stab_label", label, "the true class must be 1, 2 or 3", str),
    ]
