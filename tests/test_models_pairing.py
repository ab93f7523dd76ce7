"""Pairing lab model: the two-class check both ways, and the gradient table."""

import math

import numpy as np
import pytest

import sce_core as core
from sce_ui.models import pairing as pairing_model


@pytest.mark.parametrize(
    ("a", "b", "label"),
    [(0.0, 0.0, 1), (2.0, 1.0, 1), (-6.0, 6.0, 1), (3.7, -1.2, 2), (1000.0, -1000.0, 2)],
)
def test_two_class_check_agrees_with_a_hand_written_sigmoid(a, b, label):
    check = pairing_model.two_class_check(a, b, label)
    z = a - b
    sigma = 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))
    t = 1.0 if label == 1 else 0.0
    # log1p(exp(-|z|)) + the linear part: BCE of the logit, written independently.
    bce = max(z, 0) - t * z + math.log1p(math.exp(-abs(z)))
    assert check.t == t
    assert check.sigmoid == pytest.approx(sigma, rel=1e-15, abs=1e-300)
    assert check.softmax_first == pytest.approx(sigma, rel=1e-15, abs=1e-300)
    assert check.binary_cross_entropy == pytest.approx(bce, rel=1e-14, abs=1e-300)
    assert check.cross_entropy == pytest.approx(bce, rel=1e-14, abs=1e-300)
    assert check.grad_first == pytest.approx(sigma - t, abs=2e-16)
    assert check.bce_grad == pytest.approx(sigma - t, abs=2e-16)


def test_gradient_table_lists_both_gradients_per_class():
    x, y = np.array([2.0, 1.0, 0.1]), np.array([1.0, 0.0, 0.0])
    y_hat = core.softmax(x)
    table = pairing_model.gradient_table(
        y_hat, y, core.logits_grad(x, y), core.squared_error_logits_grad(x, y)
    )
    assert table["class i"] == ["1", "2", "3"]
    assert table["∂L_CE/∂xᵢ = ŷᵢ − yᵢ"] == ["-0.341", "0.242", "0.0986"]
    assert table["∂L_SE/∂xᵢ"] == ["-0.244", "0.193", "0.0502"]


def test_both_losses_by_hand_at_the_classic_logits():
    x, y = np.array([2.0, 1.0, 0.1]), np.array([1.0, 0.0, 0.0])
    losses, grads = pairing_model.both_losses(x, y)
    assert list(losses) == list(grads) == list(pairing_model.LOSS_NAMES)
    e = np.exp(x)
    p = e / e.sum()
    np.testing.assert_allclose(losses["cross_entropy"], -math.log(p[0]), rtol=1e-14)
    np.testing.assert_allclose(losses["squared_error"], np.sum((p - y) ** 2), rtol=1e-14)
    np.testing.assert_allclose(grads["cross_entropy"], p - y, rtol=1e-13)
    # Squared error's chain rule by hand: Jᵀ 2(p − y), with J = diag(p) − p pᵀ.
    jacobian = np.diag(p) - np.outer(p, p)
    np.testing.assert_allclose(grads["squared_error"], jacobian.T @ (2 * (p - y)), rtol=1e-12)


def test_sizes_caption_names_the_number_of_classes():
    assert pairing_model.sizes_caption(7).startswith("The curves: gradient sizes for n = 7 classes")
