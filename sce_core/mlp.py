"""A multilayer perceptron for classification, each derivative written beside its forward step.

The network maps a batch ``X`` of shape (B, d) through L layers::

    A_0 = X
    Z_l = A_{l-1} W_l + b_l          W_l: (sizes[l-1], sizes[l]),  b_l: (sizes[l],)
    A_l = f(Z_l)                     for the hidden layers l < L ("relu" or "tanh")
    Y_hat = softmax(Z_L)             the logits Z_L: (B, K)
    L = mean_k -log Y_hat[k, labels[k]]

and the backward pass runs the same lines upwards::

    dZ_L     = (Y_hat - Y) / B                   (the ŷ − y of the derivation, per row)
    dW_l     = A_{l-1}^T dZ_l
    db_l     = sum over the rows of dZ_l
    dA_{l-1} = dZ_l W_l^T
    dZ_{l-1} = dA_{l-1} * f'(Z_{l-1})            (element-wise)

Parameters are a dict ``{"W1", "b1", ..., "WL", "bL"}``. ``bug`` plants the mistakes
people make in that backward pass, so the per-parameter gradient check can point at the
layers a mistake breaks.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from ._validation import (
    as_float_array,
    check_choice,
    check_int,
    check_positive,
    check_range,
    check_seed,
)
from .gradcheck import numerical_grad
from .softmax import log_softmax, softmax
from .training import _as_class_labels, one_hot

ACTIVATIONS = ("relu", "tanh")
"""The hidden layers' activations :func:`mlp_forward` knows."""

MLP_BUGS = (
    None,
    "forget_activation_grad",
    "z_instead_of_a",
    "reshape_not_transpose",
    "batch_mean_twice",
    "softmax_twice",
)
"""The gradients :func:`mlp_loss_and_grads` can compute: the right one (None) and five wrong.

"forget_activation_grad" sets ``dZ_{l-1} = dA_{l-1}``, leaving out ``* f'(Z_{l-1})``;
"z_instead_of_a" computes ``dW_l = Z_{l-1}^T dZ_l`` (the pre-activation in place of
``A_{l-1}``); "reshape_not_transpose" computes ``dA_{l-1} = dZ_l W_l.reshape(n_l, n_{l-1})``,
a W of the transposed shape that is not its transpose; "batch_mean_twice" divides
``dW_l`` and ``db_l`` by B again after ``dZ_L`` was already divided by B; "softmax_twice"
feeds the probabilities to softmax again as if they were logits, ``dZ_L = (softmax(Y_hat)
- Y) / B``.
"""

MAX_LAYERS = 4
"""Most hidden layers a network may have."""
MAX_UNITS = 1024
"""Most units in any layer, inputs and classes included."""


def _check_bug(bug) -> str | None:
    return None if bug is None else check_choice(bug, "bug", MLP_BUGS[1:])


def _check_activation(activation) -> str:
    return check_choice(activation, "activation", ACTIVATIONS)


# The activations, each derivative beside its function. tanh' is written with the
# activation A = tanh(Z) the forward pass already holds: 1 - A^2.
def _activate(Z: np.ndarray, activation: str) -> np.ndarray:
    return np.maximum(Z, 0.0) if activation == "relu" else np.tanh(Z)


def _activation_grad(Z: np.ndarray, A: np.ndarray, activation: str) -> np.ndarray:
    """f'(Z): relu's as a boolean mask (an eighth of the memory), tanh's as 1 - A^2."""
    return Z > 0 if activation == "relu" else 1.0 - A * A


def _check_sizes(sizes) -> tuple[int, ...]:
    try:
        out = tuple(sizes)
    except TypeError:
        raise TypeError(f"sizes must be a sequence of integers, got {sizes!r}") from None
    if not 2 <= len(out) <= MAX_LAYERS + 2:
        raise ValueError(
            f"sizes must list 2 to {MAX_LAYERS + 2} layer sizes (d, h1, ..., K), got {out!r}"
        )
    inner = [check_int(n, "sizes", 1, MAX_UNITS) for n in out]
    if inner[-1] < 2:
        raise ValueError(f"sizes must end with K >= 2 classes, got {out!r}")
    return tuple(inner)


def _as_params(params) -> list[tuple[np.ndarray, np.ndarray]]:
    """``params`` as a list of float64 ``(W_l, b_l)`` whose shapes chain, or a ValueError."""
    if not isinstance(params, dict):
        raise TypeError(f"params must be a dict of W1, b1, ..., got {type(params).__name__}")
    n_layers = len(params) // 2
    expected = {f"{p}{k}" for k in range(1, n_layers + 1) for p in "Wb"}
    if n_layers == 0 or set(params) != expected or n_layers > MAX_LAYERS + 1:
        raise ValueError(f"params must hold W1, b1, ..., WL, bL, got keys {sorted(params)}")
    layers = []
    for k in range(1, n_layers + 1):
        W = as_float_array(params[f"W{k}"], f"W{k}", min_ndim=2).astype(np.float64)
        b = as_float_array(params[f"b{k}"], f"b{k}").astype(np.float64)
        if b.shape != (W.shape[1],):
            raise ValueError(f"b{k} must have shape ({W.shape[1]},) to match W{k}, got {b.shape}")
        if layers and W.shape[0] != layers[-1][0].shape[1]:
            raise ValueError(
                f"W{k} must have {layers[-1][0].shape[1]} rows to follow W{k - 1}, "
                f"got shape {W.shape}"
            )
        layers.append((W, b))
    return layers


def _as_inputs(X, layers) -> np.ndarray:
    x = as_float_array(X, "X", min_ndim=2).astype(np.float64)
    if x.shape[1] != layers[0][0].shape[0]:
        raise ValueError(
            f"X must have {layers[0][0].shape[0]} columns to match W1, got shape {x.shape}"
        )
    return x


def mlp_init(sizes, seed: int = 0, scale: float | None = None, activation: str = "relu") -> dict:
    """Random starting weights for a network of layer sizes ``(d, h1, ..., K)``; biases 0.

    Parameters
    ----------
    sizes : sequence of int
        ``(d, h_1, ..., h_{L-1}, K)``: 2 to 6 entries in [1, 1024], K >= 2. Two entries
        make the linear model (no hidden layer).
    seed : int, default 0
        Seed of ``np.random.default_rng``; the same seed gives the same weights.
    scale : float, optional
        If given, every ``W_l`` is ``scale * N(0, 1)``, overriding the rule below (e.g.
        0.01 for the linear model's start in :func:`sce_core.train`).
    activation : {"relu", "tanh"}, default "relu"
        The hidden activation the weights are scaled for.

    Returns
    -------
    dict
        ``"W1"``, ``"b1"``, ..., ``"WL"``, ``"bL"`` with ``W_l`` of shape
        ``(sizes[l-1], sizes[l])`` and ``b_l`` of shape ``(sizes[l],)``, float64.

    Notes
    -----
    He for relu, ``W_l ~ N(0, 2 / n_in)``: relu zeroes half of its inputs, and the factor
    2 keeps the variance of the activations the same from layer to layer. Xavier (Glorot)
    for tanh, ``W_l ~ N(0, 2 / (n_in + n_out))``: tanh is linear near 0, and this keeps
    both the activations and the gradients at the same size forwards and backwards.

    Examples
    --------
    >>> params = mlp_init((2, 3, 4), seed=0)
    >>> {k: v.shape for k, v in params.items()}
    {'W1': (2, 3), 'b1': (3,), 'W2': (3, 4), 'b2': (4,)}
    """
    sizes = _check_sizes(sizes)
    rng = np.random.default_rng(check_seed(seed))
    activation = _check_activation(activation)
    fixed = None if scale is None else check_positive(scale, "scale")
    params = {}
    for k, (n_in, n_out) in enumerate(itertools.pairwise(sizes), start=1):
        if fixed is not None:
            std = fixed
        elif activation == "relu":
            std = math.sqrt(2.0 / n_in)
        else:
            std = math.sqrt(2.0 / (n_in + n_out))
        params[f"W{k}"] = std * rng.standard_normal((n_in, n_out))
        params[f"b{k}"] = np.zeros(n_out)
    return params


def _forward(layers, x: np.ndarray, activation: str) -> dict:
    """The cache ``{"A0": X, "Z1": ..., "A1": ..., ..., "ZL": logits}``, unchecked."""
    cache = {"A0": x}
    A = x
    for k, (W, b) in enumerate(layers, start=1):
        Z = A @ W
        Z += b  # Z_l = A_{l−1} W_l + b_l, the sum in place: a second big array costs more
        cache[f"Z{k}"] = Z
        if k < len(layers):
            A = _activate(Z, activation)
            cache[f"A{k}"] = A
    return cache


def mlp_forward(params, X, activation: str = "relu") -> tuple[np.ndarray, dict]:
    """The logits of a batch, and every intermediate the backward pass needs.

    Parameters
    ----------
    params : dict
        ``"W1"``, ``"b1"``, ..., as :func:`mlp_init` makes them.
    X : array_like, shape (B, d)
    activation : {"relu", "tanh"}, default "relu"

    Returns
    -------
    logits : ndarray, float64, shape (B, K)
        ``Z_L``.
    cache : dict of ndarray
        ``"A0"`` (X itself), then ``"Z1"``, ``"A1"``, ..., ``"Z{L-1}"``, ``"A{L-1}"``, ``"ZL"``.

    Raises
    ------
    ValueError
        For params whose keys or shapes do not chain, X with the wrong number of columns,
        non-finite values or an unknown activation.

    Notes
    -----
    ``Z_l = A_{l-1} W_l + b_l`` (b broadcast over the rows), ``A_l = f(Z_l)``; no
    activation after the last layer: softmax lives in the loss.

    Examples
    --------
    >>> params = {"W1": np.eye(2), "b1": np.zeros(2), "W2": -np.eye(2), "b2": np.ones(2)}
    >>> logits, cache = mlp_forward(params, [[1.0, -2.0]])
    >>> cache["A1"].tolist(), logits.tolist()
    ([[1.0, 0.0]], [[0.0, 1.0]])
    """
    layers = _as_params(params)
    cache = _forward(layers, _as_inputs(X, layers), _check_activation(activation))
    return cache[f"Z{len(layers)}"], cache


def _mean_loss(logits: np.ndarray, lab: np.ndarray) -> float:
    """Mean cross-entropy from log-softmax: ``-log_softmax(Z)[k, label_k]`` never takes log 0."""
    return float(-np.mean(log_softmax(logits)[np.arange(lab.size), lab]))


def _backward(layers, cache, lab, activation: str, bug: str | None, trace=None) -> dict:
    """The gradients of the mean loss from a forward cache: the backward pass, line by line.

    ``trace``, a dict if given, receives every intermediate ``dZ{l}`` and ``dA{l}``.
    """
    n_layers, B = len(layers), lab.size
    logits = cache[f"Z{n_layers}"]
    Y = one_hot(lab, logits.shape[1])
    y_hat = softmax(softmax(logits)) if bug == "softmax_twice" else softmax(logits)
    dZ = (y_hat - Y) / B  # dZ_L = (Ŷ − Y)/B
    extra = B if bug == "batch_mean_twice" else 1
    grads = {} if trace is None else trace
    for k in range(n_layers, 0, -1):
        grads[f"dZ{k}"] = dZ
        W = layers[k - 1][0]
        below = cache[f"Z{k - 1}"] if bug == "z_instead_of_a" and k > 1 else cache[f"A{k - 1}"]
        grads[f"W{k}"] = below.T @ dZ / extra  # dW_l = A_{l−1}ᵀ dZ_l
        grads[f"b{k}"] = dZ.sum(axis=0) / extra  # db_l = Σ_rows dZ_l
        if k == 1:
            break
        W_back = W.reshape(W.shape[::-1]) if bug == "reshape_not_transpose" else W.T
        dA = dZ @ W_back  # dA_{l−1} = dZ_l W_lᵀ
        slope = _activation_grad(cache[f"Z{k - 1}"], cache[f"A{k - 1}"], activation)
        if trace is not None:
            trace[f"dA{k - 1}"], trace[f"df{k - 1}"] = dA.copy(), slope.astype(np.float64)
        # dZ_{l−1} = dA_{l−1} ⊙ f′(Z_{l−1}), in place: dA is not needed again
        dZ = dA if bug == "forget_activation_grad" else np.multiply(dA, slope, out=dA)
    return {key: grads[key] for key in _keys(n_layers)}


def _keys(n_layers: int) -> list[str]:
    return [f"{p}{k}" for k in range(1, n_layers + 1) for p in "Wb"]


def _checked(params, X, labels, activation):
    layers = _as_params(params)
    x = _as_inputs(X, layers)
    lab = _as_class_labels(labels, layers[-1][0].shape[1])
    if lab.size != x.shape[0]:
        raise ValueError(f"labels must have one entry per row of X ({x.shape[0]}), got {lab.size}")
    return layers, x, lab, _check_activation(activation)


def mlp_loss_and_grads(
    params, X, labels, activation: str = "relu", bug: str | None = None
) -> tuple[float, dict]:
    """Mean cross-entropy of the network on a batch, and its gradient for every parameter.

    Parameters
    ----------
    params : dict
        ``"W1"``, ``"b1"``, ..., as :func:`mlp_init` makes them.
    X : array_like, shape (B, d)
    labels : array_like of int, shape (B,)
        Class indices in ``[0, K)``.
    activation : {"relu", "tanh"}, default "relu"
    bug : one of :data:`MLP_BUGS`, default None
        None for the right gradient, else the named mistake (see :data:`MLP_BUGS`).

    Returns
    -------
    loss : float
        The mean cross-entropy; right whatever ``bug`` is.
    grads : dict of ndarray
        The same keys and shapes as ``params``.

    Raises
    ------
    ValueError
        For params, X and labels that do not fit together, labels out of range,
        non-finite values, an unknown activation or bug. TypeError for non-numbers.

    Notes
    -----
    The backward pass of the module docstring, from ``dZ_L = (Y_hat - Y) / B``: the loss
    comes from log-softmax (shifted logits minus log-sum-exp), so a confident wrong
    prediction gives a large finite loss instead of ``log 0``, and ``dZ_L`` is the
    cancelled form ``Y_hat - Y``, so no ``1 / Y_hat`` can overflow. "batch_mean_twice"
    is invisible when B = 1.

    Examples
    --------
    >>> params = {"W1": np.zeros((2, 2)), "b1": np.zeros(2)}
    >>> loss, grads = mlp_loss_and_grads(params, [[1.0, 0.0]], [0])
    >>> round(loss, 4), grads["W1"].tolist(), grads["b1"].tolist()
    (0.6931, [[-0.5, 0.5], [0.0, 0.0]], [-0.5, 0.5])
    """
    layers, x, lab, activation = _checked(params, X, labels, activation)
    bug = _check_bug(bug)
    cache = _forward(layers, x, activation)
    loss = _mean_loss(cache[f"Z{len(layers)}"], lab)
    return loss, _backward(layers, cache, lab, activation, bug)


def mlp_backward_trace(params, X, labels, activation: str = "relu") -> dict:
    """Every gradient of the backward pass, the intermediate ones too, node by node.

    Parameters
    ----------
    params, X, labels, activation
        As :func:`mlp_loss_and_grads`.

    Returns
    -------
    dict of ndarray
        ``"dY_hat"``: ``dL/dY_hat = -Y / (B Y_hat)``, shape (B, K) (``-inf`` where a
        probability of a true class underflowed to 0); ``"dZ{l}"`` for every layer,
        ``"dA{l}"`` and the slopes ``"df{l}"`` = ``f'(Z_l)`` for every hidden layer, and
        ``"W{l}"``, ``"b{l}"`` as :func:`mlp_loss_and_grads` returns them.

    Notes
    -----
    The same backward pass as :func:`mlp_loss_and_grads`, keeping what it passes down.
    ``dY_hat`` is never used by it: ``dZ_L = (Y_hat - Y) / B`` is the product of
    ``dY_hat`` with the softmax Jacobian in its cancelled form (see :func:`sce_core.softmax_vjp`).

    Examples
    --------
    >>> params = {"W1": np.zeros((2, 2)), "b1": np.zeros(2)}
    >>> trace = mlp_backward_trace(params, [[1.0, 0.0]], [0])
    >>> trace["dY_hat"].tolist(), trace["dZ1"].tolist()
    ([[-2.0, 0.0]], [[-0.5, 0.5]])
    """
    layers, x, lab, activation = _checked(params, X, labels, activation)
    cache = _forward(layers, x, activation)
    logits = cache[f"Z{len(layers)}"]
    trace = {}
    with np.errstate(divide="ignore"):
        trace["dY_hat"] = (0.0 - one_hot(lab, logits.shape[1])) / (lab.size * softmax(logits))
    _backward(layers, cache, lab, activation, None, trace)
    return trace


def mlp_numerical_grads(params, X, labels, activation: str = "relu", eps: float = 1e-6) -> dict:
    """Central differences of the mean loss for every parameter, the oracle of the check.

    Parameters
    ----------
    params, X, labels, activation
        As :func:`mlp_loss_and_grads`.
    eps : float, default 1e-6
        The step h of :func:`sce_core.numerical_grad`.

    Returns
    -------
    dict of ndarray
        ``(L(theta + h e_k) - L(theta - h e_k)) / 2h`` for every entry of every parameter.

    Notes
    -----
    Two forward passes per parameter entry: ``O(P)`` passes for P parameters, where the
    backward pass needs one. relu has a kink at 0, so a pre-activation within h of 0
    makes its differences wrong; random data almost never puts one there.

    Examples
    --------
    >>> params = {"W1": np.zeros((2, 2)), "b1": np.zeros(2)}
    >>> mlp_numerical_grads(params, [[1.0, 0.0]], [0])["b1"].round(6).tolist()
    [-0.5, 0.5]
    """
    layers, x, lab, activation = _checked(params, X, labels, activation)
    flat = {key: value for k, (W, b) in enumerate(layers, 1) for key, value in _pair(k, W, b)}
    out = {}
    for key, value in flat.items():

        def loss_of(theta: np.ndarray, key: str = key) -> float:
            trial = [
                (theta if f"W{k}" == key else W, theta if f"b{k}" == key else b)
                for k, (W, b) in enumerate(layers, 1)
            ]
            return _mean_loss(_forward(trial, x, activation)[f"Z{len(trial)}"], lab)

        out[key] = numerical_grad(loss_of, value, eps=eps)
    return out


def _pair(k: int, W: np.ndarray, b: np.ndarray):
    return ((f"W{k}", W), (f"b{k}", b))


def mlp_gradient_check(
    params, X, labels, activation: str = "relu", bug: str | None = None, eps: float = 1e-6
) -> dict:
    """The relative error of every ``grads[key]`` against central differences, per parameter.

    Parameters
    ----------
    params, X, labels, activation, bug
        As :func:`mlp_loss_and_grads`.
    eps : float, default 1e-6
        As :func:`mlp_numerical_grads`.

    Returns
    -------
    dict of float
        For each key of ``params``, ``max |a - n| / max(max |a|, max |n|)`` over its
        entries, for the analytic ``a`` and numerical ``n`` gradients: 0 where both are
        0, ``inf`` where ``a`` is not finite. Below :data:`CHECK_TOLERANCE` when right.

    Notes
    -----
    Each error is scaled by the largest entry of its own parameter's gradient: finite
    differences carry an absolute error near 1e-10, which would look large next to an
    entry that happens to be near 0, and the scale of one layer's gradient says nothing
    about another's. So a bug that breaks only ``W2`` lights ``W2`` alone.

    Examples
    --------
    >>> params = mlp_init((2, 3, 2), seed=1, activation="tanh")
    >>> X, labels = [[1.0, 2.0], [-1.0, 0.5]], [0, 1]
    >>> errors = mlp_gradient_check(params, X, labels, "tanh")
    >>> max(errors.values()) < CHECK_TOLERANCE
    True
    >>> errors = mlp_gradient_check(params, X, labels, "tanh", bug="z_instead_of_a")
    >>> [key for key, e in errors.items() if e > CHECK_TOLERANCE]
    ['W2']
    """
    _, grads = mlp_loss_and_grads(params, X, labels, activation, bug)
    numeric = mlp_numerical_grads(params, X, labels, activation, eps)
    return {key: _scaled_error(grads[key], numeric[key]) for key in grads}


CHECK_TOLERANCE = 1e-5
"""A per-parameter error below this passes :func:`mlp_gradient_check`."""


def _scaled_error(a: np.ndarray, n: np.ndarray) -> float:
    if not np.isfinite(a).all():
        return math.inf
    scale = max(float(np.max(np.abs(a))), float(np.max(np.abs(n))))
    return 0.0 if scale == 0 else float(np.max(np.abs(a - n)) / scale)


def mlp_predict(params, X, activation: str = "relu") -> np.ndarray:
    """The predicted class of each row of ``X``: the argmax of the network's logits.

    Parameters
    ----------
    params : dict
    X : array_like, shape (N, d)
    activation : {"relu", "tanh"}, default "relu"

    Returns
    -------
    ndarray, int64, shape (N,)

    Examples
    --------
    >>> mlp_predict({"W1": np.eye(2), "b1": np.zeros(2)}, [[1.0, 0.0], [0.0, 3.0]])
    array([0, 1])
    """
    logits, _ = mlp_forward(params, X, activation)
    return np.argmax(logits, axis=1).astype(np.int64)


def mlp_decision_grid(
    params, activation: str = "relu", x_range=(-4.0, 4.0), y_range=(-4.0, 4.0), resolution=100
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The network's predicted class on a grid of the plane, for a decision-region plot.

    Parameters
    ----------
    params : dict
        A network with 2 inputs.
    activation : {"relu", "tanh"}, default "relu"
    x_range, y_range : (float, float)
    resolution : int, default 100
        Grid points per axis, in [2, 1001].

    Returns
    -------
    xs, ys : ndarray, shape (resolution,)
    classes : ndarray, int64, shape (resolution, resolution)
        ``classes[i, j]`` is the prediction at ``(xs[j], ys[i])``, as
        :func:`sce_core.decision_grid`.

    Examples
    --------
    >>> params = {"W1": np.eye(2), "b1": np.zeros(2)}
    >>> mlp_decision_grid(params, "relu", (-1, 1), (-1, 1), 3)[2]
    array([[0, 0, 0],
           [1, 0, 0],
           [1, 1, 0]])
    """
    layers = _as_params(params)
    if layers[0][0].shape[0] != 2:
        raise ValueError(f"W1 must have 2 rows for a plane of inputs, got {layers[0][0].shape}")
    resolution = check_int(resolution, "resolution", 2, 1001)
    xs = np.linspace(*check_range(x_range, "x_range"), resolution)
    ys = np.linspace(*check_range(y_range, "y_range"), resolution)
    gx, gy = np.meshgrid(xs, ys)
    classes = mlp_predict(params, np.column_stack([gx.ravel(), gy.ravel()]), activation)
    return xs, ys, classes.reshape(resolution, resolution)


__all__ = [
    "ACTIVATIONS",
    "CHECK_TOLERANCE",
    "MLP_BUGS",
    "mlp_backward_trace",
    "mlp_decision_grid",
    "mlp_forward",
    "mlp_gradient_check",
    "mlp_init",
    "mlp_loss_and_grads",
    "mlp_numerical_grads",
    "mlp_predict",
]
