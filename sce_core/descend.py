"""Gradient descent on one example's logits: x <- x - lr * dL/dx, step by step.

The logits themselves are the parameters here, so each step is the update the
derivation ends in, ``x <- x - lr (y_hat - y)``, applied to the learner's own numbers.
"""

from __future__ import annotations

from numbers import Real
from typing import NamedTuple

import numpy as np

from ._validation import (
    as_float_array,
    as_labels,
    check_int,
    check_positive,
    check_range,
    check_temperature,
)
from .losses import cross_entropy_from_logits, logits_grad
from .softmax import softmax

MAX_DESCENT_STEPS = 10_000
"""The most steps :func:`gradient_descent_path` takes."""


def _start(x, y, lr, steps, temperature):
    start = as_float_array(x, "x").astype(np.float64)
    if start.ndim != 1 or start.size < 2:
        raise ValueError(f"x must be one vector of at least 2 logits, got shape {start.shape}")
    lab = as_labels(y, start, "y")
    if not lab.sum() > 0:
        raise ValueError(f"y must have a positive entry, got {np.array2string(lab)}")
    return (
        start,
        lab,
        check_positive(lr, "lr"),
        check_int(steps, "steps", 0, MAX_DESCENT_STEPS),
        check_temperature(temperature),
    )


def safe_learning_rate(y, temperature: float = 1.0) -> float:
    """The largest learning rate for which no step can raise the loss: ``4 T**2 / sum(y)``.

    Parameters
    ----------
    y : array_like, shape (n,)
        Non-negative labels, not all 0.
    temperature : float, default 1.0
        T > 0.

    Returns
    -------
    float
        ``4 T**2 / sum(y)``: 4 for one-hot or any labels summing to 1 at T = 1.

    Raises
    ------
    ValueError
        For negative, non-finite or all-zero labels, or a temperature that is not > 0.

    Notes
    -----
    ``L(x) = sum(y) logsumexp(x / T) - y . x / T`` has the Hessian
    ``H = sum(y) (diag(y_hat) - y_hat y_hat^T) / T**2``. For a unit vector v,
    ``v^T (diag(y_hat) - y_hat y_hat^T) v`` is the variance of the values ``v_i`` drawn
    with probabilities ``y_hat_i``; by Popoviciu's inequality it is at most
    ``(max v - min v)**2 / 4 <= (sqrt 2)**2 / 4 = 1/2``. So L is M-smooth with
    ``M = sum(y) / (2 T**2)``, and the descent lemma gives
    ``L(x - lr g) <= L(x) - lr (1 - M lr / 2) |g|**2``: the loss never rises for
    ``lr <= 2 / M = 4 T**2 / sum(y)`` (it falls while g != 0 below that bound). The
    bound is tight: two classes with ``y = (1/2, 1/2)`` near ``x_1 = x_2`` have
    curvature 1/2 there, and ``lr = 4.2`` makes the loss rise.

    Examples
    --------
    >>> safe_learning_rate([0, 1, 0]), safe_learning_rate([1, 1], temperature=0.5)
    (4.0, 0.5)
    """
    lab = as_labels(y, np.zeros(np.shape(y)), "y")
    total = float(lab.sum())
    if not total > 0:
        raise ValueError(f"y must have a positive entry, got {np.array2string(lab)}")
    t = check_temperature(temperature)
    return 4.0 * t * t / total


def gradient_descent_path(x, y, lr, steps, temperature: float = 1.0):
    """Gradient descent on the logits ``x`` for the cross-entropy against ``y``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Finite starting logits, n >= 2.
    y : array_like, shape (n,)
        Non-negative labels, not all 0: one-hot, soft, or any weights.
    lr : float
        Learning rate, finite and > 0.
    steps : int
        Number of steps, 0 to 10,000.
    temperature : float, default 1.0
        T > 0: the loss is that of ``softmax(x / T)``.

    Returns
    -------
    logits : ndarray, shape (steps + 1, n)
        Row 0 is the start, row k the logits after k steps.
    losses : ndarray, shape (steps + 1,)
        The cross-entropy at each row.

    Raises
    ------
    ValueError
        For bad logits or labels, all-zero labels, ``lr`` not finite and > 0, ``steps``
        outside 0..10,000, or a temperature that is not > 0. TypeError if ``steps`` is
        not an integer or ``lr`` not a number.

    Notes
    -----
    Each step is ``x <- x - lr * (y_hat * sum(y) - y) / T`` with ``y_hat = softmax(x / T)``
    (:func:`logits_grad`), which is ``x - lr (y_hat - y)`` for labels summing to 1 at T = 1.
    The loss never rises for ``lr <= 4 T**2 / sum(y)`` (:func:`safe_learning_rate`
    proves the bound), so for every ``lr <= 1`` when ``sum(y) <= 4 T**2``, one-hot labels
    at T = 1 included. Losses come from :func:`cross_entropy_from_logits`, finite for
    any finite logits.

    Examples
    --------
    >>> logits, losses = gradient_descent_path([0.0, 0.0], [1, 0], lr=1.0, steps=2)
    >>> logits.round(3)
    array([[ 0.   ,  0.   ],
           [ 0.5  , -0.5  ],
           [ 0.769, -0.769]])
    >>> losses.round(3)
    array([0.693, 0.313, 0.195])
    """
    start, lab, rate, count, t = _start(x, y, lr, steps, temperature)
    logits = np.empty((count + 1, start.size))
    logits[0] = start
    for k in range(count):
        logits[k + 1] = logits[k] - rate * logits_grad(logits[k], lab, t)
    return logits, np.asarray(
        cross_entropy_from_logits(logits, np.broadcast_to(lab, logits.shape), t)
    )


class DescentReport(NamedTuple):
    """A run of :func:`gradient_descent_path` with what a page says about it."""

    logits: np.ndarray
    """(steps + 1, n): row 0 the start."""
    losses: np.ndarray
    """(steps + 1,)."""
    y_hat: np.ndarray
    """(steps + 1, n): ``softmax(logits / T)``."""
    grads: np.ndarray
    """(steps + 1, n): ``dL/dx`` at each row, ``y_hat - y`` for labels summing to 1 at T = 1."""
    grad_norms: np.ndarray
    """(steps + 1,): the Euclidean norm of each gradient."""
    rose: np.ndarray
    """(steps,) bool: step k raised the loss (beyond float round-off)."""
    crossed: np.ndarray
    """(steps,) bool: step k moved some ``y_hat_j`` past its target ``y_j`` (a sign change
    of ``y_hat_j - y_j``): the step overshot the target."""
    largest_push: np.ndarray
    """(steps + 1,) int: the class whose logit moves most at each row, ``argmax |dL/dx|``."""
    safe_lr: float
    """:func:`safe_learning_rate`: no step raises the loss at or below it."""


def descent_report(x, y, lr, steps, temperature: float = 1.0) -> DescentReport:
    """:func:`gradient_descent_path` with ``y_hat``, gradients and overshoots at each step.

    Parameters
    ----------
    x, y, lr, steps, temperature
        As for :func:`gradient_descent_path`.

    Returns
    -------
    DescentReport

    Raises
    ------
    ValueError
        As :func:`gradient_descent_path`.

    Notes
    -----
    A rise counts when ``L_{k+1} > L_k + 1e-12 (1 + L_k)``, so round-off at a
    minimum is not called an overshoot. With one-hot labels no step ever crosses:
    ``y_hat_j - y_j`` keeps its sign since ``y_hat`` lies strictly inside (0, 1).

    Examples
    --------
    >>> r = descent_report([0.0, 0.0], [0.9, 0.1], lr=10.0, steps=2)
    >>> bool(r.crossed[0]), bool(r.rose[0]), r.safe_lr
    (True, True, 4.0)
    """
    start, lab, rate, count, t = _start(x, y, lr, steps, temperature)
    logits, losses = gradient_descent_path(start, lab, rate, count, t)
    lab_rows = np.broadcast_to(lab, logits.shape)
    grads = logits_grad(logits, lab_rows, t)
    gap = softmax(logits, temperature=t) - lab_rows
    signs = np.sign(gap)
    crossed = np.any(signs[1:] * signs[:-1] < 0, axis=1)
    rose = losses[1:] > losses[:-1] + 1e-12 * (1.0 + losses[:-1])
    return DescentReport(
        logits,
        losses,
        softmax(logits, temperature=t),
        grads,
        np.linalg.norm(grads, axis=1),
        rose,
        crossed,
        np.argmax(np.abs(grads), axis=1),
        safe_learning_rate(lab, t),
    )


def smooth_labels(y, epsilon: float):
    """Label smoothing: ``(1 - epsilon) y + epsilon / n``, mass taken from the labels.

    Parameters
    ----------
    y : array_like, shape (n,) or (B, n)
        Non-negative labels summing to 1 (one-hot or soft).
    epsilon : float
        The share spread evenly over the n classes, in [0, 1].

    Returns
    -------
    ndarray
        Labels of the same shape that still sum to 1, every entry >= epsilon / n.

    Raises
    ------
    ValueError
        For labels that are negative, not finite or do not sum to 1, or epsilon
        outside [0, 1].

    Notes
    -----
    With ``epsilon > 0`` every target lies strictly inside (0, 1), so finite logits
    reach it (``x = log y`` up to a constant) and the gradient ``y_hat - y`` can be 0;
    a one-hot target is reached only as the logits' gaps grow without bound.

    Examples
    --------
    >>> smooth_labels([0, 1, 0], 0.3)
    array([0.1, 0.8, 0.1])
    """
    lab = as_labels(y, as_float_array(y, "y").astype(np.float64), "y")
    if not np.allclose(lab.sum(axis=-1), 1.0, rtol=0, atol=1e-12):
        raise ValueError(f"y must sum to 1 along the last axis, got sums {lab.sum(axis=-1)}")
    if isinstance(epsilon, bool) or not isinstance(epsilon, Real):
        raise TypeError(f"epsilon must be a real number, got {epsilon!r}")
    eps = float(epsilon)
    if not 0.0 <= eps <= 1.0:
        raise ValueError(f"epsilon must be in [0, 1], got {epsilon!r}")
    return (1.0 - eps) * lab + eps / lab.shape[-1]


def pair_loss_surface(x, y, pair, x_range, y_range, n_points: int = 61, temperature: float = 1.0):
    """The cross-entropy over two chosen logits, every other logit held at its value in ``x``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Finite logits, n >= 2.
    y : array_like, shape (n,)
        Non-negative labels, not all 0.
    pair : (int, int)
        The two 0-based classes ``(i, j)`` on the horizontal and vertical axes, i != j.
    x_range, y_range : (float, float)
        The intervals of ``x_i`` and of ``x_j``.
    n_points : int, default 61
        Grid points per axis, 2 to 401.
    temperature : float, default 1.0

    Returns
    -------
    xs, ys : ndarray, shape (n_points,)
        Grid values of ``x_i`` (across) and ``x_j`` (up).
    Z : ndarray, shape (n_points, n_points)
        ``Z[r, c]`` is the loss at ``x_i = xs[c], x_j = ys[r]``.

    Raises
    ------
    ValueError
        For bad logits or labels, classes out of range or equal, bad ranges.

    Notes
    -----
    The grid goes through :func:`cross_entropy_from_logits` as one batch, so it is
    finite for every finite logit.

    Examples
    --------
    >>> xs, ys, Z = pair_loss_surface([0.0, 0.0], [1, 0], (0, 1), (-1, 1), (-1, 1), 3)
    >>> Z.round(3)
    array([[0.693, 0.313, 0.127],
           [1.313, 0.693, 0.313],
           [2.127, 1.313, 0.693]])
    """
    start, lab, _, _, t = _start(x, y, 1.0, 0, temperature)
    n = start.size
    i, j = (check_int(k, "pair", 0, n - 1) for k in pair)
    if i == j:
        raise ValueError(f"pair must name two different classes, got {tuple(pair)}")
    count = check_int(n_points, "n_points", 2, 401)
    xs = np.linspace(*check_range(x_range, "x_range"), count)
    ys = np.linspace(*check_range(y_range, "y_range"), count)
    grid = np.tile(start, (count * count, 1))
    across, up = np.meshgrid(xs, ys)
    grid[:, i], grid[:, j] = across.ravel(), up.ravel()
    z = cross_entropy_from_logits(grid, np.broadcast_to(lab, grid.shape), t)
    return xs, ys, np.asarray(z).reshape(count, count)
