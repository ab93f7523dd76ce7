"""Lab: why softmax is paired with cross-entropy, against squared error on the same outputs."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.latex import pairing as pairing_tex
from sce_ui.models import pairing as pairing_model
from sce_ui.ui import pairing as pairing_ui
from sce_ui.widgets import IN_URL, chart, formula, link_values, sections, url_notice, warn_ignored


def surface_ui() -> str:
    link = link_values(("pair_kind",))
    names = pairing_model.LOSS_NAMES
    kind = st.radio(
        "Loss surface of",
        names,
        format_func=names.get,
        horizontal=True,
        key="pair_kind",
        **IN_URL,
    )
    warn_ignored(
        [url_notice(link, "pair_kind", kind, "the loss must be one of the two", names.get)]
    )
    return kind


def pair_ui() -> tuple[float, float, int]:
    """The page's own two logits and true class, for n other than 2."""
    link = link_values(("pair_a", "pair_b", "pair_label"))
    a_col, b_col, t_col = st.columns(3)
    limits = (-pairing_model.PAIR_LIMIT, pairing_model.PAIR_LIMIT)
    a = a_col.number_input("a (logit of class 1)", *limits, 2.0, 0.5, key="pair_a", **IN_URL)
    b = b_col.number_input("b (logit of class 2)", *limits, 1.0, 0.5, key="pair_b", **IN_URL)
    label = t_col.radio("True class", (1, 2), horizontal=True, key="pair_label", **IN_URL)
    warn_ignored(pairing_ui.pair_notices(link, a, b, label))
    return a, b, label


def draw_your_numbers(setting, losses, grads) -> None:
    st.subheader(f"With your numbers (true class {setting.label})")
    y_hat, k = core.softmax(setting.x), setting.true_index
    true_grads = tuple(g[k] for g in grads.values())
    formula(pairing_tex.your_numbers(setting.label, y_hat[k], tuple(losses.values()), true_grads))
    st.table(tables.text_table(pairing_model.gradient_table(y_hat, setting.y, *grads.values())))


def draw_surface(kind: str, x, k: int, losses, grads) -> None:
    xs, ys, z = core.loss_surface(kind, (-10.0, 10.0), label=k, n_points=61, fixed_logits=x[2:])
    title = f"{pairing_model.LOSS_NAMES[kind]} over x₁ and x₂"
    here = (x[0], x[1], losses[kind])
    chart(
        figures.loss_surface_figure(xs, ys, z, here, title, gradient=grads[kind][:2]), key="surface"
    )
    st.caption(pairing_ui.surface_caption(kind, x, z, losses[kind]))


def draw_gradient_sizes(size_col, setting, p: float) -> None:
    grid = pairing_model.CONFIDENCE_GRID
    n, x, y = setting.n, setting.x, setting.y
    curves = [core.gradient_norm_vs_confidence(grid, n, name) for name in pairing_model.LOSS_NAMES]
    norms = tuple(float(core.logit_gradient_norm(x, y, name)) for name in pairing_model.LOSS_NAMES)
    chart(figures.gradient_size_figure(grid, *curves, (p, *norms)), size_col, key="gradient_size")
    st.latex(pairing_tex.gradient_sizes(n, p, norms))
    st.caption(pairing_model.sizes_caption(n))


def draw_two_class_identity() -> None:
    st.subheader("Two classes: softmax is a sigmoid, cross-entropy is binary cross-entropy")
    st.latex(pairing_tex.sigmoid_identity())
    half = pairing_model.two_class_check(0.0, 0.0, 1)
    st.latex(
        pairing_tex.fifty_fifty(half.sigmoid, half.cross_entropy, core.logits_grad([0, 0], [1, 0]))
    )


def draw_two_classes(a: float, b: float, label: int) -> None:
    check = pairing_model.two_class_check(a, b, label)
    formula(pairing_tex.two_class_numbers(check))
    st.table(tables.text_table(pairing_model.two_class_table(check)))
    st.caption(
        "Every quantity to all 17 significant digits. The difference is 0, or a rounding in "
        "the last digit (a few 1e-17 to 1e-16): the two computations are the same function."
    )


st.set_page_config(page_title="Lab · Why softmax with cross-entropy", layout="wide")
setting = sidebar()
x, n, k = setting.x, setting.n, setting.true_index
losses, grads = pairing_model.both_losses(x, setting.y)

st.title("Lab · Why softmax with cross-entropy")
st.markdown(
    "Softmax could be scored with any loss. Paired with cross-entropy it gives a smooth loss "
    "that is easy to optimise, and a gradient that pushes hardest when the model is most "
    "wrong. Squared error on the same probabilities looks just as reasonable, but its "
    "gradient fades away exactly when the model is confidently wrong."
)
st.latex(pairing_tex.losses_symbolic())
st.markdown(
    "In cross-entropy the $1/\\hat y_i$ of the log cancels the $\\hat y_i$ that every softmax "
    "derivative carries. Squared error has no log, so nothing cancels: the boxed factor "
    "$\\hat y_j$ stays, and when the true class's $\\hat y$ goes to 0 its push goes with it."
)
# Each section's controls are drawn whether it is open or not (a closed tab hides them),
# so that their values stay in the URL.
with sections(__file__) as (numbers_tab, surface_tab, two_tab):
    with numbers_tab:
        if numbers_tab.open:
            draw_your_numbers(setting, losses, grads)
    with surface_tab:
        surface_col, size_col = st.columns(2)
        with surface_col:
            surface_kind = surface_ui()
            if surface_tab.open:
                draw_surface(surface_kind, x, k, losses, grads)
        if surface_tab.open:
            draw_gradient_sizes(size_col, setting, float(core.softmax(x)[k]))
    with two_tab:
        if two_tab.open:
            draw_two_class_identity()
            st.markdown(
                f"Checked with your logits, $a = x_1$ and $b = x_2$, true class {setting.label}:"
                if n == 2
                else f"You have n = {n} classes; set n = 2 in the sidebar to check with your "
                "own logits. Until then, a pair of logits of this page's own:"
            )
        pair = (x[0], x[1], setting.label) if n == 2 else pair_ui()
        if two_tab.open:
            draw_two_classes(*pair)
nav.step_links(__file__)
