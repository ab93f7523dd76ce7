"""The shared sidebar: number of classes, logits x1..xn and the true class.

Every page calls :func:`sidebar` first. The widgets use fixed keys (``n``, ``x1`` ...
``x10``, ``label``), ``persist_state="session"`` so the values follow the learner from
page to page, and ``bind="query-params"`` so the URL carries them: a copied link
reproduces the exact state on any page. Streamlit ignores a URL value that a widget
cannot take; :func:`sidebar` tells the learner which ones it ignored
(:func:`sce_ui.widgets.url_notice`, which the pages' own controls use too).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import streamlit as st

from . import fit, history, nav, progress, runtime
from .widgets import IN_URL, clamp_class, link_values, url_notice, warn_ignored

N_MIN, N_MAX = 2, 10
X_MIN, X_MAX, X_STEP = -10.0, 10.0, 0.1
DEFAULT_N = 3
DEFAULT_LABEL = 1
DEFAULT_LOGITS = (2.0, 1.0, 0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
"""Defaults of x1..x10; the first three are the classic example [2, 1, 0.1]."""

SHARED_KEYS = ("n", "label", *(f"x{k}" for k in range(1, N_MAX + 1)))


@dataclass(frozen=True)
class Setting:
    """What the learner chose: the logits and the true class (1-based, as in the maths)."""

    logits: tuple[float, ...]
    label: int

    @property
    def n(self) -> int:
        return len(self.logits)

    @property
    def x(self) -> np.ndarray:
        return np.array(self.logits, dtype=float)

    @property
    def true_index(self) -> int:
        """The 0-based index of the true class, for indexing arrays."""
        return self.label - 1

    @property
    def y(self) -> np.ndarray:
        """The one-hot label vector."""
        y = np.zeros(self.n)
        y[self.true_index] = 1.0
        return y


DEFAULT_SETTING = Setting(DEFAULT_LOGITS[:DEFAULT_N], DEFAULT_LABEL)


@dataclass(frozen=True)
class Preset:
    """A setting worth a button, and the one sentence it teaches."""

    title: str
    setting: Setting
    lesson: str


PRESETS = (
    Preset(
        "Uniform logits",
        Setting((0.0, 0.0, 0.0), 1),
        "Equal logits give equal probabilities 1/n, whatever their value.",
    ),
    Preset(
        "One dominant class",
        Setting((6.0, 0.0, 0.0), 1),
        "Right and confident: the loss and every gradient component are near 0.",
    ),
    Preset(
        "Confident and wrong",
        Setting((6.0, 0.0, 0.0), 2),
        "Wrong and confident: a large loss, and a strong push on both classes.",
    ),
    Preset(
        "Two classes, 50/50",
        Setting((0.0, 0.0), 1),
        "n = 2 at 50/50: the loss is log 2 and the gradient is (-1/2, +1/2).",
    ),
)


def _apply(setting: Setting) -> None:
    """Write a setting into the widgets' state (and, through binding, into the URL)."""
    st.session_state["n"] = setting.n
    st.session_state["label"] = setting.label
    for k in range(1, N_MAX + 1):
        st.session_state[f"x{k}"] = (
            setting.logits[k - 1] if k <= setting.n else DEFAULT_LOGITS[k - 1]
        )


def _url_notices(link: dict[str, list[str]], setting: Setting) -> list[str | None]:
    notes = [url_notice(link, "n", setting.n, f"n must be a whole number {N_MIN} to {N_MAX}")]
    notes += [
        url_notice(link, f"x{k}", x, f"a logit must be a number from {X_MIN:g} to {X_MAX:g}")
        for k, x in enumerate(setting.logits, start=1)
    ]
    notes.append(
        url_notice(link, "label", setting.label, f"the true class must be 1 to {setting.n}")
    )
    return notes


def sidebar() -> Setting:
    """Draw the shared controls in the sidebar and return the learner's setting."""
    runtime.freeze_imports()  # every page calls this after its imports
    history.guard()
    history.carry(SHARED_KEYS)
    history.track(SHARED_KEYS)
    link = link_values(SHARED_KEYS)
    with st.sidebar:
        history.keep_entries()
        fit.keep()
        nav.sidebar_menu()
        progress.sidebar()
        st.header("Your numbers")
        n = st.slider("Number of classes n", N_MIN, N_MAX, DEFAULT_N, key="n", **IN_URL)
        clamp_class("label", DEFAULT_LABEL, n)  # the label is a class too; its index unused
        label = st.slider(
            "True class (y is 1 here, 0 elsewhere)",
            1,
            n,
            DEFAULT_LABEL,
            key="label",
            help="The one-hot label: the class this example really belongs to.",
            **IN_URL,
        )
        logits = tuple(
            float(
                st.slider(
                    f"Logit x{k}",
                    X_MIN,
                    X_MAX,
                    DEFAULT_LOGITS[k - 1],
                    X_STEP,
                    key=f"x{k}",
                    **IN_URL,
                )
            )
            for k in range(1, n + 1)
        )
        _preset_buttons()
    setting = Setting(logits, int(label))
    warn_ignored(_url_notices(link, setting))
    return setting


def _preset_buttons() -> None:
    st.subheader("Presets")
    for preset in PRESETS:
        st.button(
            preset.title,
            key=f"preset-{preset.title}",
            help=preset.lesson,
            on_click=_apply,
            args=(preset.setting,),
            width="stretch",
        )
    st.button(
        "Reset",
        key="preset-reset",
        help="Back to the defaults: n = 3, x = (2, 1, 0.1), true class 1.",
        on_click=_apply,
        args=(DEFAULT_SETTING,),
        width="stretch",
    )
