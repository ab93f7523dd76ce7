"""Squared error vs cross-entropy on softmax, and the binary case (`sce_core.pairing`).

Hand-checked fixtures, then invariants as hypothesis properties, then independent
oracles: finite differences, sympy, mpmath and scipy.special, none used by the code.
"""

import math

import mpmath
import numpy as np
import pytest
import scipy.special
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sce_core import (
    LOSS_KINDS,
    binary_cross_entropy,
    binary_cross_entropy_from_logit,
    binary_cross_entropy_logit_grad,
    cross_entropy_from_logits,
    gradient_norm_vs_confidence,
    logit_gradient_norm,
    logits_grad,
    loss_surface,
    numerical_grad,
    sigmoid,
    softmax,
    softmax_jacobian,
    squared_error,
    squared_error_logits_grad,
)

LOG3 = math.log(3.0)
PROPERTY = settings(max_examples=60, deadline=None)
SHAPES = st.one_of(
    st.tuples(st.integers(2, 8)),
    st.tuples(st.integers(1, 4), st.integers(2, 8)),
)
LOGITS = hnp.arrays(np.float64, SHAPES, elements=st.floats(-30, 30))
SCALARS = st.floats(-700, 700)
UNIT = st.floats(0, 1)


def one_hot_like(x, label=0):
    y = np.zeros_like(np.asarray(x, dtype=float))
    y[..., label] = 1.0
    return y


# --- squared error: fixtures ------------------------------------------------------------


@pytest.mark.parametrize(
    ("y_hat", "y", "expected"),
    [
        ([0.5, 0.5], [1, 0], 0.5),  # 0.25 + 0.25
        ([1.0, 0.0], [1, 0], 0.0),
        ([0.0, 1.0], [1, 0], 2.0),  # the largest it can be for probabilities
        ([0.25, 0.75, 0.0], [0, 1, 0], 0.125),  # 1/16 + 1/16
        ([[0.5, 0.5], [0.0, 1.0]], [[1, 0], [0, 1]], [0.5, 0.0]),
    ],
)
def test_squared_error_fixtures(y_hat, y, expected):
    np.testing.assert_allclose(squared_error(y_hat, y), expected, rtol=1e-15, atol=0)


def test_squared_error_of_one_example_is_a_scalar():
    assert np.ndim(squared_error([0.5, 0.5], [1, 0])) == 0


@pytest.mark.parametrize(
    ("x", "y", "expected"),
    [
        # y_hat = (1/2, 1/2): g = (-1, 1), <g, y_hat> = 0, grad = y_hat * g.
        ([0.0, 0.0], [1, 0], [-0.5, 0.5]),
        # y_hat = (1/4, 3/4), y = (0, 1): g = (1/2, -1/2), <g, y_hat> = -1/4,
        # grad = (1/4 * 3/4, 3/4 * -1/4) = (3/16, -3/16).
        ([0.0, LOG3], [0, 1], [0.1875, -0.1875]),
        # A perfect prediction has g = 0.
        ([0.0, -1e4], [1, 0], [0.0, 0.0]),
    ],
)
def test_squared_error_logits_grad_fixtures(x, y, expected):
    np.testing.assert_allclose(squared_error_logits_grad(x, y), expected, rtol=1e-12, atol=1e-300)


def test_squared_error_logits_grad_temperature_divides():
    # x / T = (0, log 3) at T = 2: the T = 1 gradient above, divided by 2.
    got = squared_error_logits_grad([0.0, 2 * LOG3], [0, 1], temperature=2.0)
    np.testing.assert_allclose(got, [0.09375, -0.09375], rtol=1e-12)


def test_squared_error_gradient_vanishes_when_confidently_wrong_and_cross_entropy_does_not():
    x, y = [-30.0, 0.0, 0.0], [1, 0, 0]
    assert np.abs(squared_error_logits_grad(x, y)).max() < 1e-12
    np.testing.assert_allclose(logits_grad(x, y), [-1.0, 0.5, 0.5], rtol=1e-12)


def _squared_error_grad_mpmath(x, y) -> list:
    """``2 p_i sum_k p_k (d_i - d_k)``, ``d = p - y``, at 150 digits.

    The same as ``2 p_i (d_i - <d, p>)`` since the p_k sum to 1, but with no difference
    of two numbers near 1/2 left to resolve: at x = (-700, 0, 0) that takes 300 digits.
    ``p - 1`` still needs the digits of the smallest probability: 150 cover logits 240 apart.
    """
    with mpmath.workdps(150):
        xs, ys = [mpmath.mpf(float(v)) for v in x], [mpmath.mpf(float(v)) for v in y]
        top = max(xs)
        exps = [mpmath.exp(v - top) for v in xs]
        p = [e / mpmath.fsum(exps) for e in exps]
        d = [pk - yk for pk, yk in zip(p, ys, strict=True)]
        return [
            2 * pi * mpmath.fsum(pk * (di - dk) for pk, dk in zip(p, d, strict=True))
            for pi, di in zip(p, d, strict=True)
        ]


@pytest.mark.parametrize(
    ("x", "y"),
    [
        ([0.0, 30.0, 0.0], [1, 0, 0]),  # confidently wrong: 1 - y_hat_2 is 1.9e-13
        ([0.0, 30.0, 0.0], [0, 1, 0]),  # confidently right
        ([0.0, 40.0], [1, 0]),  # y_hat_2 rounds to 1 - 4e-18
        ([0.0, 40.0], [0, 1]),
        ([0.0, 20.0, 0.0, -3.0], [0.2, 0.3, 0.4, 0.1]),  # soft labels
        ([-10.0, 10.0, 0.0], [1, 0, 0]),
        ([1000.0, 1001.0, 1002.0], [0, 0, 1]),
        ([-700.0, 0.0, 0.0], [1, 0, 0]),
    ],
)
def test_squared_error_logits_grad_keeps_every_digit_near_a_certain_prediction(x, y):
    # The plain form 2 p (d - <d, p>) subtracts numbers near 1 here: it kept 3 digits at
    # x = (0, 30, 0), none at x = (0, 40), and gave 0 for 7.4e-305 at x = (-700, 0, 0).
    expected = np.array([float(v) for v in _squared_error_grad_mpmath(x, y)])
    np.testing.assert_allclose(squared_error_logits_grad(x, y), expected, rtol=4e-15, atol=0)


@PROPERTY
@given(
    hnp.arrays(np.float64, st.integers(2, 6), elements=st.floats(-60, 60)),
    st.data(),
)
def test_squared_error_logits_grad_matches_mpmath_as_a_vector(x, data):
    # Component by component the accuracy above holds near a certain prediction. Where
    # two classes share nearly all the probability, a component can be a small
    # difference of products of rounded probabilities near 1/4: exact to about 1e-16 of
    # those products, so the vector is right relative to its largest component.
    y = one_hot_like(x, data.draw(st.integers(0, x.size - 1)))
    expected = np.array([float(v) for v in _squared_error_grad_mpmath(x, y)])
    got = squared_error_logits_grad(x, y)
    assert np.max(np.abs(got - expected)) <= 1e-12 * np.max(np.abs(expected))


# --- squared error: properties ----------------------------------------------------------


@PROPERTY
@given(LOGITS, st.data())
def test_squared_error_logits_grad_rows_sum_to_zero(x, data):
    y = one_hot_like(x, data.draw(st.integers(0, x.shape[-1] - 1)))
    g = squared_error_logits_grad(x, y)
    # n <= 8 terms of size <= 1, each rounded: a few ulps of 1 in total.
    np.testing.assert_allclose(g.sum(axis=-1), 0.0, atol=1e-14)


@PROPERTY
@given(LOGITS, st.floats(-100, 100))
def test_squared_error_logits_grad_is_shift_invariant(x, c):
    y = one_hot_like(x)
    # x + c rounds to the spacing of floats near 130, about 3e-14 in every logit.
    np.testing.assert_allclose(
        squared_error_logits_grad(x + c, y), squared_error_logits_grad(x, y), atol=5e-13
    )


@PROPERTY
@given(LOGITS)
def test_squared_error_logits_grad_equals_jacobian_transpose_times_dl_dyhat(x):
    # The formula avoids forming J; forming it must give the same vector.
    y = one_hot_like(x)
    g = 2 * (softmax(x) - y)
    expected = np.einsum("...ij,...i->...j", softmax_jacobian(x), g)
    np.testing.assert_allclose(squared_error_logits_grad(x, y), expected, atol=1e-14)


@PROPERTY
@given(hnp.arrays(np.float64, st.integers(2, 6), elements=st.floats(0, 1)))
def test_squared_error_is_non_negative_and_zero_only_at_the_label(p):
    y = np.zeros_like(p)
    y[0] = 1.0
    assert squared_error(p, y) >= 0
    assert squared_error(y, y) == 0


# --- squared error: oracles -------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "label", "temperature"),
    [([0.3, -1.2, 2.0], 0, 1.0), ([1.0, 0.5, -0.5, 0.0], 2, 0.7), ([4.0, -4.0], 1, 2.5)],
)
def test_squared_error_logits_grad_matches_finite_differences(x, label, temperature):
    y = one_hot_like(x, label)

    def loss(v):
        return float(squared_error(softmax(v, temperature=temperature), y))

    np.testing.assert_allclose(
        squared_error_logits_grad(x, y, temperature),
        numerical_grad(loss, x, eps=1e-5),
        rtol=1e-7,
        atol=1e-10,
    )


def test_squared_error_logits_grad_matches_sympy():
    xs = sympy.symbols("x1:4")
    ys = (0, 1, 0)
    total = sum(sympy.exp(v) for v in xs)
    loss = sum((sympy.exp(v) / total - t) ** 2 for v, t in zip(xs, ys, strict=True))
    point = [sympy.Rational(1, 2), sympy.Rational(-3, 2), sympy.Integer(2)]
    exact = [sympy.diff(loss, v).subs(dict(zip(xs, point, strict=True))) for v in xs]
    expected = [float(sympy.N(e, 30)) for e in exact]
    got = squared_error_logits_grad([float(v) for v in point], ys)
    np.testing.assert_allclose(got, expected, rtol=1e-13, atol=1e-16)


# --- sigmoid and binary cross-entropy: fixtures -----------------------------------------


@pytest.mark.parametrize(
    ("z", "expected"),
    [
        (0.0, 0.5),
        (math.log(3.0), 0.75),
        (-math.log(3.0), 0.25),
        (1000.0, 1.0),
        (-1000.0, 0.0),
        (-745.0, 5e-324),  # the last subnormal: e^-745 / (1 + e^-745)
    ],
)
def test_sigmoid_fixtures(z, expected):
    np.testing.assert_allclose(sigmoid(z), expected, rtol=1e-15, atol=0)


def test_sigmoid_keeps_shape_and_float32():
    assert np.ndim(sigmoid(0.0)) == 0
    assert sigmoid([[0.0, 1.0]]).shape == (1, 2)
    assert sigmoid(np.float32([0.0, 90.0])).dtype == np.float32


def test_sigmoid_never_overflows_at_extremes():
    # Underflow of e^-|z| to 0 is harmless and expected; overflow or 0/0 would not be.
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        np.testing.assert_array_equal(sigmoid([-1e308, 1e308]), [0.0, 1.0])


@pytest.mark.parametrize(
    ("p", "t", "expected"),
    [
        (0.5, 1, math.log(2.0)),
        (0.5, 0, math.log(2.0)),
        (0.75, 1, -math.log(0.75)),
        (0.75, 0, -math.log(0.25)),
        (0.75, 0.5, -0.5 * (math.log(0.75) + math.log(0.25))),  # a soft target
        (1.0, 1, 0.0),  # 0 * log 0 counts as 0
        (0.0, 0, 0.0),
        (0.0, 1, math.inf),
    ],
)
def test_binary_cross_entropy_fixtures(p, t, expected):
    assert binary_cross_entropy(p, t) == pytest.approx(expected, rel=1e-15)


def test_binary_cross_entropy_of_a_perfect_prediction_is_plus_zero():
    got = binary_cross_entropy([0.0, 1.0], [0, 1])
    np.testing.assert_array_equal(np.signbit(got), [False, False])


@pytest.mark.parametrize(
    ("z", "t", "expected"),
    [
        (0.0, 1, math.log(2.0)),
        (0.0, 0, math.log(2.0)),
        (math.log(3.0), 1, -math.log(0.75)),
        (-1000.0, 1, 1000.0),  # -log sigmoid(-1000): log would give inf
        (1000.0, 0, 1000.0),
        (1000.0, 1, 0.0),
        (-40.0, 0, 4.248354255291589e-18),  # log1p(e^-40): log(1 + e^-40) would round to 0
        (36.0, 1, 2.319522830243569e-16),  # softplus(36) - 36 would round to 0
        # (1 - t) z for t = 1 - 2^-53: z - t z would round to a multiple of ulp(129) = 2.8e-14
        (129.0, 1 - 2.0**-53, 129 * 2.0**-53 + math.log1p(math.exp(-129.0))),
    ],
)
def test_binary_cross_entropy_from_logit_fixtures(z, t, expected):
    assert binary_cross_entropy_from_logit(z, t) == pytest.approx(expected, rel=1e-14, abs=0)


@pytest.mark.parametrize(("z", "t", "expected"), [(0.0, 1, -0.5), (0.0, 0, 0.5), (LOG3, 1, -0.25)])
def test_binary_cross_entropy_logit_grad_fixtures(z, t, expected):
    assert binary_cross_entropy_logit_grad(z, t) == pytest.approx(expected, rel=1e-15)


# --- sigmoid and binary cross-entropy: properties ---------------------------------------


@PROPERTY
@given(SCALARS)
def test_sigmoid_is_symmetric_and_bounded(z):
    s = float(sigmoid(z))
    assert 0.0 <= s <= 1.0
    # 1 - s itself rounds to within an ulp of 1.
    assert float(sigmoid(-z)) == pytest.approx(1.0 - s, abs=3e-16)


@PROPERTY
@given(st.floats(-50, 50))
def test_sigmoid_is_the_two_class_softmax(z):
    assert float(sigmoid(z)) == pytest.approx(softmax([z, 0.0])[0], rel=1e-14, abs=1e-300)


@PROPERTY
@given(st.floats(-500, 500), UNIT)
def test_binary_cross_entropy_from_logit_is_the_two_class_cross_entropy(z, t):
    # Softmax over (z, 0) is (sigmoid(z), 1 - sigmoid(z)).
    expected = cross_entropy_from_logits([z, 0.0], [t, 1.0 - t])
    assert float(binary_cross_entropy_from_logit(z, t)) == pytest.approx(
        expected, rel=1e-12, abs=1e-14
    )


@PROPERTY
@given(st.floats(1e-3, 1 - 1e-3), UNIT)
def test_binary_cross_entropy_is_symmetric_under_swapping_the_classes(p, t):
    # Away from 0 and 1, where 1 - p would round away the digits that matter.
    assert float(binary_cross_entropy(p, t)) == pytest.approx(
        float(binary_cross_entropy(1.0 - p, 1.0 - t)), rel=1e-9, abs=1e-12
    )


@PROPERTY
@given(st.floats(-12, 12), st.sampled_from([0.0, 1.0]))
def test_binary_cross_entropy_from_logit_agrees_with_the_probability_form(z, t):
    # |z| <= 12: beyond, rounding sigmoid(z) to a float loses log(1 - p), the point of
    # the logit form (see the mpmath test for the large-|z| accuracy).
    got = float(binary_cross_entropy_from_logit(z, t))
    assert got >= 0
    assert got == pytest.approx(float(binary_cross_entropy(sigmoid(z), t)), rel=1e-9, abs=1e-12)


# --- sigmoid and binary cross-entropy: oracles ------------------------------------------


@PROPERTY
@given(hnp.arrays(np.float64, st.integers(1, 8), elements=SCALARS))
def test_sigmoid_matches_scipy_expit(z):
    np.testing.assert_allclose(sigmoid(z), scipy.special.expit(z), rtol=1e-15, atol=0)


@pytest.mark.parametrize("z", [-700.0, -40.0, -3.5, -1e-8, 0.0, 2e-9, 0.7, 36.0, 700.0])
@pytest.mark.parametrize("t", [0.0, 0.3, 1.0])
def test_binary_cross_entropy_from_logit_matches_mpmath(z, t):
    with mpmath.workdps(50):
        zm, tm = mpmath.mpf(z), mpmath.mpf(t)
        # -log sigmoid(z) = log(1 + e^-z) and -log(1 - sigmoid(z)) = log(1 + e^z), exactly.
        expected = tm * mpmath.log1p(mpmath.exp(-zm)) + (1 - tm) * mpmath.log1p(mpmath.exp(zm))
    got = binary_cross_entropy_from_logit(z, t)
    assert got == pytest.approx(float(expected), rel=1e-14, abs=1e-300)


@PROPERTY
@given(hnp.arrays(np.float64, st.integers(1, 6), elements=SCALARS), st.data())
def test_binary_cross_entropy_from_logit_matches_scipy_log_expit(z, data):
    t = data.draw(hnp.arrays(np.float64, z.shape, elements=UNIT))
    expected = -(t * scipy.special.log_expit(z) + (1 - t) * scipy.special.log_expit(-z))
    np.testing.assert_allclose(
        binary_cross_entropy_from_logit(z, t), expected, rtol=1e-13, atol=1e-300
    )


@pytest.mark.parametrize(("z", "t"), [(0.3, 1.0), (-2.0, 0.0), (5.0, 0.25)])
def test_binary_cross_entropy_logit_grad_matches_finite_differences(z, t):
    def loss(v):
        return float(binary_cross_entropy_from_logit(v[0], t))

    expected = numerical_grad(loss, [z], eps=1e-5)[0]
    assert binary_cross_entropy_logit_grad(z, t) == pytest.approx(expected, rel=1e-8)


# --- loss surface -----------------------------------------------------------------------


def test_loss_surface_grid_layout():
    xs, ys, Z = loss_surface("cross_entropy", (-2.0, 2.0), label=1, n_points=5)
    np.testing.assert_array_equal(xs, [-2, -1, 0, 1, 2])
    np.testing.assert_array_equal(ys, xs)
    assert Z.shape == (5, 5)
    # Row i is x2 = ys[i], column j is x1 = xs[j]: at x1 = 2, x2 = -2 the true class 2
    # has logit 4 below the other, L = log(1 + e^4).
    assert Z[0, 4] == pytest.approx(math.log1p(math.exp(4.0)), rel=1e-14)
    assert Z[4, 0] == pytest.approx(math.log1p(math.exp(-4.0)), rel=1e-14)


@pytest.mark.parametrize("kind", LOSS_KINDS)
def test_two_class_loss_surface_depends_on_the_difference_only(kind):
    _, _, Z = loss_surface(kind, (-3.0, 3.0), label=0, n_points=13)
    # Moving both logits by one grid step keeps x1 - x2: every diagonal is constant.
    np.testing.assert_allclose(Z[1:, 1:], Z[:-1, :-1], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(np.diag(Z), Z[0, 0], rtol=1e-12)


def test_three_class_loss_surface_is_not_a_function_of_the_difference():
    _, _, Z = loss_surface("cross_entropy", (-3.0, 3.0), label=0, n_points=7, fixed_logits=(0,))
    assert not np.allclose(np.diag(Z), Z[0, 0])


@pytest.mark.parametrize("kind", LOSS_KINDS)
@pytest.mark.parametrize("label", [0, 1, 2])
def test_three_class_loss_surface_matches_scipy_point_by_point(kind, label):
    xs, ys, Z = loss_surface(kind, (-4.0, 5.0), label=label, n_points=6, fixed_logits=(0.5,))
    for i, x2 in enumerate(ys):
        for j, x1 in enumerate(xs):
            logits = np.array([x1, x2, 0.5])
            if kind == "cross_entropy":
                expected = -scipy.special.log_softmax(logits)[label]
            else:
                expected = np.sum((scipy.special.softmax(logits) - np.eye(3)[label]) ** 2)
            assert Z[i, j] == pytest.approx(expected, rel=1e-13, abs=1e-15)


def test_squared_error_surface_is_bounded_and_cross_entropy_is_not():
    _, _, se = loss_surface("squared_error", (-20.0, 20.0), n_points=11)
    _, _, ce = loss_surface("cross_entropy", (-20.0, 20.0), n_points=11)
    assert se.max() <= 2.0
    assert ce.max() == pytest.approx(40.0, rel=1e-12)


# --- gradient norm against confidence ---------------------------------------------------


@pytest.mark.parametrize("n", [2, 3, 10])
def test_cross_entropy_gradient_norm_closed_form(n):
    p = np.array([0.01, 0.2, 0.5, 0.99])
    expected = (1 - p) * math.sqrt(n / (n - 1))
    got = gradient_norm_vs_confidence(p, n, "cross_entropy")
    np.testing.assert_allclose(got, expected, rtol=1e-14)


def test_two_class_squared_error_gradient_norm_closed_form():
    # n = 2: dL/dx1 = -2 (1 - p) p (1 - p) * 2 / 2 ... directly: L = 2 (1 - p)^2,
    # dp/dx1 = p (1 - p), dL/dx1 = -4 p (1 - p)^2, and dL/dx2 = -dL/dx1.
    p = np.array([0.1, 0.5, 0.9])
    expected = math.sqrt(2) * 4 * p * (1 - p) ** 2
    np.testing.assert_allclose(gradient_norm_vs_confidence(p, 2, "squared_error"), expected)


@pytest.mark.parametrize("n", [2, 3, 7])
def test_confidently_wrong_limits(n):
    p = np.array([1e-4, 1e-8, 1e-12])
    se = gradient_norm_vs_confidence(p, n, "squared_error")
    ce = gradient_norm_vs_confidence(p, n, "cross_entropy")
    # Squared error: the push fades in proportion to p.
    assert np.all(se < 10 * p)
    assert np.all(np.diff(se) < 0)
    # Cross-entropy: the push tends to its largest value sqrt(n / (n - 1)).
    np.testing.assert_allclose(ce, math.sqrt(n / (n - 1)), rtol=1e-3)


@pytest.mark.parametrize("kind", LOSS_KINDS)
def test_confidently_right_limit_is_zero_for_both(kind):
    assert gradient_norm_vs_confidence(1 - 1e-9, 3, kind) < 1e-8


def test_gradient_norm_shape_follows_p():
    assert np.ndim(gradient_norm_vs_confidence(0.5)) == 0
    assert gradient_norm_vs_confidence(np.linspace(0.1, 0.9, 9), 4).shape == (9,)


@pytest.mark.parametrize("kind", LOSS_KINDS)
@pytest.mark.parametrize(("p", "n"), [(0.05, 3), (0.4, 4), (0.9, 2)])
def test_gradient_norm_matches_finite_differences_of_the_loss(kind, p, n):
    probs = np.array([p] + [(1 - p) / (n - 1)] * (n - 1))
    y = np.eye(n)[0]

    def loss(v):
        if kind == "cross_entropy":
            return float(cross_entropy_from_logits(v, y))
        return float(squared_error(softmax(v), y))

    fd = numerical_grad(loss, np.log(probs), eps=1e-5)
    got = gradient_norm_vs_confidence(p, n, kind)
    assert got == pytest.approx(np.linalg.norm(fd), rel=1e-7)


def test_squared_error_gradient_norm_matches_sympy():
    p = sympy.symbols("p", positive=True)
    n = 3
    q = (1 - p) / (n - 1)
    yhat = [p, q, q]
    y = [1, 0, 0]
    g = [2 * (a - b) for a, b in zip(yhat, y, strict=True)]
    inner = sum(a * b for a, b in zip(g, yhat, strict=True))
    norm = sympy.sqrt(sum((a * (gi - inner)) ** 2 for a, gi in zip(yhat, g, strict=True)))
    assert sympy.limit(norm, p, 0, "+") == 0
    for value in ["1/100", "1/3", "9/10"]:
        expected = float(norm.subs(p, sympy.Rational(value)))
        got = gradient_norm_vs_confidence(float(sympy.Rational(value)), n, "squared_error")
        assert got == pytest.approx(expected, rel=1e-13)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: squared_error([0.5, 1.5], [1, 0]), "y_hat must lie in"),
        (lambda: squared_error([0.5, 0.5], [1, 0, 0]), "labels must have the shape"),
        (lambda: squared_error([0.5, 0.5], [-1, 0]), "labels must be non-negative"),
        (lambda: squared_error_logits_grad([0.0, np.nan], [1, 0]), "logits must be finite"),
        (lambda: squared_error_logits_grad([0.0, 0.0], [1, 0], 0.0), "temperature"),
        (lambda: sigmoid(np.inf), "z must be finite"),
        (lambda: sigmoid([1.0, np.inf]), "z must be finite"),
        (lambda: sigmoid(np.zeros((2, 2, 2))), "z must be a scalar, a vector"),
        (lambda: binary_cross_entropy(1.5, 1), "p must lie in"),
        (lambda: binary_cross_entropy(0.5, 2), "t must lie in"),
        (lambda: binary_cross_entropy([0.5, 0.5], 1), "t must have the shape of p"),
        (lambda: binary_cross_entropy_from_logit(np.nan, 1), "z must be finite"),
        (lambda: binary_cross_entropy_from_logit(0.0, -0.1), "t must lie in"),
        (lambda: binary_cross_entropy_logit_grad([0.0], [1, 0]), "t must have the shape of z"),
        (lambda: loss_surface("hinge"), "kind must be one of"),
        (lambda: loss_surface("cross_entropy", (1.0, -1.0)), "x_range must be finite"),
        (lambda: loss_surface("cross_entropy", (0.0, np.inf)), "x_range must be finite"),
        (lambda: loss_surface("cross_entropy", "ab"), "x_range must be a pair"),
        (lambda: loss_surface("cross_entropy", label=2), "label must be an integer in"),
        (lambda: loss_surface("cross_entropy", n_points=1), "n_points must be an integer in"),
        (
            lambda: loss_surface("cross_entropy", fixed_logits=(np.nan,)),
            "fixed_logits must be finite, got nan at index 0",
        ),
        (lambda: gradient_norm_vs_confidence(0.0), "p_true must lie strictly"),
        (lambda: gradient_norm_vs_confidence([0.5, 1.0]), "p_true must lie strictly"),
        (lambda: gradient_norm_vs_confidence([[0.5]]), "p_true must be a scalar or a vector"),
        (lambda: gradient_norm_vs_confidence(0.5, n=1), "n must be an integer in"),
        (lambda: gradient_norm_vs_confidence(0.5, kind="mse"), "kind must be one of"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: sigmoid("a"),
        lambda: loss_surface("cross_entropy", n_points=10.5),
        lambda: loss_surface("cross_entropy", label=True),
        lambda: gradient_norm_vs_confidence(0.5, n=3.0),
        lambda: loss_surface("cross_entropy", fixed_logits=("a",)),
    ],
)
def test_values_of_the_wrong_type_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_inputs_are_not_mutated():
    x = np.array([[0.5, -1.0, 2.0]])
    y = np.array([[0.0, 1.0, 0.0]])
    x0, y0 = x.copy(), y.copy()
    squared_error_logits_grad(x, y)
    squared_error(softmax(x), y)
    binary_cross_entropy_from_logit(x, np.clip(y, 0, 1))
    np.testing.assert_array_equal(x, x0)
    np.testing.assert_array_equal(y, y0)


# logit_gradient_norm: the size at the learner's own logits (issue 9, point 5)


@pytest.mark.parametrize(
    ("x", "label", "kind", "expected"),
    [
        # ŷ = (0.99505, 0.00247, 0.00247): ‖ŷ − y‖ = √(0.99505² + 0.99753² + 0.00247²).
        ([6.0, 0.0, 0.0], 1, "cross_entropy", 1.40898),
        ([6.0, 0.0, 0.0], 1, "squared_error", 0.0182826),
        # Two even logits: ŷ = (1/2, 1/2), ‖ŷ − y‖ = √2 / 2, and for squared error the same.
        ([0.0, 0.0], 0, "cross_entropy", math.sqrt(0.5)),
        ([0.0, 0.0], 0, "squared_error", math.sqrt(0.5)),
    ],
)
def test_logit_gradient_norm_fixtures(x, label, kind, expected):
    y = np.eye(len(x))[label]
    np.testing.assert_allclose(logit_gradient_norm(x, y, kind), expected, rtol=1e-5)


def test_logit_gradient_norm_is_not_the_equal_share_curve_when_the_wrong_classes_differ():
    x, y = [6.0, 0.0, 0.0], [0.0, 1.0, 0.0]
    p = softmax(x)[1]
    for kind in LOSS_KINDS:
        assert logit_gradient_norm(x, y, kind) > 1.1 * gradient_norm_vs_confidence(p, 3, kind)


@settings(max_examples=50, deadline=None)
@given(st.integers(2, 8), st.floats(-20, 20), st.sampled_from(LOSS_KINDS))
def test_logit_gradient_norm_meets_the_curve_where_the_wrong_classes_share_equally(n, a, kind):
    x = np.zeros(n)
    x[0] = a
    p = softmax(x)[0]
    if not 0 < p < 1:
        return
    expected = gradient_norm_vs_confidence(p, n, kind)
    np.testing.assert_allclose(logit_gradient_norm(x, np.eye(n)[0], kind), expected, rtol=1e-6)


@settings(max_examples=30, deadline=None)
@given(hnp.arrays(np.float64, st.integers(2, 6), elements=st.floats(-5, 5)), st.data())
def test_logit_gradient_norm_matches_central_differences_of_the_loss(x, data):
    y = one_hot_like(x, data.draw(st.integers(0, x.size - 1)))
    losses = {
        "cross_entropy": lambda v: float(cross_entropy_from_logits(v, y)),
        "squared_error": lambda v: float(squared_error(softmax(v), y)),
    }
    for kind, loss in losses.items():
        central = numerical_grad(loss, x, eps=1e-5)
        np.testing.assert_allclose(
            logit_gradient_norm(x, y, kind), np.linalg.norm(central), rtol=1e-6, atol=1e-9
        )


def test_logit_gradient_norm_gives_one_size_per_row_and_names_a_bad_kind():
    x, y = np.zeros((4, 3)), np.eye(3)[[0, 1, 2, 0]]
    np.testing.assert_allclose(logit_gradient_norm(x, y), np.full(4, math.sqrt(2 / 3)))
    with pytest.raises(ValueError, match="kind"):
        logit_gradient_norm([0.0, 1.0], [1.0, 0.0], "hinge")
