"""Finite-difference gradients and the relative errors (`sce_core.gradcheck`).

numerical_grad is the oracle other tests lean on, so it is checked here against
functions whose derivatives are known in closed form.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sce_core import numerical_grad, relative_error, third_derivatives, vector_error

PROPERTY = settings(max_examples=60, deadline=None)
POINTS = hnp.arrays(
    np.float64,
    st.one_of(st.tuples(st.integers(1, 6)), st.tuples(st.integers(1, 3), st.integers(1, 4))),
    elements=st.floats(-10, 10),
)


def _sum_of_squares(v):
    return float(np.sum(v**2))


# --- numerical_grad: fixtures ----------------------------------------------------------


def test_numerical_grad_of_sum_of_squares_is_two_v():
    np.testing.assert_allclose(
        numerical_grad(_sum_of_squares, [1.0, -2.0, 0.0, 3.5]),
        [2.0, -4.0, 0.0, 7.0],
        rtol=1e-8,
        atol=1e-9,
    )


def test_numerical_grad_keeps_the_shape_of_a_batch():
    x = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
    g = numerical_grad(_sum_of_squares, x)
    assert g.shape == (2, 3)
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, 2 * x, rtol=1e-8, atol=1e-9)


def test_numerical_grad_of_a_linear_function_is_its_coefficients():
    # No truncation error for a linear f; rounding f ~ 15 costs ~ 1e-15 * 15 / 2e-6 ~ 1e-8.
    c = np.array([3.0, -0.25, 7.0])
    np.testing.assert_allclose(
        numerical_grad(lambda v: float(c @ v), [0.3, -1.0, 2.0]), c, rtol=0, atol=2e-8
    )


def test_numerical_grad_is_a_central_difference():
    # For exp at 0 with h = 0.01: central (e^h - e^-h) / 2h = sinh(h)/h = 1 + h^2/6 + ...;
    # a forward difference would give 1 + h/2.
    g = numerical_grad(lambda v: float(np.exp(v[0])), [0.0], eps=0.01)
    np.testing.assert_allclose(g, [math.sinh(0.01) / 0.01], rtol=1e-12, atol=0)
    assert abs(g[0] - 1.0) == pytest.approx(0.01**2 / 6, rel=1e-3)


def test_numerical_grad_divides_by_the_step_actually_taken():
    # At 1e8 floats are 1.49e-8 apart: x +- 1e-8 round to x +- 1.49e-8, so dividing by
    # 2 * eps would report a slope of 1.49 for the identity.
    assert numerical_grad(lambda v: float(v[0]), [1e8], eps=1e-8)[0] == 1.0


def test_numerical_grad_hands_f_a_fresh_copy_each_time():
    seen = []

    def greedy(v):
        seen.append(v)
        value = _sum_of_squares(v)
        v[:] = 1e6  # scribbling on the argument must not change the next evaluation
        return value

    x = np.array([1.0, -2.0])
    np.testing.assert_allclose(numerical_grad(greedy, x), [2.0, -4.0], rtol=1e-8, atol=0)
    np.testing.assert_array_equal(x, [1.0, -2.0])
    assert len(seen) == 4
    assert len({id(v) for v in seen}) == 4
    assert not any(np.shares_memory(v, x) for v in seen)


def test_numerical_grad_is_float64_for_float32_points():
    g = numerical_grad(_sum_of_squares, np.array([1.0, 2.0], dtype=np.float32), eps=1e-5)
    assert g.dtype == np.float64
    np.testing.assert_allclose(g, [2.0, 4.0], rtol=1e-8, atol=0)


# --- numerical_grad: properties --------------------------------------------------------


@PROPERTY
@given(POINTS)
def test_numerical_grad_of_sin_is_cos(x):
    # Truncation h^2/6 ~ 2e-13 and rounding ~ 1e-16 * n / h ~ 1e-10, both far inside 1e-8.
    g = numerical_grad(lambda v: float(np.sum(np.sin(v))), x, eps=1e-6)
    np.testing.assert_allclose(g, np.cos(x), rtol=0, atol=1e-8)


@PROPERTY
@given(POINTS)
def test_numerical_grad_of_a_quadratic_form(x):
    rng = np.random.default_rng(x.size)
    a = rng.normal(size=(x.size, x.size))
    flat = x.reshape(-1)

    def quad(v):
        u = v.reshape(-1)
        return float(u @ a @ u)

    expected = ((a + a.T) @ flat).reshape(x.shape)
    # Central differences are exact for quadratics; only rounding (~ 1e-16 |f| / h) remains.
    np.testing.assert_allclose(numerical_grad(quad, x, eps=1e-4), expected, rtol=1e-6, atol=1e-6)


@PROPERTY
@given(
    hnp.arrays(
        np.float64, st.tuples(st.integers(1, 4), st.integers(1, 5)), elements=st.floats(-5, 5)
    )
)
def test_numerical_grad_of_a_batch_agrees_row_by_row(x):
    # A loss summed over rows: each row's gradient is that of its own term.
    def per_row(v):
        return float(np.sum(np.exp(v) * np.arange(1, v.shape[-1] + 1)))

    batch = numerical_grad(per_row, x)
    for row, g in zip(x, batch, strict=True):
        np.testing.assert_allclose(g, numerical_grad(per_row, row), rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(
        batch, np.exp(x) * np.arange(1, x.shape[-1] + 1), rtol=1e-6, atol=1e-6
    )


# --- relative_error --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ([1.0, 0.0], [1.1, 0.0], [0.1 / 1.1, 0.0]),
        ([1.0], [-1.0], [2.0]),
        ([0.0], [5.0], [1.0]),
        ([2.0, -3.0], [2.0, -3.0], [0.0, 0.0]),
        ([[1e-300, 4.0]], [[2e-300, 5.0]], [[0.5, 0.2]]),
    ],
)
def test_relative_error_fixtures(a, b, expected):
    np.testing.assert_allclose(relative_error(a, b), expected, rtol=1e-14, atol=0)


@PROPERTY
@given(
    st.integers(1, 8).flatmap(
        lambda n: st.tuples(
            hnp.arrays(np.float64, n, elements=st.floats(-1e6, 1e6)),
            hnp.arrays(np.float64, n, elements=st.floats(-1e6, 1e6)),
        )
    )
)
def test_relative_error_is_symmetric_and_bounded(ab):
    a, b = ab
    err = relative_error(a, b)
    np.testing.assert_array_equal(err, relative_error(b, a))
    assert np.all((err >= 0) & (err <= 2))
    np.testing.assert_array_equal(relative_error(a, a), 0.0)
    scale = np.maximum(np.abs(a), np.abs(b))
    ok = scale > 0
    np.testing.assert_allclose(err[ok], np.abs(a - b)[ok] / scale[ok], rtol=1e-15, atol=0)


def test_relative_error_of_a_batch_agrees_row_by_row():
    a = np.array([[1.0, 0.0, -2.0], [3.0, 4.0, 0.0]])
    b = np.array([[1.1, 0.0, 2.0], [3.0, 5.0, 1e-300]])
    batch = relative_error(a, b)
    np.testing.assert_allclose(batch, [[0.1 / 1.1, 0.0, 2.0], [0.0, 0.2, 1.0]], rtol=1e-14, atol=0)
    for row_a, row_b, row in zip(a, b, batch, strict=True):
        np.testing.assert_array_equal(relative_error(row_a, row_b), row)


# --- vector_error: one relative error for a whole gradient -------------------------------


def test_vector_error():
    assert vector_error([0.0, 0.0], [0.0, 0.0]) == 0.0
    assert vector_error([3.0, 4.0], [3.0, 4.5]) == pytest.approx(0.5 / np.hypot(3, 4.5))


SIZED = st.floats(-10, 10).filter(lambda v: v == 0 or abs(v) > 1e-100)
"""Entries whose squares do not underflow, so the norms are those of the numbers."""


@PROPERTY
@given(hnp.arrays(np.float64, st.tuples(st.integers(1, 6)), elements=SIZED), st.data())
def test_vector_error_is_a_symmetric_norm_ratio(a, data):
    b = data.draw(hnp.arrays(np.float64, a.shape, elements=SIZED))
    e = vector_error(a, b)
    assert 0.0 <= e <= 2.0 and e == vector_error(b, a)
    assert (e == 0.0) == bool(np.array_equal(a, b) or not (a.any() or b.any()))
    # Oracle: math.fsum of squares, not numpy's norm.
    scale = max(
        math.sqrt(math.fsum(v * v for v in a.ravel())),
        math.sqrt(math.fsum(v * v for v in b.ravel())),
    )
    if scale > 0:
        diff = math.sqrt(math.fsum((u - v) ** 2 for u, v in zip(a.ravel(), b.ravel(), strict=True)))
        assert e == pytest.approx(diff / scale, rel=1e-12, abs=1e-300)


def test_vector_error_names_a_shape_mismatch():
    with pytest.raises(ValueError, match=r"b must have the shape of a \(2,\), got \(3,\)"):
        vector_error([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="a must"):
        vector_error([1.0, float("nan")], [1.0, 2.0])


# --- third_derivatives: the curvature behind the truncation error -----------------------


def test_third_derivatives_of_a_quartic():
    # L = Σ x⁴ / 4: ∂L/∂x = x³, ∂³L/∂x³ = 6x, hand-checked.
    np.testing.assert_allclose(
        third_derivatives(lambda v: v**3, [1.0, -2.0, 0.5], 1e-3), [6.0, -12.0, 3.0], rtol=1e-6
    )


def test_a_vanishing_third_derivative_reads_as_zero():
    # L = Σ x²: the gradient 2x is linear, its second difference only rounding.
    assert third_derivatives(lambda v: 2 * v, [0.3, -7.0], 1e-3).tolist() == [0.0, 0.0]


@PROPERTY
@given(
    hnp.arrays(np.float64, st.tuples(st.integers(1, 5)), elements=st.floats(-3, 3)),
    st.floats(0.1, 3),
)
def test_third_derivatives_match_a_closed_form(x, a):
    # L = a Σ sin(x): ∂L/∂x = a cos(x), ∂³L/∂x³ = -a cos(x), by hand; numpy's cos only.
    got = third_derivatives(lambda v: a * np.cos(v), x, 1e-3)
    expected = -a * np.cos(x)
    np.testing.assert_allclose(got, np.where(got == 0, 0.0, expected), atol=1e-5)
    assert np.all((got == 0) <= (np.abs(expected) < 1e-3))


def test_third_derivatives_name_a_bad_step_or_point():
    with pytest.raises(ValueError, match="delta"):
        third_derivatives(lambda v: v, [1.0], 0.0)
    with pytest.raises(ValueError, match="x must be a vector"):
        third_derivatives(lambda v: v, [[1.0, 2.0]], 1e-3)
