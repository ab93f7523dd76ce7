"""Input checks shared by every public function of :mod:`sce_core`.

Each helper turns an array_like into a new float ndarray or raises a ``ValueError``
(a ``TypeError`` for values that are not real numbers) whose message names the
argument and the offending value or shape.
"""

from __future__ import annotations

import math
from numbers import Real

import numpy as np

_REAL_KINDS = "biuf"


def _describe(a: np.ndarray) -> str:
    """Short text for an offending array: the values if few, else shape and dtype."""
    if a.size <= 6:
        return np.array2string(np.asarray(a), separator=", ")
    return f"an array of shape {a.shape} and dtype {a.dtype}"


def as_float_array(a, name: str, *, min_ndim: int = 1) -> np.ndarray:
    """Return ``a`` as a new float array of 1 or 2 dimensions, with finite entries.

    float32 stays float32 (float16 is promoted to float32); every other real dtype,
    integers and booleans included, becomes float64. The result may share memory with
    ``a``: callers build new arrays from it and never write into it.
    """
    try:
        arr = np.asarray(a)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"{name} must be a rectangular array of numbers: {exc}") from None
    if arr.dtype.kind not in _REAL_KINDS:
        raise TypeError(f"{name} must contain real numbers, got dtype {arr.dtype}")
    if arr.dtype.kind == "f" and arr.dtype.itemsize >= 4:
        dtype = arr.dtype
    elif arr.dtype == np.float16:
        dtype = np.dtype(np.float32)
    else:
        dtype = np.dtype(np.float64)
    if not min_ndim <= arr.ndim <= 2:
        raise ValueError(f"{name} must be a vector (n,) or a batch (B, n), got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    out = np.asarray(arr, dtype=dtype)
    check_finite(out, name)
    return out


def check_finite(a: np.ndarray, name: str) -> None:
    """Raise a ValueError naming ``name`` if ``a`` holds NaN or an infinity."""
    # One reduction decides the common case; only a non-finite total needs the
    # element-wise look that names the culprit (a finite array can still overflow
    # its sum, which the second check clears).
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.add.reduce(a, axis=None)
    if np.isfinite(total):
        return
    bad = ~np.isfinite(a)
    if bad.any():
        first = a[bad].flat[0]
        where = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            f"{name} must be finite, got {first} at index {where if a.ndim > 1 else where[0]}"
        )


def as_labels(y, like: np.ndarray, name: str = "labels") -> np.ndarray:
    """Return labels as a float array of ``like``'s shape and dtype, non-negative and finite.

    The labels follow the dtype of the logits or probabilities they go with, so float32
    logits give float32 results whatever type the labels were written in.
    """
    lab = as_float_array(y, name)
    if lab.shape != like.shape:
        raise ValueError(f"{name} must have the shape of the logits {like.shape}, got {lab.shape}")
    if (lab < 0).any():
        raise ValueError(f"{name} must be non-negative, got {_describe(lab)}")
    return lab.astype(like.dtype, copy=False)


def as_probabilities(p, name: str = "y_hat") -> np.ndarray:
    """Return probabilities as a float array, every entry in [0, 1]."""
    prob = as_float_array(p, name)
    if ((prob < 0) | (prob > 1)).any():
        raise ValueError(f"{name} must lie in [0, 1], got {_describe(prob)}")
    return prob


def check_temperature(temperature) -> float:
    """Return the temperature as a float, or raise if it is not a finite positive number."""
    if isinstance(temperature, bool) or not isinstance(temperature, Real | np.floating):
        raise TypeError(f"temperature must be a real number, got {temperature!r}")
    t = float(temperature)
    if not (math.isfinite(t) and t > 0):
        raise ValueError(f"temperature must be a finite number > 0, got {temperature!r}")
    return t


def check_axis(axis, ndim: int) -> int:
    """Return ``axis`` normalised to a non-negative int for an array of ``ndim`` dimensions."""
    if isinstance(axis, bool) or not isinstance(axis, int | np.integer):
        raise TypeError(f"axis must be an integer, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis must be in [{-ndim}, {ndim - 1}] for these logits, got {axis}")
    return int(axis) % ndim
