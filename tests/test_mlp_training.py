"""Training the network: the history, the snapshots, one exact step, divergence, seeds."""

import numpy as np
import pytest

import sce_core as core

X2 = np.ones((2, 2))


def test_seeds_are_reproducible():
    a, b, c = (core.mlp_init((2, 8, 3), seed=s) for s in (4, 4, 5))
    assert all(np.array_equal(a[k], b[k]) for k in a)
    assert not np.array_equal(a["W1"], c["W1"])
    X, labels = core.make_spirals(60, seed=1)
    one, two = (core.mlp_train(X, labels, 3, (8,), epochs=5, seed=3) for _ in range(2))
    np.testing.assert_array_equal(one.loss_history, two.loss_history)
    np.testing.assert_array_equal(one.params["W2"], two.params["W2"])


def test_training_history_snapshots_and_callback():
    X, labels = core.make_moons(50, seed=2)
    seen = []
    result = core.mlp_train(
        X,
        labels,
        2,
        (6,),
        "tanh",
        epochs=30,
        batch_size=None,
        n_snapshots=4,
        callback=lambda e, loss: seen.append((e, loss)),
    )
    assert result.status == "ok" and result.epochs_run == 30
    assert [e for e, _ in seen] == list(range(1, 31))
    np.testing.assert_allclose([loss for _, loss in seen], result.loss_history[1:], rtol=0)
    assert [e for e, _ in result.snapshots] == [0, 10, 20, 30]
    last = result.snapshots[-1][1]
    assert all(np.array_equal(last[k], result.params[k]) for k in last)
    start = core.mlp_init((2, 6, 2), seed=0, activation="tanh")
    assert np.array_equal(result.snapshots[0][1]["W1"], start["W1"])
    loss0, _ = core.mlp_loss_and_grads(start, X, labels, "tanh")
    assert result.loss_history[0] == pytest.approx(loss0, rel=1e-12)
    assert result.loss_history[-1] < result.loss_history[0]


def test_full_batch_step_is_one_gradient_step():
    X, labels = core.make_blobs(20, 3, seed=1)
    result = core.mlp_train(X, labels, 3, (5,), lr=0.2, epochs=1, batch_size=None)
    start = core.mlp_init((2, 5, 3), seed=0)
    _, grads = core.mlp_loss_and_grads(start, X, labels)
    for key in start:
        np.testing.assert_allclose(result.params[key], start[key] - 0.2 * grads[key], atol=1e-15)


def test_training_stops_when_it_diverges_and_never_returns_nan():
    X, labels = core.make_spirals(60, seed=0)
    result = core.mlp_train(X * 50, labels, 3, (16,), lr=1e4, epochs=50, batch_size=None)
    assert result.status == "diverged" and result.diverged_at is not None
    assert np.isfinite(result.loss_history).all()
    assert all(np.isfinite(v).all() for v in result.params.values())


def test_logits_that_overflow_within_an_epoch_stop_training_as_diverged():
    """Mini-batch steps can blow the weights up between two epochs' checks: the next step's
    logits overflowed and softmax refused them, so the network lab read 'These settings
    cannot be trained: logits must be finite' (spirals, η = 3, the activation's gradient
    forgotten). It is a divergence like any other, its epoch not kept."""
    X, labels = core.make_spirals(300, seed=0)
    result = core.mlp_train(
        X, labels, 3, (32, 32), lr=3.0, epochs=200, batch_size=32, bug="forget_activation_grad"
    )
    assert result.status == "diverged" and result.diverged_at is not None
    assert len(result.loss_history) == result.diverged_at  # epochs 0 .. diverged_at - 1
    assert np.isfinite(result.loss_history).all()
    assert all(np.isfinite(v).all() for v in result.params.values())


BAD = [
    (lambda: core.mlp_train(X2, [0, 1], 2, lr=0.0), "lr"),
    (lambda: core.mlp_train(X2, [0, 1], 2, epochs=0), "epochs"),
    (lambda: core.mlp_train(X2, [0, 1], 2, epochs=core.MAX_EPOCHS + 1), "epochs"),
    (lambda: core.mlp_train(X2, [0, 1], 2, batch_size=0), "batch_size"),
    (lambda: core.mlp_train(X2, [0, 1], 2, hidden=(3,) * 5), "sizes must list"),
    (lambda: core.mlp_train(X2, [0, 1], 2, n_snapshots=1), "n_snapshots"),
    (lambda: core.mlp_train(X2, [0, 1], 1), "n_classes"),
]


@pytest.mark.parametrize(("call", "match"), BAD)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: core.mlp_train(X2, [0, 1], 2, callback=3),
        lambda: core.mlp_train(X2, [0, 1], 2, hidden=3),
    ],
)
def test_wrong_types_raise_type_error(call):
    with pytest.raises(TypeError):
        call()
