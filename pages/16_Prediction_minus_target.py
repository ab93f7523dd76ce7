"""Lab: why prediction − target keeps appearing, where it does not, and why CE is convex."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.fmt import num
from sce_ui.latex import canonical as canonical_tex
from sce_ui.models import canonical as canonical_model
from sce_ui.widgets import chart, draw_sections, formula, link_values, url_notice

TITLE = "Lab · Prediction minus target"
_BIND = {"bind": "query-params"}


def pair_ui(link) -> tuple[str, float, list[str | None]]:
    """The pair to derive, the focal loss's γ, and the notices for their link values."""
    left, right = st.columns(2)
    kind = left.selectbox(
        "Output and loss",
        core.PAIRS,
        format_func=canonical_model.PAIR_NAMES.get,
        key="cp_pair",
        **_BIND,
    )
    gamma = right.slider(
        "Focal loss γ", 0.0, 5.0, canonical_model.GAMMA_DEFAULT, 0.5, key="cp_gamma", **_BIND
    )
    why_pair = "a pair from the list"
    notices = [
        url_notice(link, "cp_pair", kind, why_pair, canonical_model.PAIR_NAMES.get),
        url_notice(link, "cp_gamma", gamma, "γ must be a number from 0 to 5"),
    ]
    return kind, gamma, notices


def draw_family() -> None:
    st.markdown(
        "ŷ − y is no accident. Softmax with cross-entropy is one of a family: an output "
        "function paired with the negative log-likelihood it belongs to. For each, the "
        "loss's slope in the prediction μ is (μ − t)/V(μ), and the output's slope is that "
        "same V(μ), so V cancels and the gradient is *prediction − target*."
    )
    st.latex(canonical_tex.family())
    st.latex(canonical_tex.family_table())


def draw_derivation(kind: str, x, k: int, gamma: float) -> None:
    d = canonical_model.derivation(kind, x, k, gamma)
    st.subheader(f"{canonical_model.PAIR_NAMES[kind]}, with your numbers (true class k = {k + 1})")
    if kind not in core.SOFTMAX_PAIRS:
        st.markdown(
            "A one-output pair sees one number: z, the log-odds of your true class against "
            "the others, with target t = 1. Then σ(z) is exactly your ŷₖ."
        )
    formula(canonical_tex.derivation(d, gamma))
    if d.factor is None:
        st.success(f"Prediction − target: {canonical_tex.minus_text(d)}.")
    else:
        level, text = canonical_model.factor_note(d)
        getattr(st, level)(text)


def draw_table(x, k: int, gamma: float) -> None:
    st.subheader("Every pair at your input")
    st.table(tables.text_table(canonical_model.pairs_rows(x, k, gamma)))
    st.caption(
        "The true class's output of each pair, target t = 1 (✗: not canonical). A ratio of "
        "1 means the gradient is prediction − target. On a phone the table scrolls sideways."
    )


def draw_sizes(x, k: int, gamma: float) -> None:
    sizes, grid = canonical_model.learner_sizes(x, k, gamma), canonical_model.size_grid(x, k)
    curves = canonical_model.size_curves(x, k, gamma)
    fig = figures.gradient_size_chart(grid, curves, sizes, canonical_model.PAIR_NAMES)
    chart(fig, key="pair")
    st.caption(canonical_model.sizes_caption(sizes, grid, curves))


def draw_convexity(x, k: int) -> None:
    st.subheader("Cross-entropy is convex in the logits")
    c = canonical_model.convexity(x, k)
    st.latex(canonical_tex.hessian_symbolic())
    st.table(tables.text_table(canonical_model.hessian_rows(c.hessian)))
    st.latex(canonical_tex.eigenvalues(c.values))
    st.markdown(canonical_model.eigen_verdict(c.values))
    fig = figures.line_loss_chart(c.steps, c.flat, c.steep, c.values[-1])
    chart(fig, key="gamma")
    st.caption(canonical_model.line_verdict(c))


def draw_surfaces(x, k: int) -> None:
    s = canonical_model.surfaces(x, k)
    at = s.point.logits
    marks = [(float(x[0]), float(x[1]), "you", "diamond"), (at[0], at[1], "λ < 0", "x")]
    left, right = st.columns(2)
    chart(
        figures.surface_chart(s.xs, s.cross_entropy, "Cross-entropy over x₁, x₂", marks),
        left,
        key="ce_surface",
    )
    chart(
        figures.surface_chart(s.xs, s.squared_error, "Squared error over x₁, x₂", marks),
        right,
        key="se_surface",
    )
    formula(canonical_tex.curvature_pair(s.point.squared_error, s.point.cross_entropy))
    st.caption(
        f"At x₁ = {num(at[0])}, x₂ = {num(at[1])} (✕) the squared-error surface bends down: "
        "its Hessian over x₁, x₂ has a negative eigenvalue. Cross-entropy's never does."
    )


st.set_page_config(page_title=TITLE, layout="wide")
setting = sidebar()
st.title(TITLE)
draw_family()
link = link_values(("cp_pair", "cp_gamma"))
chosen, focal_gamma, pair_notices = pair_ui(link)
x, k = setting.x, setting.true_index
draw_sections(
    __file__,
    (
        lambda: draw_derivation(chosen, x, k, focal_gamma),
        lambda: (draw_table(x, k, focal_gamma), draw_sizes(x, k, focal_gamma)),
        lambda: draw_convexity(x, k),
        lambda: draw_surfaces(x, k),
    ),
    pair_notices,
)
nav.step_links(__file__)
