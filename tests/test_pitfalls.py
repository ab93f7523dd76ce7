"""The classic bugs: each buggy number checked by hand or against an independent route."""

from __future__ import annotations

import autograd
import autograd.numpy as anp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import sce_core as core
from sce_core import pitfalls

PROPERTY = settings(max_examples=40, deadline=None)
LOGITS = hnp.arrays(np.float64, st.integers(2, 6), elements=st.floats(-10, 10))


def test_softmax_twice_flattens_the_issues_example():
    r = pitfalls.softmax_twice([3.5, 6.0, 4.0], 1)
    np.testing.assert_allclose(r.y_hat, [0.0674, 0.8214, 0.1112], atol=5e-5)
    np.testing.assert_allclose(r.y_hat_twice, [0.2398, 0.5097, 0.2505], atol=5e-5)
    assert r.loss_twice > r.loss and np.abs(r.grad_twice).max() < np.abs(r.grad).max()


@PROPERTY
@given(LOGITS, st.data())
def test_softmax_twice_gradient_is_the_chain_rule_through_both(x, data):
    t = data.draw(st.integers(0, x.size - 1))

    def loss(z):
        p = anp.exp(z - anp.max(z)) / anp.sum(anp.exp(z - anp.max(z)))
        return anp.log(anp.sum(anp.exp(p))) - p[t]

    r = pitfalls.softmax_twice(x, t)
    np.testing.assert_allclose(r.grad_twice, autograd.grad(loss)(x), rtol=1e-9, atol=1e-14)
    np.testing.assert_allclose(r.loss_twice, loss(x), rtol=1e-12)


def test_log_of_softmax_underflows_where_the_fused_form_does_not():
    r = pitfalls.log_of_softmax([2.0, 1.0, 0.1])
    assert r.scaled.dtype == np.float32 and r.naive[2] == -np.inf
    np.testing.assert_allclose(r.fused, [0.0, -100.0, -190.0], atol=1e-4)
    # Smoothing weighs every class: the naive log makes the loss inf, the fused one not.
    q = np.full(3, 0.1 / 3) + np.array([0.9, 0.0, 0.0])
    assert np.isinf(-np.sum(q * r.naive)) and np.isfinite(-np.sum(q * r.fused))


def test_log_of_softmax_agrees_with_the_naive_form_at_small_logits():
    r = pitfalls.log_of_softmax([0.02, 0.01, 0.0])
    np.testing.assert_allclose(r.naive, r.fused, rtol=1e-5)


@PROPERTY
@given(LOGITS, st.data())
def test_the_flipped_sign_climbs(x, data):
    t = data.draw(st.integers(0, x.size - 1))
    s = pitfalls.sign_flipped_step(x, t, lr=0.1)
    assert s.loss_right <= s.loss + 1e-12 <= s.loss_flipped + 2e-12


def test_one_step_by_hand():
    # x = (0, 0), class 0: g = (-1/2, 1/2); lr 1 moves x to (1/2, -1/2) or (-1/2, 1/2).
    s = pitfalls.sign_flipped_step([0.0, 0.0], 0)
    np.testing.assert_allclose(s, [np.log(2), np.log1p(np.exp(-1)), np.log1p(np.exp(1))])


def test_masked_logit_naive_nan_fused_zero():
    m = pitfalls.masked_logit([2.0, 1.0, 0.1], 0, 2)
    assert np.isnan(m.naive_loss) and np.isnan(m.naive_grad).all()
    np.testing.assert_allclose(m.loss, core.cross_entropy_from_logits([2.0, 1.0], [1, 0]))
    assert m.grad[2] == 0.0
    np.testing.assert_allclose(m.grad[:2], core.logits_grad([2.0, 1.0], [1, 0]))


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: pitfalls.softmax_twice([[1.0, 2.0]], 0), ValueError, r"one row \(n,\)"),
        (lambda: pitfalls.softmax_twice([1.0, 2.0], 2), ValueError, r"label must be .* \[0, 1\]"),
        (lambda: pitfalls.softmax_twice([1.0, np.nan], 0), ValueError, "logits must be finite"),
        (lambda: pitfalls.log_of_softmax([1.0, 2.0], 0.0), ValueError, "scale must be a finite"),
        (lambda: pitfalls.sign_flipped_step([1.0, 2.0], 0, -1), ValueError, "lr must be"),
        (lambda: pitfalls.masked_logit([1.0, 2.0], 0, 0), ValueError, "other than the label 0"),
        (
            lambda: pitfalls.masked_logit([1.0, 2.0], 0, 5),
            ValueError,
            r"masked must be .* \[0, 1\]",
        ),
        (lambda: pitfalls.masked_logit([1.0, 2.0], 0.5, 1), TypeError, "label must be an integer"),
    ],
)
def test_bad_arguments(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_dividing_by_the_batch_twice_shrinks_the_step_by_b():
    x = [[2.0, 1.0, 0.1], [0.0, 1.0, 0.0], [1.0, 1.0, 1.0]]
    d = pitfalls.mean_divided_twice(x, [0, 1, 2])
    y = np.eye(3)[[0, 1, 2]]
    np.testing.assert_allclose(d.grad, (core.softmax(np.array(x)) - y) / 3)
    np.testing.assert_allclose(d.grad_twice, (core.softmax(np.array(x)) - y) / 9)
    assert d.batch_size == 3
