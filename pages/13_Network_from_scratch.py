"""Lab · Network from scratch: a multilayer perceptron on data a line cannot split, and its bugs."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.latex import mlp as mlp_tex
from sce_ui.models import MAX_SEED
from sce_ui.models import mlp as mlp_model
from sce_ui.ui import mlp as mlp_ui
from sce_ui.widgets import IN_URL, chart, link_values, url_notice, warn_ignored, whole_number_input

st.set_page_config(page_title="Lab · Network from scratch", layout="wide")
sidebar()


def settings_ui() -> mlp_model.Settings:
    link = link_values(f"nn_{field}" for field in mlp_model.LINK_RULES)
    data, net, fit = st.columns(3)
    chosen = data.radio(
        "Data", list(mlp_model.DATASETS), 2, mlp_model.DATASETS.get, key="nn_data", **IN_URL
    )
    chosen = mlp_model.Settings(
        data=chosen,
        classes=data.slider("Classes K (moons: 2)", 2, 5, 3, key="nn_classes", **IN_URL),
        points=data.slider("Points", 60, 600, 300, 30, key="nn_points", **IN_URL),
        layers=net.slider("Hidden layers", 0, 3, 2, key="nn_layers", **IN_URL),
        units=net.slider("Units per hidden layer", 2, 32, 32, key="nn_units", **IN_URL),
        activation=net.radio(
            "Activation f", core.ACTIVATIONS, horizontal=True, key="nn_activation", **IN_URL
        ),
        lr=fit.select_slider(
            "Learning rate η",
            mlp_model.LEARNING_RATES,
            0.3,
            mlp_model.lr_label,
            key="nn_lr",
            **IN_URL,
        ),
        epochs=fit.slider("Epochs", 10, 1000, 200, 10, key="nn_epochs", **IN_URL),
        batch=fit.select_slider(
            "Batch size", mlp_model.BATCH_SIZES, 32, mlp_model.batch_label, key="nn_batch", **IN_URL
        ),
        seed=int(whole_number_input(fit, "Seed", 0, MAX_SEED, 0, key="nn_seed")),
        bug=net.selectbox(
            "Backward pass",
            list(mlp_model.BUGS),
            format_func=mlp_model.bug_label,
            key="nn_bug",
            **IN_URL,
        ),
    )
    warn_ignored(
        url_notice(link, f"nn_{field}", getattr(chosen, field), *rule)
        for field, rule in mlp_model.LINK_RULES.items()
    )
    return chosen


def snapshot_ui(run: mlp_model.Run) -> int:
    """The epoch shown; a link's value is named if it is not one of the run's snapshots."""
    link = link_values(("nn_snapshot",))
    epochs = mlp_model.snapshot_epochs(run.result)
    own = st.session_state.get("nn_snapshot")  # this session's choice, which the URL echoes
    if own not in epochs:
        st.session_state["nn_snapshot"] = epochs[-1]  # a link's valid epoch still wins
    epoch = st.select_slider(
        "Epoch shown: slide back to watch the network's borders bend",
        epochs,
        key="nn_snapshot",
        **IN_URL,
    )
    if own is None:
        warn_ignored([url_notice(link, "nn_snapshot", epoch, mlp_model.SNAPSHOT_RULE, str)])
    return epoch


def draw_run(run: mlp_model.Run, shown: mlp_model.Settings) -> None:
    st.caption(f"Last run: {run.settings.summary()}")
    if run.settings != shown:
        st.info("The controls changed since this run: press **Train** to see them.")
    if warning := mlp_model.diverged_text(run):
        st.error(warning)
    elif warning := mlp_model.rose_text(run):
        st.warning(warning)
    st.markdown(mlp_model.result_line(run))
    epoch = snapshot_ui(run)
    left, right = st.columns(2)
    chart(figures.regions(*mlp_model.network_view(run, epoch)), left, key="network_regions")
    chart(figures.regions(*mlp_model.linear_view(run)), right, key="linear_regions")
    st.caption(mlp_model.regions_caption(run, epoch))
    losses = run.result.loss_history, run.linear.loss_history
    chart(figures.loss_curves(*losses, mlp_model.log_axis(*losses)), key="losses")
    st.caption(mlp_model.loss_caption(run))


def draw_debug(run: mlp_model.Run) -> None:
    st.subheader("Debug it: the gradient check, parameter by parameter")
    st.markdown(mlp_model.debug_intro(run.errors))
    line = mlp_model.debug_line(run)
    (st.success if not mlp_model.wrong_keys(run.errors) else st.error)(line)
    st.table(tables.text_table(mlp_model.check_rows(run.errors, run.analytic)))
    st.latex(mlp_tex.check_formula(core.CHECK_TOLERANCE))


st.title("Lab · Network from scratch")
st.markdown(
    "One linear layer draws straight borders. Stack layers with an activation between them "
    "and the borders bend. The gradient is the same idea: ŷ − y enters at the top and each "
    "layer passes it down with one matrix product. Pick data, a network and a backward pass "
    "(right, or with a bug people really write), then press **Train**."
)
shown = settings_ui()
pressed = st.button("Train", type="primary", key="nn_train")
run = mlp_ui.last_run(shown, pressed)
if run is None:
    st.info(mlp_model.NOT_TRAINED)
else:
    draw_run(run, shown)
    draw_debug(run)
st.subheader("The backward pass beside the forward pass")
forward, backward = st.columns(2)
forward.latex(mlp_tex.forward())
backward.latex(mlp_tex.backward())
nav.step_links(__file__)
