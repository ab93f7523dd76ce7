"""Lab · Gradient check: the formula, central differences and sympy agree, as far as h allows."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.latex import gradcheck as gradcheck_tex
from sce_ui.models import gradcheck as gradcheck_model
from sce_ui.ui import gradcheck as gradcheck_ui
from sce_ui.widgets import (
    IN_URL,
    chart,
    draw_sections,
    formula,
    link_values,
    linked_class_picker,
    warn_ignored,
)

KEYS = ("gc_loss", "gc_t", "gc_h")


def controls_ui() -> tuple[str, float, float]:
    """The loss, the temperature and the step h, each kept in the URL."""
    link = link_values(KEYS)
    left, middle, right = st.columns(3)
    loss = left.radio(
        "Loss", core.LOSS_KINDS, format_func=gradcheck_model.LOSS_NAMES.get, key="gc_loss", **IN_URL
    )
    temperature = middle.select_slider(
        "Temperature T",
        gradcheck_model.TEMPERATURES,
        value=1.0,
        key="gc_t",
        help="Softmax of x/T: T < 1 sharpens the probabilities, T > 1 flattens them.",
        **IN_URL,
    )
    h = right.select_slider(
        "Step h of the central difference",
        gradcheck_model.H_STEPS,
        value=gradcheck_model.DEFAULT_H,
        format_func=gradcheck_model.h_label,
        key="gc_h",
        help="A log scale: 1, 2 and 5 in every decade from 1e-16 to 1.",
        **IN_URL,
    )
    warn_ignored(gradcheck_ui.control_notices(link, loss, temperature, h))
    return loss, temperature, h


def class_ui(setting) -> int:
    """The logit whose derivative the check follows, 1-based: the true class to start with."""
    return linked_class_picker("Check ∂L/∂xⱼ for", key="gc_j", n=setting.n, default=setting.label)


def draw_formula(check, y, temperature: float, loss: str, j: int) -> None:
    st.subheader("1 · The formula")
    if loss == "cross_entropy":
        st.markdown(
            "Softmax with a temperature works on x/T, so the chain rule brings one more "
            "factor, 1/T: the gradient is (ŷ − y)/T, and at T = 1 the familiar ŷ − y."
        )
        formula(gradcheck_tex.cross_entropy_formula(check.y_hat, y, temperature, check.formula))
        return
    st.markdown(
        "Squared error's ∂L/∂ŷ is 2(ŷ − y), with no 1/ŷ to cancel the ŷ that the softmax "
        "Jacobian multiplies by. The chain rule gives a different gradient, and the "
        "shortcut (ŷ − y)/T no longer holds:"
    )
    st.latex(gradcheck_tex.squared_error_formula())
    st.latex(gradcheck_tex.squared_error_mismatch(j, check.formula[j], check.shortcut[j]))
    chart(figures.gradient_routes_bars(check.formula, check.central, check.shortcut), key="routes")
    st.caption(
        "The central differences follow the true gradient, not (ŷ − y)/T: a gradient check "
        "is how a wrong shortcut is caught. Every number is in the table below."
    )


def draw_central_difference(
    check, setting, temperature: float, loss: str, h: float, chosen: int
) -> None:
    x, y, j = setting.x, setting.y, chosen - 1
    st.subheader(f"2 · Central differences, for x{chosen}")
    st.latex(gradcheck_tex.central_difference_symbolic())
    if check.problem:
        st.warning(check.problem, icon="⚠️")
        return
    parts = gradcheck_model.central_difference(x, y, temperature, loss, h, j)
    st.latex(gradcheck_tex.central_difference_numbers(j, h, parts))
    st.caption(gradcheck_model.cancellation_caption(parts))


def draw_routes(check, curve, setting, loss: str, chosen: int) -> None:
    st.subheader("3 · Three routes side by side")
    st.table(tables.text_table(gradcheck_model.comparison_table(check)))
    verdict = gradcheck_model.verdict(check, curve.best_h)
    if verdict:
        getattr(st, verdict.level)(verdict.text)
    st.caption(gradcheck_model.TABLE_NOTE)
    gradcheck_ui.draw_sympy(setting, loss, chosen)


def draw_error_curve(check, curve, h: float) -> None:
    st.subheader("4 · Choosing h: truncation against round-off")
    st.markdown(
        "A large h misses the curvature of L (truncation, ∝ h²); a small h subtracts two "
        "nearly equal losses and keeps only their rounding (round-off, ∝ ε/h). Between them "
        "lies the bottom of a V."
    )
    chart(gradcheck_ui.error_figure(check, curve, h), key="error")
    st.latex(gradcheck_tex.error_model(curve))
    st.caption(gradcheck_model.error_caption(curve))


st.set_page_config(page_title="Lab · Gradient check", layout="wide")
setting = sidebar()
st.title("Lab · Gradient check")
st.markdown(
    "A slip in a derivation survives on paper; a gradient check catches it. Here ∂L/∂x at "
    "your logits comes by three routes: the derived formula, central differences of the "
    "loss itself, and sympy differentiating L symbolically. The step h shows why central "
    "differences are never exact, and squared error shows a formula the check rejects."
)
loss, temperature, h = controls_ui()
chosen = class_ui(setting)
with st.spinner(f"sympy is differentiating L for n = {setting.n}…"):
    check = gradcheck_model.gradient_check(setting.x, setting.y, temperature, loss, h)


def error_curve():
    logits, labels = tuple(setting.x), tuple(setting.y)
    return gradcheck_ui.error_curve(logits, labels, temperature, loss, check.reference)


draw_sections(
    __file__,
    (
        lambda: draw_formula(check, setting.y, temperature, loss, chosen - 1),
        lambda: draw_central_difference(check, setting, temperature, loss, h, chosen),
        lambda: draw_routes(check, error_curve(), setting, loss, chosen),
        lambda: draw_error_curve(check, error_curve(), h),
    ),
)
nav.step_links(__file__)
