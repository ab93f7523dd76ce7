"""Softmax, log-softmax, log-sum-exp and the softmax Jacobian (`sce_core.softmax`).

Hand-checked fixtures first, then the invariants as hypothesis properties. The
high-precision and third-party oracles live in `test_oracles.py`.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sce_core import (
    log_softmax,
    logsumexp,
    numerical_grad,
    softmax,
    softmax_jacobian,
    softmax_jacobian_parts,
)

LOG2, LOG3, LOG5 = math.log(2.0), math.log(3.0), math.log(5.0)
TINY = np.finfo(np.float64).tiny

PROPERTY = settings(max_examples=60, deadline=None)
SHAPES = st.one_of(
    st.tuples(st.integers(2, 10)),
    st.tuples(st.integers(1, 5), st.integers(2, 10)),
)
LOGITS = hnp.arrays(np.float64, SHAPES, elements=st.floats(-50, 50))
MATRICES = hnp.arrays(
    np.float64,
    st.tuples(st.integers(2, 6), st.integers(2, 6)),
    elements=st.floats(-50, 50),
)
TEMPERATURES = st.floats(0.1, 10.0)


# --- hand-checked fixtures -------------------------------------------------------------


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ([0.0, 0.0], [0.5, 0.5]),
        ([0.0, LOG3], [0.25, 0.75]),
        # e^0 : e^log2 : e^log5 = 1 : 2 : 5 out of 8
        ([0.0, LOG2, LOG5], [0.125, 0.25, 0.625]),
        ([1000.0, 1000.0 + LOG3], [0.25, 0.75]),
        ([-1000.0, -1000.0 + LOG3], [0.25, 0.75]),
        ([[0.0, 0.0], [0.0, LOG3]], [[0.5, 0.5], [0.25, 0.75]]),
        ([7, 7, 7, 7], [0.25, 0.25, 0.25, 0.25]),
    ],
)
def test_softmax_fixtures(x, expected):
    np.testing.assert_allclose(softmax(x), expected, rtol=1e-12, atol=0)


def test_softmax_of_widely_spread_logits_is_exactly_one_hot():
    # e^-10000 and e^-20000 underflow to 0 in float64; the largest logit takes all the mass.
    np.testing.assert_array_equal(softmax([-1e4, 0.0, 1e4]), [0.0, 0.0, 1.0])


def test_softmax_accepts_logits_whose_sum_overflows():
    # The finiteness check sums the array first; 1e308 + 1e308 = inf must not be
    # mistaken for an infinite logit.
    np.testing.assert_array_equal(softmax([1e308, 1e308]), [0.5, 0.5])


@pytest.mark.parametrize(
    ("x", "temperature", "expected"),
    [
        ([0.0, 2 * LOG3], 2.0, [0.25, 0.75]),
        ([0.0, LOG3 / 2], 0.5, [0.25, 0.75]),
        ([0.0, 0.0], 5.0, [0.5, 0.5]),
    ],
)
def test_softmax_temperature_fixtures(x, temperature, expected):
    np.testing.assert_allclose(softmax(x, temperature=temperature), expected, rtol=1e-12, atol=0)


def test_softmax_axis_0_normalises_columns():
    x = [[0.0, 0.0], [LOG3, 0.0]]
    np.testing.assert_allclose(softmax(x, axis=0), [[0.25, 0.5], [0.75, 0.5]], rtol=1e-12, atol=0)


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        ([0.0, 0.0], [-LOG2, -LOG2]),
        ([0.0, LOG3], [math.log(0.25), math.log(0.75)]),
        ([[0.0, 0.0, 0.0]], [[-LOG3, -LOG3, -LOG3]]),
        ([1e4, 0.0], [0.0, -1e4]),
    ],
)
def test_log_softmax_fixtures(x, expected):
    np.testing.assert_allclose(log_softmax(x), expected, rtol=1e-12, atol=0)


def test_log_softmax_of_an_underflowed_class_is_exact():
    # softmax gives [1, 0] here, so log(softmax) would be -inf; the exact answer is
    # [-log(1 + e^-1000), -1000 - log(1 + e^-1000)], i.e. [0, -1000] in float64.
    np.testing.assert_array_equal(log_softmax([0.0, -1000.0]), [0.0, -1000.0])


def test_log_softmax_temperature_fixture():
    np.testing.assert_allclose(
        log_softmax([0.0, 2 * LOG3], temperature=2.0),
        [math.log(0.25), math.log(0.75)],
        rtol=1e-12,
        atol=0,
    )


@pytest.mark.parametrize(
    ("x", "kwargs", "expected"),
    [
        ([0.0, 0.0], {}, LOG2),
        ([1000.0, 1000.0], {}, 1000.0 + LOG2),
        ([0.0, LOG3], {}, math.log(4.0)),
        ([-1e4, 0.0, 1e4], {}, 1e4),
        # the terms are exp(x / T): log(e^0 + e^log3) = log 4
        ([0.0, 2 * LOG3], {"temperature": 2.0}, math.log(4.0)),
    ],
)
def test_logsumexp_fixtures_return_a_scalar_for_a_vector(x, kwargs, expected):
    out = logsumexp(x, **kwargs)
    assert np.ndim(out) == 0
    np.testing.assert_allclose(out, expected, rtol=1e-14, atol=0)


def test_logsumexp_gives_one_value_per_row_or_column():
    x = [[0.0, 0.0], [0.0, LOG3]]
    np.testing.assert_allclose(logsumexp(x), [LOG2, math.log(4.0)], rtol=1e-14, atol=0)
    np.testing.assert_allclose(logsumexp(x, axis=0), [math.log(2.0), math.log(4.0)], rtol=1e-14)


@pytest.mark.parametrize(
    ("x", "temperature", "expected"),
    [
        ([0.0, 0.0], 1.0, [[0.25, -0.25], [-0.25, 0.25]]),
        ([0.0, 0.0], 2.0, [[0.125, -0.125], [-0.125, 0.125]]),
        # y_hat = [1/4, 3/4]: y(1 - y) = 3/16, -y0 y1 = -3/16
        ([0.0, LOG3], 1.0, [[3 / 16, -3 / 16], [-3 / 16, 3 / 16]]),
        # y_hat = [1/8, 2/8, 5/8]: 64 J = 64 (diag(y) - y y^T)
        (
            [0.0, LOG2, LOG5],
            1.0,
            np.array([[7, -2, -5], [-2, 12, -10], [-5, -10, 15]]) / 64,
        ),
    ],
)
def test_jacobian_fixtures(x, temperature, expected):
    np.testing.assert_allclose(
        softmax_jacobian(x, temperature=temperature), expected, rtol=1e-12, atol=1e-17
    )


def test_jacobian_of_a_batch_has_one_matrix_per_row():
    jac = softmax_jacobian([[0.0, 0.0], [0.0, LOG3]])
    assert jac.shape == (2, 2, 2)
    np.testing.assert_allclose(jac[0], [[0.25, -0.25], [-0.25, 0.25]], rtol=1e-12, atol=0)
    np.testing.assert_allclose(jac[1], [[3 / 16, -3 / 16], [-3 / 16, 3 / 16]], rtol=1e-12, atol=0)


def test_jacobian_parts_fixture():
    same, other = softmax_jacobian_parts([0.0, LOG3], temperature=1.0)
    np.testing.assert_allclose(same, [3 / 16, 3 / 16], rtol=1e-12, atol=0)
    np.testing.assert_allclose(other, [[0.0, -3 / 16], [-3 / 16, 0.0]], rtol=1e-12, atol=0)
    same_t, other_t = softmax_jacobian_parts([0.0, 0.0], temperature=2.0)
    np.testing.assert_allclose(same_t, [0.125, 0.125], rtol=1e-12, atol=0)
    np.testing.assert_allclose(other_t, [[0.0, -0.125], [-0.125, 0.0]], rtol=1e-12, atol=0)


# --- invariants ------------------------------------------------------------------------


@PROPERTY
@given(LOGITS, TEMPERATURES)
def test_softmax_is_a_distribution(x, temperature):
    p = softmax(x, temperature=temperature)
    assert p.shape == x.shape
    assert np.all((p >= 0) & (p <= 1))
    np.testing.assert_allclose(p.sum(axis=-1), 1.0, rtol=0, atol=1e-14)


@PROPERTY
@given(LOGITS, st.floats(-50, 50))
def test_softmax_is_shift_invariant(x, c):
    # x + c is rounded, which moves each logit by up to ~1e-14: tolerances allow that.
    np.testing.assert_allclose(softmax(x + c), softmax(x), rtol=1e-12, atol=1e-300)


@PROPERTY
@given(LOGITS, TEMPERATURES)
def test_softmax_with_temperature_is_softmax_of_scaled_logits(x, temperature):
    np.testing.assert_allclose(
        softmax(x, temperature=temperature), softmax(x / temperature), rtol=1e-12, atol=1e-300
    )


@PROPERTY
@given(LOGITS, TEMPERATURES)
def test_log_softmax_is_log_of_softmax_where_both_are_finite(x, temperature):
    # At T = 0.1 a gap of 100 between logits is a factor e^-1000, which underflows to 0
    # (log 0 = -inf): compare only where softmax did not underflow.
    p = softmax(x, temperature=temperature)
    ls = log_softmax(x, temperature=temperature)
    ok = p > TINY
    assert np.all(ls <= 0)
    # log(p) carries p's rounding as an absolute error of a few 1e-16.
    np.testing.assert_allclose(ls[ok], np.log(p[ok]), rtol=1e-12, atol=1e-14)


@PROPERTY
@given(LOGITS, TEMPERATURES)
def test_log_softmax_is_scaled_logits_minus_logsumexp(x, temperature):
    expected = x / temperature - logsumexp(x, temperature=temperature)[..., None]
    # Both sides round terms of size |x / T| <= 500, hence the absolute tolerance.
    np.testing.assert_allclose(log_softmax(x, temperature=temperature), expected, atol=1e-12)


@PROPERTY
@given(LOGITS)
def test_logsumexp_lies_between_max_and_max_plus_log_n(x):
    lse = logsumexp(x)
    top = x.max(axis=-1)
    assert np.all(lse >= top)
    assert np.all(lse <= top + math.log(x.shape[-1]) * (1 + 1e-15) + 1e-13)


@PROPERTY
@given(LOGITS, TEMPERATURES)
def test_jacobian_is_symmetric_with_zero_row_and_column_sums(x, temperature):
    jac = softmax_jacobian(x, temperature=temperature)
    n = x.shape[-1]
    assert jac.shape == (*x.shape, n)
    np.testing.assert_array_equal(jac, np.swapaxes(jac, -1, -2))
    np.testing.assert_allclose(jac.sum(axis=-1), 0.0, rtol=0, atol=1e-15 / temperature)
    np.testing.assert_allclose(jac.sum(axis=-2), 0.0, rtol=0, atol=1e-15 / temperature)


@PROPERTY
@given(LOGITS, TEMPERATURES)
def test_jacobian_is_diag_minus_outer_product(x, temperature):
    p = softmax(x, temperature=temperature)
    expected = (p[..., :, None] * np.eye(x.shape[-1]) - p[..., :, None] * p[..., None, :]) / (
        temperature
    )
    # p - p^2 cancels near p = 1 in the expected value (not in the code under test): an
    # error of an ulp of 1, over T.
    np.testing.assert_allclose(
        softmax_jacobian(x, temperature=temperature), expected, rtol=1e-12, atol=1e-15 / temperature
    )


@PROPERTY
@given(LOGITS, TEMPERATURES)
def test_jacobian_is_diag_of_same_plus_other(x, temperature):
    parts = softmax_jacobian_parts(x, temperature=temperature)
    p = softmax(x, temperature=temperature)
    n = x.shape[-1]
    np.testing.assert_array_equal(np.einsum("...ii->...i", parts.other), 0.0)
    off = ~np.eye(n, dtype=bool)
    expected_other = -p[..., :, None] * p[..., None, :] / temperature
    np.testing.assert_allclose(parts.other[..., off], expected_other[..., off], rtol=1e-12, atol=0)
    # 1 - p cancels near p = 1 in the expected value: an ulp of 1, over T.
    np.testing.assert_allclose(
        parts.same, p * (1 - p) / temperature, rtol=1e-12, atol=1e-15 / temperature
    )
    composed = parts.other + parts.same[..., :, None] * np.eye(n)
    np.testing.assert_array_equal(softmax_jacobian(x, temperature=temperature), composed)


@settings(max_examples=25, deadline=None)
@given(hnp.arrays(np.float64, st.integers(2, 6), elements=st.floats(-10, 10)))
def test_jacobian_matches_finite_differences(x):
    numeric = np.array(
        [numerical_grad(lambda v, i=i: float(softmax(v)[i]), x, eps=1e-6) for i in range(x.size)]
    )
    np.testing.assert_allclose(softmax_jacobian(x), numeric, rtol=1e-6, atol=1e-9)


def _as_arrays(out):
    """A function's result as a tuple of arrays (JacobianParts has two)."""
    return tuple(np.asarray(a) for a in out) if isinstance(out, tuple) else (np.asarray(out),)


ROW_WISE = {
    "softmax": lambda x, t: softmax(x, temperature=t),
    "log_softmax": lambda x, t: log_softmax(x, temperature=t),
    "logsumexp": lambda x, t: logsumexp(x, temperature=t),
    "softmax_jacobian": lambda x, t: softmax_jacobian(x, temperature=t),
    "softmax_jacobian_parts": lambda x, t: softmax_jacobian_parts(x, temperature=t),
}


@pytest.mark.parametrize("name", ROW_WISE)
@PROPERTY
@given(
    hnp.arrays(
        np.float64, st.tuples(st.integers(1, 5), st.integers(2, 10)), elements=st.floats(-50, 50)
    ),
    TEMPERATURES,
)
def test_batch_agrees_row_by_row(name, x, temperature):
    f = ROW_WISE[name]
    batch = _as_arrays(f(x, temperature))
    for b, row in enumerate(x):
        for whole, single in zip(batch, _as_arrays(f(row, temperature)), strict=True):
            np.testing.assert_allclose(whole[b], single, rtol=1e-14, atol=1e-300)


@pytest.mark.parametrize("shape", [(100_003, 3), (3, 70_001)], ids=str)
def test_large_arrays_agree_row_by_row(shape):
    # Big enough that the exponentials are summed over many blocks of rows, the last one
    # partial (or a row longer than a block); every 97th row and the last are checked.
    x = np.random.default_rng(5).normal(size=shape) * 20.0
    ls, lse = log_softmax(x), logsumexp(x)
    for b in [*range(0, shape[0], 97), shape[0] - 1]:
        np.testing.assert_allclose(ls[b], log_softmax(x[b]), rtol=1e-14, atol=1e-300)
        np.testing.assert_allclose(lse[b], logsumexp(x[b]), rtol=1e-14, atol=0)
    np.testing.assert_array_equal(log_softmax(x.T, axis=0), ls.T)
    np.testing.assert_array_equal(logsumexp(x.T, axis=0), lse)


@pytest.mark.parametrize("f", [softmax, log_softmax, logsumexp], ids=lambda f: f.__name__)
@PROPERTY
@given(MATRICES, TEMPERATURES)
def test_axis_0_equals_the_transposed_computation(f, x, temperature):
    by_columns = f(x, axis=0, temperature=temperature)
    by_rows = f(x.T, axis=-1, temperature=temperature)
    np.testing.assert_allclose(by_columns, by_rows.T, rtol=1e-14, atol=1e-300)
    np.testing.assert_array_equal(f(x, axis=-2), f(x, axis=0))
    np.testing.assert_array_equal(f(x, axis=1), f(x))
