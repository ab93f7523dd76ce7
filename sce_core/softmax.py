"""Softmax, log-softmax and log-sum-exp, with the softmax Jacobian beside them.

All functions shift the logits by their maximum before exponentiating. Softmax is
invariant to that shift, and after it the largest exponent is exactly ``e**0 = 1``,
so ``exp`` can neither overflow nor make every term underflow to 0.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array, check_axis, check_int, check_temperature


def _shifted(x: np.ndarray, axis: int, temperature: float) -> tuple[np.ndarray, np.ndarray]:
    """Return ``(z, i_max)``: a new array ``z = (x - max(x)) / T`` and the argmax along axis.

    Subtracting the maximum first and dividing after gives the same values as
    shifting ``x / T`` by its maximum, and saves a pass over the array when T = 1.
    """
    i_max = np.argmax(x, axis=axis, keepdims=True)
    # A gap beyond the float range rounds to -inf, the right limit: its exp is 0.
    with np.errstate(over="ignore"):
        z = np.subtract(x, np.take_along_axis(x, i_max, axis=axis))
        if temperature != 1.0:
            z /= temperature
    return z, i_max


_BLOCK = 1 << 15
"""Elements per block of exponentials: small enough to stay in the CPU cache."""


def _log1p_rest(z: np.ndarray, i_max: np.ndarray, axis: int) -> np.ndarray:
    """Return ``log(sum(exp(z)))`` along axis for shifted logits ``z`` (max entry 0).

    The maximal entry contributes exactly 1, so the sum is ``1 + rest``. Taking
    ``log1p(rest)`` with ``rest`` summed without that 1 keeps full relative accuracy
    when the other classes are tiny, where ``log(1 + rest)`` would round ``rest`` away.
    The exponentials are only summed, so they are formed a block of rows at a time in
    one small buffer rather than in a second array the size of ``z``.
    """
    rows = np.moveaxis(z, axis, -1)
    top = np.moveaxis(i_max, axis, -1)
    if rows.ndim == 1:
        rows, top = rows[None, :], top[None, :]
    rest = np.empty((*rows.shape[:-1], 1), dtype=z.dtype)
    step = max(1, _BLOCK // rows.shape[-1])
    buffer = np.empty((min(step, rows.shape[0]), rows.shape[-1]), dtype=z.dtype)
    for start in range(0, rows.shape[0], step):
        block = slice(start, start + step)
        e = np.exp(rows[block], out=buffer[: rows[block].shape[0]])
        np.put_along_axis(e, top[block], 0.0, axis=-1)
        np.sum(e, axis=-1, keepdims=True, out=rest[block])
    np.log1p(rest, out=rest)
    return np.moveaxis(rest.reshape(np.moveaxis(i_max, axis, -1).shape), -1, axis)


def softmax(x, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    """Softmax of logits along one axis: ``y_hat_i = exp(x_i / T) / sum_k exp(x_k / T)``.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits. float32 stays float32; other real dtypes are computed in float64.
    axis : int, default -1
        The class axis.
    temperature : float, default 1.0
        T > 0; the result is ``softmax(x / T)``. Large T flattens, small T sharpens.

    Returns
    -------
    ndarray
        Probabilities of the shape of ``x``, each slice along ``axis`` summing to 1.

    Raises
    ------
    ValueError
        If ``x`` is empty, has more than 2 dimensions, or holds NaN or inf; if
        ``temperature`` is not a finite positive number.
    TypeError
        If ``x`` does not hold real numbers.

    Notes
    -----
    Computed as ``exp(z) / sum(exp(z))`` with ``z = (x - max x) / T``. The naive
    ``exp(x) / sum(exp(x))`` overflows to ``inf / inf = nan`` for ``x = [1000, 1001]``.

    Examples
    --------
    >>> softmax([0.0, 0.0])
    array([0.5, 0.5])
    >>> softmax([1000.0, 1000.0 + np.log(3.0)])
    array([0.25, 0.75])
    """
    x = as_float_array(x, "logits")
    axis = check_axis(axis, x.ndim)
    z, _ = _shifted(x, axis, check_temperature(temperature))
    np.exp(z, out=z)
    np.divide(z, np.sum(z, axis=axis, keepdims=True), out=z)
    return z


def log_softmax(x, axis: int = -1, temperature: float = 1.0) -> np.ndarray:
    """Logarithm of the softmax, computed without ever taking the log of a probability.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    axis : int, default -1
        The class axis.
    temperature : float, default 1.0
        T > 0; the result is ``log_softmax(x / T)``.

    Returns
    -------
    ndarray
        ``log y_hat`` of the shape of ``x``; every entry is finite and <= 0.

    Raises
    ------
    ValueError, TypeError
        As :func:`softmax`.

    Notes
    -----
    ``log y_hat_i = z_i - log(sum_k exp(z_k))`` with ``z = (x - max x) / T``, and the
    log-sum-exp taken as ``log1p`` of the terms other than the maximal one. The naive
    ``log(softmax(x))`` gives ``-inf`` as soon as a probability underflows:

    >>> np.log(softmax([0.0, -1000.0]))  # doctest: +SKIP
    array([   0., -inf])
    >>> log_softmax([0.0, -1000.0])
    array([    0., -1000.])
    """
    x = as_float_array(x, "logits")
    axis = check_axis(axis, x.ndim)
    z, i_max = _shifted(x, axis, check_temperature(temperature))
    z -= _log1p_rest(z, i_max, axis)
    return z


def logsumexp(x, axis: int = -1, temperature: float = 1.0) -> np.ndarray | np.floating:
    """``log(sum_k exp(x_k / T))`` along one axis, without overflow or underflow.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    axis : int, default -1
        The axis summed over.
    temperature : float, default 1.0
        T > 0; the terms are ``exp(x_k / T)``.

    Returns
    -------
    float or ndarray
        A scalar for ``(n,)``, one value per row for ``(B, n)``.

    Notes
    -----
    ``logsumexp(x) = m + log(sum_k exp(x_k - m))`` for ``m = max x``: the "log-sum-exp
    trick". Every exponent is then <= 0, and the largest is exactly 0.

    Examples
    --------
    >>> float(logsumexp([1000.0, 1000.0]))  # 1000 + log 2
    1000.6931471805599
    """
    x = as_float_array(x, "logits")
    axis = check_axis(axis, x.ndim)
    t = check_temperature(temperature)
    z, i_max = _shifted(x, axis, t)
    top = np.take_along_axis(x, i_max, axis=axis) / t
    out = np.squeeze(top + _log1p_rest(z, i_max, axis), axis=axis)
    return out[()] if out.ndim == 0 else out


class SoftmaxTerms(NamedTuple):
    """The pieces of the softmax definition: ``y_hat_i = exps_i / total``."""

    exps: np.ndarray
    """``e^{x_i}``, unshifted, shape of ``x``."""
    total: np.ndarray | np.floating
    """``S = sum_k e^{x_k}``: a scalar for ``(n,)``, one value per row for ``(B, n)``."""


_EXP_LIMIT = float(np.log(np.finfo(np.float64).max))


def softmax_terms(x) -> SoftmaxTerms:
    """The exponentials ``e^{x_i}`` and their sum ``S``, as written in the definition.

    For showing the definition with numbers; :func:`softmax` never forms them, since
    ``e^{x}`` overflows for ``x > 709``.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits, each at most about 709 (``log`` of the largest float64).

    Returns
    -------
    SoftmaxTerms
        ``exps`` and ``total``, in float64.

    Raises
    ------
    ValueError
        If a logit is too large for ``e^{x}`` (or the sum) to be a finite float64.

    Examples
    --------
    >>> softmax_terms([0.0, np.log(3.0)]).total
    np.float64(4.0)
    """
    logits = as_float_array(x, "logits").astype(np.float64)
    if logits.max() > _EXP_LIMIT:
        raise ValueError(
            f"logits must be at most {_EXP_LIMIT:.1f} for e^x to be finite, got {logits.max()}"
        )
    exps = np.exp(logits)
    total = np.sum(exps, axis=-1)
    if not np.all(np.isfinite(total)):
        raise ValueError("logits are too large for the sum of e^x to be a finite float64")
    return SoftmaxTerms(exps=exps, total=total[()] if total.ndim == 0 else total)


def one_minus(p: np.ndarray) -> np.ndarray:
    """``1 - p`` for softmax outputs ``p`` (class axis last), accurate when ``p_i`` is near 1.

    At most one class per row can exceed 1/2; for it, ``1 - p_i`` is computed as the
    sum of the other probabilities, which avoids the cancellation of ``1 - 0.9999999...``.
    """
    c = 1.0 - p
    dominant = p > 0.5
    if dominant.any():
        rest = np.sum(np.where(dominant, 0.0, p), axis=-1, keepdims=True)
        c = np.where(dominant, rest, c).astype(p.dtype, copy=False)
    return c


class JacobianParts(NamedTuple):
    """The softmax Jacobian split into its two cases: ``J = diag(same) + other``."""

    same: np.ndarray
    """``dy_hat_i/dx_i = y_hat_i (1 - y_hat_i) / T``, shape (n,) or (B, n)."""
    other: np.ndarray
    """``dy_hat_i/dx_j = -y_hat_i y_hat_j / T`` for i != j and 0 on the diagonal."""


def softmax_jacobian_parts(x, temperature: float = 1.0) -> JacobianParts:
    """The two cases of the softmax Jacobian, each from the quotient rule.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits; the class axis is the last.
    temperature : float, default 1.0
        T > 0.

    Returns
    -------
    JacobianParts
        ``same`` (shape of ``x``) with the diagonal ``y_hat_i (1 - y_hat_i) / T`` and
        ``other`` (shape (n, n) or (B, n, n)) with ``-y_hat_i y_hat_j / T`` off the
        diagonal and zeros on it.

    Notes
    -----
    With ``S = sum_k exp(x_k)``, the quotient rule gives for i = j
    ``(e^{x_i} S - e^{x_i} e^{x_i}) / S^2 = y_hat_i (1 - y_hat_i)`` and for i != j
    ``(0 * S - e^{x_i} e^{x_j}) / S^2 = -y_hat_i y_hat_j``.

    Examples
    --------
    >>> softmax_jacobian_parts([0.0, 0.0]).same
    array([0.25, 0.25])
    """
    t = check_temperature(temperature)
    p = softmax(x, temperature=t)
    other = np.multiply(p[..., :, None], p[..., None, :])
    other /= -t
    diagonal = np.einsum("...ii->...i", other)
    diagonal[...] = 0.0
    return JacobianParts(same=p * one_minus(p) / t, other=other)


def softmax_jacobian(x, temperature: float = 1.0) -> np.ndarray:
    """The full softmax Jacobian ``J[..., i, j] = d y_hat_i / d x_j``.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits; the class axis is the last.
    temperature : float, default 1.0
        T > 0; then ``J = (diag(y_hat) - y_hat y_hat^T) / T``.

    Returns
    -------
    ndarray, shape (n, n) or (B, n, n)
        Symmetric, with every row and column summing to 0.

    Notes
    -----
    ``J = diag(y_hat) - y_hat y_hat^T``; see :func:`softmax_jacobian_parts` for the two
    cases. The diagonal is taken as ``y_hat_i (1 - y_hat_i)`` with an accurate ``1 - y_hat_i``.

    Examples
    --------
    >>> softmax_jacobian([0.0, 0.0])
    array([[ 0.25, -0.25],
           [-0.25,  0.25]])
    """
    same, j = softmax_jacobian_parts(x, temperature)
    np.einsum("...ii->...i", j)[...] = same
    return j


class Linearisation(NamedTuple):
    """What a nudge of one logit does to softmax, and what the Jacobian predicts."""

    actual: np.ndarray
    """``softmax(x + delta e_j) - softmax(x)``, shape (n,) or (m, n) for m nudges."""
    linear: np.ndarray
    """``J[:, j] * delta``: the first-order prediction, of the shape of ``actual``."""

    @property
    def gap(self) -> np.ndarray:
        """``actual - linear``: what the straight line misses, of order ``delta**2``."""
        return self.actual - self.linear


def nudge_linearisation(x, j: int, delta) -> Linearisation:
    """Compare the change of softmax under a nudge of logit ``j`` with ``J δ``.

    Parameters
    ----------
    x : array_like, shape (n,)
        Finite logits.
    j : int
        The 0-based index of the logit that moves, in ``[0, n - 1]``.
    delta : float or array_like, shape (m,)
        Finite nudges; one row of the result per nudge when an array.

    Returns
    -------
    Linearisation
        ``actual`` and ``linear`` of shape (n,) for a scalar ``delta``, (m, n) for m.

    Raises
    ------
    ValueError
        If ``x`` is not a finite vector, ``j`` is outside ``[0, n - 1]`` or ``delta`` is
        not finite (``TypeError`` if ``j`` is not an integer).

    Notes
    -----
    The Jacobian is the slope of softmax: ``softmax(x + δ e_j) ≈ softmax(x) + J[:, j] δ``
    for small δ. Exactly, with ``g(δ) = (e^δ - 1) / (1 + ŷ_j (e^δ - 1))``,
    ``Δŷ_i = J_ij g(δ)`` for every i, and ``g(δ) = δ + (1/2 - ŷ_j) δ² + O(δ³)``; so the
    gap is ``J_ij (1/2 - ŷ_j) δ²`` to leading order: it grows with the square of the
    nudge, and it keeps the sign of ``J_ij`` unless ŷ_j > 1/2. The actual change is the
    difference of two stable softmaxes, so it is right to the float's absolute accuracy
    (about 1e-16) whatever δ.

    Examples
    --------
    >>> step = nudge_linearisation([0.0, 0.0], 0, 0.1)
    >>> step.linear
    array([ 0.025, -0.025])
    >>> np.round(step.gap, 6)  # ŷ_j = 1/2: no δ² term, the gap is of order δ³
    array([-2.1e-05,  2.1e-05])
    """
    x = as_float_array(x, "logits")
    if x.ndim != 1:
        raise ValueError(f"logits must be a vector (n,), got shape {x.shape}")
    j = check_int(j, "j", 0, x.size - 1)
    d = as_float_array(delta, "delta", min_ndim=0)
    if d.ndim > 1:
        raise ValueError(f"delta must be a scalar or a vector (m,), got shape {d.shape}")
    nudged = np.repeat(x[None, :], d.size, axis=0)
    nudged[:, j] += d.reshape(-1)
    actual = softmax(nudged) - softmax(x)
    linear = np.multiply.outer(d.reshape(-1), softmax_jacobian(x)[:, j])
    shape = (x.size,) if d.ndim == 0 else (d.size, x.size)
    return Linearisation(actual.reshape(shape), linear.reshape(shape))
