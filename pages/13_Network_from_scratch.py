"""Lab · Network from scratch: a multilayer perceptron on data a line cannot split, and its bugs."""

import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.fmt import num
from sce_ui.latex import mlp as latex
from sce_ui.models import mlp as model
from sce_ui.widgets import IN_URL, chart

st.set_page_config(page_title="Lab · Network from scratch", layout="wide")
sidebar()
RUN = "nn_last_run"


@st.cache_data(max_entries=16, show_spinner=False)
def trained(s: model.Settings) -> model.Run:
    """Train once per settings: the same link and Train give the same run, at once."""
    bar = st.progress(0.0, text="Training…")
    every = max(1, s.epochs // 50)

    def report(epoch: int, loss: float) -> None:
        if epoch % every == 0 or epoch == s.epochs:
            bar.progress(epoch / s.epochs, text=f"Epoch {epoch} of {s.epochs} · loss {num(loss)}")

    out = model.run(s, report)
    bar.empty()
    return out


def settings_ui() -> model.Settings:
    data, net, fit = st.columns(3)
    chosen = data.radio(
        "Data", list(model.DATASETS), 2, model.DATASETS.get, key="nn_data", **IN_URL
    )
    return model.Settings(
        data=chosen,
        classes=data.slider("Classes K (moons: 2)", 2, 5, 3, key="nn_classes", **IN_URL),
        points=data.slider("Points", 60, 600, 300, 30, key="nn_points", **IN_URL),
        layers=net.slider("Hidden layers", 0, 3, 2, key="nn_layers", **IN_URL),
        units=net.slider("Units per hidden layer", 2, 32, 32, key="nn_units", **IN_URL),
        activation=net.radio(
            "Activation f", core.ACTIVATIONS, horizontal=True, key="nn_activation", **IN_URL
        ),
        lr=fit.select_slider(
            "Learning rate η", model.LEARNING_RATES, 0.3, model.lr_label, key="nn_lr", **IN_URL
        ),
        epochs=fit.slider("Epochs", 10, 1000, 200, 10, key="nn_epochs", **IN_URL),
        batch=fit.select_slider(
            "Batch size", model.BATCH_SIZES, 32, model.batch_label, key="nn_batch", **IN_URL
        ),
        seed=int(fit.number_input("Seed", 0, 10**6, 0, key="nn_seed", **IN_URL)),
        bug=net.selectbox(
            "Backward pass",
            list(model.BUGS),
            format_func=lambda b: model.BUGS[b].label,
            key="nn_bug",
            **IN_URL,
        ),
    )


def draw_run(run: model.Run, shown: model.Settings) -> None:
    st.caption(f"Last run: {run.settings.summary()}")
    if run.settings != shown:
        st.info("The controls changed since this run: press **Train** to see them.")
    if warning := model.diverged_text(run):
        st.error(warning)
    st.markdown(model.result_line(run))
    epochs = model.snapshot_epochs(run.result)
    if st.session_state.get("nn_snapshot") not in epochs:
        st.session_state["nn_snapshot"] = epochs[-1]  # a link's valid epoch still wins
    epoch = st.select_slider(
        "Epoch shown: slide back to watch the network's borders bend",
        epochs,
        key="nn_snapshot",
        **IN_URL,
    )
    left, right = st.columns(2)
    chart(figures.regions(*model.network_view(run, epoch)), left)
    chart(figures.regions(*model.linear_view(run)), right)
    st.caption(model.regions_caption(run, epoch))
    losses = run.result.loss_history, run.linear.loss_history
    chart(figures.loss_curves(*losses, model.log_axis(*losses)))
    st.caption(model.loss_caption(run))


def draw_debug(run: model.Run) -> None:
    st.subheader("Debug it: the gradient check, parameter by parameter")
    st.markdown(
        f"The chosen backward pass against central differences, at the starting weights, on "
        f"the first {model.CHECK_POINTS} points. " + model.layer_badges(run.errors)
    )
    line = model.debug_line(run)
    (st.success if not model.wrong_keys(run.errors) else st.error)(line)
    st.table(tables.text_table(model.check_rows(run.errors, run.analytic)))
    st.latex(latex.check_formula(core.CHECK_TOLERANCE))


st.title("Lab · Network from scratch")
st.markdown(
    "One linear layer draws straight borders. Stack layers with an activation between them "
    "and the borders bend. The gradient is the same idea: ŷ − y enters at the top and each "
    "layer passes it down with one matrix product. Pick data, a network and a backward pass "
    "(right, or with a bug people really write), then press **Train**."
)
shown = settings_ui()
pressed = st.button("Train", type="primary", key="nn_train")
if pressed and (too_many := model.steps(shown)) > model.MAX_STEPS:
    st.warning(
        f"These settings ask for {too_many} gradient steps; a run here takes at most "
        f"{model.MAX_STEPS}. Raise the batch size or lower the epochs.",
    )
elif pressed:
    try:
        st.session_state[RUN] = trained(shown)
    except ValueError as error:
        st.error(f"These settings cannot be trained: {error}.")
run = st.session_state.get(RUN)
if run is None:
    st.info(
        "Nothing trained yet: press **Train**. A link to this page keeps every control above; "
        "opened elsewhere, it shows the same run once **Train** is pressed (same seed, same "
        "numbers)."
    )
else:
    draw_run(run, shown)
    draw_debug(run)
st.subheader("The backward pass beside the forward pass")
forward, backward = st.columns(2)
forward.latex(latex.forward())
backward.latex(latex.backward())
nav.step_links(__file__)
