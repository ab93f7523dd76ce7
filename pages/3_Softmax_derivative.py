"""Step 3: the derivative of softmax, ∂ŷᵢ/∂xⱼ, from the quotient rule, entry by entry."""

import numpy as np
import streamlit as st

import sce_core as core
from sce_ui import nav, predict, progress, tables, widgets
from sce_ui.controls import Setting, sidebar
from sce_ui.latex import jacobian as jacobian_tex
from sce_ui.models import predictions
from sce_ui.palette import OTHER_MARK, SAME_MARK
from sce_ui.widgets import IN_URL, clamp_class


def draw_derivation() -> None:
    st.title("Step 3 · Derivative of softmax")
    st.markdown(
        "Each output ŷᵢ depends on **every** logit, because all of them sit in the sum S. "
        "So there is one derivative ∂ŷᵢ/∂xⱼ for each pair (i, j), and the quotient rule gives "
        "two cases: the output's own logit (i = j) and any other logit (i ≠ j)."
    )
    definition, rule = st.columns(2)
    definition.latex(jacobian_tex.softmax_definition())
    rule.latex(jacobian_tex.quotient_rule())
    st.markdown("The quotient rule needs the derivatives of the numerator and of the sum:")
    numerator, total = st.columns(2)
    numerator.latex(jacobian_tex.numerator_derivative())
    total.latex(jacobian_tex.sum_derivative())
    st.caption("Only the term k = j of the sum contains xⱼ; every other is a constant for ∂/∂xⱼ.")
    same_col, other_col = st.columns(2)
    with same_col:
        st.markdown(f"**Case i = j** {SAME_MARK} (the diagonal)")
        st.latex(jacobian_tex.same_case())
    with other_col:
        st.markdown(f"**Case i ≠ j** {OTHER_MARK} (off the diagonal)")
        st.latex(jacobian_tex.other_case())
    cases, matrix = st.columns(2)
    cases.latex(jacobian_tex.summary())
    matrix.latex(jacobian_tex.matrix_form())


def entry_ui(n: int) -> tuple[int, int]:
    """The picked entry (i, j), both 1-based."""
    classes = list(range(1, n + 1))
    pick_i, pick_j = st.columns(2)
    i = pick_i.selectbox(
        "Row i (output ŷᵢ)", classes, clamp_class("jac_i", 1, n), key="jac_i", **IN_URL
    )
    j = pick_j.selectbox(
        "Column j (logit xⱼ)", classes, clamp_class("jac_j", 2, n), key="jac_j", **IN_URL
    )
    return int(i), int(j)


def draw_entry(setting: Setting, jacobian: np.ndarray, i: int, j: int) -> None:
    # Ten columns of numbers need the page's full width; three fit beside the derivation.
    wide = setting.n <= 5
    left, right = st.columns([5, 4]) if wide else (st.container(), st.container())
    left.markdown("**Softmax Jacobian ∂ŷᵢ/∂xⱼ**")
    caption = f"{tables.MARKS_KEY} Yellow above 0, purple below; entry ({i}, {j}) ringed."
    left.table(tables.matrix_table(jacobian, zmax=0.25, selected=(i - 1, j - 1), caption=caption))
    with right:
        case = "i = j: the diagonal" if i == j else "i ≠ j: off the diagonal"
        st.markdown(f"**Entry ({i}, {j})**, {case}, ringed in black in the matrix:")
        widgets.formula(jacobian_tex.entry(setting.x, i, j))


def draw_sums(jacobian: np.ndarray, i: int, j: int) -> None:
    st.subheader("Symmetric, and every row sums to 0")
    st.markdown(
        "Swapping i and j leaves −ŷᵢŷⱼ unchanged, so the matrix is symmetric: "
        "row i and column i hold the same numbers."
    )
    st.latex(jacobian_tex.symmetry(jacobian, i, j))
    st.markdown(
        f"Row {i} adds up to zero: raising one logit moves probability between the classes, "
        "but the total stays 1, so the changes cancel. The same holds for every row, and by "
        "symmetry for every column:"
    )
    widgets.formula(jacobian_tex.row_sum(jacobian, i))
    st.latex(jacobian_tex.row_sums(jacobian))


st.set_page_config(page_title="Step 3 · Derivative of softmax", layout="wide")
progress.visit(__file__)
setting = sidebar()
draw_derivation()
st.subheader("Your numbers: pick an entry")
i, j = entry_ui(setting.n)
if predict.ask(predictions.jacobian_entry(setting.x, i, j), key="predict_entry"):
    jacobian = core.softmax_jacobian(setting.x)
    draw_entry(setting, jacobian, i, j)
    draw_sums(jacobian, i, j)
nav.step_links(__file__)
