"""The multilayer perceptron: every gradient against autograd and central differences."""

from __future__ import annotations

import math
from pathlib import Path

import autograd
import autograd.numpy as anp
import numpy as np
import pytest
from autograd.scipy.special import logsumexp as ag_logsumexp
from hypothesis import given, settings
from hypothesis import strategies as st

import sce_core as core
from sce_core.mlp import MAX_UNITS


def _oracle_loss(params: dict, X: np.ndarray, labels: np.ndarray, activation: str):
    """The mean cross-entropy written again in autograd's numpy, sharing no code with sce_core."""
    n_layers = len(params) // 2
    A = X
    for k in range(1, n_layers + 1):
        Z = anp.dot(A, params[f"W{k}"]) + params[f"b{k}"]
        A = (anp.maximum(Z, 0.0) if activation == "relu" else anp.tanh(Z)) if k < n_layers else Z
    picked = A[np.arange(labels.size), labels]
    return -anp.mean(picked - ag_logsumexp(A, axis=1))


def _oracle_grads(params, X, labels, activation):
    return autograd.grad(_oracle_loss)(params, X, labels, activation)


def _problem(hidden, batch, activation, seed=0, d=2, K=3):
    params = core.mlp_init((d, *hidden, K), seed=seed, activation=activation)
    rng = np.random.default_rng(seed + 100)
    # Biases away from 0 so every layer's gradient has all its terms.
    params = {
        k: v + (0.1 * rng.standard_normal(v.shape) if k[0] == "b" else 0) for k, v in params.items()
    }
    X = rng.standard_normal((batch, d))
    labels = rng.integers(0, K, batch)
    return params, X, labels


def _assert_close_per_parameter(got: dict, want: dict, rtol: float) -> None:
    assert got.keys() == want.keys()
    for key in want:
        scale = float(np.max(np.abs(want[key])))
        np.testing.assert_allclose(got[key], want[key], rtol=rtol, atol=rtol * scale, err_msg=key)


# Hand-checked fixture ---------------------------------------------------------------------


def test_hand_checked_network():
    # X = (1, -2), W1 = I: Z1 = (1, -2), A1 = relu = (1, 0); W2 = [[1, 2], [3, 4]] gives the
    # logits (1, 2). With s = e / (1 + e) = softmax(1, 2)_2 and true class 0:
    # L = log(1 + e), dZ2 = (-s, s), dW2 = A1^T dZ2, dA1 = dZ2 W2^T = (s, s), dZ1 = (s, 0).
    params = {
        "W1": np.eye(2),
        "b1": np.zeros(2),
        "W2": np.array([[1.0, 2], [3, 4]]),
        "b2": np.zeros(2),
    }
    loss, grads = core.mlp_loss_and_grads(params, [[1.0, -2.0]], [0])
    s = math.e / (1 + math.e)
    assert loss == pytest.approx(math.log1p(math.e), rel=1e-15)
    np.testing.assert_allclose(grads["W2"], [[-s, s], [0, 0]], rtol=1e-15)
    np.testing.assert_allclose(grads["b2"], [-s, s], rtol=1e-15)
    np.testing.assert_allclose(grads["W1"], [[s, 0], [-2 * s, 0]], rtol=1e-15)
    np.testing.assert_allclose(grads["b1"], [s, 0], rtol=1e-15)


def test_forward_cache_holds_every_intermediate():
    params, X, _ = _problem((4, 5), 3, "tanh")
    logits, cache = core.mlp_forward(params, X, "tanh")
    assert list(cache) == ["A0", "Z1", "A1", "Z2", "A2", "Z3"]
    np.testing.assert_array_equal(cache["A0"], X)
    np.testing.assert_array_equal(cache["A1"], np.tanh(cache["Z1"]))
    np.testing.assert_allclose(cache["Z3"], logits, rtol=0)
    assert [cache[k].shape for k in cache] == [(3, 2), (3, 4), (3, 4), (3, 5), (3, 5), (3, 3)]


# Gradients against two independent oracles ------------------------------------------------


@pytest.mark.parametrize("activation", core.ACTIVATIONS)
@pytest.mark.parametrize("hidden", [(7,), (6, 5), (4, 5, 3)])
@pytest.mark.parametrize("batch", [1, 64])
def test_gradients_match_autograd_and_central_differences(activation, hidden, batch):
    params, X, labels = _problem(hidden, batch, activation, seed=len(hidden) + batch)
    loss, grads = core.mlp_loss_and_grads(params, X, labels, activation)
    assert loss == pytest.approx(float(_oracle_loss(params, X, labels, activation)), rel=1e-12)
    _assert_close_per_parameter(grads, _oracle_grads(params, X, labels, activation), 1e-10)
    assert {k: v.shape for k, v in grads.items()} == {k: v.shape for k, v in params.items()}
    errors = core.mlp_gradient_check(params, X, labels, activation)
    assert max(errors.values()) < core.CHECK_TOLERANCE, errors


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    hidden=st.lists(st.integers(1, 6), min_size=0, max_size=3),
    batch=st.integers(1, 9),
    activation=st.sampled_from(core.ACTIVATIONS),
)
def test_gradients_match_autograd_for_any_shape(seed, hidden, batch, activation):
    params, X, labels = _problem(tuple(hidden), batch, activation, seed=seed, d=3, K=4)
    _, grads = core.mlp_loss_and_grads(params, X, labels, activation)
    _assert_close_per_parameter(grads, _oracle_grads(params, X, labels, activation), 1e-10)


def test_huge_logits_give_a_finite_loss_and_gradient():
    params = core.mlp_init((2, 4, 3), seed=3, scale=300.0)
    X = np.array([[5.0, -5.0], [-4.0, 3.0]])
    loss, grads = core.mlp_loss_and_grads(params, X, [0, 2])
    assert math.isfinite(loss) and loss > 100
    assert all(np.isfinite(g).all() for g in grads.values())
    want = float(_oracle_loss(params, X, np.array([0, 2]), "relu"))
    assert loss == pytest.approx(want, rel=1e-12)


def _oracle_loss_from(start: str, value, params, labels, activation):
    """The loss as a function of one intermediate ("Z2", "A1", ...), in autograd's numpy."""
    n_layers, kind, k = len(params) // 2, start[0], int(start[1:])
    A = value if kind == "A" else None
    Z = value if kind == "Z" else None
    for layer in range(k + (kind == "A"), n_layers + 1):
        if Z is None:
            Z = anp.dot(A, params[f"W{layer}"]) + params[f"b{layer}"]
        if layer == n_layers:
            break
        A = anp.maximum(Z, 0.0) if activation == "relu" else anp.tanh(Z)
        Z = None
    return -anp.mean(Z[np.arange(labels.size), labels] - ag_logsumexp(Z, axis=1))


@pytest.mark.parametrize("activation", core.ACTIVATIONS)
def test_backward_trace_holds_every_intermediate_gradient(activation):
    params, X, labels = _problem((4, 5), 6, activation, seed=4)
    trace = core.mlp_backward_trace(params, X, labels, activation)
    _, cache = core.mlp_forward(params, X, activation)
    for node in ("Z1", "A1", "Z2", "A2", "Z3"):
        want = autograd.grad(_oracle_loss_from, 1)(node, cache[node], params, labels, activation)
        got = trace[f"d{node}"]
        np.testing.assert_allclose(got, want, rtol=1e-10, atol=1e-10 * np.abs(want).max())
    y_hat = core.softmax(cache["Z3"])
    want = autograd.grad(lambda p: -anp.mean(anp.log(p[np.arange(6), labels])))(y_hat)
    np.testing.assert_allclose(trace["dY_hat"], want, rtol=1e-12)
    _, grads = core.mlp_loss_and_grads(params, X, labels, activation)
    assert all(np.array_equal(trace[key], grads[key]) for key in grads)


# Planted bugs and the per-parameter check -------------------------------------------------

WRONG = {
    "forget_activation_grad": {"W1", "b1", "W2", "b2"},
    "z_instead_of_a": {"W2", "W3"},
    "reshape_not_transpose": {"W1", "b1", "W2", "b2"},
    "batch_mean_twice": {"W1", "b1", "W2", "b2", "W3", "b3"},
    "softmax_twice": {"W1", "b1", "W2", "b2", "W3", "b3"},
}


def test_every_planted_bug_is_listed_after_none():
    assert core.MLP_BUGS[0] is None
    assert set(core.MLP_BUGS[1:]) == set(WRONG)


@pytest.mark.parametrize("activation", core.ACTIVATIONS)
@pytest.mark.parametrize("bug", core.MLP_BUGS[1:])
def test_per_parameter_check_lights_exactly_the_broken_layers(bug, activation):
    params, X, labels = _problem((4, 6), 8, activation, seed=5)
    errors = core.mlp_gradient_check(params, X, labels, activation, bug=bug)
    lit = {key for key, e in errors.items() if e > core.CHECK_TOLERANCE}
    assert lit == WRONG[bug], errors
    assert min(errors[key] for key in lit) > 1e-2
    # The loss is right whatever the bug: only the gradient is wrong.
    loss, _ = core.mlp_loss_and_grads(params, X, labels, activation, bug=bug)
    assert loss == pytest.approx(core.mlp_loss_and_grads(params, X, labels, activation)[0])


def test_bugs_that_cannot_show():
    params, X, labels = _problem((4,), 1, "tanh", seed=2)
    errors = core.mlp_gradient_check(params, X, labels, "tanh", bug="batch_mean_twice")
    assert max(errors.values()) < core.CHECK_TOLERANCE  # B = 1: 1/B is 1
    linear, X, labels = _problem((), 5, "tanh", seed=2)
    for bug in ("forget_activation_grad", "z_instead_of_a", "reshape_not_transpose"):
        errors = core.mlp_gradient_check(linear, X, labels, "tanh", bug=bug)
        assert max(errors.values()) < core.CHECK_TOLERANCE, bug  # no hidden layer


def test_numerical_grads_match_autograd():
    params, X, labels = _problem((3,), 4, "tanh", seed=9)
    numeric = core.mlp_numerical_grads(params, X, labels, "tanh", eps=1e-5)
    _assert_close_per_parameter(numeric, _oracle_grads(params, X, labels, "tanh"), 1e-7)


# Initialisation --------------------------------------------------------------------------


def test_init_shapes_and_scales():
    relu = core.mlp_init((400, 300, 2), seed=1)
    tanh = core.mlp_init((400, 300, 2), seed=1, activation="tanh")
    assert relu["W1"].std() == pytest.approx(math.sqrt(2 / 400), rel=0.02)
    assert tanh["W1"].std() == pytest.approx(math.sqrt(2 / 700), rel=0.02)
    assert relu["W2"].shape == (300, 2) and not relu["b1"].any() and not relu["b2"].any()
    fixed = core.mlp_init((400, 300, 2), seed=1, scale=0.01)
    assert fixed["W1"].std() == pytest.approx(0.01, rel=0.02)


def test_predict_and_decision_grid_agree():
    params = core.mlp_init((2, 5, 3), seed=2)
    xs, ys, classes = core.mlp_decision_grid(params, "relu", (-2, 2), (-1, 1), 7)
    assert classes.shape == (7, 7)
    assert classes[3, 5] == core.mlp_predict(params, [[xs[5], ys[3]]])[0]


# Bad input -------------------------------------------------------------------------------

GOOD = core.mlp_init((2, 3, 2), seed=0)
X2 = np.ones((2, 2))
BAD = [
    (lambda: core.mlp_init((2,), 0), "sizes must list"),
    (lambda: core.mlp_init((2, 3, 1), 0), "K >= 2"),
    (lambda: core.mlp_init((2, 0, 2), 0), "sizes"),
    (lambda: core.mlp_init((2, MAX_UNITS + 1, 2), 0), "sizes"),
    (lambda: core.mlp_init((2, 3, 2), -1), "seed"),
    (lambda: core.mlp_init((2, 3, 2), 0, scale=0.0), "scale"),
    (lambda: core.mlp_init((2, 3, 2), 0, activation="sigmoid"), "activation"),
    (lambda: core.mlp_forward({}, X2), "params must hold"),
    (lambda: core.mlp_forward({**GOOD, "W3": np.ones((2, 2))}, X2), "params must hold"),
    (lambda: core.mlp_forward({**GOOD, "b1": np.ones(2)}, X2), "b1 must have shape"),
    (lambda: core.mlp_forward({**GOOD, "W2": np.ones((2, 2))}, X2), "W2 must have 3 rows"),
    (lambda: core.mlp_forward({**GOOD, "W1": [[np.nan] * 3] * 2}, X2), "W1 must be finite"),
    (lambda: core.mlp_forward(GOOD, np.ones((2, 3))), "X must have 2 columns"),
    (lambda: core.mlp_forward(GOOD, X2, activation="Relu"), "activation"),
    (lambda: core.mlp_loss_and_grads(GOOD, X2, [0, 2]), "labels must lie"),
    (lambda: core.mlp_loss_and_grads(GOOD, X2, [0]), "one entry per row"),
    (lambda: core.mlp_loss_and_grads(GOOD, X2, [0, 1], bug="typo"), "bug must be one of"),
    (lambda: core.mlp_gradient_check(GOOD, X2, [0, 1], eps=-1.0), "eps"),
    (lambda: core.mlp_decision_grid(core.mlp_init((3, 2), 0)), "W1 must have 2 rows"),
    (lambda: core.mlp_decision_grid(GOOD, resolution=1), "resolution"),
]


@pytest.mark.parametrize(("call", "match"), BAD)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: core.mlp_forward([GOOD], X2),
        lambda: core.mlp_init(3, 0),
    ],
)
def test_wrong_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_the_app_never_imports_autograd():
    root = Path(__file__).resolve().parents[1]
    sources = [root / "app.py", *root.glob("pages/*.py"), *root.glob("sce_*/**/*.py")]
    users = [p.name for p in sources if "autograd" in p.read_text(encoding="utf-8")]
    assert not users, users
