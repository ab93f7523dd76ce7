"""The slope view of step 1: `sce_core.nudge_linearisation` against exact oracles.

Fixtures worked by hand, invariants as hypothesis properties, and two oracles the code
does not use: softmax at 50 digits in mpmath, and the Jacobian column from central
differences.
"""

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sce_core import nudge_linearisation, softmax

PROPERTY = settings(max_examples=60, deadline=None)
LOGITS = hnp.arrays(np.float64, st.integers(2, 10), elements=st.floats(-8, 8))


def exact_change(x, j: int, delta: float) -> list[mpmath.mpf]:
    """softmax(x + δ e_j) - softmax(x) at 50 significant digits."""
    with mpmath.workdps(50):
        before = [mpmath.e ** mpmath.mpf(v) for v in x]
        after = list(before)
        after[j] = mpmath.e ** (mpmath.mpf(x[j]) + mpmath.mpf(delta))
        total_after, total_before = mpmath.fsum(after), mpmath.fsum(before)
        return [a / total_after - b / total_before for a, b in zip(after, before, strict=True)]


def central_column(x, j: int, h: float = 1e-5) -> np.ndarray:
    """∂ softmax / ∂x_j by central differences."""
    e = np.zeros(len(x))
    e[j] = h
    return (softmax(np.asarray(x) + e) - softmax(np.asarray(x) - e)) / (2 * h)


def test_two_equal_logits_by_hand():
    # ŷ = (1/2, 1/2): J[:, 0] = (1/4, -1/4); Δŷ_1 = e^δ/(e^δ + 1) - 1/2 = tanh(δ/2)/2.
    step = nudge_linearisation([0.0, 0.0], 0, 1.0)
    np.testing.assert_allclose(step.linear, [0.25, -0.25], rtol=1e-15)
    half = math.tanh(0.5) / 2
    np.testing.assert_allclose(step.actual, [half, -half], rtol=1e-14)
    np.testing.assert_allclose(step.gap, [half - 0.25, 0.25 - half], rtol=1e-12)


def test_a_zero_nudge_changes_nothing():
    step = nudge_linearisation([2.0, 1.0, 0.1], 2, 0.0)
    assert np.all(step.actual == 0.0) and np.all(step.linear == 0.0)


def test_an_array_of_nudges_gives_one_row_each():
    deltas = np.array([-1.0, 0.5, 2.0])
    rows = nudge_linearisation([2.0, 1.0, 0.1], 1, deltas)
    assert rows.actual.shape == rows.linear.shape == rows.gap.shape == (3, 3)
    for d, actual in zip(deltas, rows.actual, strict=True):
        np.testing.assert_array_equal(actual, nudge_linearisation([2.0, 1.0, 0.1], 1, d).actual)


@pytest.mark.parametrize("delta", [-3.0, -0.5, 1e-4, 0.7, 3.0])
@pytest.mark.parametrize(("x", "j"), [([2.0, 1.0, 0.1], 0), ([6.0, 0.0, 0.0], 2), ([0.0] * 5, 4)])
def test_the_actual_change_matches_mpmath(x, j, delta):
    step = nudge_linearisation(x, j, delta)
    exact = np.array([float(v) for v in exact_change(x, j, delta)])
    np.testing.assert_allclose(step.actual, exact, rtol=1e-9, atol=1e-16)


@PROPERTY
@given(x=LOGITS, data=st.data())
def test_the_linear_prediction_is_the_central_difference_slope(x, data):
    j = data.draw(st.integers(0, x.size - 1))
    delta = data.draw(st.floats(-3, 3))
    step = nudge_linearisation(x, j, delta)
    np.testing.assert_allclose(step.linear, central_column(x, j) * delta, rtol=1e-6, atol=1e-9)


@PROPERTY
@given(x=LOGITS, data=st.data())
def test_the_changes_add_up_to_zero(x, data):
    j = data.draw(st.integers(0, x.size - 1))
    step = nudge_linearisation(x, j, data.draw(st.floats(-3, 3)))
    assert abs(step.actual.sum()) < 1e-14 and abs(step.linear.sum()) < 1e-14


@PROPERTY
@given(x=LOGITS, data=st.data())
def test_the_gap_shrinks_as_the_square_of_the_nudge(x, data):
    """For small δ the gap is J_ij (1/2 - ŷ_j) δ², and what is left is at most |J_ij| δ³/6.

    From g(δ) = δ + (1/2 - ŷ_j) δ² + (1/6 - ŷ_j + ŷ_j²) δ³ + O(δ⁴), whose δ³ coefficient
    lies in [-1/12, 1/6] for ŷ_j in [0, 1].
    """
    j = data.draw(st.integers(0, x.size - 1))
    delta = data.draw(st.sampled_from([-1e-3, 1e-3, 1e-2]))
    step = nudge_linearisation(x, j, delta)
    column = step.linear / delta
    second_order = column * (0.5 - softmax(x)[j]) * delta**2
    # The actual change is a difference of probabilities, good to a few ulps of 1.
    bound = np.abs(column) * abs(delta) ** 3 / 5 + 4 * np.finfo(float).eps
    assert np.all(np.abs(step.gap - second_order) <= bound)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"x": [[1.0, 2.0]], "j": 0, "delta": 1.0}, "logits must be a vector"),
        ({"x": [1.0, 2.0], "j": 2, "delta": 1.0}, r"j must be an integer in \[0, 1\]"),
        ({"x": [1.0, 2.0], "j": 0, "delta": math.nan}, "delta must be finite"),
        ({"x": [1.0, 2.0], "j": 0, "delta": [[1.0]]}, "delta must be a scalar"),
    ],
)
def test_bad_input_is_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        nudge_linearisation(**kwargs)


def test_a_non_integer_j_is_a_type_error():
    with pytest.raises(TypeError, match="j must be an integer"):
        nudge_linearisation([1.0, 2.0], 1.0, 0.5)
