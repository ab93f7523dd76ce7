"""The network lab's runs: trained with a progress bar once per settings, the last one kept."""

from __future__ import annotations

import streamlit as st

from ..fmt import num
from ..models import mlp as mlp_model

RUN = "nn_last_run"
"""Session key: the last run trained, which the page shows until Train is pressed again."""


@st.cache_data(max_entries=16, show_spinner=False)
def trained(s: mlp_model.Settings) -> mlp_model.Run:
    """Train once per settings: the same link and Train give the same run, at once."""
    bar = st.progress(0.0, text="Training…")
    every = max(1, s.epochs // 50)

    def report(epoch: int, loss: float) -> None:
        if epoch % every == 0 or epoch == s.epochs:
            bar.progress(epoch / s.epochs, text=f"Epoch {epoch} of {s.epochs} · loss {num(loss)}")

    out = mlp_model.run(s, report)
    bar.empty()
    return out


def last_run(shown: mlp_model.Settings, pressed: bool) -> mlp_model.Run | None:
    """The run to show: of ``shown`` when Train was pressed, else the last one kept.

    A press names settings with too many steps, or that cannot be trained, and trains none.
    """
    if pressed and (too_many := mlp_model.too_many_steps_text(shown)):
        st.warning(too_many)
    elif pressed:
        try:
            st.session_state[RUN] = trained(shown)
        except ValueError as error:
            st.error(f"These settings cannot be trained: {error}.")
    return st.session_state.get(RUN)
