"""Figure builders: the right numbers, titles and cues, without a browser."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import figures, palette


def test_probability_bars_show_y_hat_solid_and_y_hatched():
    y_hat, y = core.softmax([2.0, 1.0, 0.1]), np.array([1.0, 0.0, 0.0])
    fig = figures.probability_bars(y_hat, y)
    pred, label = fig.data
    np.testing.assert_allclose(pred.y, y_hat, rtol=0, atol=0)
    np.testing.assert_array_equal(label.y, y)
    assert pred.marker.color == palette.Y_HAT
    assert label.marker.pattern.shape == "/"
    assert list(pred.text) == ["0.659", "0.242", "0.099"]
    assert list(pred.x) == ["1", "2", "3"]
    assert fig.layout.title.text


def test_gradient_bars_carry_the_values_and_fit_the_axis():
    grad = core.logits_grad([6.0, 0.0, 0.0], [0, 1, 0])
    fig = figures.gradient_bars(grad)
    np.testing.assert_allclose(fig.data[0].y, grad, rtol=0, atol=0)
    low, high = fig.layout.yaxis.range
    assert low < grad.min() and high > grad.max()


@pytest.mark.parametrize("n", [2, 3, 10])
def test_matrix_figure_marks_the_diagonal_without_colour(n):
    jac = core.softmax_jacobian(np.linspace(-1, 1, n))
    fig = figures.matrix_figure(jac, "J", zmax=0.25, selected=(0, n - 1))
    heat = fig.data[0]
    np.testing.assert_allclose(np.array(heat.z, float), jac, rtol=0, atol=0)
    assert (heat.zmin, heat.zmax) == (-0.25, 0.25)
    for i in range(n):
        for j in range(n):
            mark = palette.SAME_MARK if i == j else palette.OTHER_MARK
            assert heat.text[i][j].startswith(mark)
    outlines = [s for s in fig.layout.shapes if s.line.color == palette.SAME]
    assert len(outlines) == n
    chosen = [s for s in fig.layout.shapes if s.line.color == palette.INK]
    assert (chosen[0].x0, chosen[0].y0) == (n - 1 - 0.5, -0.5)


def test_loss_curve_puts_the_learner_on_the_curve():
    fig = figures.loss_curve(0.25)
    curve, point = fig.data
    np.testing.assert_allclose(curve.y, -np.log(curve.x), rtol=1e-15)
    assert point.x[0] == 0.25
    np.testing.assert_allclose(point.y[0], np.log(4.0), rtol=1e-15)


def test_loss_curve_survives_an_underflowed_probability():
    fig = figures.loss_curve(0.0)
    assert np.isfinite(fig.data[1].y[0])


def test_nudge_change_bars_show_the_changes_with_the_chosen_class_marked():
    before = core.softmax([2.0, 1.0, 0.1])
    after = core.softmax([2.0, 2.0, 0.1])
    fig = figures.nudge_change_bars(before, after, chosen=2)
    bars = fig.data[0]
    np.testing.assert_allclose(bars.y, after - before, rtol=0, atol=1e-15)
    assert list(bars.marker.color) == [palette.OTHER, palette.SAME, palette.OTHER]
    assert list(bars.x) == [
        f"{palette.OTHER_MARK} 1",
        f"{palette.SAME_MARK} 2",
        f"{palette.OTHER_MARK} 3",
    ]
    assert bars.text[1] == "+0.223" and bars.text[0].startswith("-")
    low, high = fig.layout.yaxis.range
    assert low < min(after - before) and high > max(after - before)
    assert "x2" in fig.layout.title.text


def test_loss_curve_to_point_matches_loss_curve_in_the_usual_range():
    fig = figures.loss_curve_to_point(0.25)
    assert len(fig.data) == 2
    assert tuple(fig.layout.yaxis.range) == tuple(figures.loss_curve(0.25).layout.yaxis.range)


def test_loss_curve_to_point_reaches_a_tiny_probability():
    p = float(core.softmax([-10.0, 10.0])[0])
    fig = figures.loss_curve_to_point(p)
    curve, extension, point = fig.data
    np.testing.assert_allclose(point.y[0], 20.0, rtol=1e-9)
    assert fig.layout.yaxis.range[1] > point.y[0]
    np.testing.assert_allclose(extension.x[0], p, rtol=1e-12)
    np.testing.assert_allclose(extension.y, -np.log(extension.x), rtol=1e-12)
    assert extension.line.color == curve.line.color


def test_probability_derivative_bars_show_minus_one_over_y_hat_at_the_label_only():
    y_hat = core.softmax([2.0, 1.0, 0.1])
    values = core.cross_entropy_grad(y_hat, [0.0, 1.0, 0.0])
    fig = figures.probability_derivative_bars(values, 2)
    bars = fig.data[0]
    np.testing.assert_allclose(bars.y, [0.0, -1 / y_hat[1], 0.0], rtol=1e-15)
    assert list(bars.text) == ["0.000", "-4.125", "0.000"]
    assert list(bars.x) == ["1", "2 (true)", "3"]
    low, high = fig.layout.yaxis.range
    assert low < bars.y.min() and high > 0
    assert fig.layout.title.text


def test_loss_tangent_touches_the_curve_with_slope_minus_one_over_y_hat():
    p = 0.25
    fig = figures.loss_tangent(p)
    tangent = fig.data[-1]
    slope = np.diff(tangent.y) / np.diff(tangent.x)
    np.testing.assert_allclose(slope, [-1 / p], rtol=1e-12)
    np.testing.assert_allclose(np.interp(p, tangent.x, tangent.y), np.log(4.0), rtol=1e-12)
    assert tangent.x[0] < p < tangent.x[1]
    assert "-4.000" in tangent.name


def test_loss_tangent_stays_short_and_on_the_axis_for_a_tiny_probability():
    p = float(core.softmax([-10.0, 10.0])[0])
    fig = figures.loss_tangent(p)
    tangent = fig.data[-1]
    assert tangent.x[0] >= 0.0
    assert np.all(np.isfinite(tangent.y))
    assert np.ptp(tangent.y) <= fig.layout.yaxis.range[1]


@pytest.mark.parametrize(("n", "column"), [(2, 1), (3, 0), (10, 9)])
def test_matrix_column_figure_outlines_the_whole_column(n, column):
    x, y = np.linspace(-1, 1, n), np.eye(n)[0]
    terms = core.chain_rule_terms(x, y)
    fig = figures.matrix_column_figure(terms, "T", zmax=1.0, column=column, selected=(0, column))
    np.testing.assert_allclose(np.array(fig.data[0].z, float), terms, rtol=0, atol=0)
    dashed = [s for s in fig.layout.shapes if s.line.dash == "dash"]
    assert len(dashed) == 1
    (box,) = dashed
    assert (box.x0, box.x1, box.y0, box.y1) == (column - 0.5, column + 0.5, -0.5, n - 0.5)
    assert fig.layout.title.text == "T"


def test_shortcut_bars_put_the_true_gradient_beside_the_shortcut():
    x, y = np.array([2.0, 1.0, 0.1]), np.array([1.0, 0.1, 0.1])
    y_hat = core.softmax(x)
    true, shortcut = core.logits_grad(x, y), y_hat - y
    fig = figures.shortcut_bars(true, shortcut)
    solid, hatched = fig.data
    np.testing.assert_allclose(solid.y, 1.2 * y_hat - y, rtol=1e-12)
    np.testing.assert_allclose(hatched.y, shortcut, rtol=0, atol=0)
    assert solid.marker.color == palette.GRAD
    assert hatched.marker.pattern.shape == "x"
    assert list(solid.text) == ["-0.209", "0.191", "0.018"]
    low, high = fig.layout.yaxis.range
    assert low < min(true.min(), shortcut.min()) and high > max(true.max(), shortcut.max())
    assert fig.layout.title.text
