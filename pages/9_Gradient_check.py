"""Lab · Gradient check: the formula, central differences and sympy agree, as far as h allows."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, symbolic, tables
from sce_ui.controls import sidebar
from sce_ui.latex import gradcheck as gradcheck_tex
from sce_ui.models import gradcheck as gradcheck_model

st.set_page_config(page_title="Lab · Gradient check", layout="wide")
setting = sidebar()
x, y, label, j = setting.x, setting.y, setting.label, setting.true_index


@st.cache_data(max_entries=64, show_spinner=False)
def error_curve(logits, labels, temperature, loss, reference) -> gradcheck_model.ErrorCurve:
    """The sweep over h depends on everything but h: moving h alone reuses it."""
    return gradcheck_model.error_curve(logits, labels, temperature, loss, reference)


st.title("Lab · Gradient check")
st.markdown(
    "A slip in a derivation survives on paper; a gradient check catches it. Here ∂L/∂x at "
    "your logits comes by three routes: the derived formula, central differences of the "
    "loss itself, and sympy differentiating L symbolically. The step h shows why central "
    "differences are never exact, and squared error shows a formula the check rejects."
)
left, middle, right = st.columns(3)
loss = left.radio(
    "Loss", core.LOSS_KINDS, format_func=gradcheck_model.LOSS_NAMES.get, key="gc_loss"
)
temperature = middle.select_slider(
    "Temperature T",
    gradcheck_model.TEMPERATURES,
    value=1.0,
    key="gc_t",
    help="Softmax of x/T: T < 1 sharpens the probabilities, T > 1 flattens them.",
)
h = right.select_slider(
    "Step h of the central difference",
    gradcheck_model.H_STEPS,
    value=gradcheck_model.DEFAULT_H,
    format_func=gradcheck_model.h_label,
    key="gc_h",
    help="A log scale: 1, 2 and 5 in every decade from 1e-16 to 1.",
)
with st.spinner(f"sympy is differentiating L for n = {setting.n}…"):
    check = gradcheck_model.gradient_check(x, y, temperature, loss, h)

st.subheader("1 · The formula")
if loss == "cross_entropy":
    st.markdown(
        "Softmax with a temperature works on x/T, so the chain rule brings one more factor, "
        "1/T: the gradient is (ŷ − y)/T, and at T = 1 the familiar ŷ − y."
    )
    st.latex(gradcheck_tex.cross_entropy_formula(check.y_hat, y, temperature, check.formula))
else:
    st.markdown(
        "Squared error's ∂L/∂ŷ is 2(ŷ − y), with no 1/ŷ to cancel the ŷ that the softmax "
        "Jacobian multiplies by. The chain rule gives a different gradient, and the "
        "shortcut (ŷ − y)/T no longer holds:"
    )
    st.latex(gradcheck_tex.squared_error_formula())
    st.latex(gradcheck_tex.squared_error_mismatch(j, check.formula[j], check.shortcut[j]))
    st.plotly_chart(
        figures.gradient_routes_bars(check.formula, check.central, check.shortcut),
        width="stretch",
        theme=None,
    )
    st.caption(
        "The central differences follow the true gradient, not (ŷ − y)/T: a gradient check "
        "is how a wrong shortcut is caught. Every number is in the table below."
    )

st.subheader(f"2 · Central differences, for x{label}")
st.latex(gradcheck_tex.central_difference_symbolic())
if check.problem:
    st.warning(check.problem, icon="⚠️")
else:
    parts = gradcheck_model.central_difference(x, y, temperature, loss, h, j)
    st.latex(gradcheck_tex.central_difference_numbers(j, h, parts))
    shared = gradcheck_model.shared_digits(parts)
    st.caption(
        f"The two losses share their first {shared} of 17 significant digits. Those cancel "
        f"in the subtraction, so the quotient keeps only about {max(17 - shared, 0)} "
        "meaningful digits: that loss is the round-off error, and it grows as h shrinks."
    )

st.subheader("3 · Three routes side by side")
st.table(tables.text_table(gradcheck_model.comparison_table(check)))
curve = error_curve(tuple(x), tuple(y), temperature, loss, check.reference)
verdict = gradcheck_model.verdict(check, curve.best_h)
if verdict:
    getattr(st, verdict.level)(verdict.text)
st.caption(
    "Relative errors are |a − b| / max(|a|, |b|) against sympy, whose value is computed "
    "with more digits than a float holds and then rounded once."
)
with st.expander(f"What sympy differentiated (n = {setting.n}, true class {label})"):
    loss_terms, derivative_terms = symbolic.derivative_latex(setting.n, label, label, loss)
    st.latex(gradcheck_tex.sympy_lines(loss_terms, derivative_terms, j))
    st.caption(
        "sympy builds L from the definitions of softmax and the loss, differentiates it "
        "with its own rules, and prints the result; S stands for the sum in the softmax."
    )

st.subheader("4 · Choosing h: truncation against round-off")
st.markdown(
    "A large h misses the curvature of L (truncation, ∝ h²); a small h subtracts two "
    "nearly equal losses and keeps only their rounding (round-off, ∝ ε/h). Between them "
    "lies the bottom of a V."
)
st.plotly_chart(
    figures.finite_difference_error(
        curve.steps,
        curve.errors,
        curve.truncation,
        curve.roundoff,
        h,
        gradcheck_model.largest_error(check),
        curve.best_h,
    ),
    width="stretch",
    theme=None,
)
st.latex(gradcheck_tex.error_model(curve))
st.caption(gradcheck_model.error_caption(curve))

nav.step_links(__file__)
