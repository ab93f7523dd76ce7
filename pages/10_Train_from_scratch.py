"""Lab · Train from scratch: softmax regression on toy data, with the derived gradient or a bug."""

import numpy as np
import streamlit as st

import sce_core as core
from sce_ui import figures, nav, runs, tables
from sce_ui.controls import sidebar
from sce_ui.latex import training as training_tex
from sce_ui.models import MAX_SEED
from sce_ui.models import training as training_model
from sce_ui.ui import training as training_ui
from sce_ui.widgets import IN_URL, chart, link_values, warn_ignored, whole_number_input

GRID = (-5.0, 5.0)
KEYS = ("train_classes", "train_points", "train_seed", "train_lr", "train_epochs", "train_grad")


def settings_ui() -> training_model.Settings:
    """The form of the data and the training; its values, like whether a run is shown,
    live in the URL once Train is pressed."""
    link = link_values((*KEYS, runs.SHOW))
    with st.form("train_form"):
        data, fit = st.columns(2)
        chosen = training_model.Settings(
            classes=data.slider("Classes K", 3, 5, 3, key="train_classes", **IN_URL),
            points=data.slider(
                "Points B", 30, training_model.UI_MAX_POINTS, 300, 10, key="train_points", **IN_URL
            ),
            seed=int(
                whole_number_input(data, "Seed of the data", 0, MAX_SEED, 0, key="train_seed")
            ),
            lr=fit.select_slider(
                "Learning rate η (log scale)",
                training_model.LEARNING_RATES,
                value=training_model.DEFAULT_LR,
                format_func=training_tex.lr_label,
                key="train_lr",
                **IN_URL,
            ),
            epochs=fit.slider(
                "Epochs", 1, training_model.UI_MAX_EPOCHS, 200, key="train_epochs", **IN_URL
            ),
            choice=st.radio(
                "Gradient",
                training_model.CHOICES,
                format_func=training_model.choice_label,
                key="train_grad",
                **IN_URL,
            ),
        )
        st.form_submit_button(
            "Train",
            type="primary",
            key="train_go",
            on_click=st.session_state.__setitem__,
            args=(runs.SHOW, True),
        )
    shown = st.toggle("Show the run of these settings", key=runs.SHOW, **IN_URL)
    warn_ignored(training_ui.settings_notices(link, chosen, shown))
    return chosen


def draw_run(run: training_model.Run) -> None:
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
    st.markdown(training_model.progress_text(result))
    left, right = st.columns(2)
    chart(figures.training_loss_figure(loss, result.diverged_at), left, key="loss")
    xs, ys, grid = core.decision_grid(result.W, result.b, GRID, GRID, 150)
    predicted = core.predict(result.W, result.b, run.X)
    chart(
        figures.decision_regions(xs, ys, grid, run.X, run.labels, predicted), right, key="regions"
    )
    wrong = int(np.count_nonzero(predicted != run.labels))
    st.caption(training_ui.regions_caption(s.classes, wrong, run.labels.size, accuracy[-1]))


def draw_check(run: training_model.Run) -> None:
    s = run.settings
    st.subheader("Gradient check")
    st.latex(training_tex.check_result(run.check))
    verdict = training_model.check_message(run.check, s.choice)
    if training_tex.check_passed(run.check):
        st.success(verdict, icon=":material/check_circle:")
    else:
        st.error(verdict, icon=":material/cancel:")
    st.latex(training_tex.chosen_gradient(s.choice, s.points))
    st.table(tables.text_table(training_model.gradient_table(run.derived, run.chosen)))
    st.caption(training_model.check_caption(s.classes))


def draw_derivation(s: training_model.Settings) -> None:
    st.subheader("From the derivation to the code")
    st.markdown(
        "For one example Step 6 gave ∂L/∂z = ŷ − y. A batch stacks B examples as the rows of "
        "X, and the loss is their mean, so row k of ∂L/∂Z is (ŷₖ − yₖ)/B. One more chain "
        "rule, through z = xW + b, gives the gradients of the parameters, with these shapes:"
    )
    st.latex(training_tex.model(s.points, s.classes))
    st.latex(training_tex.gradients(s.points, s.classes))
    st.latex(training_tex.update(s.lr, s.epochs))
    st.caption(training_model.LIMITS)


st.set_page_config(page_title="Lab · Train from scratch", layout="wide")
sidebar()
st.title("Lab · Train from scratch")
st.markdown(
    "The derivation ends in one line of code. Here it trains a real classifier: one linear "
    "layer gives every point its logits z = xW + b (the logits called x in the derivation), "
    "softmax turns them into ŷ, and gradient descent follows (ŷ − y)/B. Pick a data set, a "
    "learning rate and a gradient, right or buggy, then press **Train**. (This lab makes its "
    "own data: the logits in the sidebar belong to the walkthrough.)"
)
chosen = settings_ui()
run = runs.shown_run(chosen)
if run is not None:
    draw_run(run)
    draw_check(run)
else:
    st.info("Nothing trained yet: press **Train** to fit the model.", icon=":material/info:")
draw_derivation(chosen)
nav.step_links(__file__)
