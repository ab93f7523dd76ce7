"""Lab · In PyTorch: what F.cross_entropy computes with every option, and the classic bugs."""

import streamlit as st

import sce_core as core
from sce_ui import nav, tables
from sce_ui.controls import sidebar
from sce_ui.latex import frameworks as frameworks_tex
from sce_ui.models import frameworks as frameworks_model
from sce_ui.ui import frameworks as frameworks_ui
from sce_ui.widgets import (
    IN_URL,
    draw_sections,
    formula,
    link_values,
    warn_ignored,
    whole_number_input,
)

st.set_page_config(page_title="Lab · In PyTorch", layout="wide")
setting = sidebar()
NO_BATCH = (
    "No numbers here: the batch above cannot be computed (the notice says why). "
    "The classic bugs use your row alone."
)


def options_ui(n: int) -> frameworks_model.Options:
    """PyTorch's arguments; a weight that cannot be used is reported and left out."""
    link = link_values(frameworks_model.LINK_RULES)
    left, middle, right = st.columns(3)
    targets = left.radio(
        "Targets",
        frameworks_model.TARGET_KINDS,
        key="pt_targets",
        horizontal=True,
        **IN_URL,
        help="index: one class per row, as PyTorch counts (0, 1, ...); probabilities: a "
        "distribution per row (your row becomes one-hot).",
    )
    reduction = left.radio(
        "reduction", core.REDUCTIONS, key="pt_reduction", horizontal=True, **IN_URL
    )
    smoothing = middle.number_input(
        "label_smoothing ε", 0.0, 1.0, 0.0, 0.05, key="pt_smoothing", **IN_URL
    )
    ignore = whole_number_input(
        middle, "ignore_index", *frameworks_model.IGNORE_RANGE, -100, key="pt_ignore"
    )
    weight_text = right.text_input(
        "weight, one per class (empty: none)",
        key="pt_weight",
        placeholder="e.g. 1, 2, 0.5",
        **IN_URL,
    )
    warn_ignored(frameworks_ui.option_notices(link, targets, reduction, smoothing, ignore))
    weight = frameworks_ui.weight_or_none(weight_text, n)
    return frameworks_model.Options(targets, weight, int(ignore), reduction, float(smoothing))


def batch_ui(options: frameworks_model.Options):
    """The batch: your sidebar row, then the rows typed here; None with a notice if unusable."""
    text = st.text_input(
        "More rows: `logits : target`, rows separated by `;`",
        frameworks_model.DEFAULT_ROWS,
        key="pt_rows",
        **IN_URL,
        help="Targets count from 0 as in PyTorch; -inf masks a class.",
    )
    return frameworks_ui.batch_and_report(text, setting, options)


def draw_loss(batch, rep, options):
    st.subheader("1 · The loss, written out")
    st.latex(frameworks_tex.definition(options.targets, options.reduction))
    formula(
        frameworks_tex.loss_numbers(
            rep.rows, rep.numerator, rep.target.divisor, rep.loss, options.reduction
        )
    )
    st.table(tables.text_table(frameworks_model.row_table(batch, rep, options)))
    st.caption(frameworks_model.SCROLL_NOTE)
    for note in batch.notes:
        st.caption(note)


def draw_gradient(batch, rep, options):
    st.subheader("2 · The gradient: (ŷ·Σq − q)/D beside ŷ − y")
    st.table(tables.text_table(frameworks_model.gradient_table(rep)))
    st.info("  \n".join(frameworks_model.verdicts(batch, rep, options)), icon=":material/info:")


def draw_snippet(batch, rep, options):
    st.subheader("3 · The same in PyTorch")
    st.code(
        frameworks_tex.torch_snippet(batch.logits, batch.target, options),
        language=None,
        wrap_lines=True,
    )
    st.caption("It prints (computed here by sce_core, which matches PyTorch to 1e-12):")
    st.code(frameworks_tex.printed(rep.loss, rep.grad), language=None, wrap_lines=True)


def draw_bugs(batch_size: int):
    st.subheader("4 · Classic bugs, with your numbers")
    x, t = setting.x, setting.true_index
    twice = core.softmax_twice(x, t)
    st.markdown("**Softmax applied twice**: probabilities fed in as logits.")
    st.latex(frameworks_tex.softmax_twice(x, twice.y_hat, twice.y_hat_twice))
    st.table(tables.text_table(frameworks_model.twice_table(twice)))
    logs = core.log_of_softmax(x)
    st.markdown("**`log(softmax(x))` against the fused log-softmax**, at 100 x in float32:")
    st.latex(frameworks_tex.log_of_softmax(logs.scaled, logs.naive, logs.fused))
    st.caption(frameworks_model.log_caption(logs))
    step = core.sign_flipped_step(x, t)
    st.markdown("**The sign flipped** (y − ŷ): one step of size 1 from your row.")
    st.table(tables.text_table(frameworks_model.step_table(step)))
    twice_b = core.mean_divided_twice(*frameworks_model.plain_batch(setting, batch_size))
    st.markdown(f"**Dividing by B twice** (B = {batch_size}): the mean already divides by B.")
    st.table(tables.text_table(frameworks_model.divided_table(twice_b)))
    masked = core.masked_logit(x, t, frameworks_model.masked_class(setting))
    st.markdown("**A masked logit** (−inf), through naive code and through the fused loss:")
    st.latex(frameworks_tex.masked(masked.logits, masked.naive_loss, masked.loss, masked.grad))


st.title("Lab · In PyTorch")
st.markdown(frameworks_model.INTRO)
opts = options_ui(setting.n)
batch, rep = batch_ui(opts)


def for_batch(draw):
    """``draw`` for a batch that can be computed; otherwise a word on why nothing shows."""
    if batch is None:
        return lambda: st.caption(NO_BATCH)
    return lambda: draw(batch, rep, opts)


draw_sections(
    __file__,
    (
        for_batch(draw_loss),
        for_batch(draw_gradient),
        for_batch(draw_snippet),
        lambda: draw_bugs(len(batch.logits) if batch is not None else 3),
    ),
)
nav.step_links(__file__)
