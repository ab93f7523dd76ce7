"""The training lab's runs: trained with a progress bar, once per session and settings.

Training is deterministic (the data and the initial weights come from the seed), so the
settings in a link give the run its sender saw; :func:`run_for` keeps the last few runs
of a session so that reruns and Back show them again without training.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import sce_core as core

from .fmt import num
from .models import training as training_model

RUNS = "train_runs"
"""Session key: the runs of this session, by settings, oldest first."""
RUN = "train_run"
"""Session key: the run the page shows."""
SHOW = "train_show"
"""Session key, and the toggle's in the URL: whether to show the run of the settings."""
KEEP = 8
"""Runs kept per session."""


def train(s: training_model.Settings) -> training_model.Run:
    """Make the data, train with a progress bar, and check the chosen gradient at W = 0, b = 0."""
    X, labels = core.make_blobs(s.points, s.classes, seed=s.seed)
    bar = st.progress(0.0, text="Training…")
    every = max(1, s.epochs // 50)

    def report(epoch: int, loss: float) -> None:
        if epoch % every == 0 or epoch == s.epochs:
            bar.progress(epoch / s.epochs, text=f"Epoch {epoch} of {s.epochs} · loss {num(loss)}")

    result = core.train(
        X, labels, s.classes, s.lr, s.epochs, bug=s.bug, seed=s.seed, callback=report
    )
    bar.empty()
    Y, W0, b0 = core.one_hot(labels, s.classes), np.zeros((2, s.classes)), np.zeros(s.classes)
    check = core.gradient_check_model(W0, b0, X, Y, bug=s.bug)
    derived = core.model_loss_and_grad(W0, b0, X, Y)
    chosen = core.model_loss_and_grad(W0, b0, X, Y, bug=s.bug) if s.bug else None
    return training_model.Run(s, X, labels, result, check, derived, chosen)


def run_for(s: training_model.Settings) -> training_model.Run:
    """The run of settings ``s``: training is deterministic, so a link's settings give the
    run its sender saw; a session trains each setting once and keeps the last few."""
    runs = st.session_state.setdefault(RUNS, {})
    if s not in runs:
        runs[s] = train(s)
        while len(runs) > KEEP:
            del runs[next(iter(runs))]
    return runs[s]


def shown_run(s: training_model.Settings) -> training_model.Run | None:
    """The run of settings ``s`` if the learner asked to see it, kept under :data:`RUN`.

    None if not asked, or if ``s`` cannot be trained: then an error says why.
    """
    st.session_state.pop(RUN, None)
    if st.session_state.get(SHOW):
        try:
            st.session_state[RUN] = run_for(s)
        except ValueError as error:
            st.error(f"These settings cannot be trained: {error}.", icon=":material/block:")
    return st.session_state.get(RUN)
