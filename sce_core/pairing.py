"""Why softmax is paired with cross-entropy: the other losses, and how their gradients behave.

Squared error on softmax outputs is a perfectly good loss, but its gradient with respect
to the logits carries the softmax Jacobian as a factor, and that factor vanishes when
the network is confidently wrong: the worse the prediction, the weaker the push to fix
it. Cross-entropy's ``-1/y_hat`` cancels the Jacobian's ``y_hat`` and leaves ``y_hat - y``,
which stays large exactly when the prediction is bad. The binary case (sigmoid with
binary cross-entropy) is the same story with two classes.
"""

from __future__ import annotations

import numpy as np

from ._validation import (
    _describe,
    as_float_array,
    as_labels,
    as_probabilities,
    check_choice,
    check_int,
    check_range,
    check_same_shape,
    check_temperature,
)
from .losses import _scalar_or_rows, cross_entropy_from_logits, logits_grad
from .softmax import one_minus, softmax

LOSS_KINDS = ("cross_entropy", "squared_error")
"""The losses :func:`loss_surface` and :func:`gradient_norm_vs_confidence` compare."""

_MAX_GRID_POINTS = 1001


def squared_error(y_hat, y) -> np.ndarray | np.floating:
    """Squared error of probabilities against labels: ``L = sum_i (y_hat_i - y_i)**2``.

    Parameters
    ----------
    y_hat : array_like, shape (n,) or (B, n)
        Predicted probabilities, each in [0, 1].
    y : array_like, same shape
        Non-negative labels (one-hot or soft).

    Returns
    -------
    float or ndarray
        A scalar for ``(n,)``, one loss per row for ``(B, n)``; always in ``[0, 2]`` for
        a probability vector against a one-hot label.

    Raises
    ------
    ValueError
        For probabilities outside [0, 1], negative or non-finite labels, or shapes that differ.

    Notes
    -----
    Also called the Brier score. Unlike cross-entropy it is bounded: a confidently wrong
    prediction costs at most 2, where cross-entropy's ``-log y_hat`` grows without bound.

    Examples
    --------
    >>> float(squared_error([0.5, 0.5], [1, 0]))
    0.5
    """
    p = as_probabilities(y_hat, "y_hat")
    lab = as_labels(y, p, "labels")
    return _scalar_or_rows(np.sum((p - lab) ** 2, axis=-1))


def _squared_error_grad_from_probabilities(p: np.ndarray, lab: np.ndarray, t: float) -> np.ndarray:
    """``J^T 2 (p - y)`` for softmax outputs ``p``, without forming J (see the public function).

    With ``d = p - y``, the gradient is ``2 p_i (d_i - <d, p>) / T``. Written that way it
    subtracts numbers near 1 whenever most of the probability sits in one class, and
    loses the small difference that is the answer. Since the probabilities sum to 1, the
    bracket equals ``(d_i - d_m) - sum_k p_k (d_k - d_m)`` for any class m: with m the
    most probable class, the bulk of the probability drops out before anything is
    subtracted. A probability above 1/2 enters as ``d_m = (1 - y_m) - (1 - p_m)``, with
    ``1 - p_m`` from :func:`~sce_core.softmax.one_minus`, so a near-certain prediction
    keeps its digits too.
    """
    d = np.where(p > 0.5, (1.0 - lab) - one_minus(p), p - lab)
    top = np.argmax(p, axis=-1)[..., None]
    rel = d - np.take_along_axis(d, top, axis=-1)
    bracket = rel - np.sum(p * rel, axis=-1, keepdims=True)
    return 2.0 * p * bracket / t


def squared_error_logits_grad(x, y, temperature: float = 1.0) -> np.ndarray:
    """Gradient of ``squared_error(softmax(x / T), y)`` with respect to the logits ``x``.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    y : array_like, same shape
        Non-negative labels.
    temperature : float, default 1.0
        T > 0.

    Returns
    -------
    ndarray
        ``dL/dx`` of the shape of ``x``; each row sums to 0.

    Notes
    -----
    The chain rule gives ``dL/dx = J^T g`` with ``g = dL/dy_hat = 2 (y_hat - y)`` and the
    softmax Jacobian ``J = (diag(y_hat) - y_hat y_hat^T) / T``. J is symmetric, so
    ``J^T g = y_hat * (g - <g, y_hat>) / T``: one pass, no ``n x n`` matrix. Nothing
    cancels the factor ``y_hat`` here, so the gradient fades to 0 when the true class's
    probability does, which is why squared error learns slowly from confident mistakes.

    The bracket is formed around the most probable class (see the private helper), so a
    near-certain prediction, right or wrong, keeps every digit of its tiny gradient:
    at x = (0, 40) the plain form gives a component of 0 with y = (1, 0) and half the
    answer with y = (0, 1). Where two classes share nearly all the probability, a small
    component is the difference of products near 1/4 and is exact to about 1e-16 of
    those; the vector as a whole is exact to a few ulps of its largest component.

    Examples
    --------
    >>> squared_error_logits_grad([0.0, 0.0], [1, 0])
    array([-0.5,  0.5])
    >>> squared_error_logits_grad([-10.0, 0.0], [1, 0]).round(6)  # confidently wrong: no push
    array([-0.000182,  0.000182])
    """
    t = check_temperature(temperature)
    p = softmax(x, temperature=t)
    return _squared_error_grad_from_probabilities(p, as_labels(y, p, "labels"), t)


def sigmoid(z) -> np.ndarray | np.floating:
    """The logistic sigmoid ``1 / (1 + exp(-z))``, without overflow for any finite z.

    Parameters
    ----------
    z : array_like, scalar or shape (n,) or (B, n)
        Finite logits.

    Returns
    -------
    float or ndarray
        Values in [0, 1] of the shape of ``z``.

    Notes
    -----
    ``exp(-z)`` overflows for ``z < -709``. For negative z the equal form
    ``exp(z) / (1 + exp(z))`` is used instead, so the exponent is never positive.
    It is the two-class softmax: ``sigmoid(z) = softmax([z, 0])[0]``.

    Examples
    --------
    >>> float(sigmoid(0.0))
    0.5
    >>> sigmoid([-1000.0, 1000.0])
    array([0., 1.])
    """
    v = as_float_array(z, "z", min_ndim=0)
    e = np.exp(-np.abs(v))
    out = np.where(v >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(v.dtype, copy=False)
    return _scalar_or_rows(out)


def binary_cross_entropy(p, t) -> np.ndarray | np.floating:
    """Binary cross-entropy of a probability: ``-(t log p + (1 - t) log(1 - p))``, element-wise.

    Parameters
    ----------
    p : array_like, scalar or shape (n,) or (B, n)
        Predicted probabilities of the positive class, each in [0, 1].
    t : array_like, same shape
        Targets in [0, 1] (0 or 1 for hard labels).

    Returns
    -------
    float or ndarray
        One loss per entry. A term whose weight (``t`` or ``1 - t``) is 0 counts as 0 even
        where its log is ``-inf``; ``p = 0`` with ``t = 1`` gives inf.

    Raises
    ------
    ValueError
        If ``p`` or ``t`` lies outside [0, 1], is non-finite, or the shapes differ.

    Notes
    -----
    Prefer :func:`binary_cross_entropy_from_logit` when the logit is known: rounding
    ``p`` to a float has already lost ``log(1 - p)`` once ``p`` is within 1e-16 of 1.

    Examples
    --------
    >>> float(binary_cross_entropy(0.5, 1))  # log 2
    0.6931471805599453
    >>> binary_cross_entropy([0.0, 1.0], [0, 1])
    array([0., 0.])
    """
    prob = as_probabilities(p, "p", min_ndim=0)
    target = as_probabilities(t, "t", min_ndim=0)
    check_same_shape(target, prob, "t", "p")
    with np.errstate(divide="ignore"):
        log_p = np.log(prob, out=np.zeros_like(prob), where=target > 0)
        log_q = np.log1p(-prob, out=np.zeros_like(prob), where=target < 1)
    # 0.0 - ..., not -(...): a perfect prediction shows a loss of 0, not -0.
    return _scalar_or_rows(0.0 - (target * log_p + (1.0 - target) * log_q))


def _as_logit_and_target(z, t) -> tuple[np.ndarray, np.ndarray]:
    logit = as_float_array(z, "z", min_ndim=0)
    target = as_probabilities(t, "t", min_ndim=0)
    check_same_shape(target, logit, "t", "z")
    return logit, target


def binary_cross_entropy_from_logit(z, t) -> np.ndarray | np.floating:
    """Binary cross-entropy of ``sigmoid(z)`` against ``t``, finite for every finite ``z``.

    Parameters
    ----------
    z : array_like, scalar or shape (n,) or (B, n)
        Finite logits.
    t : array_like, same shape
        Targets in [0, 1].

    Returns
    -------
    float or ndarray
        One loss per entry, >= 0 for hard targets.

    Notes
    -----
    With ``softplus(z) = log(1 + e^z)``, ``-log sigmoid(z) = softplus(-z)`` and
    ``-log(1 - sigmoid(z)) = softplus(z)``, so ``L = t softplus(-z) + (1 - t) softplus(z)``
    ``= softplus(z) - t z``. With ``softplus(z) = max(z, 0) + log1p(exp(-|z|))`` it is
    evaluated as ``(1 - t) max(z, 0) + t max(-z, 0) + log1p(exp(-|z|))``: the exponent is
    never positive, ``log1p`` keeps the small tail accurate, and nothing cancels. The
    textbook ``softplus(z) - t z`` loses the tail ``log1p(e^-36) = 2.3e-16`` against
    ``z = 36`` for ``t = 1``; ``log(sigmoid(-1000))`` is ``-inf``.

    Examples
    --------
    >>> float(binary_cross_entropy_from_logit(-1000.0, 1))
    1000.0
    >>> float(binary_cross_entropy_from_logit(0.0, 0))  # log 2
    0.6931471805599453
    """
    logit, target = _as_logit_and_target(z, t)
    linear = (1.0 - target) * np.maximum(logit, 0.0) + target * np.maximum(-logit, 0.0)
    return _scalar_or_rows(linear + np.log1p(np.exp(-np.abs(logit))))


def binary_cross_entropy_logit_grad(z, t) -> np.ndarray | np.floating:
    """Derivative of :func:`binary_cross_entropy_from_logit` with respect to ``z``.

    Parameters
    ----------
    z : array_like, scalar or shape (n,) or (B, n)
        Finite logits.
    t : array_like, same shape
        Targets in [0, 1].

    Returns
    -------
    float or ndarray
        ``sigmoid(z) - t``, of the shape of ``z``.

    Notes
    -----
    ``d softplus(z) / dz = sigmoid(z)``, so ``dL/dz = sigmoid(z) - t``: the two-class
    case of ``y_hat - y``.

    Examples
    --------
    >>> float(binary_cross_entropy_logit_grad(0.0, 1))
    -0.5
    """
    logit, target = _as_logit_and_target(z, t)
    return _scalar_or_rows(np.asarray(sigmoid(logit)) - target)


def loss_surface(
    kind: str,
    x_range=(-6.0, 6.0),
    label: int = 0,
    n_points: int = 61,
    fixed_logits=(),
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The loss on a grid of the first two logits, the others held fixed.

    Parameters
    ----------
    kind : {"cross_entropy", "squared_error"}
        The loss applied to ``softmax(x)``.
    x_range : (float, float), default (-6, 6)
        The interval both ``x_1`` and ``x_2`` run over.
    label : int, default 0
        The true class, 0-based, in ``[0, 2 + len(fixed_logits))``.
    n_points : int, default 61
        Grid points per axis, in [2, 1001].
    fixed_logits : sequence of float, default ()
        Logits of classes 3, 4, ...; empty for a 2-class problem, ``(0.0,)`` for the
        usual 3-class picture.

    Returns
    -------
    xs, ys : ndarray, shape (n_points,)
        The grid values of ``x_1`` and ``x_2`` (the same numbers).
    Z : ndarray, shape (n_points, n_points)
        ``Z[i, j]`` is the loss at ``x_1 = xs[j], x_2 = ys[i]``: rows follow the
        vertical axis, as plotting libraries expect.

    Raises
    ------
    ValueError
        For an unknown ``kind``, a bad range, a label out of range, or non-finite
        fixed logits. TypeError if ``label`` or ``n_points`` is not an integer.

    Notes
    -----
    Softmax depends on differences of logits only, so with two classes the loss is a
    function of ``x_1 - x_2`` and the surface is constant along every diagonal. The
    whole grid goes through :func:`softmax` as one ``(n_points**2, n)`` batch.

    Examples
    --------
    >>> xs, ys, Z = loss_surface("cross_entropy", (-1.0, 1.0), label=0, n_points=3)
    >>> Z.round(3)
    array([[0.693, 0.313, 0.127],
           [1.313, 0.693, 0.313],
           [2.127, 1.313, 0.693]])
    """
    check_choice(kind, "kind", LOSS_KINDS)
    low, high = check_range(x_range, "x_range")
    n_points = check_int(n_points, "n_points", 2, _MAX_GRID_POINTS)
    rest = (
        as_float_array(fixed_logits, "fixed_logits", min_ndim=0).astype(np.float64).reshape(-1)
        if np.size(fixed_logits)
        else np.zeros(0)
    )
    n = 2 + rest.size
    label = check_int(label, "label", 0, n - 1)
    xs = np.linspace(low, high, n_points)
    x1, x2 = np.meshgrid(xs, xs)
    logits = np.column_stack([x1.ravel(), x2.ravel(), np.broadcast_to(rest, (x1.size, rest.size))])
    onehot = np.zeros_like(logits)
    onehot[:, label] = 1.0
    if kind == "cross_entropy":
        z = cross_entropy_from_logits(logits, onehot)
    else:
        z = squared_error(softmax(logits), onehot)
    return xs, xs.copy(), np.asarray(z).reshape(n_points, n_points)


def gradient_norm_vs_confidence(
    p_true, n: int = 3, kind: str = "cross_entropy"
) -> np.ndarray | np.floating:
    """Size of the logit gradient ``||dL/dx||`` as a function of the true class's probability.

    Parameters
    ----------
    p_true : array_like, scalar or shape (m,)
        Probabilities ``p`` of the true class, each strictly inside (0, 1). The other
        ``n - 1`` classes share ``1 - p`` equally.
    n : int, default 3
        Number of classes, in [2, 1000].
    kind : {"cross_entropy", "squared_error"}
        The loss applied to the softmax output.

    Returns
    -------
    float or ndarray
        The Euclidean norm of the gradient with respect to the logits, for each ``p``.

    Raises
    ------
    ValueError
        If some ``p`` is not strictly inside (0, 1), ``n`` is out of range, or ``kind``
        is unknown.

    Notes
    -----
    Any logits with ``softmax(x) = y_hat`` give the same gradient, so it is computed
    from ``y_hat`` directly. For cross-entropy ``||y_hat - y|| = (1 - p) sqrt(n / (n-1))``,
    which tends to ``sqrt(n / (n-1))`` as ``p -> 0``: a confidently wrong model gets the
    strongest push. For squared error every component carries a factor ``y_hat_j`` of
    the Jacobian, and the norm tends to 0 as ``p -> 0``: the gradient vanishes exactly
    where learning is most needed.

    Examples
    --------
    >>> gradient_norm_vs_confidence([1e-6, 0.5], n=2, kind="cross_entropy").round(4)
    array([1.4142, 0.7071])
    >>> gradient_norm_vs_confidence([1e-6, 0.5], n=2, kind="squared_error").round(4)
    array([0.    , 0.7071])
    """
    check_choice(kind, "kind", LOSS_KINDS)
    n = check_int(n, "n", 2, 1000)
    p = as_float_array(p_true, "p_true", min_ndim=0).astype(np.float64)
    if p.ndim > 1:
        raise ValueError(f"p_true must be a scalar or a vector, got shape {p.shape}")
    if ((p <= 0) | (p >= 1)).any():
        raise ValueError(f"p_true must lie strictly inside (0, 1), got {_describe(p)}")
    col = p.reshape(-1, 1)
    y_hat = np.hstack([col, np.broadcast_to((1.0 - col) / (n - 1), (col.shape[0], n - 1))])
    y = np.zeros_like(y_hat)
    y[:, 0] = 1.0
    if kind == "cross_entropy":
        grad = y_hat - y
    else:
        grad = _squared_error_grad_from_probabilities(y_hat, y, 1.0)
    return _scalar_or_rows(np.linalg.norm(grad, axis=-1).reshape(p.shape))


def logit_gradient_norm(
    x, y, kind: str = "cross_entropy", temperature: float = 1.0
) -> np.ndarray | np.floating:
    """Size ``||dL/dx||`` of the logit gradient of either loss, at the given logits.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    y : array_like, same shape
        Non-negative labels.
    kind : {"cross_entropy", "squared_error"}
        The loss applied to ``softmax(x / T)``.
    temperature : float, default 1.0
        T > 0.

    Returns
    -------
    float or ndarray
        The Euclidean norm over the class axis: a scalar for ``(n,)``, one per row for
        ``(B, n)``.

    Raises
    ------
    ValueError
        For non-finite logits, bad labels or shapes, a bad temperature or an unknown ``kind``.

    Notes
    -----
    The gradients are :func:`~sce_core.losses.logits_grad` (``(y_hat - y) / T`` for a
    one-hot label) and :func:`squared_error_logits_grad`, each in its stable form. Unlike
    :func:`gradient_norm_vs_confidence`, nothing is assumed about how the wrong classes
    share ``1 - y_hat_k``: at x = (6, 0, 0) with true class 2 the wrong classes hold
    0.995 and 0.00247, and the sizes are 1.409 and 0.0183, where the equal-share curve
    reads 1.222 and 0.009 at the same ``y_hat_k``.

    Examples
    --------
    >>> round(float(logit_gradient_norm([6.0, 0.0, 0.0], [0, 1, 0])), 3)
    1.409
    >>> round(float(logit_gradient_norm([6.0, 0.0, 0.0], [0, 1, 0], "squared_error")), 4)
    0.0183
    """
    check_choice(kind, "kind", LOSS_KINDS)
    if kind == "cross_entropy":
        grad = logits_grad(x, y, temperature=temperature)
    else:
        grad = squared_error_logits_grad(x, y, temperature=temperature)
    return _scalar_or_rows(np.linalg.norm(grad, axis=-1))
