"""Gradient descent on one example's logits (`sce_core.descend`).

A loop written here with mpmath as the reference, hand-checked steps, the proved
bound on the learning rate (and a case just above it where the loss rises),
soft labels and temperature, and bad arguments.
"""

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sce_core import (
    MAX_DESCENT_STEPS,
    descent_report,
    gradient_descent_path,
    numerical_grad,
    pair_loss_surface,
    safe_learning_rate,
    smooth_labels,
)

PROPERTY = settings(max_examples=40, deadline=None)


def reference_path(x, y, lr, steps, temperature=1.0):
    """The same descent in mpmath at 40 digits, with the loss written out from its definition."""
    with mpmath.workdps(40):
        xs = [mpmath.mpf(float(v)) for v in x]
        ys = [mpmath.mpf(float(v)) for v in y]
        t = mpmath.mpf(temperature)
        rows, losses = [], []
        for k in range(steps + 1):
            e = [mpmath.exp(v / t) for v in xs]
            total = mpmath.fsum(e)
            p = [v / total for v in e]
            rows.append([float(v) for v in xs])
            losses.append(
                float(-mpmath.fsum(yi * mpmath.log(pi) for yi, pi in zip(ys, p, strict=True)))
            )
            if k < steps:
                s = mpmath.fsum(ys)
                xs = [xi - lr * (pi * s - yi) / t for xi, pi, yi in zip(xs, p, ys, strict=True)]
    return np.array(rows), np.array(losses)


# --- hand-checked --------------------------------------------------------------------------


def test_two_equal_logits_one_hot_first_step():
    # y_hat = (1/2, 1/2), y = (1, 0): y_hat - y = (-1/2, 1/2), so x moves to (1/2, -1/2).
    logits, losses = gradient_descent_path([0.0, 0.0], [1, 0], lr=1.0, steps=1)
    np.testing.assert_allclose(logits, [[0.0, 0.0], [0.5, -0.5]], rtol=0, atol=1e-15)
    np.testing.assert_allclose(losses, [math.log(2), math.log(1 + math.exp(-1))], rtol=1e-15)


def test_zero_steps_is_the_start():
    logits, losses = gradient_descent_path([2.0, 1.0, 0.1], [0, 1, 0], lr=0.5, steps=0)
    assert logits.shape == (1, 3) and losses.shape == (1,)
    np.testing.assert_array_equal(logits[0], [2.0, 1.0, 0.1])


def test_the_input_is_not_changed():
    x = np.array([2.0, 1.0, 0.1])
    gradient_descent_path(x, [0, 1, 0], lr=1.0, steps=3)
    np.testing.assert_array_equal(x, [2.0, 1.0, 0.1])


def test_at_the_target_of_soft_labels_the_logits_stay():
    # softmax(log y) = y: the gradient y_hat - y is 0 and nothing moves.
    y = np.array([0.7, 0.2, 0.1])
    logits, losses = gradient_descent_path(np.log(y), y, lr=2.0, steps=5)
    np.testing.assert_allclose(logits, np.tile(np.log(y), (6, 1)), rtol=1e-14)
    np.testing.assert_allclose(losses, -np.sum(y * np.log(y)), rtol=1e-14)


# --- against a loop written here ------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "y", "lr", "steps", "temperature"),
    [
        ([2.0, 1.0, 0.1], [0, 1, 0], 1.0, 20, 1.0),
        ([2.0, 1.0, 0.1], [0.1, 0.8, 0.1], 0.5, 15, 1.0),  # label smoothing
        ([0.0, 3.0, -1.0, 0.5], [0.5, 0.0, 1.0, 0.5], 0.3, 10, 1.0),  # sum(y) = 2
        ([2.0, 1.0, 0.1], [0, 0, 1], 0.7, 12, 2.5),
        ([5.0, -5.0], [0.2, 0.8], 3.0, 8, 0.5),
        ([2.0, 1.0, 0.1], [1, 0, 0], 50.0, 6, 1.0),  # far above any safe rate
    ],
)
def test_matches_a_loop_in_mpmath(x, y, lr, steps, temperature):
    logits, losses = gradient_descent_path(x, y, lr, steps, temperature)
    want_logits, want_losses = reference_path(x, y, lr, steps, temperature)
    assert logits.shape == (steps + 1, len(x)) and losses.shape == (steps + 1,)
    np.testing.assert_allclose(logits, want_logits, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(losses, want_losses, rtol=1e-10, atol=1e-14)


def test_each_step_follows_the_finite_difference_gradient():
    y, t, lr = np.array([0.3, 0.0, 0.9]), 1.7, 0.4
    logits, _ = gradient_descent_path([1.0, -2.0, 0.5], y, lr, 4, temperature=t)

    def loss(v):
        z = v / t
        return float(-(y * (z - np.log(np.sum(np.exp(z))))).sum())

    for k in range(4):
        step = logits[k] - lr * numerical_grad(loss, logits[k])
        np.testing.assert_allclose(logits[k + 1], step, rtol=1e-7, atol=1e-8)


# --- the bound on the learning rate --------------------------------------------------------

LOGITS = st.lists(st.floats(-8, 8), min_size=2, max_size=6)


@PROPERTY
@given(LOGITS, st.data(), st.floats(1e-3, 1.0))
def test_one_hot_at_unit_temperature_never_raises_the_loss_for_lr_up_to_1(x, data, lr):
    t = data.draw(st.integers(0, len(x) - 1))
    _, losses = gradient_descent_path(x, np.eye(len(x))[t], lr, 30)
    assert np.all(np.diff(losses) <= 1e-12 * (1 + losses[:-1]))


@PROPERTY
@given(LOGITS, st.data(), st.floats(0.25, 3.0), st.floats(0.01, 1.0))
def test_soft_labels_never_raise_the_loss_up_to_the_safe_rate(x, data, t, fraction):
    y = np.array(data.draw(st.lists(st.floats(0, 3), min_size=len(x), max_size=len(x))))
    y[data.draw(st.integers(0, len(x) - 1))] += 0.1  # never all zero
    lr = fraction * safe_learning_rate(y, t)
    _, losses = gradient_descent_path(x, y, lr, 30, temperature=t)
    assert np.all(np.diff(losses) <= 1e-12 * (1 + np.abs(losses[:-1])))


def test_the_safe_rate_is_4_t_squared_over_sum_y():
    assert safe_learning_rate([0, 1, 0]) == 4.0
    assert safe_learning_rate([0.1, 0.8, 0.1]) == pytest.approx(4.0)
    assert safe_learning_rate([1, 1, 0], temperature=3.0) == pytest.approx(18.0)


def test_just_above_the_safe_rate_the_loss_can_rise():
    # y = (1/2, 1/2) near x_1 = x_2 has curvature 1/2 along (1, -1): the bound 4 is tight.
    _, below = gradient_descent_path([0.01, 0.0], [0.5, 0.5], 3.9, 5)
    _, above = gradient_descent_path([0.01, 0.0], [0.5, 0.5], 4.2, 5)
    assert np.all(np.diff(below) < 0)
    assert np.all(np.diff(above) > 0)


# --- the report a page reads ----------------------------------------------------------------


def test_the_report_of_a_small_rate_falls_at_every_step_without_overshoot():
    r = descent_report([2.0, 1.0, 0.1], [0, 1, 0], 0.5, 10)
    assert not r.rose.any() and not r.crossed.any()
    assert np.all(np.diff(r.losses) < 0)
    np.testing.assert_allclose(r.grads, r.y_hat - [0, 1, 0], atol=1e-15)
    np.testing.assert_allclose(r.grad_norms, np.linalg.norm(r.grads, axis=1))
    assert np.all(np.diff(r.grad_norms) < 0)  # the gradient shrinks as y_hat -> y
    np.testing.assert_allclose(r.y_hat.sum(axis=1), 1.0)


def test_the_report_of_a_large_rate_with_soft_labels_sees_the_overshoot():
    r = descent_report([0.0, 0.0], [0.9, 0.1], 10.0, 4)
    assert r.crossed[0] and r.rose[0]
    assert r.safe_lr == 4.0


def test_one_hot_labels_are_never_crossed_even_at_a_huge_rate():
    r = descent_report([2.0, 1.0, 0.1], [0, 0, 1], 1000.0, 5)
    assert not r.crossed.any() and not r.rose.any()


# --- bad arguments --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"lr": 0.0}, ValueError, "lr must be a finite number > 0"),
        ({"lr": -1.0}, ValueError, "lr must be a finite number > 0"),
        ({"lr": math.inf}, ValueError, "lr must be a finite number > 0"),
        ({"lr": math.nan}, ValueError, "lr must be a finite number > 0"),
        ({"lr": "1"}, TypeError, "lr must be a real number"),
        ({"steps": -1}, ValueError, r"steps must be an integer in \[0, 10000\]"),
        ({"steps": MAX_DESCENT_STEPS + 1}, ValueError, "steps must be an integer"),
        ({"steps": 2.0}, TypeError, "steps must be an integer"),
        ({"steps": True}, TypeError, "steps must be an integer"),
        ({"temperature": 0.0}, ValueError, "temperature must be"),
        ({"x": [1.0]}, ValueError, "x must be one vector of at least 2 logits"),
        ({"x": [[1.0, 2.0]]}, ValueError, "x must be one vector"),
        ({"x": [1.0, math.nan]}, ValueError, "x must be finite"),
        ({"y": [1.0, -0.5]}, ValueError, "y must be non-negative"),
        ({"y": [0.0, 0.0]}, ValueError, "y must have a positive entry"),
        ({"y": [1.0, 0.0, 0.0]}, ValueError, "y must have the shape of the logits"),
    ],
)
def test_bad_arguments_raise_naming_them(kwargs, error, match):
    args = {"x": [0.0, 1.0], "y": [1.0, 0.0], "lr": 1.0, "steps": 3} | kwargs
    with pytest.raises(error, match=match):
        gradient_descent_path(**args)


def test_the_largest_step_count_runs():
    logits, losses = gradient_descent_path([0.0, 1.0], [1, 0], 0.1, MAX_DESCENT_STEPS)
    assert logits.shape == (MAX_DESCENT_STEPS + 1, 2)
    assert np.all(np.isfinite(losses))


# --- label smoothing and the surface over two logits ----------------------------------------


def test_smooth_labels_fixture_and_sum():
    np.testing.assert_allclose(smooth_labels([0, 1, 0], 0.3), [0.1, 0.8, 0.1], rtol=1e-15)
    np.testing.assert_array_equal(smooth_labels([0.2, 0.8], 0.0), [0.2, 0.8])
    np.testing.assert_allclose(smooth_labels(np.eye(4), 1.0), np.full((4, 4), 0.25))


@PROPERTY
@given(st.integers(2, 10), st.data(), st.floats(0, 1))
def test_smoothed_one_hot_labels_sum_to_1_and_reach_every_class(n, data, eps):
    t = data.draw(st.integers(0, n - 1))
    y = smooth_labels(np.eye(n)[t], eps)
    assert y.sum() == pytest.approx(1.0, abs=1e-14)
    assert np.all(y >= eps / n - 1e-15) and y[t] == pytest.approx(1 - eps + eps / n)


@pytest.mark.parametrize(
    ("y", "eps", "error", "match"),
    [
        ([1, 1], 0.1, ValueError, "y must sum to 1"),
        ([-1, 2], 0.1, ValueError, "y must be non-negative"),
        ([0, 1], 1.5, ValueError, r"epsilon must be in \[0, 1\]"),
        ([0, 1], -0.1, ValueError, r"epsilon must be in \[0, 1\]"),
        ([0, 1], "0.1", TypeError, "epsilon must be a real number"),
    ],
)
def test_smooth_labels_refuses_bad_arguments(y, eps, error, match):
    with pytest.raises(error, match=match):
        smooth_labels(y, eps)


def test_pair_surface_matches_the_loss_at_each_grid_point():
    x, y = np.array([2.0, 1.0, 0.1, -1.0]), np.array([0.1, 0.7, 0.1, 0.1])
    xs, ys, Z = pair_loss_surface(x, y, (2, 0), (-3, 3), (-1, 4), n_points=7, temperature=1.5)
    assert Z.shape == (7, 7) and xs[0] == -3 and ys[-1] == 4
    for r, c in [(0, 0), (3, 5), (6, 2)]:
        point = x.copy()
        point[2], point[0] = xs[c], ys[r]
        z = point / 1.5
        want = -np.sum(y * (z - np.log(np.sum(np.exp(z)))))
        assert Z[r, c] == pytest.approx(want, rel=1e-13)


def test_pair_surface_at_the_path_start_is_the_paths_first_loss():
    x, y = [2.0, 1.0, 0.1], [0, 1, 0]
    _, losses = gradient_descent_path(x, y, 1.0, 3)
    _, _, Z = pair_loss_surface(x, y, (1, 0), (1.0, 3.0), (1.0, 3.0), n_points=3)
    # x_2 = 1 is xs[0], x_1 = 2 is ys[1]: the start.
    assert Z[1, 0] == pytest.approx(losses[0], rel=1e-14)


@pytest.mark.parametrize(
    ("pair", "match"),
    [((0, 0), "pair must name two different classes"), ((0, 3), r"pair must be an integer in")],
)
def test_pair_surface_refuses_bad_pairs(pair, match):
    with pytest.raises(ValueError, match=match):
        pair_loss_surface([0.0, 1.0, 2.0], [1, 0, 0], pair, (-1, 1), (-1, 1))


def test_lr_1_is_not_safe_everywhere_only_below_4_t_squared_over_sum_y():
    # T = 0.25, y = (1/2, 1/2): the safe rate is 4 * 0.0625 / 1 = 0.25, and lr = 1 climbs.
    assert safe_learning_rate([0.5, 0.5], temperature=0.25) == pytest.approx(0.25)
    _, losses = gradient_descent_path([0.01, 0.0], [0.5, 0.5], 1.0, 3, temperature=0.25)
    assert np.all(np.diff(losses) > 0)  # 0.693 -> 0.703 -> 1.11 -> 5.03
    _, losses = gradient_descent_path([0.01, 0.0], [0.5, 0.5], 0.24, 4, temperature=0.25)
    assert np.all(np.diff(losses) < 0)
