"""Moons and spirals: seeded, balanced, where they should be, and out of a line's reach."""

import math

import numpy as np
import pytest

import sce_core as core


def test_moons_lie_on_their_half_circles_without_noise():
    X, labels = core.make_moons(41, noise=0.0, seed=0)
    u, v = X[:, 0] / 2 + 0.5, X[:, 1] / 2 + 0.25
    upper = labels == 0
    np.testing.assert_allclose(np.hypot(u[upper], v[upper]), 1.0, atol=1e-12)
    np.testing.assert_allclose(np.hypot(u[~upper] - 1, v[~upper] - 0.5), 1.0, atol=1e-12)
    assert np.bincount(labels).tolist() == [21, 20]
    assert (v[upper] >= -1e-12).all() and (v[~upper] <= 0.5 + 1e-12).all()


@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_spirals_are_balanced_seeded_and_bounded(n_classes):
    X, labels = core.make_spirals(101, n_classes, noise=0.3, seed=7)
    again, _ = core.make_spirals(101, n_classes, noise=0.3, seed=7)
    other, _ = core.make_spirals(101, n_classes, noise=0.3, seed=8)
    np.testing.assert_array_equal(X, again)
    assert not np.array_equal(X, other)
    counts = np.bincount(labels, minlength=n_classes)
    assert counts.max() - counts.min() <= 1 and counts.sum() == 101
    radius = np.hypot(X[:, 0], X[:, 1])
    assert radius.min() == pytest.approx(0.1) and radius.max() == pytest.approx(3.0)


def test_spirals_defeat_the_linear_model_and_not_the_network():
    X, labels = core.make_spirals(150, 3, seed=0)
    linear = core.train(X, labels, 3, lr=0.5, epochs=200)
    assert linear.accuracy_history[-1] < 0.6
    network = core.mlp_train(X, labels, 3, (16, 16), epochs=80)
    assert network.accuracy_history[-1] >= 0.95


BAD = [
    (lambda: core.make_moons(1), "n_points"),
    (lambda: core.make_moons(10, noise=-0.1), "noise"),
    (lambda: core.make_spirals(10, n_classes=11), "n_classes"),
    (lambda: core.make_spirals(2, n_classes=3), "n_points"),
    (lambda: core.make_spirals(10, noise=math.inf), "noise"),
]


@pytest.mark.parametrize(("call", "match"), BAD)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


def test_noise_must_be_a_number():
    with pytest.raises(TypeError):
        core.make_moons(10, noise="a")
