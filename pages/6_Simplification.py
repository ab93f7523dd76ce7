"""Step 6: the chain-rule sum collapses to ŷⱼ − yⱼ, and only because Σy = 1."""

import numpy as np
import streamlit as st

import sce_core as core
from sce_ui import figures, nav, palette, predict, progress, tables, widgets
from sce_ui.controls import Setting, sidebar
from sce_ui.latex import chain_rule as chain_rule_tex
from sce_ui.latex import simplification as simplification_tex
from sce_ui.models import predictions
from sce_ui.models import simplification as simplification_model
from sce_ui.ui import simplification as simplification_ui
from sce_ui.widgets import IN_URL


def soft_label_ui(setting: Setting) -> np.ndarray:
    """One number input per class; they start as 1 at the true class and 0.1 elsewhere."""
    link = widgets.link_values(simplification_ui.SOFT_KEYS)
    values = []
    for k in range(1, setting.n + 1):
        if k % 5 == 1:
            row = st.columns(5)
        if f"simp_y{k}" not in st.query_params:  # a link's value wins over the start
            st.session_state.setdefault(f"simp_y{k}", 1.0 if k == setting.label else 0.1)
        values.append(
            row[(k - 1) % 5].number_input(
                f"y{k}", 0.0, 5.0, step=0.05, format="%.2f", key=f"simp_y{k}", **IN_URL
            )
        )
    widgets.warn_ignored(simplification_ui.label_notices(link, values))
    left, right = st.columns(2)
    for column, scale, title in ((left, 1.0, "One-hot (Σy = 1)"), (right, 2.0, "Doubled (Σy = 2)")):
        column.button(
            title,
            key=f"simp_scale{scale:g}",
            on_click=simplification_ui.one_hot_labels,
            args=(setting.n, setting.label, scale),
            width="stretch",
        )
    return np.array(values, dtype=float)


def draw_numbers(setting: Setting, j_label: int) -> None:
    x, y, j = setting.x, setting.y, j_label - 1
    parts, grad = core.chain_rule_parts(x, y), core.logits_grad(x, y)
    check = simplification_model.shortcut_check(x, y)
    same_other = (parts.same[j], parts.other[j])
    widgets.formula(
        simplification_tex.simplification_numbers(
            j, y, check.y_hat, same_other, check.label_sum, check.shortcut[j]
        )
    )
    st.subheader("Term by term and simplified: the same number, to all digits")
    model = simplification_model
    st.markdown(
        f"For j = {j_label}, the sum of Step 5 (the i = j term plus the i ≠ j terms) gives "
        f"`{model.all_digits(grad[j])}` and ŷⱼ − yⱼ gives "
        f"`{model.all_digits(check.shortcut[j])}`: "
        f"**{model.agreeing_digits(grad[j], check.shortcut[j])} of {model.DIGITS}** "
        "significant digits agree. Every class:"
    )
    st.table(tables.text_table(simplification_model.digits_table(grad, check.shortcut)))
    st.caption(
        "Where a last digit differs, it is rounding: the sum of Step 5 takes 1 − ŷⱼ as the "
        "sum of the other probabilities, the shortcut subtracts ŷⱼ − 1 directly. With a ŷⱼ "
        "very close to 1 the subtraction loses digits (Lab · Numerical stability shows why)."
    )


def draw_soft_labels(setting: Setting, j_label: int) -> None:
    st.markdown(
        "These yᵢ replace the one-hot label from the sidebar on this page. They start as "
        "smoothing done wrong: 0.1 added to every other class without taking it from the "
        "true class. Lower the true class's y until Σy = 1 and watch the difference vanish."
    )
    y_soft = soft_label_ui(setting)
    soft = simplification_model.shortcut_check(setting.x, y_soft)
    widgets.formula(simplification_tex.label_sum_block(y_soft, soft.label_sum))
    st.latex(simplification_tex.soft_label_rule())
    widgets.formula(simplification_tex.soft_label_gap(j_label - 1, y_soft, soft))
    widgets.chart(figures.shortcut_bars(soft.gradient, soft.shortcut), key="shortcut")
    st.table(tables.text_table(simplification_model.soft_label_table(y_soft, soft)))
    st.caption(
        "The difference column equals ŷᵢ(Σy − 1) in every row (up to float rounding, "
        "around 1e-16): zero exactly when Σy = 1."
    )


st.set_page_config(page_title="Step 6 · Simplification", layout="wide")
progress.visit(__file__)
setting = sidebar()
st.title("Step 6 · Simplification")
st.markdown(
    "The sum of Step 5 looks heavy, but it collapses. In every term the ŷᵢ that "
    "cross-entropy divides by cancels the ŷᵢ the softmax Jacobian multiplies by, and in "
    f"the ${chain_rule_tex.OTHER_CASE}$ terms ({palette.OTHER_MARK}) the two minus signs cancel "
    f"too. The ${chain_rule_tex.SAME_CASE}$ term ({palette.SAME_MARK}) then joins the others in "
    "one sum over all i, and that sum holds Σᵢ yᵢ, which is 1. What is left?"
)
j_label = widgets.linked_class_picker("Which logit xⱼ?", key="simp_j", n=setting.n)
question = predictions.logit_gradient(setting.x, setting.label, j_label)
if predict.ask(question, key="predict_gradient"):
    st.latex(simplification_tex.cancellation())
    st.subheader(f"With your numbers, for j = {j_label}")
    draw_numbers(setting, j_label)
st.subheader("The shortcut needs Σy = 1")
st.markdown(
    "Everything up to −yⱼ + ŷⱼ Σᵢ yᵢ holds for any labels. Only the last step uses "
    "Σᵢ yᵢ = 1. Soft labels that sum to 1 (label smoothing, say) keep the shortcut; labels "
    "that sum to anything else break it."
)
link = widgets.link_values(("simp_soft",))
soft_on = st.toggle("Try soft labels that need not sum to 1", key="simp_soft", **IN_URL)
widgets.warn_ignored([widgets.url_notice(link, "simp_soft", soft_on, "a toggle is true or false")])
if soft_on:
    draw_soft_labels(setting, j_label)
nav.step_links(__file__)
