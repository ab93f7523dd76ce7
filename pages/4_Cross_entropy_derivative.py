"""Step 4: the derivative of cross-entropy with respect to the probabilities, −yᵢ/ŷᵢ."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, predict, progress, widgets
from sce_ui.controls import Setting, sidebar
from sce_ui.latex import cross_entropy_grad as cross_entropy_grad_tex
from sce_ui.models import cross_entropy_grad as cross_entropy_grad_model
from sce_ui.models import predictions


def draw_per_class(setting: Setting) -> None:
    label, y_hat = setting.label, core.softmax(setting.x)
    st.markdown(
        f"The label is one-hot, so yᵢ = 0 for every class but the true class {label}: those "
        f"derivatives are 0, and only the true class is left with −1/ŷ{label}."
    )
    formulas, bars = st.columns([2, 3])
    widgets.formula(cross_entropy_grad_tex.per_class(y_hat, setting.y), formulas)
    with bars:
        dl_dy_hat = core.cross_entropy_grad(y_hat, setting.y)
        widgets.chart(figures.probability_derivative_bars(dl_dy_hat, label), key="derivative")


def draw_not_yet(setting: Setting) -> None:
    st.subheader("Not yet the gradient we want")
    st.markdown(
        "∂L/∂ŷ says how the loss would change if we could move one probability on its own. "
        "We cannot: the probabilities come out of softmax, they always sum to 1, and moving "
        "one logit moves all of them. What training adjusts is the logits, so we need ∂L/∂x. "
        "The chain rule gets there by passing ∂L/∂ŷ through the softmax Jacobian of step 3:"
    )
    st.latex(cross_entropy_grad_tex.chain_rule())
    st.markdown("With your numbers the two vectors are clearly different:")
    dl_dy_hat_column, dl_dx_column = st.columns(2)
    dl_dy_hat_column.latex(
        cross_entropy_grad_tex.probability_gradient(core.softmax(setting.x), setting.y)
    )
    dl_dx_column.latex(cross_entropy_grad_tex.logit_gradient(setting.x, setting.y))


def draw_unlikely(setting: Setting) -> None:
    label, y_hat_true = setting.label, core.softmax(setting.x)[setting.true_index]
    st.subheader("When the true class is unlikely")
    curve, words = st.columns([3, 2])
    with curve:
        widgets.chart(figures.loss_tangent(y_hat_true), key="tangent")
    with words:
        st.markdown(
            f"∂L/∂ŷ{label} = −1/ŷ{label} is the slope of the loss curve at your point. As "
            f"ŷ{label} → 0 the curve turns steep and the slope runs off to −∞: at ŷ = 0.1 it "
            "is −10, at 0.01 it is −100, at 0.001 it is −1000."
        )
        st.latex(cross_entropy_grad_tex.limit(label))
    st.markdown(
        "The blow-up never reaches ∂L/∂x. In the chain rule, −yᵢ/ŷᵢ is multiplied by "
        "∂ŷᵢ/∂xⱼ, which carries the factor ŷᵢ in both of its cases (step 3), so the ŷᵢ "
        f"cancels. For the true class's own logit x{label}, with your numbers:"
    )
    widgets.formula(cross_entropy_grad_tex.cancellation(setting.x, setting.y, label))
    st.caption(cross_entropy_grad_model.cancellation_caption(y_hat_true, label))


st.set_page_config(page_title="Step 4 · Derivative of cross-entropy", layout="wide")
progress.visit(__file__)
setting = sidebar()
st.title("Step 4 · Derivative of cross-entropy")
st.markdown(
    "Now the other half: how the loss changes with each probability ŷᵢ. Every term of the "
    "sum holds one ŷ inside a logarithm, and the derivative of log u is 1/u."
)
st.latex(cross_entropy_grad_tex.derivation())
st.subheader("Your numbers, class by class")
if predict.ask(predictions.true_class_slope(setting.x, setting.label), key="predict_slope"):
    draw_per_class(setting)
    draw_not_yet(setting)
    draw_unlikely(setting)
nav.step_links(__file__)
