"""Overview: the whole story of ∂L/∂x = ŷ − y on one screen, with the learner's numbers."""

import streamlit as st

import sce_core as core
from sce_ui import export, history, nav, tables
from sce_ui.controls import sidebar
from sce_ui.fmt import tex

WIDE_N = 5  # from this many classes a matrix table is wider than a phone and scrolls


def draw_summary(setting) -> None:
    loss = core.cross_entropy_from_logits(setting.x, setting.y)
    st.latex(
        rf"\begin{{gathered}} L = -\sum_i y_i \log \hat y_i = -\log \hat y_{{{setting.label}}}"
        rf" = {tex(loss)} \\ \frac{{\partial L}}{{\partial x}} = \hat y - y \end{{gathered}}"
    )


def draw_class_table(setting) -> None:
    st.subheader("Class by class: ŷ beside y, and the gradient ŷ − y")
    table = tables.class_table(setting.x, setting.y)
    st.table(table)  # fits a 390 px phone whole, powers of ten included (tests/browser)


def draw_matrices(setting) -> None:
    x, n = setting.x, setting.n
    # Side by side up to 8 classes; ten columns of numbers need the whole width.
    jacobian, terms = st.columns(2) if n <= 8 else (st.container(), st.container())
    scrolls = f" {tables.SCROLL_NOTE}" if n >= WIDE_N else ""
    jacobian.markdown("**Softmax Jacobian ∂ŷᵢ/∂xⱼ** (step 3)")
    jacobian.table(
        tables.matrix_table(core.softmax_jacobian(x), zmax=0.25, caption=tables.MARKS_KEY + scrolls)
    )
    terms.markdown("**Chain-rule terms ∂L/∂ŷᵢ · ∂ŷᵢ/∂xⱼ** (step 5)")
    terms.table(
        tables.matrix_table(
            core.chain_rule_terms(x, setting.y),
            zmax=1.0,
            caption="Each column j adds up to ∂L/∂xⱼ = ŷⱼ − yⱼ. Only the true class's row is "
            "not 0." + scrolls,
        )
    )


def draw_downloads(setting) -> None:
    st.markdown(
        "### Take it with you\n"
        "The derivation with these numbers, and a numpy script that recomputes them."
    )
    downloads = st.container(horizontal=True)
    downloads.download_button(
        "Derivation (Markdown + LaTeX)",
        lambda: export.derivation_markdown(setting.x, setting.label),
        file_name="softmax_cross_entropy_derivation.md",
        mime="text/markdown",
        on_click="ignore",
        key="export_md",
    )
    downloads.download_button(
        "Numpy script",
        lambda: export.numpy_script(setting.x, setting.label),
        file_name="softmax_cross_entropy.py",
        mime="text/x-python",
        on_click="ignore",
        key="export_py",
    )


def draw_steps() -> None:
    st.markdown(
        "### The derivation, step by step\n"
        "Each step is one line of the derivation; the labs that follow it are in the sidebar."
    )
    for path, title in nav.existing(nav.STEPS)[1:]:
        st.page_link(path, label=title)


st.set_page_config(page_title="Softmax + cross-entropy: why ŷ − y", page_icon="∂", layout="wide")
setting = sidebar()
st.title("Why the gradient of softmax + cross-entropy is ŷ − y")
st.markdown(
    "Set the logits and the true class in the sidebar. Softmax turns the logits into "
    "probabilities ŷ, cross-entropy scores them against the label y, and the chain rule "
    "through both gives a gradient that is simply **ŷ − y**. The steps below derive it "
    "with your numbers."
)
draw_summary(setting)
draw_class_table(setting)
draw_matrices(setting)
draw_downloads(setting)
draw_steps()
history.remember()
