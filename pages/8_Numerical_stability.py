"""Lab: the naive softmax overflows and underflows; subtracting the max first never does."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, widgets
from sce_ui.controls import sidebar
from sce_ui.fmt import num, typed
from sce_ui.latex import stability as stability_tex
from sce_ui.models import stability as stability_model

KEYS = ("stab_x1", "stab_x2", "stab_x3")
LIMIT = 1100.0  # past ±1000, so the presets just above 1000 fit
PRESETS = {
    "1000, 1001, 1002": (1000.0, 1001.0, 1002.0),
    "−1000, 0, 1000": (-1000.0, 0.0, 1000.0),
    "−1000, −1001, −1002": (-1000.0, -1001.0, -1002.0),
    "90, 91, 92": (90.0, 91.0, 92.0),
    "2, 1, 0.1": (2.0, 1.0, 0.1),
}


def use_preset(values: tuple[float, ...]) -> None:
    for key, value in zip(KEYS, values, strict=True):
        st.session_state[key] = value


st.set_page_config(page_title="Lab · Numerical stability", layout="wide")
setting = sidebar()
high64, low64 = core.exp_limits("float64")
high32, low32 = core.exp_limits("float32")

st.title("Lab · Numerical stability")
st.markdown(
    f"Softmax written as $e^{{x_i}} / \\sum_k e^{{x_k}}$ is right on paper and fragile on a "
    f"computer: $e^x$ overflows to inf above $x \\approx {num(high64)}$ in float64 "
    f"(${num(high32)}$ in float32) and rounds to 0 below ${num(low64)}$ (${num(low32)}$). "
    "Subtracting the largest logit first changes nothing on paper and everything in floats. "
    "The sidebar stops at ±10, far from trouble, so this lab has three logits of its own."
)
preset_cols = st.columns(len(PRESETS))
for column, (name, values) in zip(preset_cols, PRESETS.items(), strict=True):
    column.button(name, key=f"stab_preset_{name}", on_click=use_preset, args=(values,))
input_cols = st.columns(4)
for key, value in zip(KEYS, PRESETS["1000, 1001, 1002"], strict=True):
    st.session_state.setdefault(key, value)
logits = [
    column.number_input(f"x{i}", -LIMIT, LIMIT, step=1.0, key=key)
    for i, (column, key) in enumerate(zip(input_cols, KEYS, strict=False), start=1)
]
dtype = input_cols[3].radio("Precision", stability_model.DTYPES, horizontal=True, key="stab_dtype")
try:
    c = stability_model.compare(logits, dtype)
except ValueError as err:
    st.warning(f"These logits cannot be used here: {err}")
    nav.step_links(__file__)
    st.stop()

st.subheader(f"Naive against stable, entry by entry ({dtype})")
st.latex(stability_tex.definitions())
st.table(stability_model.styled(stability_model.report_table(c)))
st.caption(
    "Each failed entry says what went wrong: overflow (e^x too large, so inf), underflow "
    "(too small, rounded to 0), not a number (inf / inf or 0 / 0), log of 0 (−inf). "
    "m is the largest logit."
)

chart_col, naive_col = st.columns(2)
chart_col.plotly_chart(
    figures.naive_stable_bars(c.naive_softmax, c.softmax, stability_model.cells(c.naive_softmax)),
    width="stretch",
    theme=None,
)
naive_col.markdown("**Why the naive way fails: its normaliser**")
widgets.formula(stability_tex.naive_lse(c), naive_col)
naive_col.markdown(
    "An overflowed sum turns every ŷᵢ into inf / inf or finite / inf; a sum that underflowed "
    "to 0 gives 0 / 0. Either way the log that cross-entropy needs is lost."
)

st.subheader("The log-sum-exp trick, step by step")
steps_col, why_col = st.columns(2)
widgets.formula(stability_tex.lse_steps(c), steps_col)
why_col.markdown(
    "Multiply the top and the bottom of softmax by $e^{-m}$, with $m$ the largest logit. "
    "Then the largest exponent is exactly 0 and $e^0 = 1$: nothing can overflow, the sum "
    "lies between 1 and n, and its log is never $\\log 0$.\n\n"
    "A shifted entry may still round to 0, but only where the true probability is below "
    "the smallest float, and its log comes out exact from $x_i - m - \\log\\sum_k e^{x_k - m}$, "
    "without ever taking the log of that 0."
)

st.subheader("Temperature: the gradient (ŷ − y)/T stays finite")
t_col, label_col = st.columns(2)
temperature = t_col.slider("Temperature T", 0.05, 10.0, 1.0, 0.05, key="stab_T")
label = label_col.radio("True class", (1, 2, 3), horizontal=True, key="stab_label")
y = core.one_hot([label - 1], 3)[0]
y_hat = core.softmax(c.x, temperature=temperature)
grad = core.logits_grad(c.x, y, temperature)
loss = core.cross_entropy_from_logits(c.x, y, temperature)
st.markdown(
    "Dividing the logits by T sharpens (T < 1) or flattens (T > 1) the softmax, and the "
    "gradient picks up a factor 1/T. Computed from the shifted logits it is finite even "
    "at ±1000 and a small T, where the naive $e^{x/T}$ is hopeless."
)
formula_col, bars_col = st.columns(2)
widgets.formula(stability_tex.temperature_gradient(y_hat, y, temperature, grad, loss), formula_col)
bars_col.plotly_chart(
    figures.gradient_bars(grad, title=f"∂L/∂x = (ŷ − y)/T at T = {typed(temperature)}"),
    width="stretch",
    theme=None,
)

nav.step_links(__file__)
