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
