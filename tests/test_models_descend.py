"""The display model of Lab · Descend on your logits (`sce_ui.models.descend`)."""

import sce_core as core
from sce_ui.models import descend as model


def test_a_long_table_keeps_both_ends():
    report = core.descent_report([2.0, 1.0, 0.1], [1, 0, 0], 1.0, 100)
    columns = model.table_columns(report, [1, 0, 0])
    steps = columns["step"]
    assert steps[: model.TABLE_ENDS] == [str(k) for k in range(model.TABLE_ENDS)]
    assert steps[-1] == "100" and len(steps) == 2 * model.TABLE_ENDS + 1
    assert "89 steps" in steps[model.TABLE_ENDS]


def test_overshoot_is_named_only_when_a_step_overshot():
    y = core.smooth_labels([1, 0, 0], 0.2)
    big = core.descent_report([2.0, 1.0, 0.1], y, 30.0, 10)
    assert "overshoots: step 1" in model.overshoot_text(big, y, 30.0, 0.2)
    small = core.descent_report([2.0, 1.0, 0.1], y, 0.1, 10)
    assert not small.crossed.any() and not small.rose.any()
    assert model.overshoot_text(small, y, 0.1, 0.2).startswith("No step overshoots")


def test_the_true_class_gets_the_largest_push_while_far_from_its_target():
    report = core.descent_report([2.0, 1.0, 0.1], [0, 0, 1], 1.0, 3)
    assert "true class 3" in model.push_text(report, 2)
    # x = (5, 5, 0), y = (2/3, 1/6, 1/6): class 2, tied with the true class, is pushed most.
    tied = core.descent_report([5.0, 5.0, 0.0], core.smooth_labels([1, 0, 0], 0.5), 1.0, 1)
    assert "class 2" in model.push_text(tied, 0) and "not the true class 1" in model.push_text(
        tied, 0
    )


def test_the_window_holds_the_path():
    assert model.window([1.0, -2.0, 0.5]) == (-3.0, 2.0)


def test_two_classes_push_both_logits_equally_and_the_true_class_is_named():
    # y_hat - y = (0.5, -0.5): the true class 2 moves as far as class 1.
    report = core.descent_report([0.0, 0.0], [0, 1], 1.0, 1)
    assert "true class 2" in model.push_text(report, 1)
