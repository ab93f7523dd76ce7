"""Carrying a gradient through softmax: the vector-Jacobian product, and the long way.

A backward pass through ``y_hat = softmax(z)`` needs ``J^T g`` for the incoming gradient
``g = dL/dy_hat``. ``J = diag(y_hat) - y_hat y_hat^T`` is symmetric, so that is ``J g``, and
it collapses to ``y_hat * (g - <g, y_hat>)``: no K x K matrix is ever formed. These
functions show both ways and what each costs.
"""

from __future__ import annotations

import numpy as np

from ._validation import as_float_array, check_int
from .softmax import softmax_jacobian


def softmax_jacobian_product(logits, g) -> np.ndarray:
    """``J g`` the long way: build the softmax Jacobian of each row, then multiply.

    Parameters
    ----------
    logits : array_like, shape (K,)
    g : array_like, shape (K,)

    Returns
    -------
    ndarray, shape (K,)
        ``(diag(y_hat) - y_hat y_hat^T) g``; equal to :func:`softmax_vjp` to rounding.

    Notes
    -----
    Forms the K x K matrix: about ``3 K^2`` operations and ``K^2`` numbers of memory, where
    the vector-Jacobian product needs about ``4 K`` operations and no matrix
    (:func:`softmax_vjp_costs`).

    Examples
    --------
    >>> softmax_jacobian_product([0.0, 0.0], [1.0, 0.0]).tolist()
    [0.25, -0.25]
    """
    J = softmax_jacobian(as_float_array(logits, "logits").astype(np.float64))
    grad = as_float_array(g, "g").astype(np.float64)
    if J.ndim != 2 or grad.shape != J.shape[:1]:
        raise ValueError(f"g must be a vector of the logits' length {J.shape[0]}, got {grad.shape}")
    return J @ grad


def softmax_vjp_costs(n_classes: int) -> tuple[int, int, int, int]:
    """Operations and memory of ``J g`` for one example of K classes, both ways.

    Parameters
    ----------
    n_classes : int
        K, in [1, 10**9].

    Returns
    -------
    vjp_ops, vjp_memory, full_ops, full_memory : int
        ``y_hat * (g - <g, y_hat>)``: K products and K - 1 sums for the inner product, K
        differences, K products, so ``4K - 1`` operations and K numbers. Building
        ``J = diag(y_hat) - y_hat y_hat^T``: K^2 products and K differences; ``J g``: K^2
        products and K (K - 1) sums; so ``3 K^2`` operations and K^2 numbers.

    Examples
    --------
    >>> softmax_vjp_costs(3)
    (11, 3, 27, 9)
    """
    k = check_int(n_classes, "n_classes", 1, 10**9)
    return 4 * k - 1, k, 3 * k * k, k * k


def softmax_vjp(y_hat, g) -> np.ndarray:
    """The product ``g^T J`` of a gradient with the softmax Jacobian, without forming J.

    Parameters
    ----------
    y_hat : array_like, shape (K,) or (B, K)
        Softmax outputs, rows summing to 1.
    g : array_like, same shape
        The gradient of a loss with respect to ``y_hat``, one row per example.

    Returns
    -------
    ndarray, shape of ``y_hat``
        ``y_hat * (g - <g, y_hat>)`` row by row: the gradient with respect to the logits.

    Notes
    -----
    ``J = diag(y_hat) - y_hat y_hat^T`` is symmetric, so ``J g = g^T J`` and
    ``(J g)_j = y_hat_j g_j - y_hat_j sum_i y_hat_i g_i``. That costs about 3K operations
    per example; building J and multiplying costs about 3K^2, and K^2 memory. With the
    cross-entropy's ``g = -y / y_hat`` it gives ``y_hat - y``.

    Examples
    --------
    >>> y_hat = np.array([0.5, 0.25, 0.25])
    >>> softmax_vjp(y_hat, [-2.0, 0.0, 0.0]).tolist()
    [-0.5, 0.25, 0.25]
    """
    p = as_float_array(y_hat, "y_hat").astype(np.float64)
    grad = as_float_array(g, "g").astype(np.float64)
    if grad.shape != p.shape:
        raise ValueError(f"g must have the shape of y_hat {p.shape}, got {grad.shape}")
    return p * (grad - np.sum(grad * p, axis=-1, keepdims=True))
