"""Overview: the whole story of ∂L/∂x = ŷ − y on one screen, with the learner's numbers."""

import streamlit as st

import sce_core as core
from sce_ui import export, figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.fmt import tex

st.set_page_config(page_title="Softmax + cross-entropy: why ŷ − y", page_icon="∂", layout="wide")
setting = sidebar()
x, y = setting.x, setting.y
y_hat = core.softmax(x)
loss = core.cross_entropy_from_logits(x, y)
grad = core.logits_grad(x, y)

st.title("Why the gradient of softmax + cross-entropy is ŷ − y")
st.markdown(
    "Set the logits and the true class in the sidebar. Softmax turns the logits into "
    "probabilities ŷ, cross-entropy scores them against the label y, and the chain rule "
    "through both gives a gradient that is simply **ŷ − y**. The steps below derive it "
    "with your numbers."
)
st.latex(
    rf"L = -\sum_i y_i \log \hat y_i = -\log \hat y_{{{setting.label}}} = {tex(loss)}"
    rf"\qquad \frac{{\partial L}}{{\partial x}} = \hat y - y"
)

left, right = st.columns(2)
left.plotly_chart(figures.probability_bars(y_hat, y), width="stretch")
right.plotly_chart(figures.gradient_bars(grad), width="stretch")
left.plotly_chart(
    figures.matrix_figure(core.softmax_jacobian(x), "Softmax Jacobian ∂ŷᵢ/∂xⱼ", zmax=0.25),
    width="stretch",
)
right.plotly_chart(
    figures.matrix_figure(
        core.chain_rule_terms(x, y),
        "Chain-rule terms ∂L/∂ŷᵢ · ∂ŷᵢ/∂xⱼ",
        zmax=1.0,
    ),
    width="stretch",
)

st.subheader("Class by class")
st.table(tables.class_table(x, y))

st.subheader("Take it with you")
st.caption("The derivation with these numbers, and a numpy script that recomputes them.")
md_col, py_col = st.columns(2)
md_col.download_button(
    "Derivation (Markdown + LaTeX)",
    export.derivation_markdown(x, setting.label),
    file_name="softmax_cross_entropy_derivation.md",
    mime="text/markdown",
    on_click="ignore",
    key="export_md",
)
py_col.download_button(
    "Numpy script",
    export.numpy_script(x, setting.label),
    file_name="softmax_cross_entropy.py",
    mime="text/x-python",
    on_click="ignore",
    key="export_py",
)

st.subheader("The derivation, step by step")
for path, title in nav.existing()[1:]:
    st.page_link(path, label=title)
