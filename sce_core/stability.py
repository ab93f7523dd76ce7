"""What goes wrong without the max-shift: naive softmax, and the log-sum-exp trick step by step.

The naive functions here are deliberately wrong-headed: they compute ``exp(x)`` before
anything else, in the dtype asked for, and return the ``inf``, ``nan`` and ``0`` that
produces instead of raising, so a page can show them. Every other function of
:mod:`sce_core` shifts the logits by their maximum first and never does this.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validation import as_float_array

FLOAT_STATUSES = ("ok", "overflow (inf)", "underflow (0)", "nan", "-inf")
"""Every label :func:`float_report` gives, in a fixed order a page can map to colours."""

_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def _check_dtype(dtype) -> np.dtype:
    # None is refused before np.dtype, which would read it as float64.
    try:
        dt = None if dtype is None else np.dtype(dtype)
    except TypeError:
        dt = None
    if dt is None or dt not in _DTYPES:
        raise ValueError(f"dtype must be float32 or float64, got {dtype!r}")
    return dt


def _as_logits_in(x, dtype) -> np.ndarray:
    """Finite logits converted to ``dtype``; the conversion itself may overflow to inf."""
    dt = _check_dtype(dtype)
    with np.errstate(over="ignore"):
        return as_float_array(x, "logits").astype(dt)


class NaiveTerms(NamedTuple):
    """What the naive softmax forms on its way: ``e^x``, their sum and its log."""

    exps: np.ndarray
    total: np.floating
    log_total: np.floating


def naive_terms(x, dtype=np.float64) -> NaiveTerms:
    """``e^{x_i}``, ``S = sum_i e^{x_i}`` and ``log S`` computed naively in ``dtype``.

    The intermediate values of :func:`naive_softmax`, for showing where it breaks:
    ``e^{1000}`` is inf in float64, ``e^{100}`` already in float32.

    Parameters
    ----------
    x : array_like, shape (n,)
        Finite logits.
    dtype : float32 or float64
        The precision to compute in.

    Examples
    --------
    >>> naive_terms([1000.0, 0.0]).total
    np.float64(inf)
    """
    z = _as_logits_in(x, dtype)
    if z.ndim != 1:
        raise ValueError(f"logits must be a vector (n,), got shape {z.shape}")
    with np.errstate(all="ignore"):
        exps = np.exp(z)
        total = np.sum(exps)
        return NaiveTerms(exps=exps, total=total, log_total=np.log(total))


def exp_limits(dtype=np.float64) -> tuple[float, float]:
    """The ``x`` above which ``e^x`` overflows to inf, and below which it rounds to 0.

    Examples
    --------
    >>> [round(v, 2) for v in exp_limits(np.float64)], [round(v, 2) for v in exp_limits("float32")]
    ([709.78, -745.13], [88.72, -103.97])
    """
    info = np.finfo(_check_dtype(dtype))
    # Below half the smallest subnormal, e^x rounds to 0.
    return float(np.log(info.max)), float(np.log(info.smallest_subnormal) - np.log(2.0))


def naive_softmax(x, dtype=np.float64) -> np.ndarray:
    """Softmax computed the naive way, ``exp(x) / sum(exp(x))``, warts and all.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    dtype : {float32, float64}, default float64
        The precision everything is computed in (the logits are converted first).

    Returns
    -------
    ndarray of ``dtype``
        What the formula gives: ``nan`` where ``exp`` overflowed to ``inf / inf``, 0 where
        it underflowed, and the right probabilities only where neither happened.

    Raises
    ------
    ValueError
        If ``x`` is empty, not finite or more than 2-D, or ``dtype`` is not float32/float64.

    Notes
    -----
    ``exp`` overflows above about 709.78 in float64 and 88.72 in float32, and underflows
    to 0 below about -745 and -103. numpy's warnings are silenced here on purpose. The
    stable :func:`sce_core.softmax` subtracts ``max(x)`` first, so the largest exponent
    is 0.

    Examples
    --------
    >>> naive_softmax([1000.0, 1001.0])
    array([nan, nan])
    >>> naive_softmax([100.0, 101.0], dtype=np.float32)
    array([nan, nan], dtype=float32)
    >>> naive_softmax([0.0, np.log(3.0)])
    array([0.25, 0.75])
    """
    v = _as_logits_in(x, dtype)
    with np.errstate(all="ignore"):
        e = np.exp(v)
        return e / np.sum(e, axis=-1, keepdims=True)


def naive_log_softmax(x, dtype=np.float64) -> np.ndarray:
    """``log(exp(x) / sum(exp(x)))`` computed literally, giving ``-inf`` and ``nan`` where it fails.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    dtype : {float32, float64}, default float64
        The precision of the computation.

    Returns
    -------
    ndarray of ``dtype``
        ``log`` of :func:`naive_softmax`: ``-inf`` where a probability underflowed to 0,
        ``nan`` where the softmax was already ``nan``.

    Notes
    -----
    The stable :func:`sce_core.log_softmax` is ``(x - m) - log(sum(exp(x - m)))`` and never
    takes the log of a probability, so ``[0, -1000]`` gives ``[0, -1000]``, not ``-inf``.

    Examples
    --------
    >>> naive_log_softmax([0.0, -1000.0])
    array([  0., -inf])
    """
    p = naive_softmax(x, dtype)
    with np.errstate(all="ignore"):
        return np.log(p)


def _as_any_floats(values) -> np.ndarray:
    """Like ``as_float_array`` but letting inf and nan through: they are what is reported."""
    arr = np.asarray(values)
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"values must contain real numbers, got dtype {arr.dtype}")
    if arr.ndim > 2 or arr.size == 0:
        raise ValueError(
            f"values must be a non-empty scalar, vector or batch, got shape {arr.shape}"
        )
    return arr


def float_report(values, zero_is_underflow: bool = True) -> np.ndarray:
    """Label every entry as one of :data:`FLOAT_STATUSES`, for showing failures by name.

    Parameters
    ----------
    values : array_like, scalar or shape (n,) or (B, n)
        Any real numbers, inf and nan included.
    zero_is_underflow : bool, default True
        Report an exact 0 as ``"underflow (0)"``. Right for ``exp`` values and
        probabilities, which are never truly 0; pass False for values such as the
        shifted logits ``x - max(x)``, where 0 is expected.

    Returns
    -------
    ndarray of str, shape of ``values``
        ``"ok"``, ``"overflow (inf)"`` for ``+inf``, ``"underflow (0)"``, ``"nan"``, or
        ``"-inf"`` (the log of an underflowed 0).

    Examples
    --------
    >>> float_report([0.5, np.inf, 0.0, np.nan, -np.inf]).tolist()
    ['ok', 'overflow (inf)', 'underflow (0)', 'nan', '-inf']
    >>> float_report([0.0, -1.0], zero_is_underflow=False).tolist()
    ['ok', 'ok']
    """
    v = _as_any_floats(values)
    labels = np.full(v.shape, FLOAT_STATUSES[0], dtype=object)
    labels[v == np.inf] = FLOAT_STATUSES[1]
    if zero_is_underflow:
        labels[v == 0] = FLOAT_STATUSES[2]
    labels[np.isnan(v)] = FLOAT_STATUSES[3]
    labels[v == -np.inf] = FLOAT_STATUSES[4]
    return labels.astype(str)


class LogSumExpSteps(NamedTuple):
    """The intermediate numbers of ``logsumexp(x) = m + log(sum(exp(x - m)))``.

    For ``(n,)`` logits the per-row fields are scalars; for ``(B, n)`` they have shape (B,).
    """

    m: np.ndarray
    """``max(x)``, the shift."""
    shifted: np.ndarray
    """``x - m``: every entry <= 0, the largest exactly 0."""
    exp_shifted: np.ndarray
    """``exp(x - m)``: in (0, 1], the largest exactly 1, so nothing overflows."""
    sum_exp: np.ndarray
    """``sum(exp(x - m))``: in [1, n], so its log is finite."""
    log_sum: np.ndarray
    """``log(sum(exp(x - m)))``: in [0, log n]."""
    result: np.ndarray
    """``m + log_sum``, equal to ``log(sum(exp(x)))``."""


def _per_row(a: np.ndarray):
    """Drop the kept class axis: a numpy scalar for one example, shape (B,) for a batch."""
    out = a[..., 0]
    return out[()] if out.ndim == 0 else out


def logsumexp_steps(x, dtype=np.float64) -> LogSumExpSteps:
    """Every step of the log-sum-exp trick, for display next to the naive computation.

    Parameters
    ----------
    x : array_like, shape (n,) or (B, n)
        Finite logits.
    dtype : {float32, float64}, default float64
        The precision of the computation: the trick works in float32 too.

    Returns
    -------
    LogSumExpSteps
        ``m``, ``shifted``, ``exp_shifted``, ``sum_exp``, ``log_sum`` and ``result``.

    Notes
    -----
    ``log sum_k e^{x_k} = log(e^m sum_k e^{x_k - m}) = m + log sum_k e^{x_k - m}``. After
    the shift the largest term is ``e^0 = 1``: ``exp`` cannot overflow, the sum is at
    least 1, and its log cannot be ``-inf``. The library's :func:`sce_core.logsumexp`
    also uses ``log1p`` for the last step; plain ``log`` is shown here as it is taught.

    Examples
    --------
    >>> s = logsumexp_steps([1000.0, 1000.0])
    >>> float(s.m), s.shifted, s.exp_shifted, float(s.sum_exp)
    (1000.0, array([0., 0.]), array([1., 1.]), 2.0)
    >>> float(s.result)  # 1000 + log 2; the naive log(sum(exp(x))) is inf
    1000.6931471805599
    """
    v = _as_logits_in(x, dtype)
    m = np.max(v, axis=-1, keepdims=True)
    shifted = v - m
    exp_shifted = np.exp(shifted)
    sum_exp = np.sum(exp_shifted, axis=-1, keepdims=True)
    log_sum = np.log(sum_exp)
    return LogSumExpSteps(
        m=_per_row(m),
        shifted=shifted,
        exp_shifted=exp_shifted,
        sum_exp=_per_row(sum_exp),
        log_sum=_per_row(log_sum),
        result=_per_row(m + log_sum),
    )
