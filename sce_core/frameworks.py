"""What ``torch.nn.functional.cross_entropy`` computes, option by option, in plain numpy.

Every option of PyTorch's loss (class weights, ``ignore_index``, the reduction, label
smoothing, class-probability targets) turns the label of row i into an *effective
target* ``q_i`` and the batch into one *divisor* ``D``:

    loss = sum_i sum_c q_ic * (-log y_hat_ic) / D,
    d loss / d x_i = (y_hat_i * sum_c q_ic - q_i) / D.

That is ``y_hat - y`` only when ``sum_c q_ic = 1`` and ``D`` is the batch size: the step
the derivation's ``sum_i y_i = 1`` line made. The functions here take logits ``(B, C)``
as PyTorch does for 2-D input, and accept ``-inf`` as a masked class (softmax 0,
gradient exactly 0), which the rest of :mod:`sce_core` rejects.
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import NamedTuple

import numpy as np

from ._validation import check_choice
from .softmax import _log1p_rest, _shifted, one_minus

REDUCTIONS = ("mean", "sum", "none")
"""The reductions of ``torch.nn.functional.cross_entropy``, its default first."""


class EffectiveTarget(NamedTuple):
    """The label as the loss uses it: ``q`` (B, C), the divisor ``D``, the ignored rows."""

    q: np.ndarray
    divisor: float
    ignored: np.ndarray


def _as_masked_logits(logits) -> np.ndarray:
    """Logits ``(B, C)`` as float64; -inf allowed, +inf, NaN and fully masked rows not."""
    try:
        x = np.asarray(logits)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"logits must be a rectangular array of numbers: {exc}") from None
    if x.dtype.kind not in "biuf":
        raise TypeError(f"logits must contain real numbers, got dtype {x.dtype}")
    if x.ndim != 2 or x.size == 0:
        raise ValueError(f"logits must be a non-empty batch (B, C), got shape {x.shape}")
    x = x.astype(np.float64)
    bad = np.isnan(x) | np.isposinf(x)
    if bad.any():
        i, c = (int(k) for k in np.argwhere(bad)[0])
        raise ValueError(
            f"logits must be finite or -inf (a masked class), got {x[i, c]} at row {i}, class {c}"
        )
    dead = np.isneginf(x).all(axis=1)
    if dead.any():
        raise ValueError(
            f"logits row {int(np.argmax(dead))} is -inf in every class: no class is left "
            "for the softmax"
        )
    return x


def _check_options(weight, ignore_index, reduction, label_smoothing, n_classes: int):
    """Return ``(w, ignore_index, reduction, eps)`` checked; ``w`` is ones when None."""
    if weight is None:
        w = np.ones(n_classes)
    else:
        w = np.asarray(weight)
        if w.dtype.kind not in "biuf":
            raise TypeError(f"weight must contain real numbers, got dtype {w.dtype}")
        w = w.astype(np.float64)
        if w.shape != (n_classes,):
            raise ValueError(f"weight must have shape ({n_classes},), one per class, got {w.shape}")
        if not np.isfinite(w).all() or (w < 0).any():
            raise ValueError(f"weight must be finite and non-negative, got {w.tolist()}")
    if isinstance(ignore_index, bool) or not isinstance(ignore_index, Integral):
        raise TypeError(f"ignore_index must be an integer, got {ignore_index!r}")
    check_choice(reduction, "reduction", REDUCTIONS)
    if isinstance(label_smoothing, bool) or not isinstance(label_smoothing, Real):
        raise TypeError(f"label_smoothing must be a real number, got {label_smoothing!r}")
    eps = float(label_smoothing)
    if not 0.0 <= eps <= 1.0:  # also false for NaN
        raise ValueError(f"label_smoothing must lie in [0, 1], got {label_smoothing!r}")
    return w, int(ignore_index), reduction, eps


def _index_target(t, x, w, ignore_index, reduction, eps) -> EffectiveTarget:
    """q_i = (1 - eps) w_t e_t + (eps / C) w for kept rows, 0 for ignored ones."""
    if t.dtype.kind not in "iu":
        raise ValueError(
            f"target of shape (B,) holds class indices and must be integers, got {t.dtype}"
        )
    n_classes = x.shape[1]
    ignored = t == ignore_index
    wrong = ~ignored & ((t < 0) | (t >= n_classes))
    if wrong.any():
        i = int(np.argmax(wrong))
        raise ValueError(
            f"target[{i}] = {int(t[i])} must be a class index in [0, {n_classes - 1}] or "
            f"ignore_index ({ignore_index})"
        )
    kept = np.flatnonzero(~ignored)
    q = np.zeros_like(x)
    q[kept, t[kept]] = (1.0 - eps) * w[t[kept]]
    q[kept] += (eps / n_classes) * w
    if reduction != "mean":
        return EffectiveTarget(q, 1.0, ignored)
    divisor = float(np.sum(w[t[kept]]))
    if divisor == 0.0:
        # PyTorch returns nan here (0 / 0); a mean over nothing is refused instead.
        why = "every row is ignore_index" if kept.size == 0 else "their weights are all 0"
        raise ValueError(
            f"target leaves nothing to average with reduction='mean' ({why}; PyTorch "
            "returns nan): use reduction='sum' or keep a row of non-zero weight"
        )
    return EffectiveTarget(q, divisor, ignored)


def _probability_target(p, x, w, ignore_index, reduction, eps) -> EffectiveTarget:
    """q_i = w * ((1 - eps) p_i + eps / C) for every row; the mean divides by B."""
    if p.dtype.kind not in "biuf":
        raise TypeError(f"target must contain real numbers, got dtype {p.dtype}")
    p = p.astype(np.float64)
    if not np.isfinite(p).all() or (p < 0).any():
        raise ValueError(f"target probabilities must be finite and non-negative, got {p.tolist()}")
    if ignore_index >= 0:
        raise ValueError(
            f"ignore_index = {ignore_index} is for class-index targets; probability "
            "targets have none (PyTorch refuses it too): leave it negative"
        )
    n_rows, n_classes = x.shape
    q = w * ((1.0 - eps) * p + eps / n_classes)
    divisor = float(n_rows) if reduction == "mean" else 1.0
    return EffectiveTarget(q, divisor, np.zeros(n_rows, dtype=bool))


def _check_masks(x: np.ndarray, target: EffectiveTarget, t: np.ndarray, eps: float) -> None:
    """Refuse any weight of q on a masked class: its -log y_hat is inf."""
    hit = np.isneginf(x) & (target.q > 0)
    if not hit.any():
        return
    i, c = (int(k) for k in np.argwhere(hit)[0])
    if t.ndim == 2:
        cause = f"target[{i}, {c}] = {float(t[i, c]):g} puts weight on class {c} of row {i}"
        if t[i, c] == 0:
            cause = f"label_smoothing = {eps:g} puts weight on class {c} of row {i}"
    elif int(t[i]) == c and eps < 1:
        cause = f"target[{i}] = {c} is a class"
    else:
        cause = f"label_smoothing = {eps:g} puts weight on class {c} of row {i}"
    raise ValueError(f"{cause} that is masked (logit -inf): its loss would be inf")


def _prepare(logits, target, weight, ignore_index, reduction, label_smoothing):
    x = _as_masked_logits(logits)
    w, ignore_index, reduction, eps = _check_options(
        weight, ignore_index, reduction, label_smoothing, x.shape[1]
    )
    try:
        t = np.asarray(target)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"target must be a rectangular array of numbers: {exc}") from None
    if t.shape == (x.shape[0],):
        q = _index_target(t, x, w, ignore_index, reduction, eps)
    elif t.shape == x.shape:
        q = _probability_target(t, x, w, ignore_index, reduction, eps)
    else:
        raise ValueError(
            f"target must be class indices ({x.shape[0]},) or probabilities {x.shape} for "
            f"logits {x.shape}, got shape {t.shape}"
        )
    _check_masks(x, q, t, eps)
    return x, q, reduction


def effective_target(
    logits,
    target,
    weight=None,
    ignore_index: int = -100,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> EffectiveTarget:
    """The effective target ``q`` and divisor ``D`` behind PyTorch's ``cross_entropy``.

    Parameters
    ----------
    logits : array_like, shape (B, C)
        Finite logits, or ``-inf`` for a masked class (not a whole row).
    target : array_like, shape (B,) of ints or (B, C) of reals
        Class indices in ``[0, C)`` (or ``ignore_index``), or class probabilities >= 0.
    weight : array_like, shape (C,), optional
        A non-negative weight per class; None weighs every class 1.
    ignore_index : int, default -100
        Rows whose class index equals it are left out (index targets only; must be
        negative with probability targets, as PyTorch requires).
    reduction : {"mean", "sum", "none"}
    label_smoothing : float in [0, 1], default 0

    Returns
    -------
    EffectiveTarget
        ``q`` (B, C), ``divisor`` (1 unless the reduction is "mean") and ``ignored`` (B,).

    Raises
    ------
    ValueError, TypeError
        For any argument out of its domain (see the module); the message names it.

    Notes
    -----
    With index targets ``t_i`` and ``eps`` the smoothing, C classes and weights w:
    ``q_i = (1 - eps) w_{t_i} e_{t_i} + (eps / C) w`` and, for the mean,
    ``D = sum of w_{t_i} over the rows kept``: PyTorch divides the smoothing term by the
    targets' weights as well, not by B. With probabilities ``p_i``:
    ``q_i = w * ((1 - eps) p_i + eps / C)`` and ``D = B``. ``sum_c q_ic`` is 1 only
    without weights (or with equal weights 1) and with probabilities that sum to 1; an
    ignored row has ``q_i = 0``.

    A mean over no weight at all (every row ignored, or the kept rows' weights all 0)
    raises ``ValueError`` here; PyTorch returns nan for it.

    Examples
    --------
    >>> et = effective_target([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0]], [0, -100], label_smoothing=0.3)
    >>> et.q.round(2).tolist(), et.divisor
    ([[0.8, 0.1, 0.1], [0.0, 0.0, 0.0]], 1.0)
    """
    return _prepare(logits, target, weight, ignore_index, reduction, label_smoothing)[1]


def _log_softmax(x: np.ndarray) -> np.ndarray:
    """Stable log-softmax per row; a masked (-inf) class stays -inf, its exp exactly 0."""
    z, i_max = _shifted(x, -1, 1.0)
    return z - _log1p_rest(z, i_max, -1)


def cross_entropy_loss(
    logits,
    target,
    weight=None,
    ignore_index: int = -100,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> np.ndarray | np.floating:
    """``torch.nn.functional.cross_entropy`` for 2-D input, in float64.

    Parameters
    ----------
    logits, target, weight, ignore_index, reduction, label_smoothing
        As :func:`effective_target`, and as PyTorch names them.

    Returns
    -------
    float or ndarray
        A scalar for "mean" and "sum"; one loss per row (B,) for "none", 0 on ignored rows.

    Raises
    ------
    ValueError, TypeError
        As :func:`effective_target`; among them, a ``ValueError`` for a mean over no
        weight (every row ignored, or the kept rows' weights all 0), where PyTorch
        returns nan: raising was chosen over matching it, as a nan loss trains nothing.

    Notes
    -----
    ``loss = sum_i l_i / D`` with ``l_i = -sum_c q_ic log y_hat_ic`` (see
    :func:`effective_target` for q and D). ``log y_hat`` is the fused log-softmax,
    shifted values minus log-sum-exp, never ``log(softmax(x))``, whose tiny
    probabilities round to 0 and give ``-inf``. A term with ``q_ic = 0`` counts 0 even on
    a masked class: there PyTorch multiplies ``0 * -inf`` and returns nan (probability
    targets, or smoothing with a zero class weight), and these functions return the
    limit, the loss with the masked class left out.

    Examples
    --------
    >>> float(cross_entropy_loss([[0.0, 0.0], [0.0, -np.inf]], [0, 0], reduction="sum"))  # log 2
    0.6931471805599453
    """
    x, target, reduction = _prepare(
        logits, target, weight, ignore_index, reduction, label_smoothing
    )
    log_p = _log_softmax(x)
    terms = np.multiply(target.q, log_p, out=np.zeros_like(log_p), where=target.q > 0)
    rows = -np.sum(terms, axis=1) + 0.0
    return rows if reduction == "none" else np.sum(rows) / target.divisor


def cross_entropy_loss_grad(
    logits,
    target,
    weight=None,
    ignore_index: int = -100,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> np.ndarray:
    """∂loss/∂logits of :func:`cross_entropy_loss`, in closed form: ``(y_hat Σq - q) / D``.

    Parameters
    ----------
    logits, target, weight, ignore_index, reduction, label_smoothing
        As :func:`cross_entropy_loss`.

    Returns
    -------
    ndarray, shape (B, C)
        For "none", the gradient of the sum of the per-row losses (what
        ``loss.sum().backward()`` leaves in ``logits.grad``). Exactly 0 on masked classes
        and on ignored rows.

    Raises
    ------
    ValueError, TypeError
        As :func:`effective_target`.

    Notes
    -----
    ``d l_i / d x_ik = -sum_c q_ic (delta_ck - y_hat_ik) = y_hat_ik sum_c q_ic - q_ik``:
    the derivation's ``y_hat - y`` before its ``sum y = 1`` step. Each row then shares the
    divisor D. It is computed as ``y_hat_k (Σq - q_k) - q_k (1 - y_hat_k)`` with
    ``1 - y_hat_k`` taken as the sum of the other probabilities when ``y_hat_k > 1/2``, so a
    confident right prediction keeps its tiny gradient (``y_hat - 1`` in floats rounds it
    to 0, as PyTorch does). A masked class has ``y_hat = 0`` and ``q = 0``: its entry is 0.

    Examples
    --------
    >>> cross_entropy_loss_grad([[0.0, 0.0], [1.0, 1.0]], [0, 1]).tolist()
    [[-0.25, 0.25], [0.25, -0.25]]
    """
    x, target, _ = _prepare(logits, target, weight, ignore_index, reduction, label_smoothing)
    y_hat = np.exp(_log_softmax(x))
    q = target.q
    others = q.sum(axis=1, keepdims=True) - q
    return (y_hat * others - q * one_minus(y_hat)) / target.divisor


class CrossEntropyParts(NamedTuple):
    """Every quantity of :func:`cross_entropy_loss` on one batch, for a page to show."""

    y_hat: np.ndarray
    """Softmax of the logits (B, C); 0 on masked classes."""
    y: np.ndarray
    """The target as given, one-hot for class indices; 0 on ignored rows."""
    target: EffectiveTarget
    rows: np.ndarray
    """Each row's ``l_i = -sum_c q_ic log y_hat_ic`` (the numerator's terms)."""
    numerator: np.floating
    """``sum_i l_i``: the loss is ``numerator / target.divisor`` (mean and sum)."""
    loss: np.ndarray | np.floating
    grad: np.ndarray
    plain: np.ndarray
    """``y_hat - y`` per row: the derivation's gradient of one example, no options."""


def cross_entropy_parts(
    logits,
    target,
    weight=None,
    ignore_index: int = -100,
    reduction: str = "mean",
    label_smoothing: float = 0.0,
) -> CrossEntropyParts:
    """The loss, its numerator's rows, q, D, the gradient and the plain ``y_hat - y``.

    Parameters, Raises
        As :func:`cross_entropy_loss`.

    Examples
    --------
    >>> p = cross_entropy_parts([[0.0, 0.0], [0.0, 0.0]], [0, -100], weight=[2.0, 1.0])
    >>> p.rows.round(4).tolist(), p.target.divisor, p.plain.tolist()
    ([1.3863, 0.0], 2.0, [[-0.5, 0.5], [0.5, 0.5]])
    """
    options = (weight, ignore_index, reduction, label_smoothing)
    x, q, _ = _prepare(logits, target, *options)
    t = np.asarray(target)
    if t.ndim == 1:
        y = np.zeros_like(x)
        kept = np.flatnonzero(~q.ignored)
        y[kept, t[kept]] = 1.0
    else:
        y = t.astype(np.float64)
    y_hat = np.exp(_log_softmax(x))
    rows = cross_entropy_loss(x, t, weight, ignore_index, "none", label_smoothing)
    return CrossEntropyParts(
        y_hat=y_hat,
        y=y,
        target=q,
        rows=rows,
        numerator=np.sum(rows),
        loss=cross_entropy_loss(x, t, *options),
        grad=cross_entropy_loss_grad(x, t, *options),
        plain=y_hat - y,
    )
