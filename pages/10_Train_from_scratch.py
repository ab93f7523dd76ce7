"""Lab · Train from scratch: softmax regression on toy data, with the derived gradient or a bug."""

import numpy as np
import streamlit as st

import sce_core as core
from sce_ui import figures, nav, tables
from sce_ui.controls import sidebar
from sce_ui.fmt import num, percent
from sce_ui.latex import training as training_tex
from sce_ui.models import training as training_model

st.set_page_config(page_title="Lab · Train from scratch", layout="wide")
sidebar()
RUN = "train_run"
GRID = (-5.0, 5.0)
KEEP = {"persist_state": "session"}


def train(s: training_model.Settings) -> training_model.Run:
    """Make the data, train with a progress bar, and check the chosen gradient at W = 0, b = 0."""
    X, labels = core.make_blobs(s.points, s.classes, seed=s.seed)
    bar = st.progress(0.0, text="Training…")
    every = max(1, s.epochs // 50)

    def report(epoch: int, loss: float) -> None:
        if epoch % every == 0 or epoch == s.epochs:
            bar.progress(epoch / s.epochs, text=f"Epoch {epoch} of {s.epochs} · loss {num(loss)}")

    result = core.train(
        X, labels, s.classes, s.lr, s.epochs, bug=s.bug, seed=s.seed, callback=report
    )
    bar.empty()
    Y, W0, b0 = core.one_hot(labels, s.classes), np.zeros((2, s.classes)), np.zeros(s.classes)
    return training_model.Run(
        s,
        X,
        labels,
        result,
        check=core.gradient_check_model(W0, b0, X, Y, bug=s.bug),
        derived=core.model_loss_and_grad(W0, b0, X, Y),
        chosen=core.model_loss_and_grad(W0, b0, X, Y, bug=s.bug) if s.bug else None,
    )


st.title("Lab · Train from scratch")
st.markdown(
    "The derivation ends in one line of code. Here it trains a real classifier: one linear "
    "layer gives every point its logits z = xW + b (the logits called x in the derivation), "
    "softmax turns them into ŷ, and gradient descent follows (ŷ − y)/B. Pick a data set, a "
    "learning rate and a gradient, right or buggy, then press **Train**. (This lab makes its "
    "own data: the logits in the sidebar belong to the walkthrough.)"
)
with st.form("train_form"):
    data, fit = st.columns(2)
    chosen = training_model.Settings(
        classes=data.slider("Classes K", 3, 5, 3, key="train_classes", **KEEP),
        points=data.slider(
            "Points B", 30, training_model.UI_MAX_POINTS, 300, 10, key="train_points", **KEEP
        ),
        seed=int(data.number_input("Seed of the data", 0, 10**6, 0, key="train_seed", **KEEP)),
        lr=fit.select_slider(
            "Learning rate η (log scale)",
            training_model.LEARNING_RATES,
            value=training_model.DEFAULT_LR,
            format_func=training_model.lr_label,
            key="train_lr",
            **KEEP,
        ),
        epochs=fit.slider(
            "Epochs", 1, training_model.UI_MAX_EPOCHS, 200, key="train_epochs", **KEEP
        ),
        choice=st.radio(
            "Gradient",
            training_model.CHOICES,
            format_func=training_model.choice_label,
            key="train_grad",
            **KEEP,
        ),
    )
    pressed = st.form_submit_button("Train", type="primary", key="train_go")
if pressed:
    try:
        st.session_state[RUN] = train(chosen)
    except ValueError as error:
        st.error(f"These settings cannot be trained: {error}.", icon=":material/block:")

run = st.session_state.get(RUN)
if run is None:
    st.info("Nothing trained yet: press **Train** to fit the model.", icon=":material/info:")
else:
    s, result = run.settings, run.result
    loss, accuracy = result.loss_history, result.accuracy_history
    st.subheader("The last run")
    st.caption(s.summary())
    if result.status == "diverged":
        st.error(
            training_model.diverged_message(s, result.diverged_at), icon=":material/trending_up:"
        )
    elif rose := training_model.rises(loss):
        st.warning(training_model.overshoot_message(s, rose), icon=":material/warning:")
    st.markdown(
        f"Loss **{num(loss[0])}** at epoch 0 → **{num(loss[-1])}** "
        f"at epoch {result.epochs_run}; training accuracy **{percent(accuracy[0])}** → "
        f"**{percent(accuracy[-1])}**."
    )
    left, right = st.columns(2)
    left.plotly_chart(
        figures.training_loss_figure(loss, result.diverged_at), width="stretch", theme=None
    )
    xs, ys, grid = core.decision_grid(result.W, result.b, GRID, GRID, 150)
    predicted = core.predict(result.W, result.b, run.X)
    right.plotly_chart(
        figures.decision_regions(xs, ys, grid, run.X, run.labels, predicted),
        width="stretch",
        theme=None,
    )
    wrong = int(np.count_nonzero(predicted != run.labels))
    st.caption(
        f"Here colours and symbols name classes ({' '.join(figures.CLASS_MARKS[: s.classes])}), "
        "not the i = j / i ≠ j cases of the derivation. The tinted background is the class "
        f"the model predicts there; a black ring marks each of the {wrong} of {run.labels.size} "
        f"points it gets wrong (training accuracy {percent(accuracy[-1])})."
    )

    st.subheader("Gradient check")
    st.latex(training_tex.check_result(run.check))
    verdict = training_model.check_message(run.check, s.choice)
    if training_model.check_passed(run.check):
        st.success(verdict, icon=":material/check_circle:")
    else:
        st.error(verdict, icon=":material/cancel:")
    st.latex(training_tex.chosen_gradient(s.choice, s.points))
    st.table(tables.text_table(training_model.gradient_table(run.derived, run.chosen)))
    st.caption(training_model.check_caption(s.classes))

shown = run.settings if run else chosen
st.subheader("From the derivation to the code")
st.markdown(
    "For one example Step 6 gave ∂L/∂z = ŷ − y. A batch stacks B examples as the rows of "
    "X, and the loss is their mean, so row k of ∂L/∂Z is (ŷₖ − yₖ)/B. One more chain rule, "
    "through z = xW + b, gives the gradients of the parameters, with these shapes:"
)
st.latex(training_tex.model(shown.points, shown.classes))
st.latex(training_tex.gradients(shown.points, shown.classes))
st.latex(training_tex.update(shown.lr, shown.epochs))
st.caption(training_model.LIMITS)

nav.step_links(__file__)
