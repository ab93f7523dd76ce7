"""What the backward-pass lab shows: a tiny network's graph, node by node, and its numbers.

The network has 2 features, one hidden layer of 3 units and 3 classes, on a batch of 2 or
3 points. Every value and gradient comes from :mod:`sce_core`
(:func:`sce_core.mlp_forward`, :func:`sce_core.mlp_backward_trace`); this module names
the nodes, orders the backward steps, and writes each step's shown arithmetic as
:mod:`sce_ui.arithmetic` terms, one per entry of its result.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import sce_core as core

from .. import arithmetic as ar
from ..fmt import num
from . import MAX_SEED

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
# What a link's value for each control of the lab must be, by its URL key.
LINK_RULES = {
    "bp_batch": f"B must be {' or '.join(map(str, BATCHES))}",
    "bp_activation": f"f must be {' or '.join(core.ACTIVATIONS)}",
    "bp_seed": f"the seed must be a whole number 0 to {MAX_SEED}",
    "bp_step": f"the step must be a whole number 0 to {STEPS}",
    "bp_entry": "the entry must be one of the weights listed",
}
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


def _products(left, right) -> list[list[ar.Term]]:
    """The entries of ``left @ right`` as sums of the shown products."""
    return [
        [ar.plus(*(ar.times(ar.number(a), ar.number(b)) for a, b in zip(row, col, strict=True)))
         for col in np.asarray(right).T]
        for row in np.asarray(left)
    ]  # fmt: skip


def _entrywise(operation, *arrays) -> list[list[ar.Term]]:
    return [
        [operation(*vs) for vs in zip(*rows, strict=True)] for rows in zip(*arrays, strict=True)
    ]


def step_terms(t: Tiny, step: int) -> list[tuple[ar.Term, float]]:
    """The numeric line of ``step`` as shown arithmetic: a term per entry of its result,
    with the entry's true value; none for the forward pass and ∂L/∂L."""
    v, g, B = t.values, t.grads, ar.exact(t.labels.size)
    if step < 2:
        return []

    def through_log(y, p):  # -(1/B) y/p; 0 ⊘ p is 0, whatever p is
        return ar.times(ar.negative(ar.over(ar.exact(1), B)), ar.over(ar.number(y), ar.number(p)))

    terms = {
        2: lambda: _entrywise(
            lambda y, p: through_log(y, p) if y else ar.exact(0.0), t.Y, v["Y_hat"]
        ),
        3: lambda: _entrywise(
            lambda p, y: ar.over(ar.minus(ar.number(p), ar.number(y)), B), v["Y_hat"], t.Y
        ),
        4: lambda: _products(v["A1"].T, g["Z2"]),
        5: lambda: _products(g["Z2"], v["W2"].T),
        6: lambda: _entrywise(lambda a, s: ar.times(ar.number(a), ar.number(s)), g["A1"], t.slope),
        7: lambda: _products(v["X"].T, g["Z1"]),
    }[step]()
    result = np.asarray(g[BACKWARD[step - 1][0]], float)
    return list(zip((term for row in terms for term in row), result.ravel(), strict=True))


def step_relation(t: Tiny, step: int) -> str:
    """``=`` if every entry of the numeric line of ``step`` adds up from the shown numbers."""
    same = all(ar.relation(term, value) == "=" for term, value in step_terms(t, step))
    return "=" if same else r"\approx"


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
    term: ar.Term
    """The sum of the shown products, ``sum_k below[k] * error[k]``."""


def entry(t: Tiny, choice: str) -> Entry:
    """``dW[i, j] = sum over the batch of A[k, i] dZ[k, j]`` for a choice of :func:`entries`."""
    key, rest = choice.split("[")
    i, j = (int(v) - 1 for v in rest.rstrip("]").split(","))
    below_key, error_key = ("A1", "Z2") if key == "W2" else ("X", "Z1")
    below, error = t.values[below_key][:, i], t.grads[error_key][:, j]
    value = float(t.grads[key][i, j])
    ((term,),) = _products(below[np.newaxis], error[:, np.newaxis])
    below_name = "A_1" if key == "W2" else "X"
    error_name = "dZ_2" if key == "W2" else "dZ_1"
    return Entry(key, i, j, below_name, error_name, below, error, value, term)


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
