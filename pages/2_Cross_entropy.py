"""Step 2: cross-entropy scores the probabilities against the label; only the true class counts."""

import numpy as np
import streamlit as st

import sce_core as core
from sce_ui import figures, nav, widgets
from sce_ui.controls import sidebar
from sce_ui.latex import cross_entropy as cross_entropy_tex

st.set_page_config(page_title="Step 2 · Cross-entropy", layout="wide")
setting = sidebar()
x, y, label, n = setting.x, setting.y, setting.label, setting.n
y_hat = core.softmax(x)
log_y_hat = core.log_softmax(x)
loss = core.cross_entropy_from_logits(x, y)

st.title("Step 2 · Cross-entropy")
st.markdown(
    "Cross-entropy compares the prediction $\\hat y$ with the one-hot label $y$ and gives one "
    "number to minimise, the loss $L$. Because $y$ is 0 for every class but the true one, "
    "the whole sum comes down to a single term: minus the log of the true class's probability."
)
st.latex(cross_entropy_tex.definition())
st.markdown(
    "It is also called the **log loss**: it charges $-\\log$ of the probability given to the "
    "true class. A sure and right prediction ($\\hat y = 1$) costs $0$; each halving of "
    "$\\hat y$ adds $\\log 2 \\approx 0.693$; a probability near $0$ costs without limit. "
    "The log also makes the loss smooth in the logits, so gradient descent has an easy "
    "slope to follow."
)

st.subheader("The sum with your numbers")
widgets.formula(cross_entropy_tex.written_out(y, y_hat, log_y_hat, loss))
st.markdown(
    f"Every term with $y_i = 0$ is struck out: it adds nothing, whatever $\\hat y_i$ is. "
    f"Only class {label}, the true class, survives."
)

st.subheader("Only the true class's probability matters")
left, right = st.columns(2)
left.plotly_chart(figures.probability_bars(y_hat, y), width="stretch", theme=None)
left.caption(
    "The other classes' probabilities enter the loss only through softmax: raising one of "
    "them lowers the true class's share."
)
right.plotly_chart(
    figures.loss_curve_to_point(y_hat[setting.true_index]), width="stretch", theme=None
)
even_guess = core.cross_entropy_from_logits(np.zeros(n), y)
widgets.text(cross_entropy_tex.confident_wrong(y_hat, log_y_hat, label, even_guess))

nav.step_links(__file__)
