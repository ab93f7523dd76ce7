"""Training the multilayer perceptron of :mod:`sce_core.mlp` by gradient descent.

Full-batch or mini-batch steps ``theta -= lr * grads[theta]`` on the mean cross-entropy,
with the bounds and the divergence rule of :func:`sce_core.train`, and snapshots of the
parameters for a picture of training.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._validation import as_float_array, check_int, check_positive, check_seed
from .mlp import (
    MAX_UNITS,
    _as_params,
    _backward,
    _check_activation,
    _check_bug,
    _check_sizes,
    _forward,
    _mean_loss,
    _pair,
    mlp_init,
)
from .training import _BLOWUP_FACTOR, MAX_EPOCHS, MAX_POINTS, _as_class_labels

MAX_SNAPSHOTS = 200


@dataclass(frozen=True)
class MLPTrainResult:
    """What :func:`mlp_train` returns: the parameters reached and the history that led there."""

    params: dict
    """The last parameters with a finite loss."""
    loss_history: np.ndarray
    """``loss_history[k]``: the mean loss over all the data after k epochs (0: the start)."""
    accuracy_history: np.ndarray
    """Training accuracy in [0, 1] after k epochs, aligned with ``loss_history``."""
    snapshots: tuple
    """``(epoch, params)`` pairs at evenly spaced epochs, the first (0) and last included."""
    status: str
    """"ok", or "diverged" when training stopped early."""
    diverged_at: int | None = None
    """The epoch (1-based) whose loss was non-finite or above 100 times the start; else None."""

    @property
    def epochs_run(self) -> int:
        """Number of epochs whose result is in the history."""
        return self.loss_history.size - 1


def _snapshot_epochs(epochs: int, n_snapshots: int) -> set[int]:
    return {round(float(e)) for e in np.linspace(0, epochs, min(n_snapshots, epochs + 1))}


def _as_dict(layers) -> dict:
    pairs = (_pair(k, W, b) for k, (W, b) in enumerate(layers, 1))
    return {key: value.copy() for pair in pairs for key, value in pair}


def _step(layers, x, lab, activation, lr, bug):
    """One step of gradient descent on the batch ``x``, or None where its logits are not
    finite: the weights have blown up between two epochs' checks, and the backward pass
    cannot take a softmax of inf."""
    cache = _forward(layers, x, activation)
    if not np.isfinite(cache[f"Z{len(layers)}"]).all():
        return None
    grads = _backward(layers, cache, lab, activation, bug)
    return [
        (W - lr * grads[f"W{k}"], b - lr * grads[f"b{k}"]) for k, (W, b) in enumerate(layers, 1)
    ]


def _evaluate(layers, x, lab, activation) -> tuple[float, float]:
    with np.errstate(all="ignore"):
        logits = _forward(layers, x, activation)[f"Z{len(layers)}"]
    if not np.isfinite(logits).all():
        return math.nan, 0.0
    return _mean_loss(logits, lab), float(np.mean(np.argmax(logits, axis=1) == lab))


def _check_train_args(X, labels, n_classes, hidden, batch_size, n_snapshots, callback):
    n_classes = check_int(n_classes, "n_classes", 2, MAX_UNITS)
    x = as_float_array(X, "X", min_ndim=2).astype(np.float64)
    lab = _as_class_labels(labels, n_classes)
    if lab.size != x.shape[0]:
        raise ValueError(f"labels must have one entry per row of X ({x.shape[0]}), got {lab.size}")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable or None, got {callback!r}")
    try:
        sizes = (x.shape[1], *hidden, n_classes)
    except TypeError:
        raise TypeError(f"hidden must be a sequence of layer sizes, got {hidden!r}") from None
    batch = x.shape[0]
    if batch_size is not None:
        batch = min(batch, check_int(batch_size, "batch_size", 1, MAX_POINTS))
    snaps = check_int(n_snapshots, "n_snapshots", 2, MAX_SNAPSHOTS)
    return x, lab, _check_sizes(sizes), batch, snaps


def mlp_train(
    X,
    labels,
    n_classes: int,
    hidden=(32, 32),
    activation: str = "relu",
    lr: float = 0.3,
    epochs: int = 200,
    batch_size: int | None = 32,
    bug: str | None = None,
    seed: int = 0,
    callback: Callable[[int, float], object] | None = None,
    n_snapshots: int = 21,
) -> MLPTrainResult:
    """Train a network by gradient descent on the mean cross-entropy, full-batch or mini-batch.

    Parameters
    ----------
    X : array_like, shape (N, d)
    labels : array_like of int, shape (N,)
        Class indices in ``[0, n_classes)``.
    n_classes : int
        K >= 2.
    hidden : sequence of int, default (32, 32)
        The hidden layers' sizes, 0 to 4 of them, each in [1, 1024]; ``()`` is the
        linear model.
    activation : {"relu", "tanh"}, default "relu"
    lr : float, default 0.3
        Learning rate, finite and > 0.
    epochs : int, default 200
        Passes over the data, in [1, 5000] (:data:`sce_core.MAX_EPOCHS`).
    batch_size : int or None, default 32
        Rows per step, at least 1; more than N counts as N. None takes all N rows: full
        batch, one step per epoch. The defaults fit 3 spirals of 300 points in about
        50 epochs (mini-batch steps take 10 small steps per epoch).
    bug : one of :data:`MLP_BUGS`, default None
        Train with one of the wrong gradients of :func:`mlp_loss_and_grads`.
    seed : int, default 0
        Seed of the starting weights (:func:`mlp_init`) and of the order of the rows,
        shuffled at every epoch when ``batch_size < N``.
    callback : callable, optional
        Called as ``callback(epoch, loss)`` after every epoch (from 1).
    n_snapshots : int, default 21
        How many parameter sets to keep for a picture of training, in [2, 200].

    Returns
    -------
    MLPTrainResult
        ``params``, ``loss_history``, ``accuracy_history``, ``snapshots``, ``status``
        and ``diverged_at``.

    Raises
    ------
    ValueError
        For arguments out of range, labels out of range or not one per row of ``X``, an
        unknown activation or bug. TypeError for values of the wrong type.

    Notes
    -----
    Each step is ``theta -= lr * grads[theta]`` for every parameter, with the gradients
    of the batch from :func:`mlp_loss_and_grads`. As :func:`sce_core.train`, training
    stops with status "diverged" at the first epoch whose loss is not finite, or in which
    a step's logits were not finite (that epoch is not kept), or whose loss exceeds 100
    times the starting loss (kept, to show the blow-up).

    Examples
    --------
    >>> from sce_core.datasets import make_moons
    >>> X, labels = make_moons(60, seed=0)
    >>> result = mlp_train(X, labels, 2, hidden=(8,), epochs=100)
    >>> result.status, bool(result.accuracy_history[-1] > 0.8)
    ('ok', True)
    """
    x, lab, sizes, batch, snaps = _check_train_args(
        X, labels, n_classes, hidden, batch_size, n_snapshots, callback
    )
    activation, bug = _check_activation(activation), _check_bug(bug)
    lr, epochs = check_positive(lr, "lr"), check_int(epochs, "epochs", 1, MAX_EPOCHS)
    rng = np.random.default_rng(check_seed(seed))
    layers = _as_params(mlp_init(sizes, seed=seed, activation=activation))
    loss, accuracy = _evaluate(layers, x, lab, activation)
    losses, accuracies, keep = [loss], [accuracy], _snapshot_epochs(epochs, snaps)
    snapshots, diverged_at = [(0, _as_dict(layers))], None
    for epoch in range(1, epochs + 1):
        order = rng.permutation(lab.size) if batch < lab.size else np.arange(lab.size)
        trial = layers
        with np.errstate(all="ignore"):
            for start in range(0, lab.size, batch):
                rows = order[start : start + batch]
                trial = _step(trial, x[rows], lab[rows], activation, lr, bug)
                if trial is None:  # a step's logits overflowed: the epoch diverged
                    break
        loss, accuracy = (math.inf, 0.0) if trial is None else _evaluate(trial, x, lab, activation)
        if not math.isfinite(loss):
            diverged_at = epoch
            break
        layers = trial
        losses.append(loss)
        accuracies.append(accuracy)
        if callback is not None:
            callback(epoch, loss)
        if epoch in keep:
            snapshots.append((epoch, _as_dict(layers)))
        if loss > _BLOWUP_FACTOR * losses[0]:
            diverged_at = epoch
            break
    if snapshots[-1][0] != len(losses) - 1:
        snapshots.append((len(losses) - 1, _as_dict(layers)))
    return MLPTrainResult(
        params=_as_dict(layers),
        loss_history=np.array(losses),
        accuracy_history=np.array(accuracies),
        snapshots=tuple(snapshots),
        status="ok" if diverged_at is None else "diverged",
        diverged_at=diverged_at,
    )
