"""Step 5: the chain rule sums ∂L/∂ŷᵢ · ∂ŷᵢ/∂xⱼ over every class i."""

import streamlit as st

import sce_core as core
from sce_ui import nav, palette, predict, progress, tables, widgets
from sce_ui.controls import Setting, sidebar
from sce_ui.latex import chain_rule as chain_rule_tex
from sce_ui.models import predictions


def draw_intro() -> None:
    st.title("Step 5 · Chain rule")
    st.markdown(
        "The loss reads only the probabilities ŷ, and every ŷᵢ depends on every logit, "
        "because softmax divides by a sum over all of them. So L depends on xⱼ through "
        "**every** ŷᵢ, and the chain rule adds up one term per path: the derivative of "
        "cross-entropy (Step 4) times one entry of the softmax Jacobian (Step 3)."
    )
    st.latex(chain_rule_tex.chain_rule_symbolic())
    st.markdown(
        f"One term is the ${chain_rule_tex.SAME_CASE}$ case "
        f"({palette.SAME_MARK}, vermillion): xⱼ through its own ŷⱼ. The other n − 1 are the "
        f"${chain_rule_tex.OTHER_CASE}$ cases ({palette.OTHER_MARK}, blue): "
        "xⱼ through every other ŷᵢ."
    )


def column_ui(n: int) -> int:
    """The chosen logit j, 1-based."""
    return widgets.linked_class_picker(
        "Which logit xⱼ? (a column of the matrix below)", key="chain_j", n=n
    )


def draw_terms(setting: Setting, j_label: int) -> None:
    x, y, j = setting.x, setting.y, j_label - 1
    terms = core.chain_rule_terms(x, y)
    parts = core.chain_rule_parts(x, y)
    column = core.softmax_jacobian(x)[:, j]
    total = core.logits_grad(x, y)[j]
    st.latex(chain_rule_tex.term_symbol(j))
    widgets.formula(
        chain_rule_tex.written_out_sum(
            j, y, core.softmax(x), column, terms[:, j], (parts.same[j], parts.other[j]), total
        )
    )
    st.markdown(
        "One line per term: the factor −yᵢ/ŷᵢ times the Jacobian entry ∂ŷᵢ/∂xⱼ, then its "
        "value. Below them all the values added up, as the i = j term plus the i ≠ j terms, "
        "and as one number, ∂L/∂xⱼ. "
        f"**Every term with yᵢ = 0 is zero**, because its factor −yᵢ/ŷᵢ is: with a "
        f"one-hot label only the row of the true class i = {setting.label} can be non-zero."
    )
    st.markdown(f"**Chain-rule terms Tᵢⱼ**, column j = {j_label} dashed")
    caption = (
        f"Column j = {j_label} holds the terms written out above and adds up to "
        f"∂L/∂x{j_label}. The cell ringed in black is in the row of the true class, the "
        "only row that is not zero. Summing every column the same way gives the whole "
        "gradient ∂L/∂x."
    )
    st.table(
        tables.matrix_table(
            terms, zmax=1.0, column=j, selected=(setting.true_index, j), caption=caption
        )
    )


st.set_page_config(page_title="Step 5 · Chain rule", layout="wide")
progress.visit(__file__)
setting = sidebar()
draw_intro()
j_label = column_ui(setting.n)
st.subheader(f"Every term of ∂L/∂x{j_label}, with your numbers")
question = predictions.largest_term(setting.x, setting.label, j_label)
if predict.ask(question, key="predict_term"):
    draw_terms(setting, j_label)
nav.step_links(__file__)
