"""Figure builders: the right numbers, titles and cues, without a browser."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import figures, palette
from sce_ui.fmt import num


def test_probability_bars_show_y_hat_solid_and_y_hatched():
    y_hat, y = core.softmax([2.0, 1.0, 0.1]), np.array([1.0, 0.0, 0.0])
    fig = figures.probability_bars(y_hat, y)
    pred, label = fig.data
    np.testing.assert_allclose(pred.y, y_hat, rtol=0, atol=0)
    np.testing.assert_array_equal(label.y, y)
    assert pred.marker.color == palette.Y_HAT
    assert label.marker.pattern.shape == "/"
    assert list(pred.text) == ["0.659", "0.242", "0.0986"]
    assert list(pred.x) == ["1", "2", "3"]
    assert fig.layout.title.text


def test_gradient_bars_carry_the_values_and_fit_the_axis():
    grad = core.logits_grad([6.0, 0.0, 0.0], [0, 1, 0])
    fig = figures.gradient_bars(grad)
    np.testing.assert_allclose(fig.data[0].y, grad, rtol=0, atol=0)
    low, high = fig.layout.yaxis.range
    assert low < grad.min() and high > grad.max()


def test_loss_curve_puts_the_learner_on_the_curve():
    fig = figures.loss_curve(0.25)
    (curve,) = fig.data  # the point is annotations: a move leaves the curve as it was drawn
    np.testing.assert_allclose(curve.y, -np.log(curve.x), rtol=1e-15)
    point, text = fig.layout.annotations
    assert point.x == text.x == 0.25 and point.text == figures.MARKS["diamond"]
    np.testing.assert_allclose([point.y, text.y], np.log(4.0), rtol=1e-15)
    assert text.text == f"ŷ = {num(0.25)}, L = {num(np.log(4.0))}"


def test_loss_curve_survives_an_underflowed_probability():
    fig = figures.loss_curve(0.0)
    assert np.isfinite(fig.layout.annotations[0].y)


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
    assert fig.layout.title.text == "Change of every ŷᵢ when x2 moves"
    assert (
        fig.layout.xaxis.title.text
        == f"class i ({palette.SAME_MARK} i = j, {palette.OTHER_MARK} i ≠ j)"
    )


def test_loss_curve_to_point_matches_loss_curve_in_the_usual_range():
    fig = figures.loss_curve_to_point(0.25)
    assert len(fig.data) == 1 and len(fig.layout.annotations) == 2
    assert tuple(fig.layout.yaxis.range) == tuple(figures.loss_curve(0.25).layout.yaxis.range)


def test_loss_curve_to_point_reaches_a_tiny_probability():
    p = float(core.softmax([-10.0, 10.0])[0])
    fig = figures.loss_curve_to_point(p)
    curve, extension = fig.data
    point = fig.layout.annotations[0]
    np.testing.assert_allclose(point.y, 20.0, rtol=1e-9)
    assert fig.layout.yaxis.range[1] > point.y
    np.testing.assert_allclose(extension.x[0], p, rtol=1e-12)
    np.testing.assert_allclose(extension.y, -np.log(extension.x), rtol=1e-12)
    assert extension.line.color == curve.line.color


def test_probability_derivative_bars_show_minus_one_over_y_hat_at_the_label_only():
    y_hat = core.softmax([2.0, 1.0, 0.1])
    values = core.cross_entropy_grad(y_hat, [0.0, 1.0, 0.0])
    fig = figures.probability_derivative_bars(values, 2)
    bars = fig.data[0]
    np.testing.assert_allclose(bars.y, [0.0, -1 / y_hat[1], 0.0], rtol=1e-15)
    assert list(bars.text) == ["0", "-4.125", "0"]
    assert list(bars.x) == ["1", "2 (true)", "3"]
    low, high = fig.layout.yaxis.range
    assert low < bars.y.min() and high > 0
    assert fig.layout.title.text


def test_loss_tangent_touches_the_curve_with_slope_minus_one_over_y_hat():
    p = 0.25
    fig = figures.loss_tangent(p)
    assert len(fig.data) == 1  # the tangent is a shape: a move leaves the curve as it was drawn
    (tangent,) = fig.layout.shapes
    xs, ys = np.array([tangent.x0, tangent.x1]), np.array([tangent.y0, tangent.y1])
    slope = np.diff(ys) / np.diff(xs)
    np.testing.assert_allclose(slope, [-1 / p], rtol=1e-12)
    np.testing.assert_allclose(np.interp(p, xs, ys), np.log(4.0), rtol=1e-12)
    assert xs[0] < p < xs[1]
    assert "-4.000" in tangent.name and tangent.showlegend


def test_loss_tangent_stays_short_and_on_the_axis_for_a_tiny_probability():
    p = float(core.softmax([-10.0, 10.0])[0])
    fig = figures.loss_tangent(p)
    (tangent,) = fig.layout.shapes
    assert tangent.x0 >= 0.0
    assert np.all(np.isfinite([tangent.y0, tangent.y1]))
    assert abs(tangent.y1 - tangent.y0) <= fig.layout.yaxis.range[1]


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
    assert list(solid.text) == ["-0.209", "0.191", "0.0183"]
    low, high = fig.layout.yaxis.range
    assert low < min(true.min(), shortcut.min()) and high > max(true.max(), shortcut.max())
    assert fig.layout.title.text


def test_loss_surface_figure_draws_the_grid_the_point_and_the_downhill_arrow():
    xs, ys, z = core.loss_surface("cross_entropy", (-10.0, 10.0), label=0, n_points=21)
    x, y = np.array([2.0, 1.0]), np.array([1.0, 0.0])
    loss, grad = core.cross_entropy_from_logits(x, y), core.logits_grad(x, y)
    fig = figures.loss_surface_figure(xs, ys, z, (2.0, 1.0, loss), "CE", gradient=grad)
    (contour,) = fig.data  # the point is annotations: a move leaves the contours alone
    np.testing.assert_array_equal(np.array(contour.z, float), z)
    assert contour.contours.showlabels
    arrow, mark, text = fig.layout.annotations
    assert (mark.x, mark.y) == (text.x, text.y) == (2.0, 1.0)
    assert mark.text == figures.MARKS["diamond"] and mark.font.color == palette.Y_HAT
    assert text.text == "L = 0.313"
    assert (arrow.ax, arrow.ay) == (2.0, 1.0)
    np.testing.assert_allclose(
        [arrow.x, arrow.y], x - figures.ARROW_SCALE * grad, rtol=1e-12, atol=1e-12
    )
    assert fig.layout.title.text == "CE"
    without = figures.loss_surface_figure(xs, ys, z, (0, 0, 1.0), "CE").layout.annotations
    assert [a.text for a in without] == [figures.MARKS["diamond"], "L = 1.000"]


def test_gradient_size_figure_marks_both_values_at_the_current_probability():
    p = np.linspace(0.01, 0.99, 50)
    ce, se = (core.gradient_norm_vs_confidence(p, 3, kind) for kind in core.LOSS_KINDS)
    now = (0.002, 1.222, 0.0071)
    fig = figures.gradient_size_figure(p, ce, se, now)
    ce_line, se_line = fig.data  # the marks are annotations: a move leaves the curves alone
    np.testing.assert_array_equal(ce_line.y, ce)
    np.testing.assert_array_equal(se_line.y, se)
    assert se_line.line.dash == "dash" and ce_line.line.color == palette.GRAD
    ce_mark, ce_text, se_mark, se_text = fig.layout.annotations
    assert (ce_text.text, se_text.text) == ("cross-entropy: 1.222", "squared error: 0.00710")
    assert (ce_mark.text, se_mark.text) == (figures.MARKS["square"], figures.MARKS["triangle-up"])
    assert (ce_mark.font.color, se_mark.font.color) == (palette.GRAD, palette.INK)
    assert ce_mark.x == se_mark.x == ce_text.x == fig.layout.shapes[0].x0 == 0.002
    assert (ce_mark.y, se_mark.y) == (ce_text.y, se_text.y) == (1.222, 0.0071)
    assert fig.layout.title.text
    assert len(figures.gradient_size_figure(p, ce, se).data) == 2


def test_naive_stable_bars_label_a_nan_instead_of_hiding_it():
    x = [1000.0, 1001.0, 1002.0]
    naive, stable = core.naive_softmax(x), core.softmax(x)
    labels = ["nan · not a number"] * 3
    fig = figures.naive_stable_bars(naive, stable, labels)
    solid, hatched = fig.data
    np.testing.assert_array_equal(hatched.x, [0.0, 0.0, 0.0])
    assert list(hatched.text) == labels
    assert hatched.marker.pattern.shape == "x"
    np.testing.assert_allclose(solid.x, stable, rtol=0, atol=0)
    assert list(solid.text) == ["0.0900", "0.245", "0.665"]
    assert solid.marker.color == palette.Y_HAT
    assert list(solid.y) == ["class 1", "class 2", "class 3"]
    assert fig.layout.title.text
    # The failure words are never hidden for being small, unlike other bar labels.
    assert (fig.layout.uniformtext.mode, fig.layout.uniformtext.minsize) == ("show", 12)


def test_finite_difference_error_draws_the_v_and_its_asymptotes():
    steps = np.geomspace(1e-16, 1.0, 49)
    errors = 0.016 * steps**2 + 9e-17 / steps
    errors[0], errors[30] = np.nan, 0.0
    fig = figures.finite_difference_error(steps, errors, 0.016, 9e-17, 1e-5, 4.2e-12, 1.4e-5)
    by_name = {trace.name: trace for trace in fig.data if trace.name}
    band = by_name["h too small: x ± h rounds back to x"]
    assert band.fill == "toself" and max(band.x) == steps[1]
    np.testing.assert_allclose(by_name["truncation ≈ 0.0160·h²"].y, 0.016 * steps**2)
    np.testing.assert_allclose(by_name["round-off ≈ 9.00e-17/h"].y, 9e-17 / steps)
    measured = np.array(by_name["error, max over j of |central − sympy|"].y, float)
    assert np.isnan(measured[0]) and np.isnan(measured[30])
    np.testing.assert_array_equal(measured[1:30], errors[1:30])
    star = by_name["your h"]
    assert (star.x[0], star.y[0]) == (1e-5, 4.2e-12)
    assert star.text[0] == "your h = 1e-5<br>error 4.20e-12"
    assert by_name["best h by the model ≈ 1.40e-5"].x[0] == 1.4e-5
    assert fig.layout.xaxis.type == fig.layout.yaxis.type == "log"
    low, high = fig.layout.yaxis.range
    positive = errors[errors > 0]
    assert 10**low < positive.min() and 10**high > positive.max()
    assert fig.layout.title.text


def test_finite_difference_error_without_a_point_or_a_truncation_term():
    steps = np.geomspace(1e-16, 1.0, 49)
    errors = 1e-16 / steps
    fig = figures.finite_difference_error(steps, errors, 0.0, 1e-16, 1e-16, None)
    names = [trace.name for trace in fig.data]
    assert not any(name and name.startswith("truncation") for name in names)
    assert "h too small: x ± h rounds back to x" not in names
    label = next(trace for trace in fig.data if trace.mode == "text")
    assert label.text[0] == "your h = 1e-16<br>too small for x"
    exact = figures.finite_difference_error(steps, errors, 0.0, 1e-16, 1.0, 0.0)
    assert next(t for t in exact.data if t.mode == "text").text[0].endswith("error 0: exact")


@pytest.mark.parametrize("n", [3, 10])
def test_gradient_routes_bars_put_the_shortcut_beside_the_truth(n):
    from sce_ui.fmt import num

    x, y = np.linspace(-2, 2, n), np.eye(n)[0]
    true = core.squared_error_logits_grad(x, y)
    shortcut = core.logits_grad(x, y)
    central = true + 1e-11
    fig = figures.gradient_routes_bars(true, central, shortcut)
    solid, dotted, hatched = fig.data
    np.testing.assert_array_equal(solid.y, true)
    np.testing.assert_array_equal(dotted.y, central)
    np.testing.assert_array_equal(hatched.y, shortcut)
    assert solid.marker.color == palette.GRAD
    assert hatched.marker.pattern.shape == "x"
    assert list(hatched.text) == [num(v) for v in shortcut]
    low, high = fig.layout.yaxis.range
    assert low < min(true.min(), shortcut.min()) and high > max(true.max(), shortcut.max())
    assert len(figures.gradient_routes_bars(true, None, shortcut).data) == 2


def test_training_loss_figure_draws_the_history_with_its_ends_as_text():
    from sce_ui.fmt import num

    X, labels = core.make_blobs(90, 3, seed=0)
    result = core.train(X, labels, 3, lr=0.5, epochs=40)
    fig = figures.training_loss_figure(result.loss_history)
    line, ends = fig.data
    np.testing.assert_array_equal(line.y, result.loss_history)
    assert list(line.x) == list(range(41))
    assert list(ends.x) == [0, 40]
    assert list(ends.text) == [
        f"start: {num(result.loss_history[0])}",
        f"end: {num(result.loss_history[-1])}",
    ]
    assert fig.layout.yaxis.type == "log" and fig.layout.yaxis.dtick == 1
    assert not fig.layout.annotations
    assert fig.layout.title.text


def test_training_loss_figure_marks_a_divergence_and_survives_one_point():
    fig = figures.training_loss_figure([1.1, 3.0, 5.0e80], diverged_at=2)
    assert fig.layout.annotations[0].text == "diverged at epoch 2"
    assert fig.data[1].text[1] == "stopped: 5.00e80"
    assert fig.data[1].marker.symbol[1] == "x"
    single = figures.training_loss_figure([1.0986])
    assert list(single.data[1].text) == ["start: 1.099"]
    assert single.layout.yaxis.dtick is None
    assert figures.training_loss_figure([1.0, 0.0]).layout.yaxis.type == "linear"


@pytest.mark.parametrize("classes", [3, 5])
def test_decision_regions_tint_the_plane_and_mark_each_class_twice(classes):
    X, labels = core.make_blobs(60 * classes, classes, seed=3)
    result = core.train(X, labels, classes, lr=0.5, epochs=30)
    xs, ys, grid = core.decision_grid(result.W, result.b, (-5, 5), (-5, 5), 40)
    predicted = core.predict(result.W, result.b, X)
    fig = figures.decision_regions(xs, ys, grid, X, labels, predicted)
    heat, *points, rings = fig.data
    np.testing.assert_array_equal(np.asarray(heat.z), grid + 1)
    assert (heat.zmin, heat.zmax) == (0.5, classes + 0.5)
    assert len(points) == classes
    assert (
        len({p.marker.symbol for p in points}) == len({p.marker.color for p in points}) == classes
    )
    assert not {p.marker.color for p in points} & {palette.SAME, palette.OTHER, palette.Y}
    for k, trace in enumerate(points):
        mine = labels == k
        np.testing.assert_array_equal(trace.x, X[mine, 0])
        right = int(np.sum(predicted[mine] == k))
        assert trace.name == f"class {k + 1}: {right} of {int(mine.sum())} right"
    wrong = predicted != labels
    assert rings.name == f"misclassified: {int(wrong.sum())}"
    np.testing.assert_array_equal(rings.y, X[wrong, 1])
    assert tuple(fig.layout.xaxis.range) == (-5, 5)
    assert fig.layout.title.text


def test_a_long_title_is_broken_into_phone_width_lines_and_the_top_margin_grows():
    short = figures.probability_bars([0.5, 0.5], [1.0, 0.0], title="Short")
    long = figures.probability_bars(
        [0.5, 0.5], [1.0, 0.0], title="Change of every ŷᵢ when x1 moves (◆ i = j, ● i ≠ j)"
    )
    lines = long.layout.title.text.split("<br>")
    assert lines == ["Change of every ŷᵢ when x1 moves (◆", "i = j, ● i ≠ j)"]
    assert all(len(line) <= figures.TITLE_CHARS for line in lines)
    assert short.layout.title.text == "Short"
    assert long.layout.margin.t == short.layout.margin.t + 22


def test_the_loss_surface_keeps_the_room_of_a_two_line_title():
    xs, ys, z = core.loss_surface("cross_entropy", (-10.0, 10.0), label=0, n_points=5)
    point = (0.0, 0.0, 1.0)
    short = figures.loss_surface_figure(xs, ys, z, point, "CE")
    long = figures.loss_surface_figure(xs, ys, z, point, "Cross-entropy over x₁ and x₂, x₃ held")
    assert len(long.layout.title.text.split("<br>")) == 2
    assert long.layout.margin.t == short.layout.margin.t + 22
    assert long.layout.margin.l == 45


def test_bar_labels_too_small_to_read_are_hidden_not_overlapped():
    fig = figures.probability_bars(np.full(10, 0.1), np.eye(10)[0])
    assert fig.layout.uniformtext.mode == "hide"
    assert fig.layout.uniformtext.minsize == 9


def test_a_huge_derivative_is_read_in_powers_of_ten_not_billions():
    # ŷ of the true class 1.277e-9: ∂L/∂ŷ = -7.834e8, which plotly would tick as -0.8B.
    fig = figures.probability_derivative_bars([0.0, -7.834e8, 0.0], label=2)
    assert fig.layout.yaxis.exponentformat == "power"
    assert fig.layout.yaxis.range[0] < -7.834e8
