"""Output/loss pairs whose gradient is "prediction − target", and the pairs whose is not.

Softmax with cross-entropy is one member of a family: an output function (the canonical
link's inverse) paired with the negative log-likelihood it belongs to. For every member
the gradient with respect to the pre-activation ``z`` is the prediction minus the target,
because the loss's derivative in the prediction is ``(mu - t) / V(mu)`` and the output's
derivative is that same ``V(mu)``, the variance of the distribution:

========================  ===================  ==========================  ===============
pair                      prediction ``mu``    ``dmu/dz = V(mu)``          ``dL/dz``
========================  ===================  ==========================  ===============
``"softmax_ce"``          ``softmax(z)``       ``diag(mu) - mu mu^T``      ``mu - t``
``"sigmoid_bce"``         ``sigmoid(z)``       ``mu (1 - mu)``             ``mu - t``
``"identity_half_se"``    ``z``                ``1``                       ``z - t``
``"exp_poisson"``         ``exp(z)``           ``mu``                      ``exp(z) - t``
========================  ===================  ==========================  ===============

Pair the output with another loss and nothing cancels: ``"softmax_se"`` keeps the
softmax Jacobian, ``"softmax_focal"`` a weight in ``(1 - mu)^gamma``. The second
derivative of softmax with cross-entropy is the Jacobian itself, positive semi-definite
with the all-ones direction flat, so that loss is convex in the logits; squared error on
softmax outputs is not.
"""

from __future__ import annotations

from numbers import Real
from typing import NamedTuple

import numpy as np

from ._validation import (
    _describe,
    as_float_array,
    as_labels,
    check_choice,
    check_int,
    check_same_shape,
    check_temperature,
)
from .losses import _scalar_or_rows, cross_entropy_from_logits
from .pairing import (
    _as_logit_and_target,
    binary_cross_entropy_from_logit,
    binary_cross_entropy_logit_grad,
    squared_error,
    squared_error_logits_grad,
)
from .softmax import log_softmax, one_minus, softmax, softmax_jacobian

PAIRS = (
    "softmax_ce",
    "sigmoid_bce",
    "identity_half_se",
    "exp_poisson",
    "softmax_se",
    "softmax_focal",
)
"""Every output/loss pair :func:`pair_loss` and :func:`pair_grad` know."""
CANONICAL = ("softmax_ce", "sigmoid_bce", "identity_half_se", "exp_poisson")
"""The pairs whose gradient in ``z`` is prediction − target."""
SOFTMAX_PAIRS = ("softmax_ce", "softmax_se", "softmax_focal")
"""The pairs with a softmax output: ``z`` is a vector of logits, ``t`` a distribution."""

_EXP_LIMIT = float(np.log(np.finfo(np.float64).max))


def _check_gamma(gamma) -> float:
    if isinstance(gamma, bool) or not isinstance(gamma, Real):
        raise TypeError(f"gamma must be a real number, got {gamma!r}")
    g = float(gamma)
    if not (np.isfinite(g) and g >= 0):
        raise ValueError(f"gamma must be a finite number >= 0, got {gamma!r}")
    return g


def _distribution(t, like: np.ndarray) -> np.ndarray:
    """Targets of a softmax pair: non-negative, of ``like``'s shape, each row summing to 1."""
    target = as_labels(t, like, "t")
    total = np.sum(target, axis=-1, dtype=np.float64)
    tol = 8 * like.shape[-1] * np.finfo(like.dtype).eps
    bad = np.abs(total - 1.0) > tol
    if np.any(bad):
        raise ValueError(
            f"t must sum to 1 along the class axis for a softmax pair, got sums {_describe(total)}"
        )
    return target


def _prediction_minus_target(p: np.ndarray, target: np.ndarray) -> np.ndarray:
    """``p - t`` for softmax outputs, with ``1 - p`` taken accurately where ``p > 1/2``.

    ``p - t = (1 - t) - (1 - p)``; for the one class that may hold more than half the
    probability, the second form keeps the digits of a near-certain prediction.
    """
    return np.where(p > 0.5, (1.0 - target) - one_minus(p), p - target)


def _as_pair(kind: str, z, t, gamma) -> tuple[np.ndarray, np.ndarray]:
    """Validated ``(z, t)`` for ``kind``; ``gamma`` checked too, so a bad one always raises."""
    check_choice(kind, "kind", PAIRS)
    _check_gamma(gamma)
    if kind in SOFTMAX_PAIRS:
        logits = as_float_array(z, "z")
        return logits, _distribution(t, logits)
    if kind == "sigmoid_bce":
        return _as_logit_and_target(z, t)
    logit = as_float_array(z, "z", min_ndim=0)
    target = as_float_array(t, "t", min_ndim=0).astype(logit.dtype)
    check_same_shape(target, logit, "t", "z")
    if kind == "exp_poisson":
        if (target < 0).any():
            raise ValueError(f"t must be non-negative for exp_poisson, got {_describe(target)}")
        if logit.max() > _EXP_LIMIT:
            raise ValueError(
                f"z must be at most {_EXP_LIMIT:.2f} for exp(z) to be finite, got {logit.max()}"
            )
    return logit, target


def _summed(values: np.ndarray) -> np.ndarray | np.floating:
    """The sum over the outputs (the last axis); a scalar stays a scalar. Raise if it overflowed."""
    total = values if values.ndim == 0 else np.sum(values, axis=-1)
    if not np.all(np.isfinite(total)):
        raise ValueError("z and t give a loss beyond the floating-point range")
    return _scalar_or_rows(np.asarray(total))


def _focal_parts(z: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``p``, ``1 - p`` (accurate near 1) and ``log p`` (from log-softmax) for logits ``z``."""
    p = softmax(z)
    return p, one_minus(p), log_softmax(z)


def focal_weights(z, gamma: float = 2.0) -> np.ndarray:
    """The weights ``w_i`` that turn the cross-entropy gradient into the focal-loss one.

    Parameters
    ----------
    z : array_like, shape (n,) or (B, n)
        Finite logits.
    gamma : float, default 2.0
        The focusing exponent, >= 0; 0 gives cross-entropy (every weight 1).

    Returns
    -------
    ndarray
        ``w_i = (1 - p_i)^gamma - gamma p_i (1 - p_i)^(gamma - 1) log p_i`` for
        ``p = softmax(z)``, of the shape of ``z``. For a one-hot target on class k the
        focal gradient is ``w_k (p - t)``.

    Raises
    ------
    ValueError
        For non-finite logits or a negative or non-finite ``gamma``.

    Notes
    -----
    With ``L = -sum_i t_i (1 - p_i)^gamma log p_i``, ``p_i dL/dp_i = -t_i w_i`` and the
    chain rule through the softmax Jacobian gives ``dL/dz_j = -t_j w_j + p_j sum_i t_i w_i``.
    The weight is formed as ``(1 - p)^gamma (1 - gamma p r)`` with ``r = log p / (1 - p)``,
    which tends to -1 as ``p -> 1``: ``(1 - p)^(gamma - 1) log p`` itself is ``inf * 0``
    there for ``gamma < 1``. ``log p`` comes from log-softmax, so an underflowed ``p``
    still has its finite log.

    Examples
    --------
    >>> focal_weights([0.0, 0.0], gamma=0.0)
    array([1., 1.])
    >>> focal_weights([0.0, 0.0], gamma=2.0).round(4)  # 0.25 + 2 * 0.5 * 0.5 * log 2
    array([0.5966, 0.5966])
    """
    g = _check_gamma(gamma)
    p, q, log_p = _focal_parts(as_float_array(z, "z"))
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(q > 0, log_p / np.where(q > 0, q, 1.0), -1.0)
    return q**g * (1.0 - g * p * r)


def _focal_loss(z: np.ndarray, t: np.ndarray, gamma: float) -> np.ndarray:
    _, q, log_p = _focal_parts(z)
    with np.errstate(invalid="ignore"):
        return np.where(t > 0, -t * q**gamma * log_p, 0.0)


def _focal_grad(z: np.ndarray, t: np.ndarray, gamma: float) -> np.ndarray:
    """``g (1 - p) - p (G - g)`` with ``g = -t w`` and ``G = sum g``: no ``1 - p`` cancels."""
    p = softmax(z)
    g = -t * focal_weights(z, gamma)
    rest = np.sum(g, axis=-1, keepdims=True) - g
    return g * one_minus(p) - p * rest


def pair_loss(kind: str, z, t, gamma: float = 2.0) -> np.ndarray | np.floating:
    """The loss of one output/loss pair, summed over the outputs.

    Parameters
    ----------
    kind : one of :data:`PAIRS`
        ``"softmax_ce"``: ``-sum t log softmax(z)``; ``"sigmoid_bce"``:
        ``sum [log(1 + e^z) - t z]``; ``"identity_half_se"``: ``1/2 sum (z - t)^2``;
        ``"exp_poisson"``: ``sum (e^z - t z)``; ``"softmax_se"``:
        ``sum (softmax(z) - t)^2``; ``"softmax_focal"``:
        ``-sum t (1 - softmax(z))^gamma log softmax(z)``.
    z : array_like
        Pre-activations: logits of shape (n,) or (B, n) for the softmax pairs; a scalar,
        (n,) or (B, n) of independent outputs for the others. Finite; at most 709.78
        for ``"exp_poisson"``.
    t : array_like, the shape of ``z``
        Targets: a distribution (non-negative, summing to 1) for the softmax pairs, in
        [0, 1] for the sigmoid, any finite real for the identity, >= 0 for Poisson.
    gamma : float, default 2.0
        The focal loss's exponent, >= 0 (checked for every kind, used by the focal one).

    Returns
    -------
    float or ndarray
        A scalar for a scalar or an (n,) input, one loss per row for (B, n).

    Raises
    ------
    ValueError
        For an unknown ``kind``, a target outside its domain, shapes that differ,
        non-finite input, a bad ``gamma``, or a loss beyond the float range.
    TypeError
        For values that are not real numbers.

    Notes
    -----
    Each loss is taken in its stable form: cross-entropy and focal loss from
    log-softmax, never ``log(softmax(z))``, which is ``-inf`` once a probability
    underflows; binary cross-entropy as ``(1 - t) max(z, 0) + t max(-z, 0) +
    log1p(e^-|z|)``, the textbook ``log(1 + e^z) - t z`` overflowing at ``z > 709``. The
    Poisson loss is the negative log-likelihood without its constant ``log t!``.

    Examples
    --------
    >>> float(pair_loss("softmax_ce", [0.0, 0.0], [1, 0]))  # log 2
    0.6931471805599453
    >>> float(pair_loss("sigmoid_bce", -1000.0, 1))
    1000.0
    >>> float(pair_loss("exp_poisson", 0.0, 2))
    1.0
    """
    logit, target = _as_pair(kind, z, t, gamma)
    if kind == "softmax_ce":
        return cross_entropy_from_logits(logit, target)
    if kind == "softmax_se":
        return squared_error(softmax(logit), target)
    if kind == "softmax_focal":
        return _summed(_focal_loss(logit, target, float(gamma)))
    with np.errstate(over="ignore", invalid="ignore"):
        if kind == "sigmoid_bce":
            values = np.asarray(binary_cross_entropy_from_logit(logit, target))
        elif kind == "identity_half_se":
            values = 0.5 * (logit - target) ** 2
        else:
            values = np.exp(logit) - target * logit
    return _summed(values)


def pair_grad(kind: str, z, t, gamma: float = 2.0) -> np.ndarray | np.floating:
    """The gradient of :func:`pair_loss` with respect to the pre-activation ``z``.

    Parameters
    ----------
    kind, z, t, gamma
        As :func:`pair_loss`.

    Returns
    -------
    float or ndarray
        ``dL/dz`` of the shape of ``z``. For the :data:`CANONICAL` pairs it is the
        prediction minus the target: ``softmax(z) - t``, ``sigmoid(z) - t``, ``z - t``,
        ``e^z - t``.

    Raises
    ------
    ValueError, TypeError
        As :func:`pair_loss` (except the overflow of the loss itself).

    Notes
    -----
    The canonical gradients are written as prediction − target; the softmax one takes
    ``1 - p`` of a probability above 1/2 as the sum of the others, so a near-certain
    prediction keeps its digits. Squared error on softmax is ``J^T 2 (p - t)``, the
    Jacobian ``J`` left in: ``2 p_j ((p_j - t_j) - <p - t, p>)``. Focal loss is
    ``-t_j w_j + p_j sum_i t_i w_i`` with the weights of :func:`focal_weights`, which
    is ``w_k (p - t)`` for a one-hot target on class k.

    Examples
    --------
    >>> pair_grad("softmax_ce", [0.0, 0.0], [1, 0])
    array([-0.5,  0.5])
    >>> float(pair_grad("exp_poisson", 0.0, 3))  # e^0 - 3
    -2.0
    >>> pair_grad("softmax_se", [-10.0, 0.0], [1, 0]).round(6)  # the Jacobian is ~0 here
    array([-0.000182,  0.000182])
    """
    logit, target = _as_pair(kind, z, t, gamma)
    if kind == "softmax_ce":
        return _prediction_minus_target(softmax(logit), target) + 0.0
    if kind == "sigmoid_bce":
        return binary_cross_entropy_logit_grad(logit, target)
    if kind in ("identity_half_se", "exp_poisson"):
        with np.errstate(over="ignore", invalid="ignore"):
            prediction = logit if kind == "identity_half_se" else np.exp(logit)
            grad = prediction - target
        if not np.all(np.isfinite(grad)):
            raise ValueError("z and t give a gradient beyond the floating-point range")
        return _scalar_or_rows(grad)
    if kind == "softmax_se":
        return squared_error_logits_grad(logit, target)
    return _focal_grad(logit, target, float(gamma)) + 0.0


def cross_entropy_hessian(x, y, temperature: float = 1.0) -> np.ndarray:
    """The second derivative of the cross-entropy in the logits, ``d^2 L / dx^2``.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    y : array_like, same shape
        Non-negative labels (one-hot, soft, or of any sum).
    temperature : float, default 1.0
        T > 0; the loss is ``cross_entropy_from_logits(x, y, T)``.

    Returns
    -------
    ndarray, shape (n, n) or (B, n, n)
        ``sum(y) (diag(y_hat) - y_hat y_hat^T) / T^2``: symmetric, positive
        semi-definite, every row summing to 0.

    Raises
    ------
    ValueError, TypeError
        As :func:`~sce_core.softmax.softmax`, and for labels that are negative or of
        another shape.

    Notes
    -----
    The gradient is ``(y_hat sum(y) - y) / T``; ``y`` does not depend on ``x``, so the
    Hessian is ``sum(y) / T`` times the softmax Jacobian ``(diag(y_hat) - y_hat
    y_hat^T) / T``: for a one-hot label it is the Jacobian itself. That matrix is the
    covariance of a one-hot draw from ``y_hat``, so ``v^T H v`` is a variance and never
    negative: the loss is convex in the logits. ``H 1 = 0``, the shift invariance of
    softmax: along the all-ones direction the loss is flat.

    Examples
    --------
    >>> cross_entropy_hessian([0.0, 0.0], [1, 0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    t = check_temperature(temperature)
    jac = softmax_jacobian(x, t)
    lab = as_labels(y, jac[..., 0], "labels")
    return jac * (np.sum(lab, axis=-1) / t)[..., None, None]


class Spectrum(NamedTuple):
    """Eigenvalues and eigenvectors (columns): the flat direction's 0 first, then ascending."""

    values: np.ndarray
    """Shape (n,) or (B, n); ``values[..., 0]`` is the exact 0 of the all-ones direction."""
    vectors: np.ndarray
    """Shape (n, n) or (B, n, n); column k belongs to ``values[..., k]``, unit length."""


def _ones_reflector(n: int) -> np.ndarray:
    """The Householder reflection ``Q`` (symmetric, orthogonal) with first column ``1/sqrt(n)``."""
    u = np.full(n, 1.0 / np.sqrt(n))
    w = np.zeros(n)
    w[0] = 1.0
    w -= u
    return np.eye(n) - 2.0 * np.outer(w, w) / (w @ w)


def hessian_spectrum(x, y, temperature: float = 1.0) -> Spectrum:
    """Eigenvalues and eigenvectors of :func:`cross_entropy_hessian`, the flat direction first.

    Parameters
    ----------
    x, y, temperature
        As :func:`cross_entropy_hessian`.

    Returns
    -------
    Spectrum
        ``values``: first an exact 0 whose eigenvector is ``(1, ..., 1) / sqrt(n)``,
        then the others ascending; every other eigenvector has its largest entry
        positive, so the result does not flip sign from one call to the next.

    Notes
    -----
    ``H 1 = 0`` holds exactly, but ``numpy.linalg.eigh`` on ``H`` returns the 0 as a
    round-off of either sign and its vector with an arbitrary sign. The Hessian is
    therefore turned by the reflection ``Q`` whose first column is ``1/sqrt(n)``:
    ``Q^T H Q`` has a zero first row and column, and ``eigh`` of the remaining
    ``(n-1) x (n-1)`` block gives the other eigenvalues, all ``>= 0`` up to round-off
    of about ``1e-16`` times the largest.

    Examples
    --------
    >>> s = hessian_spectrum([0.0, 0.0], [1, 0])
    >>> s.values
    array([0. , 0.5])
    >>> s.vectors.round(4)
    array([[ 0.7071,  0.7071],
           [ 0.7071, -0.7071]])
    """
    h = cross_entropy_hessian(x, y, temperature).astype(np.float64)
    n = h.shape[-1]
    if n == 1:
        return Spectrum(np.zeros(h.shape[:-1]), np.ones(h.shape))
    q = _ones_reflector(n)
    inner = (q @ h @ q)[..., 1:, 1:]
    values, vectors = np.linalg.eigh((inner + np.swapaxes(inner, -1, -2)) / 2)
    full = q[:, 1:] @ vectors
    top = np.take_along_axis(full, np.argmax(np.abs(full), axis=-2)[..., None, :], axis=-2)
    full = full * np.where(top < 0, -1.0, 1.0)
    zero = np.zeros((*values.shape[:-1], 1))
    ones = np.broadcast_to(q[:, :1], (*full.shape[:-1], 1))
    return Spectrum(np.concatenate([zero, values], -1), np.concatenate([ones, full], -1))


def squared_error_hessian(x, y) -> np.ndarray:
    """The second derivative of ``squared_error(softmax(x), y)`` in the logits.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    y : array_like, same shape
        Non-negative labels.

    Returns
    -------
    ndarray, shape (n, n) or (B, n, n)
        Symmetric, rows summing to 0, and, unlike :func:`cross_entropy_hessian`,
        not positive semi-definite everywhere.

    Notes
    -----
    With ``d = y_hat - y``, ``e = d - <d, y_hat>`` and ``J = diag(y_hat) - y_hat
    y_hat^T``, the gradient is ``2 y_hat * e`` and its derivative is
    ``H = 2 J J + 2 (diag(y_hat e) - (y_hat e) y_hat^T - y_hat (y_hat e)^T)``.
    The first part is positive semi-definite; the second, the curvature of the
    softmax weighted by the errors, is not, and wins where the model is confidently
    wrong: there the surface bends down.

    Examples
    --------
    >>> squared_error_hessian([0.0, 0.0], [1, 0])  # L = 2 sigmoid(x2 - x1)^2
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    p = softmax(x)
    lab = as_labels(y, p, "labels")
    d = p - lab
    pe = p * (d - np.sum(d * p, axis=-1, keepdims=True))
    jac = softmax_jacobian(x)
    curve = -pe[..., :, None] * p[..., None, :]
    curve = curve + np.swapaxes(curve, -1, -2)
    np.einsum("...ii->...i", curve)[...] += pe
    return 2.0 * (jac @ jac) + 2.0 * curve


def true_class_log_odds(x, label: int) -> np.floating:
    """The log-odds of the true class against all the others: ``log(y_hat_k / (1 - y_hat_k))``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Finite logits, n >= 2.
    label : int
        The true class k, 0-based.

    Returns
    -------
    float
        ``z = x_k - logsumexp(x without k)``, so that ``sigmoid(z) = softmax(x)[k]``.

    Notes
    -----
    The one-output pairs see the classification through this single number: a
    sigmoid of it is exactly the softmax probability of the true class. Formed from
    the logits, not from ``y_hat``, so a probability near 1 loses no digits.

    Examples
    --------
    >>> float(true_class_log_odds([0.0, 0.0], 0))
    0.0
    >>> float(true_class_log_odds([1000.0, 0.0, 0.0], 0))  # 1000 - log 2
    999.3068528194401
    """
    logits = as_float_array(x, "x").astype(np.float64)
    if logits.ndim != 1 or logits.size < 2:
        raise ValueError(f"x must be a vector of n >= 2 logits, got shape {logits.shape}")
    k = check_int(label, "label", 0, logits.size - 1)
    rest = np.delete(logits, k)
    top = rest.max()
    return logits[k] - (top + np.log(np.sum(np.exp(rest - top))))


def gradient_size_curve(kind: str, p_true, rest_logits=(0.0, 0.0), gamma: float = 2.0):
    """``||dL/dz||`` of a pair as the true class's probability moves, the rest kept in proportion.

    Parameters
    ----------
    kind : one of :data:`PAIRS`
    p_true : array_like, scalar or shape (m,)
        Probabilities of the true class, strictly inside (0, 1).
    rest_logits : array_like, shape (n - 1,), default (0, 0)
        Logits of the wrong classes (softmax pairs): they share ``1 - p`` as
        ``softmax(rest_logits)`` does. The learner's own wrong logits put the learner's
        point exactly on the curve.
    gamma : float, default 2.0
        As :func:`pair_loss`.

    Returns
    -------
    float or ndarray
        The gradient's Euclidean norm for each ``p``.

    Notes
    -----
    A softmax pair is evaluated at ``z = (log p, log(1 - p) + log_softmax(rest))``, whose
    softmax is ``(p, (1 - p) softmax(rest))``, against the one-hot target of the first
    class. A one-output pair is evaluated at the log-odds ``z = log p - log(1 - p)``
    with target 1 (see :func:`true_class_log_odds`), where the sigmoid's prediction is p.

    Examples
    --------
    >>> gradient_size_curve("sigmoid_bce", [0.25, 0.5]).round(4)
    array([0.75, 0.5 ])
    >>> float(gradient_size_curve("identity_half_se", 0.5))  # |0 - 1|
    1.0
    """
    check_choice(kind, "kind", PAIRS)
    p = as_float_array(p_true, "p_true", min_ndim=0).astype(np.float64)
    if p.ndim > 1:
        raise ValueError(f"p_true must be a scalar or a vector, got shape {p.shape}")
    if ((p <= 0) | (p >= 1)).any():
        raise ValueError(f"p_true must lie strictly inside (0, 1), got {_describe(p)}")
    col = p.reshape(-1, 1)
    if kind not in SOFTMAX_PAIRS:
        z = np.log(col) - np.log1p(-col)
        grad = pair_grad(kind, z, np.ones_like(z), gamma)
    else:
        rest = as_float_array(rest_logits, "rest_logits").astype(np.float64)
        if rest.ndim != 1:
            raise ValueError(f"rest_logits must be a vector, got shape {rest.shape}")
        z = np.hstack([np.log(col), np.log1p(-col) + log_softmax(rest)])
        target = np.zeros_like(z)
        target[:, 0] = 1.0
        grad = pair_grad(kind, z, target, gamma)
    return _scalar_or_rows(np.linalg.norm(grad, axis=-1).reshape(p.shape))


def cross_entropy_along(x, y, direction, steps) -> np.ndarray:
    """The cross-entropy at ``x + s v`` for every step ``s``: the loss along one line.

    Parameters
    ----------
    x, y : array_like, shape (n,)
        Logits and non-negative labels.
    direction : array_like, shape (n,)
        The direction ``v``.
    steps : array_like, shape (m,)
        The steps ``s``.

    Returns
    -------
    ndarray, shape (m,)
        ``cross_entropy_from_logits(x + s v, y)``.

    Notes
    -----
    Along ``v = 1/sqrt(n)`` every logit moves alike and softmax does not change: the
    line is flat. Along an eigenvector of :func:`cross_entropy_hessian` with eigenvalue
    ``lambda`` the loss curves up like ``lambda s^2 / 2`` near ``s = 0``.

    Examples
    --------
    >>> cross_entropy_along([0.0, 0.0], [1, 0], [1.0, 1.0], [-1.0, 0.0, 1.0]).round(4)
    array([0.6931, 0.6931, 0.6931])
    """
    logits = as_float_array(x, "x").astype(np.float64)
    if logits.ndim != 1:
        raise ValueError(f"x must be a vector (n,), got shape {logits.shape}")
    v = as_float_array(direction, "direction").astype(np.float64)
    check_same_shape(v, logits, "direction", "x")
    s = as_float_array(steps, "steps", min_ndim=0).astype(np.float64).reshape(-1, 1)
    labels = np.broadcast_to(as_labels(y, logits, "y"), (s.size, v.size))
    return np.asarray(cross_entropy_from_logits(logits + s * v, labels))


class ConcavePoint(NamedTuple):
    """Where squared error on softmax bends down most, over a grid of the first two logits."""

    logits: np.ndarray
    """The point, shape (n,): ``x_1, x_2`` from the grid, the other logits as given."""
    squared_error: np.ndarray
    """Eigenvalues of the ``(x_1, x_2)`` block of :func:`squared_error_hessian`, ascending."""
    cross_entropy: np.ndarray
    """The same for :func:`cross_entropy_hessian` at the same point: never negative."""


def most_concave_point(label: int, fixed_logits=(), x_range=(-10.0, 10.0), n_points: int = 41):
    """The grid point of the ``(x_1, x_2)`` plane where squared error's curvature is lowest.

    Parameters
    ----------
    label : int
        The true class, 0-based, in ``[0, 2 + len(fixed_logits))``.
    fixed_logits : sequence of float, default ()
        Logits of classes 3, 4, ..., held fixed.
    x_range : (float, float), default (-10, 10)
        The interval both ``x_1`` and ``x_2`` run over.
    n_points : int, default 41
        Grid points per axis, in [2, 201].

    Returns
    -------
    ConcavePoint

    Notes
    -----
    The surface over two logits curves as the ``2 x 2`` block of the Hessian does; its
    lowest eigenvalue is negative where the surface bends down in some direction. For
    cross-entropy the block of a positive semi-definite matrix is positive
    semi-definite, so its eigenvalues are ``>= 0`` everywhere.

    Examples
    --------
    >>> point = most_concave_point(0, n_points=5)
    >>> bool(point.squared_error[0] < 0 <= point.cross_entropy[0] + 1e-15)
    True
    """
    low, high = (float(v) for v in np.asarray(x_range, float))
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"x_range must be finite with low < high, got {x_range!r}")
    n_points = check_int(n_points, "n_points", 2, 201)
    rest = (
        as_float_array(fixed_logits, "fixed_logits", min_ndim=0).astype(np.float64).reshape(-1)
        if np.size(fixed_logits)
        else np.zeros(0)
    )
    n = 2 + rest.size
    k = check_int(label, "label", 0, n - 1)
    xs = np.linspace(low, high, n_points)
    x1, x2 = np.meshgrid(xs, xs)
    grid = np.column_stack([x1.ravel(), x2.ravel(), np.broadcast_to(rest, (x1.size, rest.size))])
    onehot = np.zeros_like(grid)
    onehot[:, k] = 1.0
    se = np.linalg.eigvalsh(squared_error_hessian(grid, onehot)[:, :2, :2])
    best = int(np.argmin(se[:, 0]))
    ce = np.linalg.eigvalsh(cross_entropy_hessian(grid[best], onehot[best])[:2, :2])
    return ConcavePoint(grid[best].copy(), se[best], ce)
