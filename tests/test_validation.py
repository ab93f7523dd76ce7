"""The public boundary of `sce_core`: bad input raises, dtypes are kept, input is never mutated.

Every check is parametrized over every public function it applies to. Functions that
take logits and labels validate the logits first (the labels are checked against the
logits' shape), so the bad-logit cases pass fixed, valid labels.
"""

import numpy as np
import pytest

from sce_core import (
    binary_cross_entropy,
    binary_cross_entropy_from_logit,
    chain_rule_parts,
    chain_rule_terms,
    cross_entropy,
    cross_entropy_from_logits,
    cross_entropy_grad,
    log_softmax,
    logits_grad,
    logsumexp,
    numerical_grad,
    relative_error,
    sigmoid,
    softmax,
    softmax_jacobian,
    softmax_jacobian_parts,
)
from sce_core._validation import as_float_array, check_finite

# name -> f(x, y) for every function whose first argument is logits
LOGIT_FUNCS = {
    "softmax": lambda x, y: softmax(x),
    "log_softmax": lambda x, y: log_softmax(x),
    "logsumexp": lambda x, y: logsumexp(x),
    "softmax_jacobian": lambda x, y: softmax_jacobian(x),
    "softmax_jacobian_parts": lambda x, y: softmax_jacobian_parts(x),
    "cross_entropy_from_logits": cross_entropy_from_logits,
    "chain_rule_terms": chain_rule_terms,
    "chain_rule_parts": chain_rule_parts,
    "logits_grad": logits_grad,
}
# name -> f(x, y, T) for every function with a temperature
TEMPERATURE_FUNCS = {
    "softmax": lambda x, y, t: softmax(x, temperature=t),
    "log_softmax": lambda x, y, t: log_softmax(x, temperature=t),
    "logsumexp": lambda x, y, t: logsumexp(x, temperature=t),
    "softmax_jacobian": lambda x, y, t: softmax_jacobian(x, temperature=t),
    "softmax_jacobian_parts": lambda x, y, t: softmax_jacobian_parts(x, temperature=t),
    "cross_entropy_from_logits": lambda x, y, t: cross_entropy_from_logits(x, y, temperature=t),
    "chain_rule_terms": lambda x, y, t: chain_rule_terms(x, y, temperature=t),
    "chain_rule_parts": lambda x, y, t: chain_rule_parts(x, y, temperature=t),
    "logits_grad": lambda x, y, t: logits_grad(x, y, temperature=t),
}
# name -> f(first, labels) for every function with labels; first is logits or y_hat
LABEL_FUNCS = {
    "cross_entropy": cross_entropy,
    "cross_entropy_grad": cross_entropy_grad,
    "cross_entropy_from_logits": cross_entropy_from_logits,
    "chain_rule_terms": chain_rule_terms,
    "chain_rule_parts": chain_rule_parts,
    "logits_grad": logits_grad,
}
PROBABILITY_FUNCS = {"cross_entropy": cross_entropy, "cross_entropy_grad": cross_entropy_grad}
AXIS_FUNCS = [softmax, log_softmax, logsumexp]
# name -> (f(arr), argument name) for the array arguments that are not logits
OTHER_ARRAYS = {
    "numerical_grad": (lambda a: numerical_grad(lambda v: 0.0, a), "x"),
    "relative_error a": (lambda a: relative_error(a, [1.0, 0.0]), "a"),
    "relative_error b": (lambda a: relative_error([1.0, 0.0], a), "b"),
}

# (array, exception, message with {name} for the argument's name)
BAD_ARRAYS = [
    pytest.param([0.0, np.nan], ValueError, r"{name} must be finite, got nan at index 1", id="nan"),
    pytest.param([np.inf, 0.0], ValueError, r"{name} must be finite, got inf at index 0", id="inf"),
    pytest.param(
        [[0.0, 1.0], [-np.inf, 0.0]],
        ValueError,
        r"{name} must be finite, got -inf at index \(1, 0\)",
        id="-inf in batch",
    ),
    pytest.param([], ValueError, r"{name} must not be empty, got shape \(0,\)", id="empty"),
    pytest.param(
        np.empty((2, 0)),
        ValueError,
        r"{name} must not be empty, got shape \(2, 0\)",
        id="empty rows",
    ),
    pytest.param(
        np.zeros((1, 2, 2)),
        ValueError,
        r"{name} must be a vector \(n,\) or a batch \(B, n\), got shape \(1, 2, 2\)",
        id="3-D",
    ),
    pytest.param(
        1.5,
        ValueError,
        r"{name} must be a vector \(n,\) or a batch \(B, n\), got shape \(\)",
        id="0-D",
    ),
    pytest.param(
        [[0.0, 1.0], [2.0]], ValueError, r"{name} must be a rectangular array", id="ragged"
    ),
    pytest.param(
        ["a", "b"], TypeError, r"{name} must contain real numbers, got dtype <U1", id="strings"
    ),
    pytest.param(
        [1j, 0.0], TypeError, r"{name} must contain real numbers, got dtype complex", id="complex"
    ),
    pytest.param(
        [None, 1.0], TypeError, r"{name} must contain real numbers, got dtype object", id="None"
    ),
]


@pytest.mark.parametrize(("bad", "exc", "match"), BAD_ARRAYS)
@pytest.mark.parametrize("name", LOGIT_FUNCS)
def test_bad_logits_raise(name, bad, exc, match):
    with pytest.raises(exc, match=match.format(name="logits")):
        LOGIT_FUNCS[name](bad, [1.0, 0.0])


@pytest.mark.parametrize(("bad", "exc", "match"), BAD_ARRAYS)
@pytest.mark.parametrize("name", OTHER_ARRAYS)
def test_bad_points_and_comparands_raise(name, bad, exc, match):
    f, argument = OTHER_ARRAYS[name]
    with pytest.raises(exc, match=match.format(name=argument)):
        f(bad)


@pytest.mark.parametrize(("bad", "exc", "match"), BAD_ARRAYS)
@pytest.mark.parametrize("name", PROBABILITY_FUNCS)
def test_bad_probability_arrays_raise(name, bad, exc, match):
    with pytest.raises(exc, match=match.format(name="y_hat")):
        PROBABILITY_FUNCS[name](bad, [1.0, 0.0])


@pytest.mark.parametrize(
    ("bad", "exc", "match"),
    [
        ([np.nan, 1.0], ValueError, r"labels must be finite, got nan at index 0"),
        ([0.0, np.inf], ValueError, r"labels must be finite, got inf at index 1"),
        (
            [1.0, 0.0, 0.0],
            ValueError,
            r"labels must have the shape of the logits \(2,\), got \(3,\)",
        ),
        (
            [[1.0, 0.0]],
            ValueError,
            r"labels must have the shape of the logits \(2,\), got \(1, 2\)",
        ),
        ([], ValueError, r"labels must not be empty"),
        (1.0, ValueError, r"labels must be a vector \(n,\) or a batch \(B, n\), got shape \(\)"),
        ([-0.5, 1.5], ValueError, r"labels must be non-negative, got \[-0\.5, +1\.5\]"),
        ([-1e-300, 1.0], ValueError, r"labels must be non-negative"),
        (["1", "0"], TypeError, r"labels must contain real numbers"),
    ],
    ids=["nan", "inf", "longer", "extra axis", "empty", "0-D", "negative", "tiny negative", "str"],
)
@pytest.mark.parametrize("name", LABEL_FUNCS)
def test_bad_labels_raise(name, bad, exc, match):
    with pytest.raises(exc, match=match):
        LABEL_FUNCS[name]([0.5, 0.5], bad)


@pytest.mark.parametrize("name", LABEL_FUNCS)
def test_labels_of_a_large_array_are_described_by_shape(name):
    y = -np.ones((3, 4))
    with pytest.raises(ValueError, match=r"non-negative, got an array of shape \(3, 4\)"):
        LABEL_FUNCS[name](np.full((3, 4), 0.25), y)


@pytest.mark.parametrize(
    "bad", [[-0.1, 1.1], [1.5, 0.0], [0.5, -1e-300]], ids=["both", "above 1", "tiny negative"]
)
@pytest.mark.parametrize("name", PROBABILITY_FUNCS)
def test_probabilities_outside_0_1_raise(name, bad):
    with pytest.raises(ValueError, match=r"y_hat must lie in \[0, 1\], got \["):
        PROBABILITY_FUNCS[name](bad, [1.0, 0.0])


@pytest.mark.parametrize(
    ("temperature", "exc", "match"),
    [
        (0, ValueError, r"temperature must be a finite number > 0, got 0"),
        (0.0, ValueError, r"temperature must be a finite number > 0, got 0\.0"),
        (-1.0, ValueError, r"temperature must be a finite number > 0, got -1\.0"),
        (np.nan, ValueError, r"temperature must be a finite number > 0, got nan"),
        (np.inf, ValueError, r"temperature must be a finite number > 0, got inf"),
        (-np.inf, ValueError, r"temperature must be a finite number > 0, got -inf"),
        ("1", TypeError, r"temperature must be a real number, got '1'"),
        (True, TypeError, r"temperature must be a real number, got True"),
        (np.True_, TypeError, r"temperature must be a real number"),
        (None, TypeError, r"temperature must be a real number, got None"),
        (1j, TypeError, r"temperature must be a real number, got 1j"),
    ],
    ids=["0", "0.0", "negative", "nan", "inf", "-inf", "str", "bool", "np.bool", "None", "complex"],
)
@pytest.mark.parametrize("name", TEMPERATURE_FUNCS)
def test_bad_temperature_raises(name, temperature, exc, match):
    with pytest.raises(exc, match=match):
        TEMPERATURE_FUNCS[name]([0.0, 1.0], [1.0, 0.0], temperature)


@pytest.mark.parametrize("temperature", [2, np.int64(2), np.float32(2.0)], ids=repr)
@pytest.mark.parametrize("name", TEMPERATURE_FUNCS)
def test_integer_and_numpy_temperatures_act_as_floats(name, temperature):
    f = TEMPERATURE_FUNCS[name]
    x, y = [0.0, 1.0], [1.0, 0.0]
    got, want = _as_arrays(f(x, y, temperature)), _as_arrays(f(x, y, 2.0))
    for a, b in zip(got, want, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("x", "axis", "exc", "match"),
    [
        ([0.0, 1.0], 1, ValueError, r"axis must be in \[-1, 0\] for these logits, got 1"),
        ([0.0, 1.0], -2, ValueError, r"axis must be in \[-1, 0\] for these logits, got -2"),
        ([[0.0, 1.0]], 2, ValueError, r"axis must be in \[-2, 1\] for these logits, got 2"),
        ([[0.0, 1.0]], -3, ValueError, r"axis must be in \[-2, 1\] for these logits, got -3"),
        ([0.0, 1.0], 0.0, TypeError, r"axis must be an integer, got 0\.0"),
        ([0.0, 1.0], True, TypeError, r"axis must be an integer, got True"),
        ([0.0, 1.0], None, TypeError, r"axis must be an integer, got None"),
    ],
)
@pytest.mark.parametrize("f", AXIS_FUNCS, ids=lambda f: f.__name__)
def test_bad_axis_raises(f, x, axis, exc, match):
    with pytest.raises(exc, match=match):
        f(x, axis=axis)


@pytest.mark.parametrize("f", AXIS_FUNCS, ids=lambda f: f.__name__)
def test_numpy_integer_axis_is_accepted(f):
    x = [[0.0, 1.0], [2.0, 5.0]]
    np.testing.assert_array_equal(f(x, axis=np.int64(0)), f(x, axis=0))


# --- the finiteness check, for every number of dimensions -----------------------------


@pytest.mark.parametrize(
    ("a", "match"),
    [
        (np.array(np.nan), r"^z must be finite, got nan$"),
        (np.array(-np.inf, dtype=np.float32), r"^z must be finite, got -inf$"),
        (np.array([0.0, 1.0, np.inf]), r"^z must be finite, got inf at index 2$"),
        (
            np.array([[0.0, 1.0], [np.nan, -np.inf]]),
            r"^z must be finite, got nan at index \(1, 0\)$",
        ),
    ],
    ids=["0-D nan", "0-D float32 -inf", "1-D", "2-D: the first culprit in C order"],
)
def test_check_finite_names_the_culprit_and_its_index(a, match):
    with pytest.raises(ValueError, match=match):
        check_finite(a, "z")


@pytest.mark.parametrize(
    "a",
    [np.array(1e308), np.array([1e308, 1e308]), np.full((2, 2), -1e308)],
    ids=["0-D", "1-D sum overflows", "2-D sum overflows"],
)
def test_check_finite_passes_finite_arrays_whose_sum_overflows(a):
    check_finite(a, "z")


@pytest.mark.parametrize(
    "call",
    [
        lambda: sigmoid(np.nan),
        lambda: sigmoid(np.float32(np.inf)),
        lambda: binary_cross_entropy_from_logit(-np.inf, 1.0),
        lambda: binary_cross_entropy(np.nan, 1.0),
    ],
    ids=["sigmoid nan", "sigmoid float32 inf", "bce from logit -inf", "bce nan"],
)
def test_a_non_finite_scalar_raises_value_error_without_an_index(call):
    with pytest.raises(ValueError, match=r"^[pz] must be finite, got -?(nan|inf)$"):
        call()


@pytest.mark.parametrize(
    ("a", "dtype"),
    [(1.5, np.float64), (np.float32(1.5), np.float32), (2, np.float64), (True, np.float64)],
    ids=repr,
)
def test_a_scalar_is_read_as_a_0d_array_when_min_ndim_is_0(a, dtype):
    out = as_float_array(a, "z", min_ndim=0)
    assert out.shape == () and out.dtype == dtype
    assert out == float(a)


@pytest.mark.parametrize(
    ("min_ndim", "a", "match"),
    [
        (0, np.zeros((1, 1, 1)), r"z must be a scalar, a vector \(n,\) or a batch \(B, n\)"),
        (1, 0.0, r"z must be a vector \(n,\) or a batch \(B, n\), got shape \(\)"),
        (2, [0.0, 1.0], r"z must be a matrix \(m, n\), got shape \(2,\)"),
    ],
)
def test_the_shape_message_says_what_min_ndim_allows(min_ndim, a, match):
    with pytest.raises(ValueError, match=match):
        as_float_array(a, "z", min_ndim=min_ndim)


# --- numerical_grad's own arguments ----------------------------------------------------


@pytest.mark.parametrize(
    ("eps", "exc", "match"),
    [
        (0.0, ValueError, r"eps must be a finite number > 0, got 0\.0"),
        (-1e-6, ValueError, r"eps must be a finite number > 0, got -1e-06"),
        (np.nan, ValueError, r"eps must be a finite number > 0, got nan"),
        (np.inf, ValueError, r"eps must be a finite number > 0, got inf"),
        ("1e-6", TypeError, r"eps must be a real number, got '1e-6'"),
        (True, TypeError, r"eps must be a real number, got True"),
        (None, TypeError, r"eps must be a real number, got None"),
    ],
)
def test_numerical_grad_rejects_bad_eps(eps, exc, match):
    with pytest.raises(exc, match=match):
        numerical_grad(lambda v: float(np.sum(v)), [1.0, 2.0], eps=eps)


@pytest.mark.parametrize(("x", "eps"), [([1e20], 1e-6), ([0.0, 1.0], 1e-17)])
def test_numerical_grad_rejects_a_step_lost_to_rounding(x, eps):
    with pytest.raises(ValueError, match=r"eps = .* is too small for x = .*: x \+ eps == x - eps"):
        numerical_grad(lambda v: float(np.sum(v)), x, eps=eps)


def test_numerical_grad_accepts_the_smallest_step_that_survives_rounding():
    # At 1.0 floats are 2.2e-16 apart above and 1.1e-16 below: 1 + 1e-16 rounds back to 1
    # but 1 - 1e-16 does not, and dividing by that one-sided step still gives the slope.
    np.testing.assert_allclose(
        numerical_grad(lambda v: float(v[0]), [1.0], eps=1e-16), [1.0], rtol=0, atol=0
    )


@pytest.mark.parametrize(
    ("f", "match"),
    [
        (lambda v: np.nan, r"f must return a finite number, got nan at x = \["),
        (lambda v: np.inf, r"f must return a finite number, got inf"),
        (lambda v: -np.inf if v[0] < 1 else 0.0, r"f must return a finite number, got -inf"),
        (lambda v: v, r"f must return one real number"),
        (lambda v: "1.0", r"f must return one real number"),
        (lambda v: 1j, r"f must return one real number"),
        (lambda v: None, r"f must return one real number"),
    ],
    ids=["nan", "inf", "-inf on one side", "array", "str", "complex", "None"],
)
def test_numerical_grad_rejects_a_bad_f(f, match):
    with pytest.raises(ValueError, match=match):
        numerical_grad(f, [1.0, 2.0])


def test_relative_error_rejects_different_shapes():
    with pytest.raises(ValueError, match=r"b must have the shape of a \(2,\), got \(3,\)"):
        relative_error([1.0, 2.0], [1.0, 2.0, 3.0])


# --- dtypes ----------------------------------------------------------------------------

# name -> f(x, y) for every function; y_hat for the probability functions is softmax(x)
ALL_FUNCS = {
    **LOGIT_FUNCS,
    "cross_entropy": lambda x, y: cross_entropy(softmax(x), y),
    "cross_entropy_grad": lambda x, y: cross_entropy_grad(softmax(x), y),
}


def _as_arrays(out):
    return tuple(np.asarray(a) for a in out) if isinstance(out, tuple) else (np.asarray(out),)


@pytest.mark.parametrize("shape", [(3,), (2, 3)])
@pytest.mark.parametrize("name", ALL_FUNCS)
def test_float32_in_float32_out(name, shape):
    x = np.linspace(-2.0, 3.0, num=int(np.prod(shape)), dtype=np.float32).reshape(shape)
    y = np.zeros(shape, dtype=np.float32)
    y[..., 1] = 1.0
    outs = _as_arrays(ALL_FUNCS[name](x, y))
    assert all(o.dtype == np.float32 for o in outs)
    # float32 results agree with the float64 computation to float32 precision
    wants = _as_arrays(ALL_FUNCS[name](x.astype(np.float64), y.astype(np.float64)))
    for out, want in zip(outs, wants, strict=True):
        np.testing.assert_allclose(out, want, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("name", LABEL_FUNCS)
def test_float32_logits_with_integer_labels_stay_float32(name):
    x = np.array([0.0, 1.0, -1.0], dtype=np.float32)
    outs = _as_arrays(ALL_FUNCS[name](x, [0, 1, 0]))
    assert all(o.dtype == np.float32 for o in outs)


@pytest.mark.parametrize("name", ALL_FUNCS)
def test_float16_is_computed_in_float32(name):
    x = np.array([0.0, 1.0, -1.0], dtype=np.float16)
    y = np.array([0.0, 1.0, 0.0], dtype=np.float16)
    assert all(o.dtype == np.float32 for o in _as_arrays(ALL_FUNCS[name](x, y)))


@pytest.mark.parametrize(
    "x",
    [[0, 1, -1], np.array([0, 1, -1], dtype=np.int8), np.array([True, False, True])],
    ids=["list of int", "int8", "bool"],
)
@pytest.mark.parametrize("name", ALL_FUNCS)
def test_integers_and_booleans_are_computed_in_float64(name, x):
    y = [0, 1, 0]
    outs = _as_arrays(ALL_FUNCS[name](x, y))
    assert all(o.dtype == np.float64 for o in outs)
    wants = _as_arrays(ALL_FUNCS[name](np.asarray(x, dtype=np.float64), np.asarray(y, float)))
    for out, want in zip(outs, wants, strict=True):
        np.testing.assert_array_equal(out, want)


def test_int8_logits_do_not_wrap_around():
    # int8 arithmetic would wrap 127 - (-128) to -1; float64 keeps the true gap of 255.
    x = np.array([127, -128], dtype=np.int8)
    np.testing.assert_allclose(log_softmax(x), [-np.exp(-255.0), -255.0], rtol=1e-15, atol=0)


# --- inputs are never mutated, outputs are new arrays ----------------------------------


def _call_every_function(x, y, p):
    """Call each public function once on the given arrays; return everything returned."""
    outs = [f(x, y) for f in LOGIT_FUNCS.values()]
    outs += [f(x, y, 0.5) for f in TEMPERATURE_FUNCS.values()]
    outs += [f(x, axis=0) for f in AXIS_FUNCS]
    outs += [cross_entropy(p, y), cross_entropy_grad(p, y), relative_error(x, p)]
    outs.append(numerical_grad(lambda v: float(np.sum(softmax(v) ** 2)), x))
    return [a for out in outs for a in _as_arrays(out)]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("shape", [(3,), (2, 3)])
def test_inputs_are_not_mutated_and_outputs_are_not_views_of_them(shape, dtype):
    x = np.arange(np.prod(shape), dtype=dtype).reshape(shape) - 1.5
    y = np.zeros(shape, dtype=dtype)
    y[..., 0] = 1.0
    p = np.full(shape, 1 / 3, dtype=dtype)
    saved = [a.copy() for a in (x, y, p)]
    outs = _call_every_function(x, y, p)
    for before, after in zip(saved, (x, y, p), strict=True):
        np.testing.assert_array_equal(after, before)
        assert after.dtype == before.dtype
    for out in outs:
        assert not any(np.shares_memory(out, a) for a in (x, y, p))
