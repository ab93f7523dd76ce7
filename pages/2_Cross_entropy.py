"""Step 2: cross-entropy scores the probabilities against the label; only the true class counts."""

import numpy as np
import streamlit as st

import sce_core as core
from sce_ui import figures, nav, predict, progress, widgets
from sce_ui.controls import Setting, sidebar
from sce_ui.latex import cross_entropy as cross_entropy_tex
from sce_ui.models import predictions


def draw_intro() -> None:
    st.title("Step 2 · Cross-entropy")
    st.markdown(
        "Cross-entropy compares the prediction $\\hat y$ with the one-hot label $y$ and gives "
        "one number to minimise, the loss $L$. Because $y$ is 0 for every class but the true "
        "one, the whole sum comes down to a single term: minus the log of the true class's "
        "probability."
    )
    st.latex(cross_entropy_tex.definition())
    st.markdown(
        "It is also called the **log loss**: it charges $-\\log$ of the probability given to "
        "the true class. A sure and right prediction ($\\hat y = 1$) costs $0$; each halving "
        "of $\\hat y$ adds $\\log 2 \\approx 0.693$; a probability near $0$ costs without "
        "limit. The log also makes the loss smooth in the logits, so gradient descent has an "
        "easy slope to follow."
    )


def draw_sum(setting: Setting) -> None:
    x, y = setting.x, setting.y
    loss = core.cross_entropy_from_logits(x, y)
    widgets.formula(cross_entropy_tex.written_out(y, core.softmax(x), core.log_softmax(x), loss))
    st.markdown(
        f"Every term with $y_i = 0$ is struck out: it adds nothing, whatever $\\hat y_i$ is. "
        f"Only class {setting.label}, the true class, survives."
    )


def draw_true_class(setting: Setting) -> None:
    x, y = setting.x, setting.y
    y_hat, log_y_hat = core.softmax(x), core.log_softmax(x)
    left, right = st.columns(2)
    with left:
        widgets.chart(figures.probability_bars(y_hat, y), key="probabilities")
    left.caption(
        "The other classes' probabilities enter the loss only through softmax: raising one "
        "of them lowers the true class's share."
    )
    with right:
        widgets.chart(figures.loss_curve_to_point(y_hat[setting.true_index]), key="loss")
    even_guess = core.cross_entropy_from_logits(np.zeros(setting.n), y)
    widgets.text(cross_entropy_tex.confident_wrong(y_hat, log_y_hat, setting.label, even_guess))


st.set_page_config(page_title="Step 2 · Cross-entropy", layout="wide")
progress.visit(__file__)
setting = sidebar()
draw_intro()
st.subheader("The sum with your numbers")
question = predictions.loss(setting.x, setting.label)
if predict.ask(question, key="predict_loss"):
    draw_sum(setting)
    st.subheader("Only the true class's probability matters")
    draw_true_class(setting)
nav.step_links(__file__)
