"""Softmax regression from scratch: a linear model, its derived gradient, and gradient descent.

The model is ``logits = X W + b`` with ``W`` of shape (d, K) and ``b`` of shape (K,); the loss
is the mean cross-entropy over the batch. Its gradient with respect to the logits is
``(y_hat - y) / B``, and the chain rule through the linear layer gives
``dL/dW = X^T (y_hat - y) / B`` and ``dL/db = sum over the batch of (y_hat - y) / B``.
The ``bug`` options plant the mistakes people really make in that derivation, so a page
can show the gradient check catching each one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ._validation import (
    as_float_array,
    as_labels,
    check_choice,
    check_int,
    check_positive,
    check_range,
    check_seed,
)
from .gradcheck import numerical_grad
from .losses import chain_rule_parts, cross_entropy_from_logits, cross_entropy_grad, logits_grad
from .softmax import softmax, softmax_jacobian

BUGS = (None, "drop_off_diagonal", "forget_batch_mean", "use_dL_dyhat")
"""The gradients :func:`model_loss_and_grad` can compute: the right one (None) and three wrong."""

MAX_EPOCHS = 5000
MAX_POINTS = 100_000
_RADIUS = 2.0
_BLOWUP_FACTOR = 100.0


def _check_bug(bug) -> str | None:
    if bug is None:
        return None
    return check_choice(bug, "bug", BUGS[1:])


def _as_class_labels(labels, n_classes: int) -> np.ndarray:
    """Return ``labels`` as a 1-D int64 array of class indices in ``[0, n_classes)``."""
    arr = np.asarray(labels)
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"labels must be integer class indices, got dtype {arr.dtype}")
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"labels must be a non-empty vector (N,), got shape {arr.shape}")
    if arr.dtype.kind == "f" and not (np.isfinite(arr).all() and (arr == np.round(arr)).all()):
        raise ValueError("labels must be whole numbers (class indices)")
    if ((arr < 0) | (arr >= n_classes)).any():
        bad = arr[(arr < 0) | (arr >= n_classes)][0]
        raise ValueError(f"labels must lie in [0, {n_classes - 1}], got {bad}")
    return arr.astype(np.int64)


def _as_params(W, b) -> tuple[np.ndarray, np.ndarray]:
    w = as_float_array(W, "W", min_ndim=2).astype(np.float64)
    bias = as_float_array(b, "b").astype(np.float64)
    if bias.shape != (w.shape[1],):
        raise ValueError(
            f"b must have shape ({w.shape[1]},) to match W {w.shape}, got {bias.shape}"
        )
    return w, bias


def _as_inputs(X, n_features: int) -> np.ndarray:
    x = as_float_array(X, "X", min_ndim=2).astype(np.float64)
    if x.shape[1] != n_features:
        raise ValueError(f"X must have {n_features} columns to match W, got shape {x.shape}")
    return x


def make_blobs(
    n_points: int, n_classes: int = 3, seed: int = 0, spread: float = 0.6
) -> tuple[np.ndarray, np.ndarray]:
    """A 2-D toy data set: one Gaussian blob per class, the centres evenly spaced on a circle.

    Parameters
    ----------
    n_points : int
        Number of points N, in [n_classes, 100000]; the classes get N // K points each,
        the first N % K classes one more.
    n_classes : int, default 3
        K, in [2, 10].
    seed : int, default 0
        Seed of ``np.random.default_rng``; the same seed gives the same data.
    spread : float, default 0.6
        Standard deviation of each blob; the centres lie at distance 2 from the origin.

    Returns
    -------
    X : ndarray, float64, shape (N, 2)
    labels : ndarray, int64, shape (N,)
        Class indices in shuffled order.

    Examples
    --------
    >>> X, labels = make_blobs(6, n_classes=3, seed=0)
    >>> X.shape, np.bincount(labels).tolist()
    ((6, 2), [2, 2, 2])
    """
    n_classes = check_int(n_classes, "n_classes", 2, 10)
    n_points = check_int(n_points, "n_points", n_classes, MAX_POINTS)
    rng = np.random.default_rng(check_seed(seed))
    spread = check_positive(spread, "spread")
    angles = np.pi / 2 + 2 * np.pi * np.arange(n_classes) / n_classes
    centres = _RADIUS * np.column_stack([np.cos(angles), np.sin(angles)])
    labels = rng.permutation(np.arange(n_points) % n_classes)
    X = centres[labels] + spread * rng.standard_normal((n_points, 2))
    return X, labels.astype(np.int64)


def one_hot(labels, n_classes: int) -> np.ndarray:
    """One-hot rows ``Y[k, labels[k]] = 1`` for class indices.

    Parameters
    ----------
    labels : array_like of int, shape (N,)
        Class indices in ``[0, n_classes)`` (whole-number floats are accepted).
    n_classes : int
        K, in [1, 10000].

    Returns
    -------
    ndarray, float64, shape (N, K)

    Examples
    --------
    >>> one_hot([2, 0], 3)
    array([[0., 0., 1.],
           [1., 0., 0.]])
    """
    n_classes = check_int(n_classes, "n_classes", 1, 10_000)
    lab = _as_class_labels(labels, n_classes)
    out = np.zeros((lab.size, n_classes))
    out[np.arange(lab.size), lab] = 1.0
    return out


class LossAndGrad(NamedTuple):
    """The mean cross-entropy of the model and its gradients with respect to W and b."""

    loss: float
    dW: np.ndarray
    """Shape (d, K)."""
    db: np.ndarray
    """Shape (K,)."""


def _mean_loss(logits: np.ndarray, Y: np.ndarray) -> float:
    return float(np.mean(cross_entropy_from_logits(logits, Y)))


def _dlogits(logits: np.ndarray, Y: np.ndarray, bug: str | None) -> np.ndarray:
    """``dL/dlogits`` of the mean loss, shape (B, K), right (bug None) or wrong as asked."""
    if bug == "drop_off_diagonal":
        g = chain_rule_parts(logits, Y).same
    elif bug == "use_dL_dyhat":
        with np.errstate(divide="ignore"):
            g = cross_entropy_grad(softmax(logits), Y)
    else:
        g = logits_grad(logits, Y)
    return g if bug == "forget_batch_mean" else g / logits.shape[0]


def _dlogits_full_jacobian(logits: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """``dL/dlogits`` as ``J^T dL/dy_hat`` per sample: a (B, K, K) array of Jacobians."""
    with np.errstate(divide="ignore", invalid="ignore"):
        dl_dyhat = cross_entropy_grad(softmax(logits), Y)
        g = np.einsum("bi,bij->bj", dl_dyhat, softmax_jacobian(logits))
    return g / logits.shape[0]


def model_loss_and_grad(W, b, X, Y, bug: str | None = None) -> LossAndGrad:
    """Mean cross-entropy of ``softmax(X W + b)`` against ``Y``, with its (maybe buggy) gradient.

    Parameters
    ----------
    W : array_like, shape (d, K)
    b : array_like, shape (K,)
    X : array_like, shape (B, d)
        Inputs, one row per example.
    Y : array_like, shape (B, K)
        Non-negative labels, one-hot rows usually (see :func:`one_hot`).
    bug : {None, "drop_off_diagonal", "forget_batch_mean", "use_dL_dyhat"}
        None for the right gradient. "drop_off_diagonal" keeps only the i = j term of
        the chain rule, ``-y (1 - y_hat)``; "forget_batch_mean" leaves out the 1/B;
        "use_dL_dyhat" uses ``dL/dy_hat = -y / y_hat`` as if it were ``dL/dx``.

    Returns
    -------
    LossAndGrad
        ``loss`` (the mean, a float), ``dW`` and ``db``.

    Raises
    ------
    ValueError
        For shapes that do not fit together, non-finite values, negative labels or an
        unknown ``bug``.

    Notes
    -----
    With ``G = (y_hat - y) / B`` (each row from :func:`sce_core.logits_grad`), ``dW = X^T G``
    and ``db = sum_k G[k]``. Whatever ``bug`` is, the loss is right: only the gradient
    is wrong, which is what makes such bugs hard to see without a gradient check.

    Examples
    --------
    >>> r = model_loss_and_grad(np.zeros((2, 2)), np.zeros(2), [[1.0, 0.0]], [[1, 0]])
    >>> round(r.loss, 4), r.dW.tolist(), r.db.tolist()
    (0.6931, [[-0.5, 0.5], [0.0, 0.0]], [-0.5, 0.5])
    """
    bug = _check_bug(bug)
    w, bias = _as_params(W, b)
    x = _as_inputs(X, w.shape[0])
    logits = x @ w + bias
    lab = as_labels(Y, logits, "Y")
    g = _dlogits(logits, lab, bug)
    # "use_dL_dyhat" can hold -inf (an underflowed y_hat); it is returned as computed.
    with np.errstate(invalid="ignore", over="ignore"):
        dW, db = x.T @ g, np.sum(g, axis=0)
    return LossAndGrad(loss=_mean_loss(logits, lab), dW=dW, db=db)


def gradient_check_model(W, b, X, Y, bug: str | None = None, eps: float = 1e-6) -> float:
    """Compare the analytic gradient of :func:`model_loss_and_grad` with finite differences.

    Parameters
    ----------
    W, b, X, Y : array_like
        As :func:`model_loss_and_grad`.
    bug : str or None, default None
        Which gradient to check (see :func:`model_loss_and_grad`).
    eps : float, default 1e-6
        The step of :func:`sce_core.numerical_grad`.

    Returns
    -------
    float
        ``max_k |a_k - n_k| / max(max_k |a_k|, max_k |n_k|)`` over all ``d K + K``
        parameters, for the analytic ``a`` and numerical ``n`` gradients; ``inf`` if the
        analytic gradient is not finite. Below 1e-6 for the right gradient.

    Notes
    -----
    Each error is scaled by the largest gradient component rather than by its own
    component: finite differences carry an absolute error of about 1e-10, which would
    look like a large relative error on a component that happens to be near 0.
    "forget_batch_mean" is invisible with a single example (B = 1), where 1/B = 1.

    Examples
    --------
    >>> W, b = np.array([[0.5, -0.2], [0.1, 0.3]]), np.array([0.0, 0.1])
    >>> X, Y = [[1.0, 2.0], [-1.0, 0.5]], [[1, 0], [0, 1]]
    >>> gradient_check_model(W, b, X, Y) < 1e-6
    True
    >>> gradient_check_model(W, b, X, Y, bug="forget_batch_mean") > 1e-2
    True
    """
    w, bias = _as_params(W, b)
    x = _as_inputs(X, w.shape[0])
    analytic = model_loss_and_grad(w, bias, x, Y, bug)
    a = np.concatenate([analytic.dW.ravel(), analytic.db])
    if not np.isfinite(a).all():
        return math.inf
    lab = as_labels(Y, x @ w + bias, "Y")

    def loss_of(theta: np.ndarray) -> float:
        return _mean_loss(x @ theta[: w.size].reshape(w.shape) + theta[w.size :], lab)

    n = numerical_grad(loss_of, np.concatenate([w.ravel(), bias]), eps=eps)
    scale = max(np.max(np.abs(a)), np.max(np.abs(n)))
    return 0.0 if scale == 0 else float(np.max(np.abs(a - n)) / scale)


@dataclass(frozen=True)
class TrainResult:
    """What :func:`train` returns: the parameters reached and the history that led there."""

    W: np.ndarray
    """Shape (d, K): the last parameters with a finite loss."""
    b: np.ndarray
    """Shape (K,)."""
    loss_history: np.ndarray
    """``loss_history[k]`` is the mean loss after k epochs; entry 0 is before any step."""
    accuracy_history: np.ndarray
    """Training accuracy in [0, 1] after k epochs, aligned with ``loss_history``."""
    status: str
    """"ok", or "diverged" when training stopped early."""
    diverged_at: int | None = None
    """The epoch (1-based) whose loss was non-finite or above 100 times the start; else None."""

    @property
    def epochs_run(self) -> int:
        """Number of gradient steps whose result is in the history."""
        return self.loss_history.size - 1


def _check_training_args(X, labels, n_classes, lr, epochs, seed, callback):
    n_classes = check_int(n_classes, "n_classes", 2, 10_000)
    x = as_float_array(X, "X", min_ndim=2).astype(np.float64)
    lab = _as_class_labels(labels, n_classes)
    if lab.size != x.shape[0]:
        raise ValueError(f"labels must have one entry per row of X ({x.shape[0]}), got {lab.size}")
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be callable or None, got {callback!r}")
    return (
        x,
        lab,
        one_hot(lab, n_classes),
        check_positive(lr, "lr"),
        check_int(epochs, "epochs", 1, MAX_EPOCHS),
        check_seed(seed),
    )


def _descend(x, lab, Y, lr, epochs, seed, callback, dlogits: Callable) -> TrainResult:
    """Full-batch gradient descent from a seeded small random start; stops at divergence."""
    rng = np.random.default_rng(seed)
    W = 0.01 * rng.standard_normal((x.shape[1], Y.shape[1]))
    b = np.zeros(Y.shape[1])
    logits = x @ W + b
    losses, accuracies = [_mean_loss(logits, Y)], [_accuracy(logits, lab)]
    diverged_at = None
    for epoch in range(1, epochs + 1):
        g = dlogits(logits, Y)
        with np.errstate(all="ignore"):
            W_next, b_next = W - lr * (x.T @ g), b - lr * np.sum(g, axis=0)
            logits_next = x @ W_next + b_next
            # Logits near the float limit can still give an infinite loss via x - max(x).
            loss = _mean_loss(logits_next, Y) if np.isfinite(logits_next).all() else math.nan
        if not math.isfinite(loss):
            diverged_at = epoch
            break
        W, b, logits = W_next, b_next, logits_next
        losses.append(loss)
        accuracies.append(_accuracy(logits, lab))
        if callback is not None:
            callback(epoch, loss)
        if loss > _BLOWUP_FACTOR * losses[0]:
            diverged_at = epoch
            break
    return TrainResult(
        W=W,
        b=b,
        loss_history=np.array(losses),
        accuracy_history=np.array(accuracies),
        status="ok" if diverged_at is None else "diverged",
        diverged_at=diverged_at,
    )


def _accuracy(logits: np.ndarray, lab: np.ndarray) -> float:
    return float(np.mean(np.argmax(logits, axis=1) == lab))


def train(
    X,
    labels,
    n_classes: int,
    lr: float,
    epochs: int,
    bug: str | None = None,
    seed: int = 0,
    callback: Callable[[int, float], object] | None = None,
) -> TrainResult:
    """Fit softmax regression by full-batch gradient descent on the mean cross-entropy.

    Parameters
    ----------
    X : array_like, shape (N, d)
        Inputs.
    labels : array_like of int, shape (N,)
        Class indices in ``[0, n_classes)``.
    n_classes : int
        K >= 2.
    lr : float
        Learning rate, finite and > 0.
    epochs : int
        Number of gradient steps, in [1, 5000].
    bug : str or None, default None
        Train with one of the wrong gradients of :func:`model_loss_and_grad`.
    seed : int, default 0
        Seed of the random start ``W ~ 0.01 N(0, 1)``, ``b = 0``.
    callback : callable, optional
        Called as ``callback(epoch, loss)`` after every step (epoch from 1), e.g. to move
        a progress bar.

    Returns
    -------
    TrainResult
        ``W``, ``b``, ``loss_history``, ``accuracy_history``, ``status`` and ``diverged_at``.

    Raises
    ------
    ValueError
        For a non-positive or non-finite ``lr``, ``epochs`` outside [1, 5000], labels out
        of range or not one per row of ``X``, or an unknown ``bug``. TypeError for
        values of the wrong type.

    Notes
    -----
    Each step is ``W -= lr X^T G``, ``b -= lr sum_k G[k]`` with ``G = (y_hat - y) / B``.
    Training stops with status "diverged" at the first epoch whose loss is not finite
    (that step is not kept, so no NaN is ever returned) or exceeds 100 times the
    starting loss (that step is kept, to show the blow-up).

    Examples
    --------
    >>> X, labels = make_blobs(90, seed=1)
    >>> result = train(X, labels, n_classes=3, lr=0.5, epochs=50)
    >>> result.status, bool(result.loss_history[-1] < result.loss_history[0])
    ('ok', True)
    """
    x, lab, Y, lr, epochs, seed = _check_training_args(
        X, labels, n_classes, lr, epochs, seed, callback
    )
    bug = _check_bug(bug)
    return _descend(x, lab, Y, lr, epochs, seed, callback, lambda z, y: _dlogits(z, y, bug))


def train_with_full_jacobian(
    X,
    labels,
    n_classes: int,
    lr: float,
    epochs: int,
    seed: int = 0,
    callback: Callable[[int, float], object] | None = None,
) -> TrainResult:
    """:func:`train` with ``dL/dx`` computed the long way, through every softmax Jacobian.

    Parameters
    ----------
    X, labels, n_classes, lr, epochs, seed, callback
        As :func:`train`.

    Returns
    -------
    TrainResult
        The same as ``train`` (to rounding), only slower.

    Notes
    -----
    Forms ``J = diag(y_hat) - y_hat y_hat^T`` for every example, a (B, K, K) array, and
    multiplies ``J^T (-y / y_hat)``: ``O(B K^2)`` work and memory where ``y_hat - y``
    needs ``O(B K)``. It also divides by ``y_hat``, so an underflowed probability gives
    ``0 * inf = nan`` (and status "diverged") where ``y_hat - y`` stays finite.

    Examples
    --------
    >>> X, labels = make_blobs(30, seed=1)
    >>> a = train(X, labels, 3, lr=0.5, epochs=5)
    >>> b = train_with_full_jacobian(X, labels, 3, lr=0.5, epochs=5)
    >>> bool(np.allclose(a.W, b.W, rtol=0, atol=1e-12))
    True
    """
    x, lab, Y, lr, epochs, seed = _check_training_args(
        X, labels, n_classes, lr, epochs, seed, callback
    )
    return _descend(x, lab, Y, lr, epochs, seed, callback, _dlogits_full_jacobian)


def predict(W, b, X) -> np.ndarray:
    """The predicted class of each row of ``X``: ``argmax(X W + b)``.

    Parameters
    ----------
    W : array_like, shape (d, K)
    b : array_like, shape (K,)
    X : array_like, shape (N, d)

    Returns
    -------
    ndarray, int64, shape (N,)

    Examples
    --------
    >>> predict(np.eye(2), np.zeros(2), [[1.0, 0.0], [0.0, 3.0]])
    array([0, 1])
    """
    w, bias = _as_params(W, b)
    return np.argmax(_as_inputs(X, w.shape[0]) @ w + bias, axis=1).astype(np.int64)


def decision_grid(
    W, b, x_range=(-4.0, 4.0), y_range=(-4.0, 4.0), resolution: int = 100
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The predicted class on a grid of the plane, for a decision-region plot.

    Parameters
    ----------
    W : array_like, shape (2, K)
    b : array_like, shape (K,)
    x_range, y_range : (float, float)
        The intervals of the horizontal and vertical axes.
    resolution : int, default 100
        Grid points per axis, in [2, 1001].

    Returns
    -------
    xs, ys : ndarray, shape (resolution,)
    classes : ndarray, int64, shape (resolution, resolution)
        ``classes[i, j]`` is the prediction at ``(xs[j], ys[i])``.

    Examples
    --------
    >>> xs, ys, classes = decision_grid(np.eye(2), np.zeros(2), (-1, 1), (-1, 1), 3)
    >>> classes
    array([[0, 0, 0],
           [1, 0, 0],
           [1, 1, 0]])
    """
    w, bias = _as_params(W, b)
    if w.shape[0] != 2:
        raise ValueError(f"W must have 2 rows for a plane of inputs, got shape {w.shape}")
    resolution = check_int(resolution, "resolution", 2, 1001)
    xs = np.linspace(*check_range(x_range, "x_range"), resolution)
    ys = np.linspace(*check_range(y_range, "y_range"), resolution)
    gx, gy = np.meshgrid(xs, ys)
    classes = predict(w, bias, np.column_stack([gx.ravel(), gy.ravel()]))
    return xs, ys, classes.reshape(resolution, resolution)
