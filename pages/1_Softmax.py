"""Step 1: softmax turns the logits into probabilities, each output depending on every input."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, widgets
from sce_ui.controls import clamp_class_choice, sidebar
from sce_ui.latex import softmax as softmax_tex

st.set_page_config(page_title="Step 1 · Softmax", layout="wide")
setting = sidebar()
x, n = setting.x, setting.n
y_hat = core.softmax(x)
terms = core.softmax_terms(x)

st.title("Step 1 · Softmax")
st.markdown(
    "Softmax makes every logit positive with $e^{x}$ and divides by the sum $S$ of them all, "
    "so the outputs are positive and add up to 1: probabilities. Because $S$ holds every "
    "logit, each output depends on **all** the inputs; that is why the derivative in "
    "Step 3 has two cases."
)
st.latex(softmax_tex.definition())

st.subheader("With your logits")
left, right = st.columns(2)
widgets.formula(softmax_tex.exponential_sum(x, terms), left)
widgets.formula(softmax_tex.probabilities(x, y_hat, terms), right)

st.subheader("Move one logit, and every output moves")
clamp_class_choice("softmax_j", 1, n)
pick, size = st.columns(2)
chosen = pick.radio(
    "Logit to nudge",
    range(1, n + 1),
    format_func=lambda k: f"x{k}",
    horizontal=True,
    key="softmax_j",
)
delta = size.slider("Nudge δ", -3.0, 3.0, 1.0, 0.1, key="softmax_delta")
nudged = x.copy()
nudged[chosen - 1] += delta
y_hat_nudged = core.softmax(nudged)

st.markdown(
    f"Only $x_{{{chosen}}}$ moves; every other logit stays. Raising it raises "
    f"$e^{{x_{{{chosen}}}}}$ and with it the sum $S$ that every output divides by: "
    f"$\\hat y_{{{chosen}}}$ grows and every other $\\hat y_i$ shrinks (lowering it does the "
    "opposite). The changes add up to zero, because the outputs always sum to 1."
)
widgets.formula(softmax_tex.nudge(chosen, x[chosen - 1], delta, nudged[chosen - 1]))
st.latex(softmax_tex.nudge_table(y_hat, y_hat_nudged, chosen))
st.plotly_chart(figures.nudge_change_bars(y_hat, y_hat_nudged, chosen), width="stretch", theme=None)

st.subheader("Adding the same number to every logit changes nothing")
c = st.slider("Add c to every logit", -10.0, 10.0, 5.0, 0.5, key="softmax_shift")
shifted = x + c
left, right = st.columns(2)
left.latex(softmax_tex.shift_reason())
widgets.formula(softmax_tex.shift_factor(c, core.softmax_terms([c]).total), right)
st.markdown(
    "The factor $e^{c}$ multiplies the numerator and every term of the sum, so it cancels: "
    "only the differences between the logits matter. This is also why a stable softmax may "
    "subtract the largest logit before taking $e^{x}$."
)
st.latex(softmax_tex.shift_table(x, shifted, y_hat, core.softmax(shifted)))

nav.step_links(__file__)
