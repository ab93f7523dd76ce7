"""Figures of Lab · Descend on your logits, as plain functions (`sce_ui.figures.descend`)."""

import numpy as np

import sce_core as core
from sce_ui import figures, palette


def test_the_path_is_drawn_on_the_surface_with_its_ends_marked():
    logits, _ = core.gradient_descent_path([2.0, 1.0, 0.1], [1, 0, 0], 1.0, 5)
    path = logits[:, [0, 2]]
    xs, ys, z = core.pair_loss_surface(logits[0], [1, 0, 0], (0, 2), (0, 5), (-3, 1), 11)
    fig = figures.descent_surface(xs, ys, z, path, (0, 2), "The path")
    contour, line, ends = fig.data
    assert contour.type == "contour"
    np.testing.assert_array_equal(line.x, path[:, 0])
    np.testing.assert_array_equal(line.y, path[:, 1])
    assert line.line.color == palette.GRAD
    assert list(ends.text) == ["start", "step 5"]
    assert fig.layout.xaxis.title.text == "x1" and fig.layout.yaxis.title.text == "x3"


def test_the_curves_switch_to_a_log_axis_when_they_span_decades():
    report = core.descent_report([2.0, 1.0, 0.1], [1, 0, 0], 100.0, 5)
    fig = figures.descent_curves(report.losses, report.grad_norms, "Loss")
    assert fig.layout.yaxis.type == "log"
    assert [t.name for t in fig.data] == ["loss L", "gradient size ‖ŷ − y‖"]
    assert fig.data[1].line.dash == "dash"  # not colour alone


def test_the_curves_stay_linear_over_a_short_range():
    report = core.descent_report([2.0, 1.0, 0.1], [1, 0, 0], 0.1, 5)
    fig = figures.descent_curves(report.losses, report.grad_norms, "Loss")
    assert fig.layout.yaxis.type != "log"
