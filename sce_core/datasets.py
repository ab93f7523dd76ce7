"""Toy data in the plane that no linear model can separate: two moons and K spirals.

They sit beside :func:`sce_core.make_blobs` (one Gaussian blob per class, which a linear
model separates well): the same seeded, validated interface, points in shuffled order.
"""

from __future__ import annotations

from numbers import Real

import numpy as np

from ._validation import check_int, check_seed
from .training import MAX_POINTS


def _check_noise(noise) -> float:
    """``noise`` as a float in [0, 10] (0 is allowed: the clean curves)."""
    if isinstance(noise, bool) or not isinstance(noise, Real):
        raise TypeError(f"noise must be a real number, got {noise!r}")
    v = float(noise)
    if not 0.0 <= v <= 10.0:
        raise ValueError(f"noise must be a number in [0, 10], got {noise!r}")
    return v


def _class_sizes(n_points: int, n_classes: int) -> np.ndarray:
    """N // K points per class, the first N % K classes one more."""
    return np.bincount(np.arange(n_points) % n_classes, minlength=n_classes)


def _shuffled(rng: np.random.Generator, X: np.ndarray, labels: np.ndarray):
    order = rng.permutation(labels.size)
    return X[order], labels[order].astype(np.int64)


def make_moons(n_points: int, noise: float = 0.15, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaved half circles, one per class: bent, so no straight line splits them.

    Parameters
    ----------
    n_points : int
        N in [2, 100000]; class 0 gets ``ceil(N / 2)`` points, class 1 the rest.
    noise : float, default 0.15
        Standard deviation of the Gaussian noise added to each coordinate, before the
        scaling by 2; in [0, 10].
    seed : int, default 0
        Seed of ``np.random.default_rng``; the same seed gives the same data.

    Returns
    -------
    X : ndarray, float64, shape (N, 2)
    labels : ndarray, int64, shape (N,)
        0 for the upper moon, 1 for the lower one, in shuffled order.

    Notes
    -----
    The upper moon is ``(cos t, sin t)`` and the lower ``(1 - cos t, 0.5 - sin t)`` for
    ``t`` evenly spaced in ``[0, pi]`` (as scikit-learn draws them); both are shifted by
    ``(-0.5, -0.25)`` and scaled by 2, so the data is centred and spans about [-3, 3].

    Examples
    --------
    >>> X, labels = make_moons(5, noise=0.0)
    >>> X.shape, np.bincount(labels).tolist()
    ((5, 2), [3, 2])
    """
    n_points = check_int(n_points, "n_points", 2, MAX_POINTS)
    noise = _check_noise(noise)
    rng = np.random.default_rng(check_seed(seed))
    upper, lower = _class_sizes(n_points, 2)
    t_up, t_low = np.linspace(0, np.pi, upper), np.linspace(0, np.pi, lower)
    X = np.concatenate(
        [
            np.column_stack([np.cos(t_up), np.sin(t_up)]),
            np.column_stack([1 - np.cos(t_low), 0.5 - np.sin(t_low)]),
        ]
    )
    X = 2.0 * (X + noise * rng.standard_normal(X.shape) - [0.5, 0.25])
    return _shuffled(rng, X, np.repeat([0, 1], [upper, lower]))


def make_spirals(
    n_points: int, n_classes: int = 3, noise: float = 0.2, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """K arms winding out of the origin, one per class: the classic test of a hidden layer.

    Parameters
    ----------
    n_points : int
        N in [n_classes, 100000]; N // K points per arm, the first N % K arms one more.
    n_classes : int, default 3
        K, in [2, 10].
    noise : float, default 0.2
        Standard deviation of the Gaussian noise on each point's angle, in radians;
        in [0, 10].
    seed : int, default 0
        Seed of ``np.random.default_rng``.

    Returns
    -------
    X : ndarray, float64, shape (N, 2)
    labels : ndarray, int64, shape (N,)
        The arm of each point, in shuffled order.

    Notes
    -----
    Arm k holds points at radius ``r`` evenly spaced in ``[0.1, 3]`` and angle
    ``theta = 2 pi r / 3 + 2 pi k / K + noise N(0, 1)``: each arm turns once around the
    origin, and the arms are rotated copies of one another, so the classes are balanced
    and wound into one another.

    Examples
    --------
    >>> X, labels = make_spirals(9, n_classes=3, seed=1)
    >>> X.shape, np.bincount(labels).tolist()
    ((9, 2), [3, 3, 3])
    >>> bool(np.all(np.hypot(X[:, 0], X[:, 1]) <= 3.0 + 1e-12))
    True
    """
    n_classes = check_int(n_classes, "n_classes", 2, 10)
    n_points = check_int(n_points, "n_points", n_classes, MAX_POINTS)
    noise = _check_noise(noise)
    rng = np.random.default_rng(check_seed(seed))
    sizes = _class_sizes(n_points, n_classes)
    labels = np.repeat(np.arange(n_classes), sizes)
    radius = np.concatenate([np.linspace(0.1, 3.0, m) for m in sizes])
    theta = 2.0 * np.pi * (radius / 3.0 + labels / n_classes)
    theta = theta + noise * rng.standard_normal(theta.shape)
    X = radius[:, None] * np.column_stack([np.cos(theta), np.sin(theta)])
    return _shuffled(rng, X, labels)
