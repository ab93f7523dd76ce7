"""Lab · Descend on your logits: x ← x − η(ŷ − y) applied to the sidebar's logits, step by step."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav
from sce_ui.controls import sidebar
from sce_ui.fmt import num
from sce_ui.latex import descend as descend_tex
from sce_ui.models import descend as descend_model
from sce_ui.tables import text_table
from sce_ui.ui import descend as descend_ui
from sce_ui.widgets import (
    IN_URL,
    chart,
    class_picker,
    draw_sections,
    formula,
    link_values,
    warn_ignored,
)

st.set_page_config(page_title="Lab · Descend on your logits", layout="wide")
setting = sidebar()
KEYS = ("gd_lr", "gd_smooth", "gd_mode", "gd_count", "gd_steps", "gd_i", "gd_j")


def steps_ui(column) -> tuple[str, int]:
    """How the steps are taken, fixed or pressed, and their number."""
    mode = column.radio(
        "Steps",
        descend_model.MODES,
        format_func=descend_model.MODE_NAMES.get,
        key="gd_mode",
        horizontal=True,
        **IN_URL,
    )
    if mode == "fixed":
        count = column.select_slider(
            "Number of steps",
            descend_model.STEP_COUNTS,
            descend_model.DEFAULT_COUNT,
            key="gd_count",
            **IN_URL,
        )
        return mode, int(count)
    count = column.number_input(
        "Steps taken", 0, descend_model.MAX_PRESSED, 0, key="gd_steps", **IN_URL
    )
    left, right = column.columns(2)
    left.button("Take one step", key="gd_step", on_click=descend_ui.step_once, type="primary")
    right.button("Back to the start", key="gd_reset", on_click=descend_ui.restart)
    return mode, int(count)


def choices_ui() -> descend_model.Choices:
    link = link_values(KEYS)
    rate, rest = st.columns(2)
    lr = rate.select_slider(
        "Step size η", descend_model.LEARNING_RATES, descend_model.DEFAULT_LR, key="gd_lr", **IN_URL
    )
    smoothing = rate.select_slider(
        "Label smoothing ε",
        descend_model.SMOOTHING,
        0.0,
        key="gd_smooth",
        format_func=str,
        **IN_URL,
        help="The target becomes (1 − ε)·y + ε/n: every class keeps a share ε/n.",
    )
    mode, steps = steps_ui(rest)
    across = class_picker("Surface across: logit", key="gd_i", n=setting.n, container=rest)
    up = class_picker("Surface up: logit", "gd_j", setting.n, 2, rest)
    warn_ignored(descend_ui.choice_notices(link, setting.n, lr, smoothing, mode, steps, across, up))
    if up == across:
        up = across % setting.n + 1
        rest.caption(f"The two axes need two logits: up shows x{up}.")
    return descend_model.Choices(float(lr), float(smoothing), steps, (across - 1, up - 1))


def draw_update(report: core.DescentReport, lr: float) -> None:
    st.latex(descend_tex.update_rule())
    k = report.losses.size - 2
    if k >= 0:
        formula(
            descend_tex.step_tex(k, report.logits[k], report.grads[k], lr, report.logits[k + 1])
        )


def draw_findings(report, y, c: descend_model.Choices) -> None:
    label = setting.true_index
    for text in (
        descend_model.overshoot_text(report, y, c.lr, c.smoothing),
        descend_model.push_text(report, y, label),
        descend_model.shrink_text(report, y, label, c.smoothing),
    ):
        st.markdown(f"- {text}")


def draw_charts(report, y, c: descend_model.Choices) -> None:
    path = report.logits[:, list(c.pair)]
    xs, ys, z = core.pair_loss_surface(
        report.logits[0],
        y,
        c.pair,
        descend_model.window(path[:, 0]),
        descend_model.window(path[:, 1]),
    )
    left, right = st.columns(2)
    with left:
        chart(
            figures.descent_surface(xs, ys, z, path, c.pair, "The path on the loss surface"),
            key="surface",
        )
        if setting.n > 2:
            st.caption("The surface holds the other logits at their start; they move too.")
    with right:
        title = f"Loss and gradient size (last L = {num(report.losses[-1])})"
        chart(figures.descent_curves(report.losses, report.grad_norms, title), key="curves")
        st.caption(descend_model.curves_caption(report))


def draw_steps(report, y) -> None:
    st.subheader("Every step")
    st.table(text_table(descend_model.table_columns(report, y), vectors=("ŷ − y", "ŷ", "x")))
    st.caption(f"Target y = {descend_tex.vector_text(y)}. The table scrolls sideways on a phone.")


st.title("Lab · Descend on your logits")
st.markdown(descend_tex.INTRO)
chosen = choices_ui()
target = core.smooth_labels(setting.y, chosen.smoothing)
run = core.descent_report(setting.x, target, chosen.lr, chosen.steps)
draw_sections(
    __file__,
    (
        lambda: (draw_update(run, chosen.lr), draw_findings(run, target, chosen)),
        lambda: draw_charts(run, target, chosen),
        lambda: draw_steps(run, target),
    ),
)
nav.step_links(__file__)
