"""What the backward-pass lab shows: a tiny network's graph, node by node, and its numbers.

The network has 2 features, one hidden layer of 3 units and 3 classes, on a batch of 2 or
3 points. Every value and gradient comes from :mod:`sce_core`
(:func:`sce_core.mlp_forward`, :func:`sce_core.mlp_backward_trace`); this module names
the nodes, orders the backward steps, and checks that shown arithmetic adds up.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import sce_core as core

from ..fmt import num

BATCHES = (2, 3)
SIZES = (2, 3, 3)


@dataclass(frozen=True)
class Node:
    """One node of the graph: its name as shown, and whether the learner's data or weights."""

    key: str
    label: str
    kind: str
    """"data", "weight" (a parameter) or "value" (computed)."""


NODES = (
    Node("X", "X", "data"),
    Node("W1", "W₁", "weight"),
    Node("b1", "b₁", "weight"),
    Node("Z1", "Z₁", "value"),
    Node("A1", "A₁", "value"),
    Node("W2", "W₂", "weight"),
    Node("b2", "b₂", "weight"),
    Node("Z2", "Z₂", "value"),
    Node("Y_hat", "Ŷ", "value"),
    Node("L", "L", "value"),
)
LABELS = {node.key: node.label for node in NODES}
EDGES = (
    ("X", "Z1"),
    ("W1", "Z1"),
    ("b1", "Z1"),
    ("Z1", "A1"),
    ("A1", "Z2"),
    ("W2", "Z2"),
    ("b2", "Z2"),
    ("Z2", "Y_hat"),
    ("Y_hat", "L"),
)
BACKWARD = (("L",), ("Y_hat",), ("Z2",), ("W2", "b2"), ("A1",), ("Z1",), ("W1", "b1"))
"""The nodes each backward step reaches, from the loss down."""
STEPS = len(BACKWARD)
"""Step 0 is the forward pass alone; step s has reached ``BACKWARD[:s]``."""

SENTENCES = (
    "The forward pass is done: every node holds its value. Press **Next node** to start "
    "the backward pass at the loss.",
    "The backward pass starts at the loss: ∂L/∂L = 1.",
    "Through the mean of −log: ∂L/∂Ŷ = −Y/(BŶ), zero except at each point's true class.",
    "Through softmax: ∂L/∂Ŷ times the softmax Jacobian collapses to (Ŷ − Y)/B. This is "
    "where ŷ − y enters.",
    "Into the top layer's weights: dW₂ = A₁ᵀ dZ₂ and db₂ = the column sums of dZ₂.",
    "Down through W₂: dA₁ = dZ₂ W₂ᵀ hands each hidden unit its share of the error.",
    "Through the activation: dZ₁ = dA₁ ⊙ f′(Z₁) keeps the error where the unit was active.",
    "Into the first layer's weights: dW₁ = Xᵀ dZ₁, db₁ = column sums of dZ₁. X is data: "
    "the backward pass ends here.",
)


@dataclass(frozen=True)
class Tiny:
    """The tiny network's values and gradients, every node by its key."""

    activation: str
    labels: np.ndarray
    values: dict
    grads: dict
    slope: np.ndarray
    """``f'(Z₁)``."""
    Y: np.ndarray


def tiny(batch: int, activation: str, seed: int) -> Tiny:
    """Points, weights, the forward pass and every gradient, for a batch of 2 or 3 points."""
    X, labels = core.make_blobs(3, 3, seed=seed)
    X, labels = X[:batch], labels[:batch]
    params = core.mlp_init(SIZES, seed=seed, activation=activation)
    logits, cache = core.mlp_forward(params, X, activation)
    loss, _ = core.mlp_loss_and_grads(params, X, labels, activation)
    trace = core.mlp_backward_trace(params, X, labels, activation)
    values = {**params, "X": X, "Z1": cache["Z1"], "A1": cache["A1"], "Z2": logits}
    values["Y_hat"], values["L"] = core.softmax(logits), np.array(loss)
    grads = {key: trace[key] for key in ("W1", "b1", "W2", "b2")}
    grads.update(L=np.array(1.0), Y_hat=trace["dY_hat"], Z2=trace["dZ2"])
    grads.update(A1=trace["dA1"], Z1=trace["dZ1"])
    return Tiny(activation, labels, values, grads, trace["df1"], core.one_hot(labels, 3))


def reached(step: int) -> list[str]:
    """The nodes whose gradient the backward pass has reached after ``step`` steps."""
    return [key for keys in BACKWARD[:step] for key in keys]


def shape_text(value) -> str:
    """A node's shape as the table shows it.

    >>> shape_text(np.zeros((2, 3))), shape_text(np.zeros(3)), shape_text(np.array(1.0))
    ('2 × 3', '3', 'scalar')
    """
    shape = np.shape(value)
    return " × ".join(map(str, shape)) if shape else "scalar"


def rows_text(value) -> list[str]:
    """A matrix as one line of numbers per row (a vector is one row, a scalar one number)."""
    m = np.atleast_2d(np.asarray(value, float))
    return ["  ".join(num(v) for v in row) for row in m]


def node_rows(t: Tiny, step: int) -> dict[str, list[str]]:
    """The table of every node: shape, value and, once reached, gradient (rows joined by ;)."""
    done = set(reached(step))
    return {
        "node": [node.label for node in NODES],
        "shape": [shape_text(t.values[node.key]) for node in NODES],
        "value": ["; ".join(rows_text(t.values[node.key])) for node in NODES],
        "gradient ∂L/∂node": [
            "; ".join(rows_text(t.grads[node.key]))
            if node.key in done
            else ("data: none needed" if node.kind == "data" else "not reached yet")
            for node in NODES
        ],
    }


def shown(values) -> np.ndarray:
    """Numbers as the page shows them, read back: what a learner recomputes by hand."""
    return np.vectorize(lambda v: float(num(v).replace("−", "-")))(np.asarray(values, float))


def relation(from_shown, result) -> str:
    r"""``=`` if recomputing from the shown operands prints the shown result, else ``\approx``.

    >>> relation(0.1 + 0.2, 0.3), relation(0.3006, 0.3)
    ('=', '\\approx')
    """
    same = np.array_equal(shown(from_shown), shown(result))
    return "=" if same else r"\approx"


def step_relation(t: Tiny, step: int) -> str:
    """The relation sign for the numeric line of ``step``: the same product, from shown values."""
    v, g, B = t.values, t.grads, t.labels.size
    s = {key: shown(v[key]) for key in ("X", "W2", "Y_hat")}
    with np.errstate(divide="ignore"):
        recompute = {
            2: lambda: (0.0 - t.Y) / (B * s["Y_hat"]),
            3: lambda: (s["Y_hat"] - t.Y) / B,
            4: lambda: shown(v["A1"]).T @ shown(g["Z2"]),
            5: lambda: shown(g["Z2"]) @ s["W2"].T,
            6: lambda: shown(g["A1"]) * shown(t.slope),
            7: lambda: s["X"].T @ shown(g["Z1"]),
        }
    if step not in recompute:
        return "="
    target = g[BACKWARD[step - 1][0]]
    with np.errstate(divide="ignore", invalid="ignore"):
        return relation(recompute[step](), target)


ENTRY_KEYS = ("W2", "W1")


def entries() -> list[str]:
    """The choices of one weight gradient entry, 1-based: ``W2[1, 1]`` … ``W1[2, 3]``."""
    out = []
    for key in ENTRY_KEYS:
        rows, cols = (SIZES[1], SIZES[2]) if key == "W2" else (SIZES[0], SIZES[1])
        out += [f"{key}[{i}, {j}]" for i in range(1, rows + 1) for j in range(1, cols + 1)]
    return out


@dataclass(frozen=True)
class Entry:
    """One entry of dW = Aᵀ dZ worked out: ``value = sum_k below[k] * error[k]``."""

    key: str
    i: int
    j: int
    below_name: str
    error_name: str
    below: np.ndarray
    error: np.ndarray
    value: float
    sign: str
    """"=" when the shown products add up to the shown value, else "\\approx"."""


def entry(t: Tiny, choice: str) -> Entry:
    """``dW[i, j] = sum over the batch of A[k, i] dZ[k, j]`` for a choice of :func:`entries`."""
    key, rest = choice.split("[")
    i, j = (int(v) - 1 for v in rest.rstrip("]").split(","))
    below_key, error_key = ("A1", "Z2") if key == "W2" else ("X", "Z1")
    below, error = t.values[below_key][:, i], t.grads[error_key][:, j]
    value = float(t.grads[key][i, j])
    sign = relation(np.sum(shown(below) * shown(error)), value)
    below_name = "A_1" if key == "W2" else "X"
    error_name = "dZ_2" if key == "W2" else "dZ_1"
    return Entry(key, i, j, below_name, error_name, below, error, value, sign)


@dataclass(frozen=True)
class VJP:
    """The softmax step for one point: ŷ, g = ∂L/∂ŷ, ⟨g, ŷ⟩, the VJP, J and J·g."""

    y_hat: np.ndarray
    g: np.ndarray
    inner: float
    vjp: np.ndarray
    jacobian: np.ndarray
    full: np.ndarray


def vjp(t: Tiny, point: int = 0) -> VJP:
    """Both ways of carrying ∂L/∂ŷ of one point through softmax."""
    logits, y_hat, g = t.values["Z2"][point], t.values["Y_hat"][point], t.grads["Y_hat"][point]
    fast = core.softmax_vjp(y_hat, g)
    inner = float(np.sum(g * y_hat))
    return VJP(
        y_hat,
        g,
        inner,
        fast,
        core.softmax_jacobian(logits),
        core.softmax_jacobian_product(logits, g),
    )


def cost_rows(classes=(3, 1000, 50_000)) -> dict[str, list[str]]:
    """Operations and memory of both ways, per example, for a few class counts."""
    costs = [[_count(c) for c in core.softmax_vjp_costs(k)] for k in classes]
    return {
        "classes K": [_count(k) for k in classes],
        "ŷ ⊙ (g − ⟨g, ŷ⟩): operations": [c[0] for c in costs],
        "its memory": [c[1] for c in costs],
        "J·g: operations": [c[2] for c in costs],
        "memory of J": [c[3] for c in costs],
    }


def _count(n: int) -> str:
    """An exact count, digits grouped by thin spaces: ``7 500 000 000``.

    >>> _count(11), _count(7_500_000_000)
    ('11', '7\u2009500\u2009000\u2009000')
    """
    return f"{n:,}".replace(",", "\u2009")
