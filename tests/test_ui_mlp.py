"""The network labs' display models, LaTeX writers and figure builders, as plain functions."""

import dataclasses

import numpy as np
import pytest

import sce_core as core
from sce_ui import figures
from sce_ui.fmt import num
from sce_ui.latex import mlp as mlp_tex
from sce_ui.models import mlp as mlp_model

SMALL = mlp_model.Settings(points=60, units=5, epochs=15, batch=16)


@pytest.fixture(scope="module")
def small_run():
    return mlp_model.run(SMALL)


def test_steps_count_batches_per_epoch():
    assert mlp_model.steps(mlp_model.Settings(points=300, batch=32, epochs=10)) == 10 * 10
    assert mlp_model.steps(mlp_model.Settings(points=300, batch=mlp_model.FULL, epochs=10)) == 10
    assert mlp_model.steps(mlp_model.Settings(points=60, batch=128, epochs=10)) == 10
    assert (
        mlp_model.steps(mlp_model.Settings(points=600, batch=1, epochs=1000)) > mlp_model.MAX_STEPS
    )


def test_settings_map_to_core_arguments():
    s = mlp_model.Settings(data="moons", classes=5, layers=3, units=4, batch=mlp_model.FULL)
    assert s.n_classes == 2 and s.hidden == (4, 4, 4) and s.batch_size is None
    assert (
        s.core_bug is None and mlp_model.Settings(bug="softmax_twice").core_bug == "softmax_twice"
    )
    assert mlp_model.Settings(layers=0).hidden == ()
    assert "none (linear)" in mlp_model.Settings(layers=0).summary()


@pytest.mark.parametrize("data", list(mlp_model.DATASETS))
def test_every_data_set_fits_the_plane(data):
    s = mlp_model.Settings(data=data, points=90)
    X, labels = mlp_model.make_data(s)
    low, high = mlp_model.plane(X)
    assert X.shape == (90, 2) and low == -high and np.abs(X).max() + 0.5 == pytest.approx(high)
    assert set(np.unique(labels)) == set(range(s.n_classes))


def test_run_matches_sce_core(small_run):
    X, labels = core.make_spirals(60, 3, seed=0)
    want = core.mlp_train(X, labels, 3, (5, 5), "relu", 0.3, 15, 16, seed=0)
    np.testing.assert_array_equal(small_run.result.loss_history, want.loss_history)
    start = core.mlp_init((2, 5, 5, 3), seed=0)
    errors = core.mlp_gradient_check(start, X[:16], labels[:16])
    assert small_run.errors == pytest.approx(errors, rel=1e-12)


def test_check_rows_and_badges_name_the_wrong_parameters():
    errors = {"W1": 0.3, "b1": 0.0, "W2": 1e-9, "b2": 0.2}
    grads = {"W1": np.zeros((2, 3)), "b1": np.zeros(3), "W2": np.zeros((3, 2)), "b2": np.zeros(2)}
    rows = mlp_model.check_rows(errors, grads)
    assert rows["verdict"] == ["✘ WRONG", "✔ passes", "✔ passes", "✘ WRONG"]
    assert rows["shape"] == ["2 × 3", "3", "3 × 2", "2"]
    assert rows["relative error"] == [num(0.3), num(0.0), num(1e-9), num(0.2)]
    badges = mlp_model.layer_badges(errors)
    assert badges == ":red-badge[✘ layer 1: W1 wrong] :red-badge[✘ layer 2: b2 wrong]"
    assert mlp_model.wrong_keys(errors) == ["W1", "b2"]


def test_debug_line_quotes_the_worst_entry(small_run):
    bugged = mlp_model.run(mlp_model.Settings(**{**SMALL.__dict__, "bug": "z_instead_of_a"}))
    line = mlp_model.debug_line(bugged)
    assert line.startswith("Wrong: W2, W3.")
    key = max(["W2", "W3"], key=bugged.errors.get)
    _, a, n = mlp_model.worst_entry(bugged.analytic, bugged.numeric, key)
    assert f"gives {num(a)} where central differences give {num(n)}" in line
    assert abs(a - n) == pytest.approx(np.max(np.abs(bugged.analytic[key] - bugged.numeric[key])))
    assert mlp_model.debug_line(small_run).startswith("Every parameter passes")


def test_debug_line_says_when_a_bug_cannot_show():
    linear = mlp_model.run(
        mlp_model.Settings(points=60, layers=0, epochs=5, bug="forget_activation_grad")
    )
    assert "changes nothing" in mlp_model.debug_line(linear)
    assert "no hidden layer" in mlp_model.debug_line(linear)


def test_log_axis_only_when_the_loss_spans_a_decade():
    assert mlp_model.log_axis([1.0, 0.5], [1.1, 0.09])
    assert not mlp_model.log_axis([1.0, 0.5], [1.1, 0.2])


def test_snapshots_by_epoch(small_run):
    epochs = mlp_model.snapshot_epochs(small_run.result)
    assert epochs[0] == 0 and epochs[-1] == 15
    last = mlp_model.snapshot(small_run.result, 15)
    assert all(np.array_equal(last[k], small_run.result.params[k]) for k in last)


def test_loss_curves_switch_to_log_and_label_the_ends():
    fig = figures.loss_curves([2.0, 0.01], [1.0, 0.9], log=True)
    assert fig.layout.yaxis.type == "log"
    assert [t.name for t in fig.data] == [
        f"network: {num(0.01)} at the end",
        f"linear model: {num(0.9)} at the end",
    ]
    assert figures.loss_curves([2.0, 1.0], [1.0, 0.9], log=False).layout.yaxis.type == "linear"


def test_regions_draw_the_grid_and_every_class():
    params = core.mlp_init((2, 4, 3), seed=0)
    X, labels = core.make_spirals(30, 3, seed=0)
    grid = core.mlp_decision_grid(params, "relu", (-3, 3), (-3, 3), 20)
    fig = figures.regions(grid, X, labels, core.mlp_predict(params, X), "t")
    assert fig.data[0].type == "heatmap" and np.array_equal(fig.data[0].z, grid[2] + 1)
    assert len(fig.data) == 1 + 3 + 1


def test_latex_writers():
    assert mlp_tex.matrix([[1.0, -0.5], [0.0, 2.0]]) == (
        r"\begin{bmatrix} "
        + " & ".join([num(1.0), num(-0.5)])
        + r" \\ "
        + " & ".join([num(0.0), num(2.0)])
        + r" \end{bmatrix}"
    )
    body = mlp_tex.backward()
    for part in ("dZ_L", "dW_l &= A_{l-1}^{\\top}", "dA_{l-1} &= dZ_l\\, W_l^{\\top}", "\\odot f'"):
        assert part in body
    assert "Z_l &= A_{l-1} W_l + b_l" in mlp_tex.forward()
    assert "10^{-5}" in mlp_tex.check_formula(1e-5)


def test_result_line_and_views_state_the_numbers_of_the_run(small_run):
    result, linear = small_run.result, small_run.linear
    line = mlp_model.result_line(small_run)
    assert f"**{num(result.loss_history[0])}** → **{num(result.loss_history[-1])}**" in line
    assert f"**{mlp_model.accuracy_text(linear.accuracy_history[-1])}**." in line
    grid, X, _, predicted, title = mlp_model.network_view(small_run, 15)
    np.testing.assert_array_equal(predicted, core.mlp_predict(result.params, X))
    assert grid[2].shape == (mlp_model.GRID_POINTS, mlp_model.GRID_POINTS)
    assert (
        title == f"Network after epoch 15: {mlp_model.accuracy_text(result.accuracy_history[15])}"
    )
    *_, title = mlp_model.linear_view(small_run)
    assert title.endswith(mlp_model.accuracy_text(linear.accuracy_history[-1]))
    assert mlp_model.diverged_text(small_run) is None
    stopped = dataclasses.replace(
        small_run, result=dataclasses.replace(result, status="diverged", diverged_at=3)
    )
    assert mlp_model.diverged_text(stopped).startswith("Training diverged at epoch 3")


def test_a_run_whose_loss_ends_higher_says_so_and_why(small_run):
    """η = 10 on the spirals ran every epoch and ended at 1.911 from 1.269, without a word."""
    assert mlp_model.rose_text(small_run) is None  # its loss fell
    history = np.array([1.269, 0.8, 1.911])
    rose = dataclasses.replace(small_run.result, loss_history=history)
    text = mlp_model.rose_text(dataclasses.replace(small_run, result=rose))
    assert text.startswith("The loss ended higher than it started, 1.269 → 1.911: steps of η")
    buggy = dataclasses.replace(
        small_run, result=rose, settings=dataclasses.replace(SMALL, bug="softmax_twice")
    )
    assert "this backward pass is wrong" in mlp_model.rose_text(buggy)
    diverged = dataclasses.replace(rose, status="diverged", diverged_at=2)
    assert mlp_model.rose_text(dataclasses.replace(small_run, result=diverged)) is None


def test_captions_count_the_wrong_points_and_name_the_axis(small_run):
    predicted = core.mlp_predict(small_run.result.params, small_run.X)
    wrong = int(np.sum(predicted != small_run.labels))
    assert f": {wrong} of 60 for the network at epoch 15" in mlp_model.regions_caption(
        small_run, 15
    )
    text = mlp_model.loss_caption(small_run)
    assert num(small_run.linear.loss_history[-1]) in text
    log = mlp_model.log_axis(small_run.result.loss_history, small_run.linear.loss_history)
    assert ("log axis" in text) == log


def test_debug_intro_names_the_points_checked_and_badges_every_layer():
    errors = {"W1": 0.0, "b1": 0.0, "W2": 0.5, "b2": 0.0}
    text = mlp_model.debug_intro(errors)
    assert f"on the first {mlp_model.CHECK_POINTS} points. " in text
    assert text.endswith(":green-badge[✔ layer 1] :red-badge[✘ layer 2: W2 wrong]")
