"""Naive softmax failing, the stable one not, and the log-sum-exp steps (`sce_core.stability`).

Hand-checked fixtures of where the naive formulas break, the invariants of the
log-sum-exp steps as hypothesis properties, and mpmath / scipy.special as oracles.
"""

import math
import warnings

import mpmath
import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sce_core import (
    FLOAT_STATUSES,
    exp_limits,
    float_report,
    log_softmax,
    logsumexp,
    logsumexp_steps,
    naive_log_softmax,
    naive_softmax,
    naive_terms,
    softmax,
)

LOG2, LOG3 = math.log(2.0), math.log(3.0)
PROPERTY = settings(max_examples=60, deadline=None)
SHAPES = st.one_of(
    st.tuples(st.integers(1, 8)),
    st.tuples(st.integers(1, 4), st.integers(1, 8)),
)


def logits(low, high):
    return hnp.arrays(np.float64, SHAPES, elements=st.floats(low, high))


# --- where the naive formulas break -----------------------------------------------------


def test_naive_softmax_overflows_at_1000_in_float64_and_the_stable_one_does_not():
    x = [1000.0, 1001.0]
    naive = naive_softmax(x, np.float64)
    assert naive.dtype == np.float64
    assert np.isnan(naive).all()  # e^1000 = inf, and inf / inf = nan
    assert float_report(naive).tolist() == ["nan", "nan"]
    # 1 / (1 + e) and e / (1 + e)
    expected = [1 / (1 + math.e), math.e / (1 + math.e)]
    np.testing.assert_allclose(softmax(x), expected, rtol=1e-15)


def test_naive_softmax_overflows_at_100_in_float32_and_the_stable_one_does_not():
    x = [100.0, 101.0]
    naive = naive_softmax(x, np.float32)
    assert naive.dtype == np.float32
    assert np.isnan(naive).all()  # e^100 ~ 2.7e43 > float32 max ~ 3.4e38
    stable = softmax(np.float32(x))
    assert stable.dtype == np.float32
    np.testing.assert_allclose(stable, [1 / (1 + math.e), math.e / (1 + math.e)], rtol=1e-6)
    # The same logits are harmless in float64.
    np.testing.assert_allclose(naive_softmax(x, np.float64), softmax(x), rtol=1e-14)


@pytest.mark.parametrize(
    ("dtype", "safe", "unsafe"),
    [(np.float64, 709.0, 710.0), (np.float32, 88.0, 89.0)],
)
def test_naive_softmax_breaks_exactly_past_the_exp_overflow_threshold(dtype, safe, unsafe):
    assert np.isfinite(naive_softmax([safe, 0.0], dtype)).all()
    assert np.isnan(naive_softmax([unsafe, 0.0], dtype)[0])
    with np.errstate(over="ignore"):
        e = np.exp(np.array([unsafe], dtype=dtype))
    assert float_report(e).tolist() == ["overflow (inf)"]


def test_naive_softmax_of_very_negative_logits_is_zero_over_zero():
    naive = naive_softmax([-1000.0, -1000.0])
    assert float_report(naive).tolist() == ["nan", "nan"]
    np.testing.assert_array_equal(softmax([-1000.0, -1000.0]), [0.5, 0.5])


def test_naive_log_softmax_gives_minus_inf_where_a_probability_underflows():
    x = [0.0, -1000.0]
    np.testing.assert_array_equal(naive_softmax(x), [1.0, 0.0])
    assert float_report(naive_softmax(x)).tolist() == ["ok", "underflow (0)"]
    naive = naive_log_softmax(x)
    np.testing.assert_array_equal(naive, [0.0, -np.inf])
    assert float_report(naive, zero_is_underflow=False).tolist() == ["ok", "-inf"]
    np.testing.assert_array_equal(log_softmax(x), [0.0, -1000.0])


def test_naive_log_softmax_overflow_gives_nan():
    assert float_report(naive_log_softmax([1000.0, 1001.0])).tolist() == ["nan", "nan"]


def test_logits_too_large_for_float32_become_inf_on_conversion():
    # (inf, 0) -> exp -> (inf, 1) -> (inf / inf, 1 / inf)
    naive = naive_softmax([1e39, 0.0], np.float32)
    assert float_report(naive).tolist() == ["nan", "underflow (0)"]


@pytest.mark.parametrize(
    "call",
    [
        lambda: naive_softmax([1000.0, 1001.0]),
        lambda: naive_softmax([100.0, 101.0], np.float32),
        lambda: naive_softmax([1e39, 0.0], "float32"),
        lambda: naive_log_softmax([0.0, -1000.0]),
        lambda: naive_log_softmax([-1000.0, -1000.0]),
    ],
)
def test_naive_functions_raise_no_numpy_warnings(call):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        call()


def test_naive_softmax_keeps_batches_and_accepts_dtype_names():
    out = naive_softmax([[0.0, LOG3], [1000.0, 1000.0]], "float64")
    np.testing.assert_allclose(out[0], [0.25, 0.75], rtol=1e-15)
    assert np.isnan(out[1]).all()


def test_naive_functions_do_not_mutate_their_input():
    x = np.array([[1000.0, 1.0]])
    naive_softmax(x)
    naive_log_softmax(x, np.float32)
    logsumexp_steps(x)
    np.testing.assert_array_equal(x, [[1000.0, 1.0]])


# --- naive agrees with stable where it is safe ------------------------------------------


@PROPERTY
@given(logits(-50, 50))
def test_naive_softmax_equals_stable_softmax_for_moderate_logits_float64(x):
    np.testing.assert_allclose(naive_softmax(x), softmax(x), rtol=1e-12, atol=1e-300)


@PROPERTY
@given(logits(-20, 20))
def test_naive_softmax_equals_stable_softmax_for_moderate_logits_float32(x):
    x32 = x.astype(np.float32)
    np.testing.assert_allclose(naive_softmax(x32, np.float32), softmax(x32), rtol=2e-5, atol=1e-30)


@pytest.mark.parametrize("x", [[0.5, -1.25, 3.0], [10.0, 10.0, -10.0, 0.1]])
def test_naive_softmax_matches_mpmath_where_safe(x):
    with mpmath.workdps(40):
        e = [mpmath.exp(mpmath.mpf(v)) for v in x]
        expected = [float(v / mpmath.fsum(e)) for v in e]
    np.testing.assert_allclose(naive_softmax(x), expected, rtol=1e-14)


# --- float_report -----------------------------------------------------------------------


def test_float_report_labels_every_status():
    values = [0.25, np.inf, 0.0, np.nan, -np.inf, -3.0, 5e-324]
    expected = ["ok", "overflow (inf)", "underflow (0)", "nan", "-inf", "ok", "ok"]
    assert float_report(values).tolist() == expected
    assert set(expected) == set(FLOAT_STATUSES)


def test_float_report_zero_as_expected_value():
    assert float_report([0.0, -0.0, np.inf], zero_is_underflow=False).tolist() == [
        "ok",
        "ok",
        "overflow (inf)",
    ]


def test_float_report_keeps_shape_and_takes_scalars_and_ints():
    out = float_report(np.array([[1.0, np.nan], [np.inf, 0.0]], dtype=np.float32))
    assert out.shape == (2, 2)
    assert out.tolist() == [["ok", "nan"], ["overflow (inf)", "underflow (0)"]]
    assert float_report(np.inf).tolist() == "overflow (inf)"
    assert float_report([1, 0]).tolist() == ["ok", "underflow (0)"]


@PROPERTY
@given(hnp.arrays(np.float64, SHAPES, elements=st.floats(allow_nan=True, allow_infinity=True)))
def test_float_report_ok_exactly_for_finite_non_zero(v):
    ok = float_report(v) == "ok"
    np.testing.assert_array_equal(ok, np.isfinite(v) & (v != 0))


# --- log-sum-exp steps ------------------------------------------------------------------


def test_logsumexp_steps_fixture():
    s = logsumexp_steps([1000.0, 1000.0])
    assert s.m == 1000.0
    np.testing.assert_array_equal(s.shifted, [0.0, 0.0])
    np.testing.assert_array_equal(s.exp_shifted, [1.0, 1.0])
    assert s.sum_exp == 2.0
    assert s.log_sum == LOG2
    assert s.result == 1000.0 + LOG2
    with np.errstate(over="ignore"):
        naive = np.log(np.sum(np.exp([1000.0, 1000.0])))
    assert float_report(naive).tolist() == "overflow (inf)"


def test_logsumexp_steps_fixture_with_unequal_logits():
    # x = (log 3 - 5, -5): m = log 3 - 5, shifted = (0, -log 3), exp = (1, 1/3), sum = 4/3.
    s = logsumexp_steps([LOG3 - 5.0, -5.0])
    np.testing.assert_allclose(s.shifted, [0.0, -LOG3], rtol=1e-15)
    np.testing.assert_allclose(s.exp_shifted, [1.0, 1 / 3], rtol=1e-15)
    assert s.sum_exp == pytest.approx(4 / 3, rel=1e-15)
    assert s.result == pytest.approx(math.log(4.0) - 5.0, rel=1e-15)


def test_logsumexp_steps_per_row_for_batches():
    s = logsumexp_steps([[0.0, 0.0], [1000.0, 1000.0 + LOG3], [5.0, -1.0]])
    assert s.m.shape == s.sum_exp.shape == s.log_sum.shape == s.result.shape == (3,)
    assert s.shifted.shape == s.exp_shifted.shape == (3, 2)
    np.testing.assert_allclose(s.result[:2], [LOG2, 1000.0 + math.log(4.0)], rtol=1e-15)


def test_logsumexp_steps_work_in_float32_where_naive_fails():
    s = logsumexp_steps([100.0, 101.0], dtype=np.float32)
    assert s.result.dtype == np.float32
    assert s.result == pytest.approx(101.0 + math.log1p(math.exp(-1.0)), rel=1e-6)
    with np.errstate(over="ignore"):
        naive = np.log(np.sum(np.exp(np.float32([100.0, 101.0]))))
    assert float_report(naive).tolist() == "overflow (inf)"


@PROPERTY
@given(logits(-1e4, 1e4))
def test_logsumexp_steps_invariants(x):
    s = logsumexp_steps(x)
    n = x.shape[-1]
    np.testing.assert_array_equal(np.max(s.shifted, axis=-1), 0.0)
    np.testing.assert_array_equal(np.max(s.exp_shifted, axis=-1), 1.0)
    assert np.all((s.sum_exp >= 1.0) & (s.sum_exp <= n))
    assert np.all((s.log_sum >= 0.0) & (s.log_sum <= math.log(n) + 1e-15))
    np.testing.assert_array_equal(s.result, s.m + s.log_sum)


@PROPERTY
@given(logits(-1e4, 1e4))
def test_logsumexp_steps_result_matches_scipy_and_the_library(x):
    s = logsumexp_steps(x)
    expected = scipy.special.logsumexp(x, axis=-1)
    np.testing.assert_allclose(s.result, expected, rtol=1e-13, atol=1e-13)
    np.testing.assert_allclose(s.result, logsumexp(x), rtol=1e-13, atol=1e-13)


@pytest.mark.parametrize("x", [[1000.0, 1001.0, 999.5], [-1000.0, -1002.0], [3.0, 3.0, 3.0]])
def test_logsumexp_steps_result_matches_mpmath(x):
    with mpmath.workdps(50):
        expected = mpmath.log(mpmath.fsum(mpmath.exp(mpmath.mpf(v)) for v in x))
    assert logsumexp_steps(x).result == pytest.approx(float(expected), rel=1e-15)


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: naive_softmax([1.0, 2.0], np.int32), "dtype must be float32 or float64"),
        (lambda: naive_softmax([1.0, 2.0], "float16"), "dtype must be float32 or float64"),
        (lambda: naive_softmax([1.0, 2.0], "banana"), "dtype must be float32 or float64"),
        (lambda: naive_softmax([1.0, 2.0], None), "dtype must be float32 or float64"),
        (lambda: naive_softmax([1.0, np.inf]), "logits must be finite"),
        (lambda: naive_log_softmax([]), "logits must not be empty"),
        (lambda: naive_softmax(np.zeros((1, 1, 2))), "logits must be a vector"),
        (lambda: logsumexp_steps([np.nan, 0.0]), "logits must be finite"),
        (lambda: logsumexp_steps([0.0], dtype=complex), "dtype must be float32 or float64"),
        (lambda: float_report([]), "values must be a non-empty"),
        (lambda: float_report(np.zeros((1, 1, 1))), "values must be a non-empty"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize("call", [lambda: float_report(["a"]), lambda: naive_softmax(["a", "b"])])
def test_non_numbers_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_exp_limits_are_where_exp_overflows_and_rounds_to_zero(dtype):
    high, low = exp_limits(dtype)
    with np.errstate(over="ignore", under="ignore"):
        e = np.exp(np.array([high - 0.01, high + 0.01, low + 0.01, low - 0.01], dtype=dtype))
    assert np.isfinite(e[0]) and np.isinf(e[1])
    assert e[2] > 0 and e[3] == 0


def test_naive_terms_show_where_the_naive_softmax_breaks():
    exps, total, log_total = naive_terms([1000.0, 0.0])
    assert np.isinf(exps[0]) and exps[1] == 1.0 and np.isinf(total) and np.isinf(log_total)
    exps, total, log_total = naive_terms([100.0, 0.0], "float32")
    assert exps.dtype == np.float32 and np.isinf(total)
    exps, total, log_total = naive_terms([0.0, np.log(3.0)])
    np.testing.assert_allclose(exps, [1.0, 3.0], rtol=1e-15)
    np.testing.assert_allclose([total, log_total], [4.0, np.log(4.0)], rtol=1e-15)
    with pytest.raises(ValueError, match=r"logits must be a vector"):
        naive_terms([[0.0, 1.0]])
