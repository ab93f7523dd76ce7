"""Finite-difference gradients, the independent check of every derived gradient."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ._validation import as_float_array, check_positive


def _evaluate(f: Callable, x: np.ndarray) -> float:
    value = f(x.copy())
    arr = np.asarray(value)
    if arr.size != 1 or arr.dtype.kind not in "biuf":
        raise ValueError(f"f must return one real number, got {value!r}")
    out = float(arr.reshape(()))
    if not math.isfinite(out):
        raise ValueError(f"f must return a finite number, got {out} at x = {x.tolist()}")
    return out


def numerical_grad(f: Callable[[np.ndarray], float], x, eps: float = 1e-6) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x``.

    Parameters
    ----------
    f : callable
        Takes an array of the shape of ``x`` and returns one real number. It receives a
        fresh copy at every call, so it may keep or change its argument.
    x : array_like, shape (n,) or (B, n)
        The point, finite; computed in float64.
    eps : float, default 1e-6
        The step h > 0.

    Returns
    -------
    ndarray, float64, shape of ``x``
        ``g_k = (f(x + h e_k) - f(x - h e_k)) / (2h)``.

    Raises
    ------
    ValueError
        If ``eps`` is not a finite positive number, if ``x + h`` rounds back to ``x`` (the
        step is below the spacing of floats at ``x``), or if ``f`` returns NaN or inf.

    Notes
    -----
    The error is ``O(h^2)`` from truncation plus ``O(eps_machine / h)`` from rounding, so
    it is smallest near ``h ~ 1e-5`` for smooth functions of size 1. The divisor is the
    step actually taken, ``(x + h) - (x - h)`` in floating point, not ``2h``.

    Examples
    --------
    >>> numerical_grad(lambda v: float(np.sum(v**2)), [1.0, -2.0]).round(6)
    array([ 2., -4.])
    """
    h = check_positive(eps, "eps")
    point = as_float_array(x, "x").astype(np.float64, copy=True)
    flat = point.reshape(-1)
    grad = np.empty_like(flat)
    for k in range(flat.size):
        centre = flat[k]
        up, down = centre + h, centre - h
        if up == down:
            raise ValueError(f"eps = {h:g} is too small for x = {centre:g}: x + eps == x - eps")
        flat[k] = up
        f_up = _evaluate(f, point)
        flat[k] = down
        f_down = _evaluate(f, point)
        flat[k] = centre
        grad[k] = (f_up - f_down) / (up - down)
    return grad.reshape(point.shape)


def _pair(a, b) -> tuple[np.ndarray, np.ndarray]:
    """``a`` and ``b`` as float64 arrays of one shape, or a ValueError naming the mismatch."""
    u = as_float_array(a, "a").astype(np.float64)
    v = as_float_array(b, "b").astype(np.float64)
    if u.shape != v.shape:
        raise ValueError(f"b must have the shape of a {u.shape}, got {v.shape}")
    return u, v


def relative_error(a, b) -> np.ndarray:
    """Element-wise ``|a - b| / max(|a|, |b|)``, and 0 where both are 0.

    Parameters
    ----------
    a, b : array_like, same shape
        Finite values to compare, e.g. an analytic and a numerical gradient.

    Returns
    -------
    ndarray
        Values in [0, 2]; symmetric in ``a`` and ``b``.

    Examples
    --------
    >>> relative_error([1.0, 0.0], [1.1, 0.0]).round(4)
    array([0.0909, 0.    ])
    """
    u, v = _pair(a, b)
    scale = np.maximum(np.abs(u), np.abs(v))
    return np.divide(np.abs(u - v), scale, out=np.zeros_like(scale), where=scale > 0)


def vector_error(a, b) -> float:
    """One relative error for a whole vector: ``‖a − b‖ / max(‖a‖, ‖b‖)``, 0 if both are 0.

    Parameters
    ----------
    a, b : array_like, same shape
        Finite values to compare, e.g. a numerical gradient and a reference.

    Returns
    -------
    float
        A value in [0, 2], symmetric in ``a`` and ``b``.

    Raises
    ------
    ValueError
        If ``a`` or ``b`` is not finite, or their shapes differ.

    Notes
    -----
    Rounding adds about the same absolute error to every component of a numerical
    gradient, so a component far smaller than the others carries a large relative error
    of its own (see :func:`relative_error`) at any step. Norms weigh each component by
    its size: the whole gradient passes or fails as one, as in
    ``‖n − a‖ / max(‖n‖, ‖a‖)`` of the usual gradient check.

    Examples
    --------
    >>> vector_error([3.0, 4.0], [3.0, 4.0]), vector_error([1.0, 0.0], [0.0, 1.0])
    (0.0, 1.4142135623730951)
    """
    u, v = _pair(a, b)
    scale = max(float(np.linalg.norm(u)), float(np.linalg.norm(v)))
    return float(np.linalg.norm(u - v)) / scale if scale > 0 else 0.0


def third_derivatives(grad: Callable[[np.ndarray], np.ndarray], x, delta: float) -> np.ndarray:
    """``∂³L/∂xⱼ³`` for every j, from second differences of the gradient ``grad`` of L.

    Parameters
    ----------
    grad : callable
        Takes a point of shape (n,) and returns ∂L/∂x there, shape (n,).
    x : array_like, shape (n,)
        The point, finite.
    delta : float
        The step of the second difference, > 0.

    Returns
    -------
    ndarray, float64, shape (n,)
        ``(g_j(x + δ e_j) - 2 g_j(x) + g_j(x - δ e_j)) / δ²``, or 0 where that lies within
        its own rounding noise.

    Raises
    ------
    ValueError
        If ``delta`` is not a finite positive number, or ``x`` is not a finite vector.

    Notes
    -----
    The estimate errs by ``O(δ²)`` from truncation and by about ``8 ε max|g| / δ²`` from
    rounding the three gradients. A value below that rounding bound cannot be told apart
    from 0 and is returned as 0, so a vanishing third derivative (two equal logits) reads
    as one.

    Examples
    --------
    >>> third_derivatives(lambda v: v**3, [1.0, -2.0], 1e-3).round(6)
    array([  6., -12.])
    """
    d = check_positive(delta, "delta")
    point = as_float_array(x, "x").astype(np.float64)
    if point.ndim != 1:
        raise ValueError(f"x must be a vector, got shape {point.shape}")
    eps = float(np.finfo(np.float64).eps)
    centre = np.asarray(grad(point), float)
    out = np.empty(point.size)
    for j in range(point.size):
        shift = np.zeros(point.size)
        shift[j] = d
        up, down = float(grad(point + shift)[j]), float(grad(point - shift)[j])
        noise = 8 * eps * max(abs(up), abs(centre[j]), abs(down)) / d**2
        third = (up - 2 * centre[j] + down) / d**2
        out[j] = third if abs(third) > noise else 0.0
    return out
