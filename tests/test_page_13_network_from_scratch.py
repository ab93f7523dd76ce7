"""Lab · Network from scratch headless: defaults, a training run, each bug lighting its layers."""

import re

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import num
from sce_ui.models import mlp as mlp_model
from tests.app_checks import chart_figures, open_checked

PAGE = "pages/13_Network_from_scratch.py"
TITLE = "Lab · Network from scratch"
MOONS = mlp_model.DATASETS["moons"]
"""Links carry a choice by the label the control shows."""
SMALL = {"nn_points": "60", "nn_epochs": "20", "nn_units": "6", "nn_batch": "16"}


def trained(**query):
    at = open_checked(PAGE, TITLE, timeout=60, **{**SMALL, **query})
    at.button(key="nn_train").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_defaults_show_every_control_and_ask_for_a_press():
    at = open_checked(PAGE, TITLE)
    assert at.radio(key="nn_data").value == "spirals"
    assert at.slider(key="nn_layers").value == 2 and at.slider(key="nn_units").value == 32
    assert at.select_slider(key="nn_lr").value == 0.3
    assert at.selectbox(key="nn_bug").value == mlp_model.CORRECT
    assert any("Nothing trained yet" in i.value for i in at.info)
    assert any("dZ_L" in formula.value for formula in at.latex)


def test_a_link_restores_the_lab_settings():
    at = open_checked(
        PAGE, TITLE, nn_data=MOONS, nn_layers="1", nn_bug=mlp_model.BUGS["z_instead_of_a"].label
    )
    assert at.radio(key="nn_data").value == "moons"
    assert at.slider(key="nn_layers").value == 1
    assert at.selectbox(key="nn_bug").value == "z_instead_of_a"


def test_training_shows_the_numbers_of_sce_core():
    at = trained(nn_data=MOONS, nn_layers="1")
    s = mlp_model.Settings(data="moons", points=60, epochs=20, units=6, batch=16, layers=1)
    X, labels = core.make_moons(60, seed=0)
    want = core.mlp_train(X, labels, 2, (6,), "relu", 0.3, 20, 16, seed=0)
    (line,) = [m.value for m in at.markdown if m.value.startswith("Network: loss")]
    assert f"**{num(want.loss_history[0])}** → **{num(want.loss_history[-1])}**" in line
    assert mlp_model.accuracy_text(want.accuracy_history[-1]) in line
    assert at.caption[0].value == f"Last run: {s.summary()}"
    assert at.select_slider(key="nn_snapshot").value == 20
    assert any("Every parameter passes" in e.value for e in at.success)


@pytest.mark.parametrize("bug", core.MLP_BUGS[1:])
def test_each_bug_lights_the_layers_it_breaks(bug):
    at = trained(nn_bug=mlp_model.BUGS[bug].label, nn_activation="tanh")
    X, labels = core.make_spirals(60, 3, seed=0)
    start = core.mlp_init((2, 6, 6, 3), seed=0, activation="tanh")
    errors = core.mlp_gradient_check(start, X[:16], labels[:16], "tanh", bug=bug)
    wrong = {key for key, e in errors.items() if e > core.CHECK_TOLERANCE}
    assert wrong, bug
    (badges,) = [m.value for m in at.markdown if "-badge[" in m.value]
    for layer in (1, 2, 3):
        broken = {f"W{layer}", f"b{layer}"} & wrong
        assert (f"✘ layer {layer}" in badges) == bool(broken), (layer, badges)
    (verdict,) = [e.value for e in at.error]
    assert verdict.startswith(f"Wrong: {', '.join(k for k in errors if k in wrong)}.")
    entry, a, _ = re.search(
        r"At (\w+\[[\d, ]+\]) .* gives (\S+) where .* give (\S+)\.", verdict
    ).groups()
    key = entry.split("[")[0]
    index = tuple(int(i) - 1 for i in entry.split("[")[1].rstrip("]").split(", "))
    _, grads = core.mlp_loss_and_grads(start, X[:16], labels[:16], "tanh", bug=bug)
    assert a == num(grads[key][index])
    table = at.table[0].value
    assert list(table["verdict"]) == ["✘ WRONG" if k in wrong else "✔ passes" for k in errors]


def test_too_many_steps_bring_a_notice_not_a_run():
    at = open_checked(PAGE, TITLE, nn_points="600", nn_epochs="1000", nn_batch="1")
    at.button(key="nn_train").click().run()
    assert not at.exception
    assert any("gradient steps" in w.value for w in at.warning)
    assert any("Nothing trained yet" in i.value for i in at.info)


def test_the_scrubber_moves_the_decision_regions_back_in_time():
    at = trained()
    at.select_slider(key="nn_snapshot").set_value(0).run()
    assert not at.exception
    X, labels = core.make_spirals(60, 3, seed=0)
    start = core.mlp_init((2, 6, 6, 3), seed=0)
    accuracy = float(np.mean(core.mlp_predict(start, X) == labels))
    assert at.select_slider(key="nn_snapshot").value == 0
    titles = [figure["layout"]["title"]["text"] for figure in chart_figures(at)]
    assert (
        titles[0].replace("<br>", " ")
        == f"Network after epoch 0: {mlp_model.accuracy_text(accuracy)}"
    )


def test_a_link_with_an_epoch_opens_the_scrubber_there_after_train():
    at = trained(nn_snapshot="10")
    assert at.select_slider(key="nn_snapshot").value == 10
    at = trained(nn_snapshot="999")
    assert at.select_slider(key="nn_snapshot").value == 20


def test_a_link_the_controls_cannot_take_is_named_and_a_good_one_is_not():
    at = open_checked(PAGE, TITLE, nn_activation="0", nn_lr="0.5", nn_bug="nope", nn_classes="9")
    (notice,) = [w.value for w in at.warning if "could not be used" in w.value]
    for part in ("`nn_activation=0`", "`nn_lr=0.5`", "`nn_bug=nope`", "`nn_classes=9`"):
        assert part in notice
    assert at.radio(key="nn_activation").value == "relu"
    good = {"nn_activation": "tanh", "nn_lr": "0.03", "nn_bug": mlp_model.bug_label("correct")}
    assert not open_checked(PAGE, TITLE, nn_data=MOONS, **good).warning


def test_a_link_epoch_that_is_no_snapshot_is_named_after_train():
    assert not trained(nn_snapshot="10").warning
    (notice,) = [w.value for w in trained(nn_snapshot="999").warning]
    assert "`nn_snapshot=999`" in notice and "could not be used" in notice


def test_a_run_that_blows_up_between_two_epochs_says_diverged_not_cannot_be_trained():
    """Spirals, η = 3, the activation's gradient forgotten: a mini-batch step's logits
    overflowed and the page read 'These settings cannot be trained: logits must be finite'."""
    bug = mlp_model.BUGS["forget_activation_grad"].label
    at = trained(
        nn_points="300", nn_epochs="50", nn_units="32", nn_batch="32", nn_lr="3", nn_bug=bug
    )
    assert not any("cannot be trained" in e.value for e in at.error)
    assert any(e.value.startswith("Training diverged at epoch") for e in at.error)


def test_a_run_whose_loss_ends_higher_is_named_with_its_numbers():
    at = trained(nn_lr="10", nn_points="300", nn_units="32", nn_batch="32", nn_epochs="50")
    (warning,) = [w.value for w in at.warning if "ended higher" in w.value]
    (line,) = [m.value for m in at.markdown if m.value.startswith("Network: loss")]
    start, end = re.findall(r"\*\*([-0-9.e]+)\*\*", line)[:2]
    assert f"{start} → {end}" in warning and "η = 10" in warning
