"""Independent oracles that `sce_core` does not use: mpmath, sympy and scipy.special.

- mpmath at 60 digits gives reference values to check accuracy (relative error <= 1e-12),
  including logits so spread out that float64 overflows or underflows along the way.
- sympy differentiates the loss and the softmax symbolically, so the derivation's result
  is checked against calculus done by someone else.
- scipy.special implements softmax, log_softmax, logsumexp and xlogy on its own.
"""

import functools
import math

import mpmath
import numpy as np
import pytest
import scipy.special
import sympy as sp

from sce_core import (
    chain_rule_parts,
    cross_entropy,
    cross_entropy_from_logits,
    log_softmax,
    logits_grad,
    logsumexp,
    softmax,
    softmax_jacobian,
    softmax_jacobian_parts,
)

DIGITS = 60
TINY = np.finfo(np.float64).tiny
# Comparisons against the 60-digit reference rounded to float64. The absolute part, the
# smallest normal float64, matters only where the exact value underflows below it
# (e^-20000 is about 10^-8686): a float there is 0 or a subnormal with few or no
# significant bits, so only its distance from the rounded reference is meaningful.
RTOL, ATOL = 1e-12, TINY


# --- mpmath reference ------------------------------------------------------------------


def _shifted_log_sum(x):
    """``(xs, top, log1p(rest))`` for 1-D float logits: the exact logits as mpf, the
    largest, and ``log(sum_k e^(x_k - top))`` with the largest term's 1 kept apart.

    Every float64 converts to an mpf exactly. 60 digits alone do not rescue the
    textbook ``x_i - log(sum_k e^{x_k})``: for the largest logit the answer is
    ``-log(1 + rest)`` ~ ``-rest``, which can be e^-200 while the sum is of order 1 (or
    1e6). So the reference sums ``rest`` without the 1, as the code does.
    """
    xs = [mpmath.mpf(float(v)) for v in x]
    k = int(np.argmax(x))
    rest = mpmath.fsum(mpmath.exp(v - xs[k]) for i, v in enumerate(xs) if i != k)
    return xs, xs[k], mpmath.log1p(rest)


def reference_log_softmax(x):
    """log_softmax of the 1-D float logits ``x`` as 60-digit mpf numbers."""
    with mpmath.workdps(DIGITS):
        xs, top, log_rest = _shifted_log_sum(x)
        return [(v - top) - log_rest for v in xs]


def reference_logsumexp(x):
    with mpmath.workdps(DIGITS):
        _, top, log_rest = _shifted_log_sum(x)
        return top + log_rest


def reference_softmax(x):
    with mpmath.workdps(DIGITS):
        return [mpmath.exp(v) for v in reference_log_softmax(x)]


def reference_logits_grad(x, y):
    """``y_hat * sum(y) - y`` at 60 digits, with ``1 - y_hat_j`` as ``-expm1(log y_hat_j)``."""
    with mpmath.workdps(DIGITS):
        ls = reference_log_softmax(x)
        ys = [mpmath.mpf(float(v)) for v in y]
        total = mpmath.fsum(ys)
        # y_hat_j * total - y_j = y_hat_j * (total - y_j) - y_j * (1 - y_hat_j)
        return [
            mpmath.exp(lj) * (total - yj) + yj * mpmath.expm1(lj)
            for lj, yj in zip(ls, ys, strict=True)
        ]


def to_float(values):
    return np.array([float(v) for v in values])


EXTREME_LOGITS = {
    "shifted by 1000": [1000.0, 1001.0, 1002.0],
    "spread +-1e4": [-1e4, 0.0, 1e4],
    "near 1e6": [1e6, 1e6 + 1, 1e6 - 2],
    "all equal": [3.5, 3.5, 3.5, 3.5, 3.5],
    "all zero, many": [0.0] * 64,
    "underflowed class": [0.0, -1000.0],
    "subnormal probability": [0.0, -740.0],
    "dominant class, log1p": [0.0, -12.0, -12.0],
    "dominant class, deeper": [0.0, -40.0, -40.0],
    "confident": [30.0, 0.0, 0.0],
    "tiny logits": [1e-300, -1e-300, 0.0],
}
RANDOM_SIZES = [2, 3, 4, 5, 7, 10, 50, 500]
RANDOM_SCALES = [1e-3, 1.0, 30.0, 300.0]


def _random_logits():
    rng = np.random.default_rng(20240611)
    return {
        f"n={n}, scale={scale:g}": rng.normal(size=n) * scale
        for n in RANDOM_SIZES
        for scale in RANDOM_SCALES
    }


ACCURACY_CASES = {**EXTREME_LOGITS, **_random_logits()}


@pytest.fixture(params=list(ACCURACY_CASES), scope="module")
def logits(request):
    return np.array(ACCURACY_CASES[request.param], dtype=np.float64)


@pytest.fixture(scope="module")
def reference(logits):
    ls = reference_log_softmax(logits)
    return {
        "log_softmax": ls,
        "softmax": reference_softmax(logits),
        "logsumexp": reference_logsumexp(logits),
    }


def test_softmax_matches_mpmath(logits, reference):
    np.testing.assert_allclose(
        softmax(logits), to_float(reference["softmax"]), rtol=RTOL, atol=ATOL
    )


def test_log_softmax_matches_mpmath(logits, reference):
    np.testing.assert_allclose(
        log_softmax(logits), to_float(reference["log_softmax"]), rtol=RTOL, atol=ATOL
    )


def test_logsumexp_matches_mpmath(logits, reference):
    np.testing.assert_allclose(logsumexp(logits), float(reference["logsumexp"]), rtol=RTOL, atol=0)


def test_cross_entropy_from_logits_matches_mpmath(logits, reference):
    n = logits.size
    # every one-hot label at once: row k of the batch has its label on class k
    batch = cross_entropy_from_logits(np.tile(logits, (n, 1)), np.eye(n))
    np.testing.assert_allclose(batch, -to_float(reference["log_softmax"]), rtol=RTOL, atol=ATOL)
    soft = np.random.default_rng(n).uniform(0.0, 2.0, size=n)
    with mpmath.workdps(DIGITS):
        expected = -mpmath.fsum(
            mpmath.mpf(float(s)) * ls for s, ls in zip(soft, reference["log_softmax"], strict=True)
        )
    np.testing.assert_allclose(
        cross_entropy_from_logits(logits, soft), float(expected), rtol=RTOL, atol=ATOL
    )


def test_cross_entropy_of_computed_probabilities_matches_mpmath(logits):
    # The reference here is -log of the float probabilities themselves: cross_entropy
    # cannot recover digits that rounding y_hat to float64 already lost (near y_hat = 1,
    # log y_hat ~ 1e-13 has no correct digits left), so it is judged on its own input.
    p = softmax(logits)
    classes = np.flatnonzero(p > 0)
    labels = np.eye(logits.size)[classes]
    got = cross_entropy(np.tile(p, (classes.size, 1)), labels)
    with mpmath.workdps(DIGITS):
        expected = [-mpmath.log(mpmath.mpf(float(p[k]))) for k in classes]
    np.testing.assert_allclose(got, to_float(expected), rtol=RTOL, atol=0)


def test_logits_grad_matches_mpmath(logits):
    n = logits.size
    one_hot = np.eye(n)[int(np.argmax(logits))]  # the class with 1 - y_hat at risk
    soft = np.random.default_rng(n + 1).uniform(0.0, 2.0, size=n)
    for y in (one_hot, soft):
        got = logits_grad(logits, y)
        expected = to_float(reference_logits_grad(logits, y))
        # With soft labels y_hat * sum(y) - y may cancel; the computed value is then off
        # by a few ulp of the terms, up to sum(y) in size.
        atol = max(TINY, 1e-15 * y.sum()) if y is soft else TINY
        np.testing.assert_allclose(got, expected, rtol=RTOL, atol=atol)


@pytest.mark.parametrize(
    "x",
    [[30.0, 0.0, 0.0], [50.0, 0.0, -10.0], [20.0, -5.0, 3.0, 0.0], [8.0, 0.0]],
    ids=str,
)
def test_confident_correct_prediction_keeps_its_tiny_gradient(x):
    # dL/dx_0 = -(1 - y_hat_0) with y_hat_0 within 1e-13 of 1: the textbook y_hat_0 - 1
    # would keep at most 3 correct digits.
    y = np.eye(len(x))[0]
    with mpmath.workdps(DIGITS):
        ls0 = reference_log_softmax(x)[0]
        one_minus = -mpmath.expm1(ls0)
        p0 = mpmath.exp(ls0)
        want_grad, want_same = float(-one_minus), float(p0 * one_minus)
    np.testing.assert_allclose(logits_grad(x, y)[0], want_grad, rtol=RTOL, atol=0)
    np.testing.assert_allclose(chain_rule_parts(x, y).same[0], want_grad, rtol=RTOL, atol=0)
    np.testing.assert_allclose(softmax_jacobian_parts(x).same[0], want_same, rtol=RTOL, atol=0)
    np.testing.assert_allclose(softmax_jacobian(x)[0, 0], want_same, rtol=RTOL, atol=0)


@pytest.mark.parametrize(
    "x", [[0.0, -12.0, -12.0], [0.0, -30.0, -30.0], [5.0, -45.0], [0.0, -700.0, -3.0]], ids=str
)
def test_log_softmax_of_the_dominant_class_keeps_relative_accuracy(x):
    # log y_hat_0 = -log(1 + rest) with rest ~ e^-12 .. e^-50: log(1 + rest) in float64
    # would round 1 + rest first and lose most (or all) of rest's digits.
    want = float(reference_log_softmax(x)[0])
    np.testing.assert_allclose(log_softmax(x)[0], want, rtol=RTOL, atol=0)
    np.testing.assert_allclose(
        cross_entropy_from_logits(x, np.eye(len(x))[0]), -want, rtol=RTOL, atol=0
    )


def test_a_batch_matches_mpmath_row_by_row():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(5, 6)) * np.array([[0.1], [1.0], [10.0], [100.0], [1000.0]])
    for row, got_p, got_ls in zip(x, softmax(x), log_softmax(x), strict=True):
        np.testing.assert_allclose(got_p, to_float(reference_softmax(row)), rtol=RTOL, atol=ATOL)
        np.testing.assert_allclose(
            got_ls, to_float(reference_log_softmax(row)), rtol=RTOL, atol=ATOL
        )


# --- sympy: the derivatives by symbolic differentiation --------------------------------


@functools.cache
def sympy_model(n):
    """Loss, gradient and softmax Jacobian for n classes, differentiated by sympy.

    Returns mpmath functions of ``(x_0..x_{n-1}, y_0..y_{n-1}, T)``.
    """
    x = sp.symbols(f"x0:{n}", real=True)
    y = sp.symbols(f"y0:{n}", nonnegative=True)
    t = sp.Symbol("T", positive=True)
    denominator = sum(sp.exp(xk / t) for xk in x)
    y_hat = [sp.exp(xi / t) / denominator for xi in x]
    loss = -sum(yi * sp.log(pi) for yi, pi in zip(y, y_hat, strict=True))
    grad = [sp.diff(loss, xj) for xj in x]
    jac = [[sp.diff(y_hat[i], x[j]) for j in range(n)] for i in range(n)]
    args = (*x, *y, t)
    return (
        sp.lambdify(args, loss, modules="mpmath"),
        sp.lambdify(args, grad, modules="mpmath"),
        sp.lambdify(args, jac, modules="mpmath"),
    )


def _sympy_cases():
    rng = np.random.default_rng(314159)
    cases = []
    for n in (2, 3, 4):
        for k in range(4):
            x = rng.normal(size=n) * 3.0
            one_hot = np.eye(n)[rng.integers(n)]
            soft = rng.uniform(0.0, 1.0, size=n)
            temperature = [1.0, 0.5, 2.5, 1.0][k]
            cases.append(pytest.param(x, one_hot, temperature, id=f"n={n}-{k}-one-hot"))
            cases.append(pytest.param(x, soft, temperature, id=f"n={n}-{k}-soft"))
    return cases


@pytest.mark.parametrize(("x", "y", "temperature"), _sympy_cases())
def test_derivatives_match_sympy(x, y, temperature):
    n = x.size
    loss_f, grad_f, jac_f = sympy_model(n)
    with mpmath.workdps(DIGITS):
        args = [mpmath.mpf(float(v)) for v in (*x, *y, temperature)]
        want_loss = float(loss_f(*args))
        want_grad = to_float(grad_f(*args))
        want_jac = np.array([to_float(row) for row in jac_f(*args)])
    np.testing.assert_allclose(
        cross_entropy_from_logits(x, y, temperature=temperature), want_loss, rtol=RTOL, atol=0
    )
    # Soft labels: y_hat * sum(y) - y may cancel; allow a few ulp of sum(y) / T.
    atol = 1e-15 * y.sum() / temperature
    np.testing.assert_allclose(
        logits_grad(x, y, temperature=temperature), want_grad, rtol=RTOL, atol=atol
    )
    np.testing.assert_allclose(
        softmax_jacobian(x, temperature=temperature), want_jac, rtol=RTOL, atol=0
    )


# --- scipy.special ---------------------------------------------------------------------


def _scipy_cases():
    rng = np.random.default_rng(2718)
    return [
        pytest.param(rng.normal(size=shape) * 5.0, id=f"{shape}")
        for shape in [(2,), (3,), (10,), (100,), (1, 4), (5, 3), (4, 10)]
    ]


@pytest.mark.parametrize("x", _scipy_cases())
@pytest.mark.parametrize("axis", [-1, 0])
@pytest.mark.parametrize("temperature", [1.0, 0.7])
def test_softmax_family_matches_scipy(x, axis, temperature):
    z = x / temperature
    np.testing.assert_allclose(
        softmax(x, axis=axis, temperature=temperature),
        scipy.special.softmax(z, axis=axis),
        rtol=1e-13,
        atol=0,
    )
    # scipy takes log(sum) where sce_core takes log1p(rest): near log y_hat = 0 the two
    # differ by an ulp of 1, hence the tiny absolute tolerance.
    np.testing.assert_allclose(
        log_softmax(x, axis=axis, temperature=temperature),
        scipy.special.log_softmax(z, axis=axis),
        rtol=1e-13,
        atol=1e-15,
    )
    np.testing.assert_allclose(
        logsumexp(x, axis=axis, temperature=temperature),
        scipy.special.logsumexp(z, axis=axis),
        rtol=1e-13,
        atol=1e-15,
    )


@pytest.mark.parametrize("shape", [(100_003, 3), (3, 70_001)], ids=str)
@pytest.mark.parametrize("axis", [-1, 0])
def test_large_arrays_match_scipy(shape, axis):
    x = np.random.default_rng(11).normal(size=shape) * 20.0
    np.testing.assert_allclose(
        log_softmax(x, axis=axis), scipy.special.log_softmax(x, axis=axis), rtol=1e-13, atol=1e-15
    )
    np.testing.assert_allclose(
        logsumexp(x, axis=axis), scipy.special.logsumexp(x, axis=axis), rtol=1e-13, atol=1e-15
    )


@pytest.mark.parametrize("x", _scipy_cases())
def test_cross_entropy_matches_scipy_xlogy(x):
    # xlogy(0, 0) = 0 is scipy's own statement of the 0 log 0 = 0 convention.
    p = softmax(x)
    y = np.random.default_rng(x.size).uniform(0.0, 1.0, size=x.shape)
    y[..., 0] = 0.0
    p_with_zero = np.where(np.arange(x.shape[-1]) == 0, 0.0, p)
    for probs in (p, p_with_zero):
        np.testing.assert_allclose(
            cross_entropy(probs, y),
            -np.sum(scipy.special.xlogy(y, probs), axis=-1),
            rtol=1e-14,
            atol=1e-15,
        )


def test_sympy_model_is_not_vacuous():
    # Guard the oracle itself: the n = 2 gradient at x = 0, y = e_0 is [-1/2, 1/2].
    _, grad_f, jac_f = sympy_model(2)
    with mpmath.workdps(DIGITS):
        np.testing.assert_allclose(to_float(grad_f(0, 0, 1, 0, 1)), [-0.5, 0.5], rtol=1e-15)
        jac = np.array([to_float(r) for r in jac_f(0, 0, 1, 0, 1)])
    np.testing.assert_allclose(jac, [[0.25, -0.25], [-0.25, 0.25]], rtol=1e-15)
    assert math.isclose(float(reference_logsumexp([0.0, 0.0])), math.log(2.0), rel_tol=1e-15)
