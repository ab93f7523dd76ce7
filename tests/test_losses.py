"""Cross-entropy, its derivative and the chain rule to the logits (`sce_core.losses`).

Hand-checked fixtures, the underflow cases the cancelled chain-rule form exists for,
then the invariants as hypothesis properties (finite differences included).
"""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sce_core import (
    chain_rule_parts,
    chain_rule_terms,
    cross_entropy,
    cross_entropy_from_logits,
    cross_entropy_grad,
    logits_grad,
    numerical_grad,
    softmax,
    softmax_jacobian,
)

LOG2, LOG3, LOG5 = math.log(2.0), math.log(3.0), math.log(5.0)

PROPERTY = settings(max_examples=60, deadline=None)
SHAPES = st.one_of(
    st.tuples(st.integers(2, 10)),
    st.tuples(st.integers(1, 5), st.integers(2, 10)),
)
TEMPERATURES = st.floats(0.1, 10.0)


@st.composite
def logits_and_labels(draw, soft=False, shapes=SHAPES, bound=50.0):
    """Logits in [-bound, bound] with one-hot labels, or soft labels in [0, 5], same shape."""
    shape = draw(shapes)
    x = draw(hnp.arrays(np.float64, shape, elements=st.floats(-bound, bound)))
    if soft:
        y = draw(hnp.arrays(np.float64, shape, elements=st.floats(0.0, 5.0)))
    else:
        k = draw(hnp.arrays(np.intp, shape[:-1], elements=st.integers(0, shape[-1] - 1)))
        y = np.eye(shape[-1])[k]
    return x, y


@pytest.fixture
def warnings_are_errors():
    """Turn every warning (numpy's RuntimeWarning for 0/0, log 0, overflow) into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


# --- hand-checked fixtures -------------------------------------------------------------


@pytest.mark.parametrize(
    ("y_hat", "y", "expected"),
    [
        ([0.5, 0.5], [1, 0], LOG2),
        ([0.25, 0.75], [0, 1], math.log(4 / 3)),
        ([0.5, 0.5], [0.5, 0.5], LOG2),
        ([0.5, 0.5], [2, 0], 2 * LOG2),
        ([0.2, 0.3, 0.5], [0, 0, 1], LOG2),
        # 0 * log 0 counts as 0: a certain, correct prediction costs nothing
        ([1.0, 0.0], [1, 0], 0.0),
    ],
)
def test_cross_entropy_fixtures(y_hat, y, expected, warnings_are_errors):
    out = cross_entropy(y_hat, y)
    assert np.ndim(out) == 0
    np.testing.assert_allclose(out, expected, rtol=1e-15, atol=0)


def test_cross_entropy_of_a_true_class_with_zero_probability_is_inf(warnings_are_errors):
    assert cross_entropy([0.0, 1.0], [1, 0]) == np.inf


def test_cross_entropy_gives_one_loss_per_row():
    out = cross_entropy([[0.5, 0.5], [0.25, 0.75], [1.0, 0.0]], [[1, 0], [0, 1], [1, 0]])
    np.testing.assert_allclose(out, [LOG2, math.log(4 / 3), 0.0], rtol=1e-15, atol=0)


@pytest.mark.parametrize(
    ("x", "y", "temperature", "expected"),
    [
        ([0.0, 0.0], [1, 0], 1.0, LOG2),
        ([0.0, 0.0, 0.0], [0, 0, 1], 1.0, LOG3),
        ([0.0, LOG3], [0, 1], 1.0, math.log(4 / 3)),
        ([0.0, LOG2, LOG5], [1, 0, 0], 1.0, math.log(8.0)),
        ([0.0, LOG2, LOG5], [0.5, 0, 0.5], 1.0, 0.5 * math.log(8.0) + 0.5 * math.log(8 / 5)),
        ([0.0, -1000.0], [0, 1], 1.0, 1000.0),
        ([0.0, 2 * LOG3], [1, 0], 2.0, math.log(4.0)),
    ],
)
def test_cross_entropy_from_logits_fixtures(x, y, temperature, expected):
    out = cross_entropy_from_logits(x, y, temperature=temperature)
    assert np.ndim(out) == 0
    np.testing.assert_allclose(out, expected, rtol=1e-14, atol=0)


def test_cross_entropy_from_logits_keeps_the_loss_of_a_confident_prediction():
    # softmax([40, 0]) rounds to [1, 2e-18]: cross_entropy of those probabilities is
    # exactly 0, while the true loss log(1 + e^-40) = e^-40 (to 1e-17 relative).
    x, y = [40.0, 0.0], [1, 0]
    assert cross_entropy(softmax(x), y) == 0.0
    np.testing.assert_allclose(cross_entropy_from_logits(x, y), math.exp(-40.0), rtol=1e-15)


@pytest.mark.parametrize(
    ("x", "temperature"), [([1e308, -1e308], 1.0), ([0.0, -1.0], 1e-310)], ids=["gap", "tiny T"]
)
def test_loss_is_zero_when_the_scaled_gap_between_logits_overflows(x, temperature):
    # The exact loss is log(1 + e^-gap) with a gap of 2e308 or 1e310: 0 in float64.
    # Only the class without a label is that far away, so its term must count as 0.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = cross_entropy_from_logits(x, [1, 0], temperature=temperature)
    assert loss == 0.0


@pytest.mark.parametrize(
    ("y_hat", "y", "expected"),
    [
        ([0.25, 0.75], [0, 1], [0.0, -4 / 3]),
        ([0.5, 0.5], [1, 0], [-2.0, 0.0]),
        ([0.5, 0.5], [0.5, 0.5], [-1.0, -1.0]),
        # y = 0 gives 0 even where y_hat = 0 (no 0/0)
        ([0.0, 1.0], [0, 1], [0.0, -1.0]),
        ([0.0, 1.0], [1, 0], [-np.inf, 0.0]),
        ([[0.5, 0.5], [0.25, 0.75]], [[1, 0], [0, 1]], [[-2.0, 0.0], [0.0, -4 / 3]]),
    ],
)
def test_cross_entropy_grad_fixtures(y_hat, y, expected, warnings_are_errors):
    out = cross_entropy_grad(y_hat, y)
    np.testing.assert_allclose(out, expected, rtol=1e-15, atol=0)
    # classes without a label contribute +0, never -0
    assert not np.signbit(out[np.asarray(y) == 0]).any()


@pytest.mark.parametrize(
    ("x", "y", "temperature", "expected"),
    [
        ([0.0, 0.0], [1, 0], 1.0, [-0.5, 0.5]),
        ([0.0, 0.0], [1, 1], 1.0, [0.0, 0.0]),
        ([0.0, 0.0], [0.3, 0.7], 1.0, [0.2, -0.2]),
        ([0.0, LOG3], [0, 1], 1.0, [0.25, -0.25]),
        ([0.0, LOG2, LOG5], [0, 0, 1], 1.0, [0.125, 0.25, -0.375]),
        # labels summing to 2: y_hat * 2 - y, not y_hat - y
        ([0.0, LOG2, LOG5], [1, 0, 1], 1.0, [-0.75, 0.5, 0.25]),
        ([0.0, 0.0], [1, 0], 2.0, [-0.25, 0.25]),
        ([[0.0, 0.0], [0.0, LOG3]], [[1, 0], [0, 1]], 1.0, [[-0.5, 0.5], [0.25, -0.25]]),
    ],
)
def test_logits_grad_fixtures(x, y, temperature, expected):
    out = logits_grad(x, y, temperature=temperature)
    np.testing.assert_allclose(out, expected, rtol=1e-14, atol=1e-16)


def test_chain_rule_terms_fixture():
    # dL/dy_hat = [-2, 0]; J = [[.25, -.25], [-.25, .25]]; term[i, j] = dL/dy_hat_i * J[i, j]
    out = chain_rule_terms([0.0, 0.0], [1, 0])
    np.testing.assert_allclose(out, [[-0.5, 0.5], [0.0, 0.0]], rtol=1e-15, atol=0)
    assert not np.signbit(out[1]).any()
    # y_hat = [1/4, 3/4], y = [0, 1]: dL/dy_hat = [0, -4/3]; J = [[3, -3], [-3, 3]] / 16
    out = chain_rule_terms([0.0, LOG3], [0, 1], temperature=1.0)
    np.testing.assert_allclose(out, [[0.0, 0.0], [0.25, -0.25]], rtol=1e-14, atol=0)
    out = chain_rule_terms([0.0, 0.0], [1, 0], temperature=2.0)
    np.testing.assert_allclose(out, [[-0.25, 0.25], [0.0, 0.0]], rtol=1e-15, atol=0)


def test_chain_rule_parts_fixture():
    same, other = chain_rule_parts([0.0, 0.0], [1, 0])
    np.testing.assert_allclose(same, [-0.5, 0.0], rtol=1e-15, atol=0)
    np.testing.assert_allclose(other, [0.0, 0.5], rtol=1e-15, atol=0)
    assert not np.signbit(same[1])
    # y_hat = [1/8, 2/8, 5/8], y = [1, 0, 1]:
    # same = -y (1 - y_hat) = [-7/8, 0, -3/8]; other = y_hat * (sum y - y) = [1/8, 2/4, 5/8]
    same, other = chain_rule_parts([0.0, LOG2, LOG5], [1, 0, 1], temperature=1.0)
    np.testing.assert_allclose(same, [-0.875, 0.0, -0.375], rtol=1e-14, atol=0)
    np.testing.assert_allclose(other, [0.125, 0.5, 0.625], rtol=1e-14, atol=0)


# --- a probability that underflows to 0 ------------------------------------------------

# softmax([0, -1000, 1000]) = [e^-1000, e^-2000, 1] rounds to [0, 0, 1]: y_hat_1 = 0.
UNDERFLOW_X = [0.0, -1000.0, 1000.0]


@pytest.mark.parametrize(
    ("y", "expected"),
    [
        ([0, 1, 0], [0.0, -1.0, 1.0]),
        ([1, 0, 0], [-1.0, 0.0, 1.0]),
        ([0.5, 0.5, 0], [-0.5, -0.5, 1.0]),
        ([0, 0, 1], [0.0, 0.0, 0.0]),
    ],
)
def test_gradient_is_finite_when_a_probability_underflows(y, expected, warnings_are_errors):
    np.testing.assert_array_equal(logits_grad(UNDERFLOW_X, y), expected)
    terms = chain_rule_terms(UNDERFLOW_X, y)
    assert np.isfinite(terms).all()
    np.testing.assert_array_equal(terms.sum(axis=-2), expected)
    same, other = chain_rule_parts(UNDERFLOW_X, y)
    np.testing.assert_array_equal(same + other, expected)
    assert np.isfinite(cross_entropy_from_logits(UNDERFLOW_X, y))


def test_chain_rule_terms_with_an_underflowed_true_class(warnings_are_errors):
    # Row i is dL/dy_hat_i * J[i, :]; with y = e_1 only row 1 is non-zero:
    # -y_1 (1 - y_hat_1) = -1 on the diagonal and y_1 y_hat_j elsewhere.
    np.testing.assert_array_equal(
        chain_rule_terms(UNDERFLOW_X, [0, 1, 0]), [[0, 0, 0], [0, -1, 1], [0, 0, 0]]
    )
    batch = chain_rule_terms([UNDERFLOW_X, [0.0, 0.0, 0.0]], [[0, 1, 0], [0, 1, 0]])
    assert np.isfinite(batch).all()
    np.testing.assert_array_equal(batch[0], [[0, 0, 0], [0, -1, 1], [0, 0, 0]])


def test_uncancelled_chain_rule_is_nan_there():
    # Why the code cancels y_hat_i: dL/dy_hat_1 = -1/0 = -inf meets J[1, :] = 0.
    y = [0, 1, 0]
    with np.errstate(invalid="ignore"):
        naive = cross_entropy_grad(softmax(UNDERFLOW_X), y) @ softmax_jacobian(UNDERFLOW_X)
    assert np.isnan(naive).any()


# --- invariants ------------------------------------------------------------------------


@PROPERTY
@given(st.one_of(logits_and_labels(), logits_and_labels(soft=True)), TEMPERATURES)
def test_chain_rule_terms_sum_over_i_to_logits_grad(xy, temperature):
    x, y = xy
    terms = chain_rule_terms(x, y, temperature=temperature)
    assert terms.shape == (*x.shape, x.shape[-1])
    scale = (1 + y.sum(axis=-1).max()) / temperature
    np.testing.assert_allclose(
        terms.sum(axis=-2),
        logits_grad(x, y, temperature=temperature),
        rtol=1e-12,
        atol=1e-14 * scale,
    )


@PROPERTY
@given(st.one_of(logits_and_labels(), logits_and_labels(soft=True)), TEMPERATURES)
def test_chain_rule_parts_add_up_to_logits_grad(xy, temperature):
    x, y = xy
    same, other = chain_rule_parts(x, y, temperature=temperature)
    p = softmax(x, temperature=temperature)
    # 1 - p in the expected value cancels near p = 1, an error of an ulp of 1 over T.
    atol = 1e-15 * y.max() / temperature
    np.testing.assert_allclose(same, -y * (1 - p) / temperature, rtol=1e-12, atol=atol)
    rest = y.sum(axis=-1, keepdims=True) - y
    np.testing.assert_allclose(other, p * rest / temperature, rtol=1e-12, atol=0)
    np.testing.assert_array_equal(same + other, logits_grad(x, y, temperature=temperature))


@PROPERTY
@given(st.one_of(logits_and_labels(), logits_and_labels(soft=True)))
def test_chain_rule_terms_are_loss_grad_times_jacobian(xy):
    # The uncancelled product dL/dy_hat_i * J[i, j], safe here: logits within [-50, 50]
    # keep every y_hat above e^-100 / 10, far from underflow.
    x, y = xy
    p = softmax(x)
    expected = cross_entropy_grad(p, y)[..., :, None] * softmax_jacobian(x)
    np.testing.assert_allclose(chain_rule_terms(x, y), expected, rtol=1e-12, atol=1e-300)


@PROPERTY
@given(logits_and_labels())
def test_logits_grad_is_y_hat_minus_y_for_one_hot_labels(xy):
    x, y = xy
    # The naive y_hat - 1 is off by a few ulp of 1 where y_hat is near 1 (logits_grad
    # takes 1 - y_hat as the sum of the other probabilities), hence the absolute tolerance.
    np.testing.assert_allclose(logits_grad(x, y), softmax(x) - y, rtol=1e-13, atol=1e-15)


@PROPERTY
@given(logits_and_labels(soft=True), TEMPERATURES)
def test_logits_grad_is_y_hat_sum_y_minus_y_for_soft_labels(xy, temperature):
    x, y = xy
    total = y.sum(axis=-1, keepdims=True)
    expected = (softmax(x / temperature) * total - y) / temperature
    np.testing.assert_allclose(
        logits_grad(x, y, temperature=temperature),
        expected,
        rtol=1e-12,
        atol=1e-14 * (1 + total.max()) / temperature,
    )


@PROPERTY
@given(st.one_of(logits_and_labels(), logits_and_labels(soft=True)), TEMPERATURES)
def test_logits_grad_sums_to_zero(xy, temperature):
    # The loss is shift-invariant in x, so its gradient is orthogonal to (1, ..., 1).
    x, y = xy
    atol = 1e-14 * (1 + y.sum(axis=-1).max()) / temperature
    g = logits_grad(x, y, temperature=temperature)
    np.testing.assert_allclose(g.sum(axis=-1), 0.0, rtol=0, atol=atol)


@settings(max_examples=40, deadline=None)
@given(
    st.one_of(logits_and_labels(bound=10.0), logits_and_labels(soft=True, bound=10.0)),
    st.floats(0.5, 5.0),
)
def test_logits_grad_matches_finite_differences(xy, temperature):
    x, y = xy

    def loss(v):
        return float(np.sum(cross_entropy_from_logits(v, y, temperature=temperature)))

    np.testing.assert_allclose(
        logits_grad(x, y, temperature=temperature),
        numerical_grad(loss, x, eps=1e-6),
        rtol=1e-6,
        atol=1e-6,
    )


# T >= 0.2 keeps gaps of at most 100 / T = 500 in the scaled logits, so every probability
# stays a normal float (> e^-708); below that softmax rounds to subnormals and the
# probabilities lose the relative digits this comparison relies on.
@PROPERTY
@given(st.one_of(logits_and_labels(), logits_and_labels(soft=True)), st.floats(0.2, 10.0))
def test_cross_entropy_from_logits_matches_cross_entropy_of_softmax(xy, temperature):
    x, y = xy
    p = softmax(x, temperature=temperature)
    loss = cross_entropy_from_logits(x, y, temperature=temperature)
    assert np.all(loss >= 0)
    # log of a rounded probability is off by a few 1e-16 absolute, times sum(y) <= 50.
    np.testing.assert_allclose(loss, cross_entropy(p, y), rtol=1e-12, atol=1e-13)


@PROPERTY
@given(logits_and_labels(soft=True))
def test_cross_entropy_is_smallest_at_the_label_distribution(xy):
    # Gibbs' inequality: -sum q log p >= -sum q log q for distributions p and q.
    x, y = xy
    q = (y + 1e-3) / (y + 1e-3).sum(axis=-1, keepdims=True)
    assert np.all(cross_entropy(softmax(x), q) >= cross_entropy(q, q) - 1e-12)


@PROPERTY
@given(logits_and_labels(soft=True))
def test_cross_entropy_grad_is_minus_y_over_y_hat(xy):
    x, y = xy
    p = softmax(x)
    np.testing.assert_allclose(cross_entropy_grad(p, y), -y / p, rtol=1e-15, atol=0)


def _as_arrays(out):
    """A function's result as a tuple of arrays (ChainRuleParts has two)."""
    return tuple(np.asarray(a) for a in out) if isinstance(out, tuple) else (np.asarray(out),)


ROW_WISE = {
    "cross_entropy": lambda x, y, t: cross_entropy(softmax(x), y),
    "cross_entropy_grad": lambda x, y, t: cross_entropy_grad(softmax(x), y),
    "cross_entropy_from_logits": lambda x, y, t: cross_entropy_from_logits(x, y, temperature=t),
    "chain_rule_terms": lambda x, y, t: chain_rule_terms(x, y, temperature=t),
    "chain_rule_parts": lambda x, y, t: chain_rule_parts(x, y, temperature=t),
    "logits_grad": lambda x, y, t: logits_grad(x, y, temperature=t),
}
BATCHES = st.tuples(st.integers(1, 5), st.integers(2, 10))


@pytest.mark.parametrize("name", ROW_WISE)
@PROPERTY
@given(
    st.one_of(logits_and_labels(shapes=BATCHES), logits_and_labels(soft=True, shapes=BATCHES)),
    TEMPERATURES,
)
def test_batch_agrees_row_by_row(name, xy, temperature):
    f = ROW_WISE[name]
    x, y = xy
    batch = _as_arrays(f(x, y, temperature))
    for b in range(x.shape[0]):
        for whole, single in zip(batch, _as_arrays(f(x[b], y[b], temperature)), strict=True):
            assert whole[b].shape == single.shape
            np.testing.assert_allclose(whole[b], single, rtol=1e-14, atol=1e-300)


def test_a_zero_loss_is_positive_zero():
    for loss in (
        cross_entropy([1.0, 0.0], [1, 0]),
        cross_entropy_from_logits([0.0, -1000.0], [1, 0]),
    ):
        assert loss == 0.0 and math.copysign(1.0, loss) == 1.0


def test_labels_too_large_for_float32_logits_are_rejected():
    with pytest.raises(ValueError, match=r"labels \(as float32\) must be finite"):
        logits_grad(np.float32([0.0, 0.0]), [1e39, 0.0])
