"""Step 1: softmax turns the logits into probabilities, each output depending on every input."""

import numpy as np
import streamlit as st

import sce_core as core
from sce_ui import figures, nav, predict, progress, tables, widgets
from sce_ui.controls import Setting, sidebar
from sce_ui.latex import softmax as softmax_tex
from sce_ui.models import predictions
from sce_ui.models.slope import slope_view
from sce_ui.ui import softmax as softmax_ui
from sce_ui.widgets import IN_URL, link_values, warn_ignored

NUDGE_REACH = 3.0  # the nudge slider's range, ±, and the span of the gap chart


def nudge_ui(n: int) -> tuple[int, float]:
    """The logit to nudge (1-based) and the nudge δ."""
    pick, size = st.columns(2)
    chosen = widgets.class_picker("Logit to nudge", key="softmax_j", n=n, container=pick)
    delta = size.slider(
        "Nudge δ", -NUDGE_REACH, NUDGE_REACH, 1.0, 0.1, key="softmax_delta", **IN_URL
    )
    return chosen, float(delta)


def draw_nudge(x: np.ndarray, chosen: int, delta: float) -> None:
    nudged = x.copy()
    nudged[chosen - 1] += delta
    y_hat, y_hat_nudged = core.softmax(x), core.softmax(nudged)
    st.markdown(
        f"Only $x_{{{chosen}}}$ moves; every other logit stays. Raising it raises "
        f"$e^{{x_{{{chosen}}}}}$ and with it the sum $S$ that every output divides by: "
        f"$\\hat y_{{{chosen}}}$ grows and every other $\\hat y_i$ shrinks (lowering it does "
        "the opposite). The changes add up to zero, because the outputs always sum to 1."
    )
    widgets.formula(softmax_tex.nudge(chosen, x[chosen - 1], delta, nudged[chosen - 1]))
    st.latex(softmax_tex.nudge_table(y_hat, y_hat_nudged, chosen))
    widgets.chart(figures.nudge_change_bars(y_hat, y_hat_nudged, chosen), key="nudge")


def draw_slope(x: np.ndarray, chosen: int, delta: float) -> None:
    view = slope_view(x, chosen, delta, NUDGE_REACH)
    st.markdown(
        f"Step 3 finds the slope of softmax, the Jacobian $J$. Its column {chosen} predicts "
        f"the change in a straight line, $\\Delta \\hat y \\approx J_{{i\\,{chosen}}}\\,\\delta$. "
        "Beside the actual change, for your δ:"
    )
    numbers, chart = st.columns([2, 3])
    numbers.table(tables.text_table(view.table))
    if view.notes:
        more = "\n".join(f"- ${line}$" for line in view.notes)
        numbers.caption(
            "≈: the printed changes give that gap only roughly; more digits in the tooltip.",
            help="With more digits:\n" + more,
        )
    with chart:
        widgets.chart(
            figures.linearisation_gap(view.deltas, view.gaps, delta, view.gap, chosen), key="gap"
        )
    st.caption(
        "The gap is the curvature the straight line leaves out. Near δ = 0 it shrinks at "
        "least as fast as δ² (halving δ quarters it, or better), so for a small nudge the "
        "Jacobian is all you need; for a large one it is only a first guess."
    )


def shift_ui() -> float:
    return float(
        st.slider("Add c to every logit", -10.0, 10.0, 5.0, 0.5, key="softmax_shift", **IN_URL)
    )


def draw_shift(x: np.ndarray, c: float) -> None:
    shifted = x + c
    left, right = st.columns(2)
    left.latex(softmax_tex.shift_reason())
    widgets.formula(softmax_tex.shift_factor(c, core.softmax_terms([c]).total), right)
    st.markdown(
        "The factor $e^{c}$ multiplies the numerator and every term of the sum, so it "
        "cancels: only the differences between the logits matter. This is also why a stable "
        "softmax may subtract the largest logit before taking $e^{x}$."
    )
    st.latex(softmax_tex.shift_table(x, shifted, core.softmax(x), core.softmax(shifted)))


def draw_page(setting: Setting) -> None:
    x = setting.x
    st.title("Step 1 · Softmax")
    st.markdown(
        "Softmax makes every logit positive with $e^{x}$ and divides by the sum $S$ of them "
        "all, so the outputs are positive and add up to 1: probabilities. Because $S$ holds "
        "every logit, each output depends on **all** the inputs; that is why the derivative "
        "in Step 3 has two cases."
    )
    st.latex(softmax_tex.definition())
    st.subheader("With your logits")
    terms = core.softmax_terms(x)
    left, right = st.columns(2)
    widgets.formula(softmax_tex.exponential_sum(x, terms), left)
    widgets.formula(softmax_tex.probabilities(x, core.softmax(x), terms), right)

    st.subheader("Move one logit, and every output moves")
    link = link_values(("softmax_j", "softmax_delta", "softmax_shift"))
    chosen, delta = nudge_ui(setting.n)
    draw_nudge(x, chosen, delta)
    st.subheader("The derivative is a slope")
    draw_slope(x, chosen, delta)

    st.subheader("Adding the same number to every logit")
    c = shift_ui()
    warn_ignored(softmax_ui.control_notices(link, setting.n, chosen, delta, c, NUDGE_REACH))
    question = predictions.shift(x, c, setting.label)
    if predict.ask(question, key="predict_shift"):
        draw_shift(x, c)


st.set_page_config(page_title="Step 1 · Softmax", layout="wide")
progress.visit(__file__)
draw_page(sidebar())
nav.step_links(__file__)
