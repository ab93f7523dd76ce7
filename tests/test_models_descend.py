"""The display model of Lab · Descend on your logits (`sce_ui.models.descend`)."""

import re

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import num
from sce_ui.models import descend as descend_model


def test_a_long_table_keeps_both_ends():
    report = core.descent_report([2.0, 1.0, 0.1], [1, 0, 0], 1.0, 100)
    columns = descend_model.table_columns(report, [1, 0, 0])
    steps = columns["step"]
    assert steps[: descend_model.TABLE_ENDS] == [str(k) for k in range(descend_model.TABLE_ENDS)]
    assert steps[-1] == "100" and len(steps) == 2 * descend_model.TABLE_ENDS + 1
    assert "89 steps" in steps[descend_model.TABLE_ENDS]


def test_overshoot_is_named_only_when_a_step_overshot():
    y = core.smooth_labels([1, 0, 0], 0.2)
    big = core.descent_report([2.0, 1.0, 0.1], y, 30.0, 10)
    assert "overshoots: step 1" in descend_model.overshoot_text(big, y, 30.0, 0.2)
    small = core.descent_report([2.0, 1.0, 0.1], y, 0.1, 10)
    assert not small.crossed.any() and not small.rose.any()
    assert descend_model.overshoot_text(small, y, 0.1, 0.2).startswith("No step overshoots")


@pytest.mark.parametrize("x", [[2.0, 1.0, 0.1], [10.0, -10.0, 0.1]])
def test_with_a_one_hot_target_the_true_class_gets_the_largest_push_near_y_or_far(x):
    """At x1 = 10 ŷ is within 4e-4 of y: the text once said "while ŷ is far from y"."""
    report = core.descent_report(x, [1, 0, 0], 1.0, 3)
    text = descend_model.push_text(report, [1, 0, 0], 0)
    assert text.startswith("The largest push goes to the true class 1")
    assert "with a one-hot target it always does" in text and "far" not in text
    g = report.grads[0]
    assert abs(g[0]) == pytest.approx(g[1:].sum()) and abs(g[0]) >= g[1:].max()


def test_with_a_smoothed_target_the_push_names_the_class_furthest_from_its_own_target():
    # x = (5, 5, 0), y = (2/3, 1/6, 1/6): class 2, tied with the true class, is pushed most.
    y = core.smooth_labels([1, 0, 0], 0.5)
    tied = core.descent_report([5.0, 5.0, 0.0], y, 1.0, 1)
    assert "not the true class 1" in descend_model.push_text(tied, y, 0)
    # x = (0, 0, 0), y = (0.9, 0.05, 0.05): the true class is furthest, 0.9 against 1/3.
    y = core.smooth_labels([1, 0, 0], 0.15)
    even = core.descent_report([0.0, 0.0, 0.0], y, 1.0, 1)
    text = descend_model.push_text(even, y, 0)
    assert "the true class 1" in text and "its target y₁ = 0.900" in text
    assert "one-hot" not in text and "− 1 is minus" not in text


def test_the_window_holds_the_path():
    assert descend_model.window([1.0, -2.0, 0.5]) == (-3.0, 2.0)


def test_the_window_ends_on_whole_numbers_a_margin_or_more_from_the_path():
    assert descend_model.window([2.3, 0.61]) == (-1.0, 4.0)
    assert descend_model.window([2.4, 0.7]) == (-1.0, 4.0)  # the start moved: the same window
    assert descend_model.window([-0.05]) == (-2.0, 1.0)


def test_two_classes_push_both_logits_equally_and_the_true_class_is_named():
    # y_hat - y = (0.5, -0.5): the true class 2 moves as far as class 1.
    report = core.descent_report([0.0, 0.0], [0, 1], 1.0, 1)
    assert "true class 2" in descend_model.push_text(report, [0, 1], 1)


def test_the_curves_caption_gives_both_ends_of_both_curves():
    x, y = [2.0, 1.0, 0.1], [1.0, 0.0, 0.0]
    run = core.descent_report(x, y, 0.5, 30)
    # Independently: the loss and ‖ŷ − y‖ at the last logits of the path.
    last = run.logits[-1]
    p = np.exp(last - last.max()) / np.exp(last - last.max()).sum()
    caption = descend_model.curves_caption(run)
    assert f"{num(run.losses[0])} at step 0, {num(-np.log(p[0]))} at step 30" in caption
    assert f"{num(np.linalg.norm(p - y))} at step 30." in caption
    start = descend_model.curves_caption(core.descent_report(x, y, 0.5, 0))
    assert start == f"Loss L: {num(run.losses[0])} at step 0. Gradient size ‖ŷ − y‖: " + (
        f"{num(run.grad_norms[0])} at step 0."
    )


def test_the_shrink_text_prints_a_change_it_names_and_counts_one_step():
    """At x1 = 10, ε = 0.5, η = 0.01 it read 'shrank from 0.474 to 0.474 in 20 steps'."""
    x = [10.0, -10.0, 0.1, *[0.0] * 7]
    y = core.smooth_labels(np.eye(10)[0], 0.5)
    report = core.descent_report(x, y, 0.01, 20)
    text = descend_model.shrink_text(report, y, 0, 0.5)
    first, last = re.findall(r"shrank from (\S+) to (\S+) in 20 steps", text)[0]
    assert float(last) < float(first), text
    one = core.descent_report([2.0, 1.0, 0.1], [1, 0, 0], 1.0, 1)
    assert "in 1 step:" in descend_model.shrink_text(one, [1, 0, 0], 0, 0.0)


def test_the_overshoot_text_writes_eta_and_epsilon_as_their_controls_do():
    y = core.smooth_labels([1, 0, 0], 0.5)
    calm = core.descent_report([2.0, 1.0, 0.1], y, 0.01, 5)
    assert "at η = 0.01;" in descend_model.overshoot_text(calm, y, 0.01, 0.5)  # not 0.0100
    assert "ε = 0.5 the target" in descend_model.shrink_text(calm, y, 0, 0.5)  # not 0.500
