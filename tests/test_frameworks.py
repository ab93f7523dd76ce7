"""PyTorch's cross_entropy in numpy: hand-derived fixtures, properties, autograd and torch itself.

The hand fixtures use three rows whose softmax is known exactly,

    x0 = (0, ln 3) -> y_hat = (1/4, 3/4),  x1 = (0, 0) -> (1/2, 1/2),  x2 = (ln 3, 0) -> (3/4, 1/4),

so every -log y_hat is one of a = ln 4, b = ln 4/3, c = ln 2, and each expected loss below is
derived by hand from PyTorch's definitions as a sum of those.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import autograd
import autograd.numpy as anp
import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import sce_core as core
from sce_core import cross_entropy_loss, cross_entropy_loss_grad, effective_target

A, B_, C_ = math.log(4), math.log(4 / 3), math.log(2)
X = [[0.0, math.log(3)], [0.0, 0.0], [math.log(3), 0.0]]
T = [0, 1, 1]
T_IGNORED = [0, 1, -100]
W = [3.0, 1.0]
P = [[0.5, 0.5], [1.0, 0.0], [0.2, 0.6]]  # the last row sums to 0.8
PROPERTY = settings(max_examples=60, deadline=None)
FIXTURES = Path(__file__).parent / "fixtures" / "torch_cross_entropy.json"

# name, target, options, expected loss (hand-derived)
HAND = [
    ("default", T, {}, (2 * A + C_) / 3),
    ("weight", T, {"weight": W}, (3 * A + C_ + A) / (3 + 1 + 1)),
    ("ignore_index", T_IGNORED, {}, (A + C_) / 2),
    ("sum", T, {"reduction": "sum"}, 2 * A + C_),
    ("none", T, {"reduction": "none"}, [A, C_, A]),
    ("smoothing", T, {"label_smoothing": 0.2}, (1.8 * A + 0.2 * B_ + C_) / 3),
    ("probabilities", P, {}, (1.1 * A + 0.7 * B_ + C_) / 3),
    ("weight+ignore", T_IGNORED, {"weight": W}, (3 * A + C_) / 4),
    ("weight+sum", T, {"weight": W, "reduction": "sum"}, 4 * A + C_),
    ("weight+none", T, {"weight": W, "reduction": "none"}, [3 * A, C_, A]),
    # q0 = (2.7, 0.1), q1 = (0.3, 0.9), q2 = (0.3, 0.9); D = 3 + 1 + 1
    ("weight+smoothing", T, {"weight": W, "label_smoothing": 0.2},
     (3.6 * A + 0.4 * B_ + 1.2 * C_) / 5),
    # q = w * P = (1.5, 0.5), (3, 0), (0.6, 0.6); D = B = 3
    ("weight+probabilities", P, {"weight": W}, (2.1 * A + 1.1 * B_ + 3 * C_) / 3),
    ("ignore+sum", T_IGNORED, {"reduction": "sum"}, A + C_),
    ("ignore+none", T_IGNORED, {"reduction": "none"}, [A, C_, 0.0]),
    ("ignore+smoothing", T_IGNORED, {"label_smoothing": 0.2}, (0.9 * A + 0.1 * B_ + C_) / 2),
    ("sum+smoothing", T, {"reduction": "sum", "label_smoothing": 0.2}, 1.8 * A + 0.2 * B_ + C_),
    ("none+smoothing", T, {"reduction": "none", "label_smoothing": 0.2},
     [0.9 * A + 0.1 * B_, C_, 0.9 * A + 0.1 * B_]),
    ("sum+probabilities", P, {"reduction": "sum"}, 1.1 * A + 0.7 * B_ + C_),
    ("none+probabilities", P, {"reduction": "none"}, [0.5 * A + 0.5 * B_, C_, 0.6 * A + 0.2 * B_]),
    # q = 0.8 P + 0.1 = (0.5, 0.5), (0.9, 0.1), (0.26, 0.58)
    ("smoothing+probabilities", P, {"label_smoothing": 0.2}, (1.08 * A + 0.76 * B_ + C_) / 3),
]  # fmt: skip


@pytest.mark.parametrize(("name", "target", "options", "expected"), HAND, ids=[h[0] for h in HAND])
def test_hand_derived_losses(name, target, options, expected):
    np.testing.assert_allclose(cross_entropy_loss(X, target, **options), expected, rtol=1e-14)


def test_ignore_index_with_probabilities_is_refused_as_pytorch_does():
    with pytest.raises(ValueError, match="ignore_index = 0 is for class-index targets"):
        cross_entropy_loss(X, P, ignore_index=0)


# y_hat rows (1/4, 3/4), (1/2, 1/2), (3/4, 1/4); gradient rows (y_hat Σq - q) / D
HAND_GRADS = [
    ("default", T, {}, np.array([[-0.75, 0.75], [0.5, -0.5], [0.75, -0.75]]) / 3),
    ("weight", T, {"weight": W}, np.array([[-2.25, 2.25], [0.5, -0.5], [0.75, -0.75]]) / 5),
    ("ignore_index", T_IGNORED, {}, np.array([[-0.75, 0.75], [0.5, -0.5], [0.0, 0.0]]) / 2),
    ("sum", T, {"reduction": "sum"}, np.array([[-0.75, 0.75], [0.5, -0.5], [0.75, -0.75]])),
    ("none", T, {"reduction": "none"}, np.array([[-0.75, 0.75], [0.5, -0.5], [0.75, -0.75]])),
    ("smoothing", T, {"label_smoothing": 0.2},
     np.array([[-0.65, 0.65], [0.4, -0.4], [0.65, -0.65]]) / 3),
    ("probabilities", P, {}, np.array([[-0.25, 0.25], [-0.5, 0.5], [0.4, -0.4]]) / 3),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "target", "options", "expected"), HAND_GRADS, ids=[h[0] for h in HAND_GRADS]
)
def test_hand_derived_gradients(name, target, options, expected):
    np.testing.assert_allclose(
        cross_entropy_loss_grad(X, target, **options), expected, rtol=1e-13, atol=1e-16
    )


def test_effective_target_and_divisor_by_hand():
    et = effective_target(X, T, weight=W, label_smoothing=0.2)
    np.testing.assert_allclose(et.q, [[2.7, 0.1], [0.3, 0.9], [0.3, 0.9]], rtol=1e-15)
    assert et.divisor == 5.0 and not et.ignored.any()
    et = effective_target(X, T_IGNORED, reduction="sum")
    np.testing.assert_array_equal(et.q, [[1, 0], [0, 1], [0, 0]])
    assert et.divisor == 1.0 and et.ignored.tolist() == [False, False, True]
    assert effective_target(X, P).divisor == 3.0


def test_ignore_index_may_be_a_class():
    # ignore_index = 1 drops every row of class 1: only row 0 is left.
    np.testing.assert_allclose(cross_entropy_loss(X, T, ignore_index=1), A, rtol=1e-15)


def test_masked_logit_gets_exactly_zero_gradient():
    x = [[2.0, -np.inf, 0.1], [0.0, 1.0, -np.inf]]
    g = cross_entropy_loss_grad(x, [0, 1])
    assert g[0, 1] == 0.0 and g[1, 2] == 0.0
    np.testing.assert_allclose(g[0, [0, 2]], cross_entropy_loss_grad([[2.0, 0.1]], [0])[0] / 2)
    # A masked class with q = 0 is the class left out, with probability targets too.
    np.testing.assert_allclose(
        cross_entropy_loss([[2.0, -np.inf, 0.1]], [[0.3, 0.0, 0.7]]),
        cross_entropy_loss([[2.0, 0.1]], [[0.3, 0.7]]),
        rtol=1e-15,
    )


def test_a_confident_right_row_keeps_its_tiny_loss_and_gradient():
    x = [[40.0, 0.0, 2.0]]
    with mpmath.workdps(50):
        rest = mpmath.exp(-40) + mpmath.exp(-38)
        exact, y_hat = float(mpmath.log(1 + rest)), float(rest / (1 + rest))
    np.testing.assert_allclose(cross_entropy_loss(x, [0]), exact, rtol=1e-14)
    g = cross_entropy_loss_grad(x, [0])
    np.testing.assert_allclose(g[0, 0], -y_hat, rtol=1e-14)
    assert core.softmax(np.array(x))[0, 0] - 1 != g[0, 0]  # y_hat - 1 would lose it


# --- validation: every bad input has its own message ------------------------------------


@pytest.mark.parametrize(
    ("logits", "match"),
    [
        ([[1.0, np.nan]], r"logits must be finite or -inf .* nan at row 0, class 1"),
        ([[1.0, 0.0], [np.inf, 0.0]], r"logits must be finite or -inf .* inf at row 1, class 0"),
        ([[0.0, 1.0], [-np.inf, -np.inf]], r"logits row 1 is -inf in every class"),
        ([1.0, 2.0], r"logits must be a non-empty batch \(B, C\), got shape \(2,\)"),
        ([[[1.0]]], r"got shape \(1, 1, 1\)"),
        (np.zeros((0, 3)), r"got shape \(0, 3\)"),
        ([[1.0, 2.0], [3.0]], "logits must be a rectangular array"),
    ],
)
def test_bad_logits(logits, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy_loss(logits, [0, 0])


def test_non_numeric_logits():
    with pytest.raises(TypeError, match="logits must contain real numbers"):
        cross_entropy_loss([["a", "b"]], [0])


@pytest.mark.parametrize(
    ("target", "options", "match"),
    [
        ([0, 2, 1], {}, r"target\[1\] = 2 must be a class index in \[0, 1\] or ignore_index"),
        ([0, -1, 1], {}, r"target\[1\] = -1 must be a class index .* ignore_index \(-100\)"),
        ([0, -100, 1], {"ignore_index": -1}, r"target\[1\] = -100"),
        ([0.0, 1.0, 1.0], {}, "holds class indices and must be integers"),
        ([0, 1], {}, r"target must be class indices \(3,\) or probabilities \(3, 2\)"),
        ([[0.5, 0.5]] * 2, {}, r"got shape \(2, 2\)"),
        ([[0.5, 0.5], [1.0, -0.1], [0, 1]], {}, "target probabilities must be finite and non-neg"),
        ([[0.5, 0.5], [1.0, np.nan], [0, 1]], {}, "target probabilities must be finite"),
        ([[0.5, 0.5], [1.0], [0, 1]], {}, "target must be a rectangular array"),
    ],
)
def test_bad_target(target, options, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy_loss(X, target, **options)


@pytest.mark.parametrize(
    ("weight", "match"),
    [
        ([1.0, 2.0, 3.0], r"weight must have shape \(2,\), one per class, got \(3,\)"),
        ([[1.0, 2.0]], r"got \(1, 2\)"),
        ([1.0, -0.5], r"weight must be finite and non-negative, got \[1.0, -0.5\]"),
        ([1.0, np.nan], "weight must be finite and non-negative"),
    ],
)
def test_bad_weight(weight, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy_loss(X, T, weight=weight)


@pytest.mark.parametrize(
    ("options", "error", "match"),
    [
        ({"weight": ["a", "b"]}, TypeError, "weight must contain real numbers"),
        ({"ignore_index": 1.5}, TypeError, "ignore_index must be an integer, got 1.5"),
        ({"ignore_index": True}, TypeError, "ignore_index must be an integer"),
        ({"reduction": "avg"}, ValueError, "reduction must be one of 'mean', 'sum', 'none'"),
        ({"label_smoothing": -0.1}, ValueError, r"label_smoothing must lie in \[0, 1\], got -0.1"),
        ({"label_smoothing": 1.5}, ValueError, r"label_smoothing must lie in \[0, 1\], got 1.5"),
        ({"label_smoothing": math.nan}, ValueError, r"label_smoothing must lie in \[0, 1\]"),
        ({"label_smoothing": "0.1"}, TypeError, "label_smoothing must be a real number"),
    ],
)
def test_bad_options(options, error, match):
    with pytest.raises(error, match=match):
        cross_entropy_loss(X, T, **options)


@pytest.mark.parametrize(
    ("target", "options", "match"),
    [
        ([-100, -100, -100], {}, r"nothing to average .*every row is ignore_index.* nan"),
        ([0, 1, 1], {"weight": [1.0, 0.0], "ignore_index": 0}, "their weights are all 0"),
    ],
)
def test_a_mean_over_nothing_is_refused(target, options, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy_loss(X, target, **options)
    with pytest.raises(ValueError, match=match):
        cross_entropy_loss_grad(X, target, **options)
    # The sum over nothing is a plain 0, as in PyTorch.
    assert cross_entropy_loss(X, target, **{**options, "reduction": "sum"}) == 0.0


XM = [[2.0, -np.inf, 0.1], [0.0, 1.0, 0.5]]


@pytest.mark.parametrize(
    ("target", "options", "match"),
    [
        ([1, 0], {}, r"target\[0\] = 1 is a class that is masked \(logit -inf\)"),
        ([0, 0], {"label_smoothing": 0.1}, "label_smoothing = 0.1 puts weight on class 1 of row 0"),
        ([[0.5, 0.5, 0.0], [1, 0, 0]], {}, r"target\[0, 1\] = 0.5 puts weight on class 1 of row 0"),
        ([[1, 0, 0], [1, 0, 0]], {"label_smoothing": 0.5}, "label_smoothing = 0.5 puts weight"),
    ],
)
def test_weight_on_a_masked_class_is_refused(target, options, match):
    with pytest.raises(ValueError, match=match):
        cross_entropy_loss(XM, target, **options)


def test_smoothing_spares_a_masked_class_of_weight_zero():
    loss = cross_entropy_loss(XM, [0, 0], weight=[1.0, 0.0, 1.0], label_smoothing=0.1)
    assert np.isfinite(loss)


def test_inputs_are_not_mutated():
    x, t, w = np.array(X), np.array(T), np.array(W)
    cross_entropy_loss_grad(x, t, weight=w, label_smoothing=0.3)
    np.testing.assert_array_equal(x, X)
    np.testing.assert_array_equal(t, T)
    np.testing.assert_array_equal(w, W)


# --- properties ---------------------------------------------------------------------------


@st.composite
def batches(draw, probabilities=None):
    rows = draw(st.integers(1, 5))
    classes = draw(st.integers(2, 5))
    x = draw(hnp.arrays(np.float64, (rows, classes), elements=st.floats(-20, 20)))
    if probabilities is None:
        probabilities = draw(st.booleans())
    if probabilities:
        target = draw(hnp.arrays(np.float64, (rows, classes), elements=st.floats(0, 2)))
        ignore = -100
    else:
        target = draw(hnp.arrays(np.int64, (rows,), elements=st.integers(-1, classes - 1)))
        target[0] = max(target[0], 0)  # one row kept, so a mean is defined
        ignore = -1
    options = {
        "weight": draw(st.none() | hnp.arrays(np.float64, (classes,), elements=st.floats(0.1, 3))),
        "ignore_index": ignore,
        "reduction": draw(st.sampled_from(core.REDUCTIONS)),
        "label_smoothing": draw(st.floats(0, 1)),
    }
    return x, target, options


@PROPERTY
@given(batches())
def test_gradient_rows_sum_to_zero(case):
    x, target, options = case
    g = cross_entropy_loss_grad(x, target, **options)
    np.testing.assert_allclose(g.sum(axis=1), 0.0, atol=1e-12 * max(1.0, np.abs(g).max()))


@PROPERTY
@given(batches(), st.floats(-50, 50))
def test_a_shift_per_row_changes_nothing(case, shift):
    x, target, options = case
    np.testing.assert_allclose(
        cross_entropy_loss(x + shift, target, **options),
        cross_entropy_loss(x, target, **options),
        rtol=1e-9,
        atol=1e-9,
    )


@PROPERTY
@given(batches())
def test_reductions_are_the_sum_of_the_rows_over_the_divisor(case):
    x, target, options = case
    rows = cross_entropy_loss(x, target, **{**options, "reduction": "none"})
    total = cross_entropy_loss(x, target, **{**options, "reduction": "sum"})
    mean = cross_entropy_loss(x, target, **{**options, "reduction": "mean"})
    divisor = effective_target(x, target, **{**options, "reduction": "mean"}).divisor
    np.testing.assert_allclose(total, rows.sum(), rtol=1e-12)
    np.testing.assert_allclose(mean, total / divisor, rtol=1e-12)


@PROPERTY
@given(batches(probabilities=False))
def test_without_options_it_is_the_derivations_loss_and_y_hat_minus_y(case):
    x, target, _ = case
    target = np.maximum(target, 0)
    y = np.eye(x.shape[1])[target]
    np.testing.assert_allclose(
        cross_entropy_loss(x, target), np.mean(core.cross_entropy_from_logits(x, y)), rtol=1e-12
    )
    np.testing.assert_allclose(
        cross_entropy_loss_grad(x, target), (core.softmax(x) - y) / len(x), rtol=1e-9, atol=1e-15
    )


@PROPERTY
@given(batches(probabilities=False))
def test_unweighted_index_targets_are_their_smoothed_one_hot_probabilities(case):
    x, target, options = case
    target = np.maximum(target, 0)
    options = {**options, "weight": None}
    one_hot = np.eye(x.shape[1])[target]
    np.testing.assert_allclose(
        cross_entropy_loss(x, target, **options),
        cross_entropy_loss(x, one_hot, **options),
        rtol=1e-12,
    )


@PROPERTY
@given(batches(probabilities=False), st.floats(0.1, 10))
def test_scaling_the_weights_leaves_the_mean_alone(case, k):
    x, target, options = case
    if options["weight"] is None:
        options["weight"] = np.ones(x.shape[1])
    options["reduction"] = "mean"
    scaled = {**options, "weight": k * options["weight"]}
    np.testing.assert_allclose(
        cross_entropy_loss(x, target, **scaled),
        cross_entropy_loss(x, target, **options),
        rtol=1e-12,
    )


@PROPERTY
@given(batches(probabilities=False), hnp.arrays(np.float64, 5, elements=st.floats(-20, 20)))
def test_an_ignored_row_has_no_say(case, other):
    x, target, options = case
    target[-1] = -1
    if len(x) == 1:
        return
    moved = x.copy()
    moved[-1] = other[: x.shape[1]]
    np.testing.assert_allclose(
        cross_entropy_loss(moved, target, **options), cross_entropy_loss(x, target, **options)
    )
    assert not cross_entropy_loss_grad(moved, target, **options)[-1].any()


# --- autograd: the gradient of PyTorch's definition, written with autograd.numpy ---------


def _torch_definition(x, target, weight, ignore_index, reduction, label_smoothing):
    """PyTorch's cross_entropy as its source composes it: nll plus a smoothing term."""
    classes = x.shape[1]
    w = np.ones(classes) if weight is None else np.asarray(weight)
    log_p = x - anp.log(anp.sum(anp.exp(x - anp.max(x, axis=1, keepdims=True)), axis=1,
                                keepdims=True)) - anp.max(x, axis=1, keepdims=True)  # fmt: skip
    if np.ndim(target) == 2:
        soft = (1 - label_smoothing) * np.asarray(target) + label_smoothing / classes
        rows = -anp.sum(log_p * soft * w, axis=1)
        return {"none": rows, "sum": anp.sum(rows), "mean": anp.sum(rows) / len(x)}[reduction]
    kept = np.asarray(target) != ignore_index
    t = np.where(kept, target, 0)
    one_hot = np.eye(classes)[t] * kept[:, None]
    nll = -anp.sum(log_p * one_hot, axis=1) * w[t]
    smooth = -anp.sum(log_p * w, axis=1) * kept
    rows = (1 - label_smoothing) * nll + label_smoothing / classes * smooth
    if reduction == "none":
        return rows
    total = anp.sum(rows)
    return total / np.sum(w[t] * kept) if reduction == "mean" else total


@PROPERTY
@given(batches())
def test_gradient_agrees_with_autograd(case):
    x, target, options = case

    def loss(z):
        out = _torch_definition(z, target, **options)
        return anp.sum(out)  # "none": the gradient of the sum of the rows

    expected = autograd.grad(loss)(x)
    got = cross_entropy_loss_grad(x, target, **options)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=1e-13)
    np.testing.assert_allclose(
        np.sum(cross_entropy_loss(x, target, **options)), loss(x), rtol=1e-9, atol=1e-12
    )


# --- PyTorch itself, from committed fixtures ---------------------------------------------


def _torch_cases():
    data = json.loads(FIXTURES.read_text())
    return [(kind, i, case) for kind in ("index", "probability", "masked")
            for i, case in enumerate(data[kind])]  # fmt: skip


def _options(case) -> dict:
    keys = ("weight", "ignore_index", "reduction", "label_smoothing")
    return {key: case[key] for key in keys if key in case}


@pytest.mark.parametrize(("kind", "i", "case"), _torch_cases(), ids=lambda v: str(v)[:12])
def test_agrees_with_pytorch(kind, i, case):
    """To 1e-12 relative. The floor of 1e-15: where a row's loss or gradient is below
    ~1e-16, PyTorch's log of a sum near 1 (and its y_hat - 1) rounds it to 0 or to a few
    ulps of 1, while sce_core keeps it (mpmath agrees with sce_core, see above)."""
    options = _options(case)
    np.testing.assert_allclose(
        cross_entropy_loss(case["logits"], case["target"], **options), case["loss"],
        rtol=1e-12, atol=1e-15,
    )  # fmt: skip
    grad = cross_entropy_loss_grad(case["logits"], case["target"], **options)
    np.testing.assert_allclose(grad, case["grad"], rtol=1e-12, atol=1e-15)
    assert not grad[np.isneginf(case["logits"])].any()


def test_fixtures_cover_every_option_and_pair():
    data = json.loads(FIXTURES.read_text())
    seen = {(c["weight"] is not None, c["ignore_index"], c["reduction"], c["label_smoothing"])
            for c in data["index"]}  # fmt: skip
    assert len(seen) == 2 * 2 * 3 * 3
    assert {(c["weight"] is not None, c["reduction"], c["label_smoothing"])
            for c in data["probability"]} == {(w, r, e) for w in (False, True)
            for r in core.REDUCTIONS for e in (0.0, 0.1, 1.0)}  # fmt: skip
    assert data["masked"] and all(np.isneginf(c["logits"]).any() for c in data["masked"])


def test_where_pytorch_gives_nan():
    empty, masked = json.loads(FIXTURES.read_text())["torch_nan"]
    assert math.isnan(empty["loss"])
    with pytest.raises(ValueError, match="every row is ignore_index"):
        cross_entropy_loss(empty["logits"], empty["target"])
    # 0 * -inf: PyTorch's nan; sce_core's limit is PyTorch's loss without the masked class.
    assert math.isnan(masked["loss"])
    limit = masked["without_masked_class"]
    np.testing.assert_allclose(
        cross_entropy_loss(masked["logits"], masked["target"]), limit["loss"], rtol=1e-12
    )
    grad = cross_entropy_loss_grad(masked["logits"], masked["target"])
    np.testing.assert_allclose(grad[:, :3], limit["grad"], rtol=1e-12, atol=1e-15)
    assert not grad[:, 3].any()


@PROPERTY
@given(batches())
def test_parts_add_up_to_the_loss_and_gradient(case):
    x, target, options = case
    parts = core.cross_entropy_parts(x, target, **options)
    np.testing.assert_allclose(parts.numerator, parts.rows.sum(), rtol=1e-15)
    expected = (
        parts.rows if options["reduction"] == "none" else parts.numerator / parts.target.divisor
    )
    np.testing.assert_allclose(parts.loss, expected, rtol=1e-15)
    np.testing.assert_array_equal(parts.grad, cross_entropy_loss_grad(x, target, **options))
    np.testing.assert_allclose(parts.y_hat, core.softmax(x), rtol=1e-12)
    np.testing.assert_allclose(parts.plain, parts.y_hat - parts.y)


def test_parts_label_is_one_hot_and_empty_on_ignored_rows():
    parts = core.cross_entropy_parts(X, T_IGNORED)
    np.testing.assert_array_equal(parts.y, [[1, 0], [0, 1], [0, 0]])
    np.testing.assert_array_equal(core.cross_entropy_parts(X, P).y, P)
