"""Lab: why softmax is paired with cross-entropy, against squared error on the same outputs."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.fmt import num
from sce_ui.latex import pairing as latex
from sce_ui.widgets import IN_URL, chart, link_values, url_notice, warn_ignored

LOSS_NAMES = {"cross_entropy": "Cross-entropy", "squared_error": "Squared error"}
PAIR_LIMIT = 1000.0  # the page's own pair of logits, which starts at the default x1, x2


def both_losses(x, y) -> tuple[dict[str, float], dict[str, object]]:
    """Each loss and its gradient with respect to the logits, by loss name."""
    losses = {
        "cross_entropy": core.cross_entropy_from_logits(x, y),
        "squared_error": core.squared_error(core.softmax(x), y),
    }
    grads = {
        "cross_entropy": core.logits_grad(x, y),
        "squared_error": core.squared_error_logits_grad(x, y),
    }
    return losses, grads


def surface_ui() -> str:
    link = link_values(("pair_kind",))
    kind = st.radio(
        "Loss surface of",
        LOSS_NAMES,
        format_func=LOSS_NAMES.get,
        horizontal=True,
        key="pair_kind",
        **IN_URL,
    )
    warn_ignored(
        [url_notice(link, "pair_kind", kind, "the loss must be one of the two", LOSS_NAMES.get)]
    )
    return kind


def pair_ui() -> tuple[float, float, int]:
    """The page's own two logits and true class, for n other than 2."""
    link = link_values(("pair_a", "pair_b", "pair_label"))
    a_col, b_col, t_col = st.columns(3)
    limits = (-PAIR_LIMIT, PAIR_LIMIT)
    a = a_col.number_input("a (logit of class 1)", *limits, 2.0, 0.5, key="pair_a", **IN_URL)
    b = b_col.number_input("b (logit of class 2)", *limits, 1.0, 0.5, key="pair_b", **IN_URL)
    label = t_col.radio("True class", (1, 2), horizontal=True, key="pair_label", **IN_URL)
    why = f"a logit must be a number from {-PAIR_LIMIT:g} to {PAIR_LIMIT:g}"
    warn_ignored(
        [
            url_notice(link, "pair_a", a, why),
            url_notice(link, "pair_b", b, why),
            url_notice(link, "pair_label", label, "the true class must be 1 or 2", str),
        ]
    )
    return a, b, label


def draw_your_numbers(setting, losses, grads) -> float:
    st.subheader(f"With your numbers (true class {setting.label})")
    y_hat, k = core.softmax(setting.x), setting.true_index
    true_grads = tuple(g[k] for g in grads.values())
    st.latex(latex.your_numbers(setting.label, y_hat[k], tuple(losses.values()), true_grads))
    st.table(tables.text_table(latex.gradient_table(y_hat, setting.y, *grads.values())))
    return float(y_hat[k])


def draw_surface(kind: str, x, k: int, losses, grads) -> None:
    xs, ys, z = core.loss_surface(kind, (-10.0, 10.0), label=k, n_points=61, fixed_logits=x[2:])
    title = f"{LOSS_NAMES[kind]} over x₁ and x₂"
    here = (x[0], x[1], losses[kind])
    chart(figures.loss_surface_figure(xs, ys, z, here, title, gradient=grads[kind][:2]))
    fixed = ", ".join(f"x{i} = {v:g}" for i, v in enumerate(x[2:], start=3))
    st.caption(
        f"{LOSS_NAMES[kind]} as x₁ and x₂ move{f', with {fixed} held' if fixed else ''}: "
        f"{num(z.min())} to {num(z.max())} over this square, {num(losses[kind])} at your "
        "logits (◆); contour labels give its value. The orange arrow is the downhill step "
        f"−{figures.ARROW_SCALE:g}·(∂L/∂x₁, ∂L/∂x₂). Cross-entropy rises steadily where the "
        "true class loses, so its slope never dies; squared error flattens there into a "
        "plateau, capped at 2."
    )


def draw_gradient_sizes(size_col, p: float, n: int) -> None:
    grid = latex.CONFIDENCE_GRID
    curves = [core.gradient_norm_vs_confidence(grid, n, name) for name in LOSS_NAMES]
    try:
        norms = tuple(float(core.gradient_norm_vs_confidence(p, n, name)) for name in LOSS_NAMES)
    except ValueError:
        norms = None
    chart(
        figures.gradient_size_figure(grid, *curves, None if norms is None else (p, *norms)),
        size_col,
    )
    if norms is None:
        st.info(
            f"The true class's ŷ is exactly {p:g} in floating point. The curves are drawn for "
            "ŷ strictly between 0 and 1, so your point is not marked."
        )
    st.latex(latex.gradient_sizes(n, p, norms))
    st.caption(
        f"Gradient sizes for n = {n} classes, the other classes sharing 1 − ŷ equally. Try "
        "the preset “Confident and wrong”: cross-entropy still pushes with a size above 1, "
        "squared error barely moves."
    )


def draw_two_classes(a: float, b: float, label: int) -> None:
    check = latex.two_class_check(a, b, label)
    st.latex(latex.two_class_numbers(check))
    st.table(tables.text_table(latex.two_class_table(check)))
    st.caption(
        "Every quantity to all 17 significant digits. The difference is 0, or a rounding in "
        "the last digit (a few 1e-17 to 1e-16): the two computations are the same function."
    )


st.set_page_config(page_title="Lab · Why softmax with cross-entropy", layout="wide")
setting = sidebar()
x, n, k = setting.x, setting.n, setting.true_index
losses, grads = both_losses(x, setting.y)

st.title("Lab · Why softmax with cross-entropy")
st.markdown(
    "Softmax could be scored with any loss. Paired with cross-entropy it gives a smooth loss "
    "that is easy to optimise, and a gradient that pushes hardest when the model is most "
    "wrong. Squared error on the same probabilities looks just as reasonable, but its "
    "gradient fades away exactly when the model is confidently wrong."
)
st.latex(latex.losses_symbolic())
st.markdown(
    "In cross-entropy the $1/\\hat y_i$ of the log cancels the $\\hat y_i$ that every softmax "
    "derivative carries. Squared error has no log, so nothing cancels: the boxed factor "
    "$\\hat y_j$ stays, and when the true class's $\\hat y$ goes to 0 its push goes with it."
)
p = draw_your_numbers(setting, losses, grads)
surface_col, size_col = st.columns(2)
with surface_col:
    draw_surface(surface_ui(), x, k, losses, grads)
draw_gradient_sizes(size_col, p, n)

st.subheader("Two classes: softmax is a sigmoid, cross-entropy is binary cross-entropy")
st.latex(latex.sigmoid_identity())
half = latex.two_class_check(0.0, 0.0, 1)
st.latex(latex.fifty_fifty(half.sigmoid, half.cross_entropy, core.logits_grad([0, 0], [1, 0])))
if n == 2:
    st.markdown(f"Checked with your logits, $a = x_1$ and $b = x_2$, true class {setting.label}:")
    draw_two_classes(x[0], x[1], setting.label)
else:
    st.markdown(
        f"You have n = {n} classes; set n = 2 in the sidebar to check with your own logits. "
        "Until then, a pair of logits of this page's own:"
    )
    draw_two_classes(*pair_ui())
nav.step_links(__file__)
