"""The classic bugs of hand-written softmax cross-entropy, computed so a page can show them.

Each function takes one row of logits and its true class (0-based), computes the right
thing and the buggy thing side by side, and returns both. The buggy forms are wrong on
purpose and return the ``inf`` and ``nan`` they produce instead of raising; the right forms
are those of :mod:`sce_core.frameworks`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_int, check_positive
from .frameworks import cross_entropy_loss, cross_entropy_loss_grad
from .softmax import log_softmax, softmax, softmax_jacobian


def _row_and_class(x, label: int) -> tuple[np.ndarray, int]:
    row = as_float_array(x, "logits").astype(np.float64)
    if row.ndim != 1:
        raise ValueError(f"logits must be one row (n,), got shape {row.shape}")
    return row, check_int(label, "label", 0, row.size - 1)


class SoftmaxTwice(NamedTuple):
    """Probabilities fed to a loss that applies softmax again."""

    y_hat: np.ndarray
    y_hat_twice: np.ndarray
    loss: float
    loss_twice: float
    grad: np.ndarray
    grad_twice: np.ndarray


def softmax_twice(x, label: int) -> SoftmaxTwice:
    """``cross_entropy(softmax(x), t)``: the loss softmaxes probabilities in [0, 1] again.

    Notes
    -----
    The second softmax sees inputs within 1 of each other, so its output is flat
    (logits (3.5, 6, 4) give (0.07, 0.82, 0.11), then (0.24, 0.51, 0.25)). The gradient
    reaching x is ``J(x)^T (softmax(y_hat) - y)``, with J the softmax Jacobian: weaker than
    ``y_hat - y``, and never 0 even when the prediction is perfect.

    Examples
    --------
    >>> r = softmax_twice([3.5, 6.0, 4.0], 1)
    >>> r.y_hat.round(2).tolist(), r.y_hat_twice.round(2).tolist()
    ([0.07, 0.82, 0.11], [0.24, 0.51, 0.25])
    """
    row, t = _row_and_class(x, label)
    y_hat = softmax(row)
    twice = softmax(y_hat)
    y = np.eye(row.size)[t]
    grad_twice = softmax_jacobian(row).T @ (twice - y)
    return SoftmaxTwice(
        y_hat=y_hat,
        y_hat_twice=twice,
        loss=float(cross_entropy_loss(row[None], [t])),
        loss_twice=float(cross_entropy_loss(y_hat[None], [t])),
        grad=cross_entropy_loss_grad(row[None], [t])[0],
        grad_twice=grad_twice,
    )


class LogOfSoftmax(NamedTuple):
    """``log(softmax(k x))`` against the fused log-softmax, in float32."""

    scaled: np.ndarray
    naive: np.ndarray
    fused: np.ndarray


def log_of_softmax(x, scale: float = 100.0) -> LogOfSoftmax:
    """``log(softmax(k x))`` and ``log_softmax(k x)`` in float32, PyTorch's default dtype.

    Notes
    -----
    A probability below about 1e-45 rounds to 0 in float32 and its log is ``-inf``; any
    loss that weighs it (label smoothing, soft targets) becomes inf and its gradient nan.
    The fused form ``z - log(sum(exp z))`` with ``z = x - max x`` never forms that 0.

    Examples
    --------
    >>> r = log_of_softmax([2.0, 1.0, 0.1])
    >>> r.naive.tolist()[2], float(r.fused[2])
    (-inf, -190.0)
    """
    row = as_float_array(x, "logits").astype(np.float64)
    scaled = (check_positive(scale, "scale") * row).astype(np.float32)
    with np.errstate(divide="ignore"):
        naive = np.log(softmax(scaled))
    return LogOfSoftmax(scaled=scaled, naive=naive, fused=log_softmax(scaled))


class OneStep(NamedTuple):
    """The loss before one step of descent, after the right step and after the flipped one."""

    loss: float
    loss_right: float
    loss_flipped: float


def sign_flipped_step(x, label: int, lr: float = 1.0) -> OneStep:
    """One step ``x - lr * g`` with ``g = y_hat - y`` and with the flipped ``g = y - y_hat``.

    Examples
    --------
    >>> s = sign_flipped_step([2.0, 1.0, 0.1], 0)
    >>> s.loss_right < s.loss < s.loss_flipped
    True
    """
    row, t = _row_and_class(x, label)
    step = check_positive(lr, "lr") * cross_entropy_loss_grad(row[None], [t], reduction="sum")

    def loss(z):
        return float(cross_entropy_loss(z, [t]))

    return OneStep(loss(row[None]), loss(row[None] - step), loss(row[None] + step))


class MaskedLogit(NamedTuple):
    """A masked (-inf) logit through naive code and through the fused loss."""

    logits: np.ndarray
    naive_loss: float
    naive_grad: np.ndarray
    loss: float
    grad: np.ndarray


def masked_logit(x, label: int, masked: int) -> MaskedLogit:
    """Class ``masked`` set to -inf: ``-sum(y * log(softmax(x)))`` against the fused loss.

    Notes
    -----
    Naive code multiplies ``y_c = 0`` by ``log 0 = -inf`` and gets nan, and its gradient,
    formed as ``-(y / y_hat) J``, divides 0 by 0 on the masked class. The fused loss picks
    ``log y_hat_t`` without touching the masked class and its gradient there is
    ``y_hat_c - y_c = 0 - 0``.

    Examples
    --------
    >>> m = masked_logit([2.0, 1.0, 0.1], 0, 2)
    >>> np.isnan(m.naive_loss), float(m.grad[2])
    (np.True_, 0.0)
    """
    row, t = _row_and_class(x, label)
    c = check_int(masked, "masked", 0, row.size - 1)
    if c == t:
        raise ValueError(f"masked must be a class other than the label {t}, got {c}")
    row[c] = -np.inf
    y = np.eye(row.size)[t]
    with np.errstate(divide="ignore", invalid="ignore"):
        e = np.exp(row - row.max())
        p = e / e.sum()
        naive_loss = float(-np.sum(y * np.log(p)))
        jac = np.diag(p) - np.outer(p, p)
        naive_grad = -(y / p) @ jac
    return MaskedLogit(
        logits=row,
        naive_loss=naive_loss,
        naive_grad=naive_grad,
        loss=float(cross_entropy_loss(row[None], [t])),
        grad=cross_entropy_loss_grad(row[None], [t])[0],
    )


class DividedTwice(NamedTuple):
    """The mean's gradient, and the same divided by B once more."""

    grad: np.ndarray
    grad_twice: np.ndarray
    batch_size: int


def mean_divided_twice(logits, target) -> DividedTwice:
    """The gradient of the mean loss ``(y_hat - y) / B``, and the bug that divides by B again.

    Notes
    -----
    ``F.cross_entropy`` already averages over the batch; code that divides its gradient
    (or its loss) by B once more takes steps B times too small: the learning rate is
    silently divided by B, and the model trains B times slower with no error anywhere.

    Examples
    --------
    >>> d = mean_divided_twice([[0.0, 0.0], [0.0, 0.0]], [0, 1])
    >>> d.grad[0].tolist(), d.grad_twice[0].tolist()
    ([-0.25, 0.25], [-0.125, 0.125])
    """
    grad = cross_entropy_loss_grad(logits, target)
    return DividedTwice(grad, grad / len(grad), len(grad))
