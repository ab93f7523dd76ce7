"""What the prediction-minus-target lab shows, as plain values: derivations, rows, curves.

The learner's setting is the sidebar's logits ``x`` and true class ``k`` (0-based here).
The softmax pairs read the logits and the one-hot label. The one-output pairs read one
number, the log-odds of the true class ``z = log(ŷₖ / (1 − ŷₖ))``, with target t = 1: a
sigmoid of that ``z`` is exactly ŷₖ, so sigmoid + binary cross-entropy sees the same
prediction as softmax + cross-entropy.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

import sce_core as core

from ..fmt import apart, num

PAIR_NAMES = {
    "softmax_ce": "softmax + cross-entropy",
    "sigmoid_bce": "sigmoid + binary cross-entropy",
    "identity_half_se": "identity + ½ squared error",
    "exp_poisson": "exp + Poisson log-likelihood",
    "softmax_se": "softmax + squared error",
    "softmax_focal": "softmax + focal loss",
}
GAMMA_DEFAULT = 2.0
SIZE_GRID = np.asarray(core.sigmoid(np.linspace(-9.2, 9.2, 93)))
"""Probabilities of the true class for the gradient-size curves, dense near 0 and 1."""
LINE_STEPS = np.linspace(-4.0, 4.0, 81)
"""Steps s along the flat and the steepest direction."""
SURFACE_RANGE = (-10.0, 10.0)
SURFACE_POINTS = 41
"""Grid points per axis of the two surfaces: a contour redraw costs the browser per point."""
SEARCH_RANGE = (-9.0, 9.0)
"""Where the bending-down point is looked for: inside the drawn square, off its edge."""


def is_canonical(kind: str) -> bool:
    return kind in core.CANONICAL


def pair_input(kind: str, x, label: int):
    """``(z, t)`` the pair ``kind`` reads from the learner's logits and true class."""
    x = np.asarray(x, float)
    if kind in core.SOFTMAX_PAIRS:
        return x, np.eye(x.size)[label]
    return float(core.true_class_log_odds(x, label)), 1.0


class Derivation(NamedTuple):
    """The numbers of one pair's chain rule for the shown output (the true class's)."""

    kind: str
    z: float
    """The pre-activation: the true class's logit xₖ, or the log-odds for one output."""
    prediction: float
    """μ: ŷₖ, σ(z), z or eᶻ."""
    target: float
    dloss: float
    """∂L/∂μ."""
    dprediction: float
    """∂μ/∂z: ŷₖ(1 − ŷₖ), σ(1 − σ), 1 or eᶻ."""
    grad: float
    """∂L/∂z of the shown output, from :func:`sce_core.pair_grad`."""
    minus: float
    """Prediction − target, μ − t."""
    factor: float | None
    """What does not cancel: ŷₖ for squared error, the weight wₖ for focal loss."""
    inner: float | None
    """Squared error's Σᵢ ŷᵢ(ŷᵢ − yᵢ); None for the others."""


def derivation(kind: str, x, label: int, gamma: float = GAMMA_DEFAULT) -> Derivation:
    """The numbers of :class:`Derivation` for ``kind`` at the learner's logits."""
    z, t = pair_input(kind, x, label)
    grad = core.pair_grad(kind, z, t, gamma)
    if kind in core.SOFTMAX_PAIRS:
        y_hat = core.softmax(z)
        p = float(y_hat[label])
        minus = float(core.pair_grad("softmax_ce", z, t)[label])
        factor = inner = None
        dloss = float(core.cross_entropy_grad(y_hat, t)[label])
        if kind == "softmax_se":
            factor, inner = p, float(np.dot(y_hat, y_hat - t))
            dloss = 2.0 * minus
        elif kind == "softmax_focal":
            factor = float(core.focal_weights(z, gamma)[label])
            dloss = factor * dloss
        jac = float(core.softmax_jacobian(z)[label, label])
        return Derivation(kind, float(z[label]), p, 1.0, dloss, jac, float(grad[label]), minus,
                          factor, inner)  # fmt: skip
    mu = {"sigmoid_bce": core.sigmoid(z), "identity_half_se": z, "exp_poisson": np.exp(z)}[kind]
    mu, minus = float(mu), float(grad)
    slope = {
        "sigmoid_bce": float(core.sigmoid(z) * core.sigmoid(-z)),
        "identity_half_se": 1.0,
        "exp_poisson": mu,
    }[kind]
    return Derivation(kind, z, mu, t, minus / slope, slope, float(grad), minus, None, None)


def pairs_rows(x, label: int, gamma: float = GAMMA_DEFAULT) -> dict[str, list[str]]:
    """One row per pair: its prediction, loss, gradient, prediction − target and their ratio."""
    rows: dict[str, list[str]] = {
        "pair": [],
        "prediction μ": [],
        "loss L": [],
        "∂L/∂z": [],
        "μ − t": [],
        "∂L/∂z ÷ (μ − t)": [],
    }
    for kind in core.PAIRS:
        d = derivation(kind, x, label, gamma)
        z, t = pair_input(kind, x, label)
        rows["pair"].append(PAIR_NAMES[kind] + ("" if is_canonical(kind) else " ✗"))
        rows["prediction μ"].append(num(d.prediction))
        rows["loss L"].append(num(core.pair_loss(kind, z, t, gamma)))
        rows["∂L/∂z"].append(num(d.grad))
        rows["μ − t"].append(num(d.minus))
        rows["∂L/∂z ÷ (μ − t)"].append(num(d.grad / d.minus) if d.minus != 0 else "—")
    return rows


def factor_note(d: Derivation) -> tuple[str, str]:
    """What a pair with a factor left over does to the gradient, as ``(level, text)``:
    "warning" where the factor changes it, "success" where it is exactly 1 (focal loss at
    γ = 0 is cross-entropy). Gradient and prediction − target are printed with the digits
    that tell them apart: at x1 = 10 focal loss's wₖ is 1.0000002, not 1.

    >>> d = derivation("softmax_focal", [2.0, 1.0, 0.1], 0, 0.0)
    >>> level, text = factor_note(d)
    >>> level, text.endswith("its gradient is prediction − target = -0.341.")
    ('success', True)
    """
    if d.factor == 1.0:
        return (
            "success",
            "At γ = 0 the weight wₖ is exactly 1: focal loss is cross-entropy, and its "
            f"gradient is prediction − target = {num(d.minus)}.",
        )
    what = "the Jacobian's ŷₖ" if d.kind == "softmax_se" else "the weight wₖ"
    factor = apart([d.factor, 1.0])[0]
    grad, minus = apart([d.grad, d.minus])
    return (
        "warning",
        f"Nothing cancels {what}: it stays as a factor, {factor} now, and the gradient is "
        f"{grad} instead of prediction − target = {minus}.",
    )


def size_grid(x, label: int) -> np.ndarray:
    """:data:`SIZE_GRID` with the learner's own ŷₖ added, so every curve reaches it."""
    p = float(core.softmax(x)[label])
    return np.union1d(SIZE_GRID, [p]) if 0.0 < p < 1.0 else SIZE_GRID


def size_curves(x, label: int, gamma: float = GAMMA_DEFAULT) -> dict[str, np.ndarray]:
    """‖∂L/∂z‖ over :func:`size_grid` for every pair, the wrong classes kept in the learner's
    proportions, so each curve passes through the learner's point."""
    rest = np.delete(np.asarray(x, float), label)
    grid = size_grid(x, label)
    return {kind: core.gradient_size_curve(kind, grid, rest, gamma) for kind in core.PAIRS}


def learner_sizes(x, label: int, gamma: float = GAMMA_DEFAULT) -> dict[str, tuple[float, float]]:
    """Every pair's ``(ŷₖ, ‖∂L/∂z‖)`` at the learner's own numbers, straight from pair_grad."""
    p = float(core.softmax(x)[label])
    out = {}
    for kind in core.PAIRS:
        z, t = pair_input(kind, x, label)
        out[kind] = (p, float(np.linalg.norm(np.atleast_1d(core.pair_grad(kind, z, t, gamma)))))
    return out


def size_verdict(sizes: dict[str, tuple[float, float]], shown: str | None = None) -> str:
    """Which pair pushes hardest and which barely moves, at the learner's numbers; their
    ŷₖ as ``shown`` where given (:func:`sizes_caption`)."""
    ranked = sorted(sizes, key=lambda k: sizes[k][1])
    low, high = ranked[0], ranked[-1]
    shown = num(sizes[low][0]) if shown is None else shown
    return (
        f"At your ŷₖ = {shown} the largest push is {PAIR_NAMES[high]}'s "
        f"({num(sizes[high][1])}), the smallest {PAIR_NAMES[low]}'s ({num(sizes[low][1])})."
    )


def sizes_caption(sizes, grid, curves: dict[str, np.ndarray]) -> str:
    """The caption of the gradient-size chart: how the curves are drawn, then what they show.

    The learner's ŷₖ and the grid's two ends are printed with the digits that tell them
    apart: near 1 all three would read 1.000, each beside a different push.
    """
    yours = next(iter(sizes.values()))[0]
    mine, first, last = apart([yours, grid[0], grid[-1]])
    return (
        "Each curve moves ŷₖ and keeps your other classes in their proportions, so it "
        "passes through your own value (marker). "
        + size_verdict(sizes, mine)
        + " "
        + ends_caption(grid, curves, (first, last))
        + " The identity and Poisson curves touch 0 where their prediction meets t = 1 and "
        "dip off the log axis there."
    )


def ends_caption(grid, curves: dict[str, np.ndarray], shown: tuple[str, str] | None = None) -> str:
    """What the curves do at both ends of the grid, read off the curves themselves; the
    two ends' ŷₖ as ``shown`` where given (:func:`sizes_caption`)."""
    first, last = 0, len(grid) - 1
    low, high = (num(grid[first]), num(grid[last])) if shown is None else shown

    def at(kind: str, i: int) -> str:
        return num(curves[kind][i])

    return (
        f"At ŷₖ = {low}, a confident mistake, cross-entropy pushes with "
        f"{at('softmax_ce', first)} and squared error with {at('softmax_se', first)}; at "
        f"ŷₖ = {high}, a confident right answer, cross-entropy's push is "
        f"{at('softmax_ce', last)} and focal loss's {at('softmax_focal', last)}."
    )


class Convexity(NamedTuple):
    hessian: np.ndarray
    values: np.ndarray
    vectors: np.ndarray
    steps: np.ndarray
    flat: np.ndarray
    """The loss along 1/√n: constant."""
    steep: np.ndarray
    """The loss along the eigenvector of the largest eigenvalue: a bowl."""


def convexity(x, label: int) -> Convexity:
    x = np.asarray(x, float)
    y = np.eye(x.size)[label]
    spectrum = core.hessian_spectrum(x, y)
    along = [core.cross_entropy_along(x, y, spectrum.vectors[:, i], LINE_STEPS) for i in (0, -1)]
    return Convexity(core.cross_entropy_hessian(x, y), *spectrum, LINE_STEPS, *along)


def hessian_rows(h) -> dict[str, list[str]]:
    """The Hessian as table columns: the row's class, then one column per class."""
    h = np.asarray(h, float)
    rows = {"": [f"x{i}" for i in range(1, h.shape[0] + 1)]}
    for j in range(h.shape[1]):
        rows[f"x{j + 1}"] = [num(v) for v in h[:, j]]
    return rows


def eigen_verdict(values) -> str:
    """What the eigenvalues say, true for these numbers."""
    v = np.asarray(values, float)
    zeros = int(np.sum(v == 0.0))
    rest = v[v != 0.0]
    if rest.size and rest.min() < 0:
        sign = f"the others are ≥ 0 up to a round-off of {num(rest.min())}"
    elif rest.size:
        sign = f"the other {rest.size} are positive, the smallest {num(rest.min())}"
    else:
        sign = "there are no others"
    return (
        f"{zeros} eigenvalue{'s are' if zeros > 1 else ' is'} exactly 0 (along (1, …, 1)/√n, "
        f"where every logit moves alike); {sign}. No direction bends down: the loss is "
        "convex in the logits."
    )


def line_verdict(c: Convexity) -> str:
    """What the two lines show, checked on their own numbers."""
    flat = "stays" if np.ptp(c.flat) <= 1e-12 * max(1.0, abs(c.flat[0])) else "barely moves from"
    bends = np.diff(c.steep, 2)
    shape = "curves upward at every step" if np.all(bends > 0) else "never bends down"
    return (
        f"Along (1, …, 1)/√n the loss {flat} {num(c.flat[0])}: λ = 0. Along the top eigenvector "
        f"it runs from {num(c.steep[0])} to {num(c.steep[-1])} and {shape}: its curvature at "
        f"your logits is λ = {num(c.values[-1])}, the largest there is."
    )


class Surfaces(NamedTuple):
    xs: np.ndarray
    cross_entropy: np.ndarray
    squared_error: np.ndarray
    point: core.ConcavePoint


def surfaces(x, label: int) -> Surfaces:
    """Both losses over x₁ and x₂ (the other logits held), and where squared error bends down."""
    x = np.asarray(x, float)
    ce = core.loss_surface("cross_entropy", SURFACE_RANGE, label, SURFACE_POINTS, x[2:])
    se = core.loss_surface("squared_error", SURFACE_RANGE, label, SURFACE_POINTS, x[2:])
    point = core.most_concave_point(label, x[2:], SEARCH_RANGE, 37)
    return Surfaces(ce[0], ce[2], se[2], point)
