"""Lab: the naive softmax overflows and underflows; subtracting the max first never does."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.fmt import num, typed
from sce_ui.latex import stability as stability_tex
from sce_ui.models import stability as stability_model
from sce_ui.ui import stability as stability_ui
from sce_ui.widgets import IN_URL, chart, formula, link_values, warn_ignored


def logits_ui() -> tuple[list[float], str]:
    """The lab's three logits (typed or from a preset) and the precision."""
    link = link_values((*stability_ui.KEYS, "stab_dtype"))
    presets = stability_model.PRESETS
    for column, (name, values) in zip(st.columns(len(presets)), presets.items(), strict=True):
        column.button(
            name, key=f"stab_preset_{name}", on_click=stability_ui.use_preset, args=(values,)
        )
    columns = st.columns(4)
    low, high, start = -stability_model.LIMIT, stability_model.LIMIT, stability_model.DEFAULT
    logits = [
        columns[0].number_input("x1", low, high, start[0], 1.0, key="stab_x1", **IN_URL),
        columns[1].number_input("x2", low, high, start[1], 1.0, key="stab_x2", **IN_URL),
        columns[2].number_input("x3", low, high, start[2], 1.0, key="stab_x3", **IN_URL),
    ]
    dtype = columns[3].radio(
        "Precision", stability_model.DTYPES, horizontal=True, key="stab_dtype", **IN_URL
    )
    warn_ignored(stability_ui.logit_notices(link, logits, dtype))
    return logits, dtype


def temperature_ui() -> tuple[float, int]:
    """The temperature T and the true class of the lab's logits."""
    link = link_values(("stab_T", "stab_label"))
    t_col, label_col = st.columns(2)
    temperature = t_col.slider("Temperature T", 0.05, 10.0, 1.0, 0.05, key="stab_T", **IN_URL)
    label = label_col.radio("True class", (1, 2, 3), horizontal=True, key="stab_label", **IN_URL)
    warn_ignored(stability_ui.temperature_notices(link, temperature, label))
    return temperature, label


def draw_comparison(c, dtype: str) -> None:
    st.subheader(f"Naive against stable, entry by entry ({dtype})")
    st.latex(stability_tex.definitions())
    st.table(stability_model.styled(stability_model.report_table(c)))
    st.caption(
        "Each failed entry says what went wrong: overflow (e^x too large, so inf), underflow "
        "(too small, rounded to 0), not a number (inf / inf or 0 / 0), log of 0 (−inf). "
        f"m is the largest logit. {tables.SCROLL_NOTE}"
    )
    chart_col, naive_col = st.columns(2)
    chart(
        figures.naive_stable_bars(
            c.naive_softmax, c.softmax, stability_model.cells(c.naive_softmax)
        ),
        chart_col,
        key="stability",
    )
    naive_col.markdown("**Why the naive way fails: its normaliser**")
    formula(stability_tex.naive_lse(c), naive_col)
    naive_col.markdown(
        "An overflowed sum turns every ŷᵢ into inf / inf or finite / inf; a sum that "
        "underflowed to 0 gives 0 / 0. Either way the log that cross-entropy needs is lost."
    )


def draw_log_sum_exp(c) -> None:
    st.subheader("The log-sum-exp trick, step by step")
    steps_col, why_col = st.columns(2)
    formula(stability_tex.lse_steps(c), steps_col)
    why_col.markdown(
        "Multiply the top and the bottom of softmax by $e^{-m}$, with $m$ the largest logit. "
        "Then the largest exponent is exactly 0 and $e^0 = 1$: nothing can overflow, the sum "
        "lies between 1 and n, and its log is never $\\log 0$.\n\n"
        "A shifted entry may still round to 0, but only where the true probability is below "
        "the smallest float, and its log comes out exact from "
        "$x_i - m - \\log\\sum_k e^{x_k - m}$, without ever taking the log of that 0."
    )


def draw_temperature(x, temperature: float, label: int) -> None:
    g = stability_model.temperature_gradient(x, temperature, label)
    formula_col, bars_col = st.columns(2)
    formula(
        stability_tex.temperature_gradient(g.y_hat, g.y, temperature, g.grad, g.loss), formula_col
    )
    title = f"∂L/∂x = (ŷ − y)/T at T = {typed(temperature)}"
    chart(figures.gradient_bars(g.grad, title=title), bars_col, key="gradient")


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
logits, dtype = logits_ui()
try:
    c = stability_model.compare(logits, dtype)
except ValueError as err:
    st.warning(f"These logits cannot be used here: {err}")
    nav.step_links(__file__)
    st.stop()
draw_comparison(c, dtype)
draw_log_sum_exp(c)

st.subheader("Temperature: the gradient (ŷ − y)/T stays finite")
temperature, label = temperature_ui()
st.markdown(
    "Dividing the logits by T sharpens (T < 1) or flattens (T > 1) the softmax, and the "
    "gradient picks up a factor 1/T. Computed from the shifted logits it is finite even "
    "at ±1000 and a small T, where the naive $e^{x/T}$ is hopeless."
)
draw_temperature(c.x, temperature, label)
nav.step_links(__file__)
