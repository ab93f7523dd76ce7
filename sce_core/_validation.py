"""Input checks shared by every public function of :mod:`sce_core`.

Each helper turns an array_like into a new float ndarray or raises a ``ValueError``
(a ``TypeError`` for values that are not real numbers) whose message names the
argument and the offending value or shape.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np

_REAL_KINDS = "biuf"
_MAX_SEED = 2**63 - 1
_SHAPES = {
    0: "a scalar, a vector (n,) or a batch (B, n)",
    1: "a vector (n,) or a batch (B, n)",
    2: "a matrix (m, n)",
}


def _describe(a: np.ndarray) -> str:
    """Short text for an offending array: the values if few, else shape and dtype."""
    if a.size <= 6:
        return np.array2string(np.asarray(a), separator=", ")
    return f"an array of shape {a.shape} and dtype {a.dtype}"


def as_float_array(a, name: str, *, min_ndim: int = 1) -> np.ndarray:
    """Return ``a`` as a new float array of ``min_ndim`` to 2 dimensions, with finite entries.

    ``min_ndim`` is 0 for arguments that may also be a scalar (returned as a 0-d array),
    1 for a vector or batch, 2 for a matrix. float32 stays float32 (float16 is promoted
    to float32); every other real dtype, integers and booleans included, becomes float64.
    The result may share memory with ``a``: callers build new arrays from it and never
    write into it.
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
        raise ValueError(f"{name} must be {_SHAPES[min_ndim]}, got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {arr.shape}")
    out = np.asarray(arr, dtype=dtype)
    check_finite(out, name)
    return out


def check_finite(a: np.ndarray, name: str) -> None:
    """Raise a ValueError naming ``name`` and the first NaN or infinity of ``a``, if any.

    ``a`` is a float array of 0, 1 or 2 dimensions; the message gives the index of the
    culprit as an int for a vector, a tuple for a batch, and none for a 0-d array.
    """
    # One reduction decides the common case; only a non-finite total needs the
    # element-wise look that names the culprit (a finite array can still overflow
    # its sum, which the second check clears).
    with np.errstate(over="ignore", invalid="ignore"):
        total = np.add.reduce(a, axis=None)
    if np.isfinite(total):
        return
    bad = ~np.isfinite(a)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        where = f" at index {index[0] if a.ndim == 1 else index}" if a.ndim else ""
        raise ValueError(f"{name} must be finite, got {a[index]}{where}")


def check_same_shape(b: np.ndarray, a: np.ndarray, name_b: str, name_a: str) -> None:
    """Raise a ValueError naming both arguments if ``b`` and ``a`` differ in shape."""
    if b.shape != a.shape:
        raise ValueError(f"{name_b} must have the shape of {name_a} {a.shape}, got {b.shape}")


def as_labels(y, like: np.ndarray, name: str = "labels") -> np.ndarray:
    """Return labels as a float array of ``like``'s shape and dtype, non-negative and finite.

    The labels follow the dtype of the logits or probabilities they go with, so float32
    logits give float32 results whatever type the labels were written in.
    """
    lab = as_float_array(y, name)
    check_same_shape(lab, like, name, "the logits")
    if (lab < 0).any():
        raise ValueError(f"{name} must be non-negative, got {_describe(lab)}")
    with np.errstate(over="ignore"):
        cast = lab.astype(like.dtype, copy=False)
    check_finite(cast, f"{name} (as {like.dtype})")
    return cast


def as_probabilities(p, name: str = "y_hat", *, min_ndim: int = 1) -> np.ndarray:
    """Return probabilities as a float array (see :func:`as_float_array`), every entry in [0, 1]."""
    prob = as_float_array(p, name, min_ndim=min_ndim)
    if ((prob < 0) | (prob > 1)).any():
        raise ValueError(f"{name} must lie in [0, 1], got {_describe(prob)}")
    return prob


def check_positive(value, name: str) -> float:
    """Return ``value`` as a float, or raise if it is not a finite number > 0."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    v = float(value)
    if not (math.isfinite(v) and v > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return v


def check_temperature(temperature) -> float:
    """Return the temperature as a float, or raise if it is not a finite positive number."""
    return check_positive(temperature, "temperature")


def check_int(value, name: str, low: int, high: int) -> int:
    """Return ``value`` as an int in ``[low, high]``; TypeError if it is not an integer."""
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise TypeError(f"{name} must be an integer, got {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {value}")
    return int(value)


def check_seed(seed) -> int:
    """Return ``seed`` as an int that ``np.random.default_rng`` takes, in ``[0, 2**63 - 1]``."""
    return check_int(seed, "seed", 0, _MAX_SEED)


def check_choice(value, name: str, choices) -> str:
    """Return ``value`` if it is one of ``choices``, else raise a ValueError listing them."""
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}; got {value!r}")
    return value


def check_range(value, name: str) -> tuple[float, float]:
    """Return a ``(low, high)`` pair of finite floats with ``low < high``."""
    try:
        low, high = (float(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair (low, high) of numbers, got {value!r}") from None
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(f"{name} must be finite with low < high, got {value!r}")
    return low, high


def check_axis(axis, ndim: int) -> int:
    """Return ``axis`` normalised to a non-negative int for an array of ``ndim`` dimensions."""
    if isinstance(axis, bool) or not isinstance(axis, int | np.integer):
        raise TypeError(f"axis must be an integer, got {axis!r}")
    if not -ndim <= axis < ndim:
        raise ValueError(f"axis must be in [{-ndim}, {ndim - 1}] for these logits, got {axis}")
    return int(axis) % ndim
