"""The pairing lab's numbers: the two-class example computed both ways, and its tables.

:func:`two_class_check` computes softmax + cross-entropy and sigmoid + binary
cross-entropy for one pair of logits; :func:`two_class_table` and
:func:`gradient_table` are the page's tables as text. Class numbers are 1-based.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

import sce_core as core

from .. import arithmetic as ar
from ..fmt import num
from .simplification import all_digits

CONFIDENCE_GRID = np.linspace(0.001, 0.999, 300)
"""The probabilities of the true class the gradient-size curves are drawn over."""

LOSS_NAMES = {"cross_entropy": "Cross-entropy", "squared_error": "Squared error"}

PAIR_LIMIT = 1000.0
"""The reach of the page's own pair of logits, which starts at the default x1, x2."""


def both_losses(x, y) -> tuple[dict[str, float], dict[str, object]]:
    """Each loss and its gradient with respect to the logits, by loss name."""
    losses = {
        "cross_entropy": core.cross_entropy_from_logits(x, y),
        "squared_error": core.squared_error(core.softmax(x), y),
    }
    grads = {
        "cross_entropy": core.logits_grad(x, y),
        "squared_error": core.squared_error_logits_grad(x, y),
    }
    return losses, grads


def sizes_caption(n: int) -> str:
    """What the gradient-size curves assume, against the marks at the learner's logits."""
    return (
        f"The curves: gradient sizes for n = {n} classes, the other classes sharing 1 − ŷ "
        "equally. The marks and the table: the sizes at your own logits, which need not share "
        "it equally. Try the preset “Confident and wrong”: cross-entropy still pushes with a "
        "size above 1, squared error barely moves."
    )


class TwoClassCheck(NamedTuple):
    """The same two-class example computed both ways: softmax + CE and sigmoid + BCE."""

    a: float
    b: float
    t: float
    """y₁: 1 when class 1 is the true class, else 0."""
    softmax_first: float
    """softmax([a, b])[0]."""
    sigmoid: float
    """σ(a − b)."""
    cross_entropy: float
    binary_cross_entropy: float
    """BCE of σ(a − b) against t, from the logit."""
    grad_first: float
    """∂L/∂a from :func:`sce_core.logits_grad`."""
    bce_grad: float
    """σ(a − b) − t from :func:`sce_core.binary_cross_entropy_logit_grad`."""


def two_class_check(a: float, b: float, label: int) -> TwoClassCheck:
    """Both computations of the two-class example with logits ``(a, b)`` and a 1-based label.

    Examples
    --------
    >>> check = two_class_check(0.0, 0.0, 1)
    >>> check.softmax_first, check.sigmoid, check.grad_first, check.bce_grad
    (0.5, 0.5, -0.5, -0.5)
    """
    x = np.array([a, b], dtype=float)
    y = np.eye(2)[label - 1]
    z = float(x[0] - x[1])
    return TwoClassCheck(
        a=float(x[0]),
        b=float(x[1]),
        t=float(y[0]),
        softmax_first=float(core.softmax(x)[0]),
        sigmoid=float(core.sigmoid(z)),
        cross_entropy=float(core.cross_entropy_from_logits(x, y)),
        binary_cross_entropy=float(core.binary_cross_entropy_from_logit(z, y[0])),
        grad_first=float(core.logits_grad(x, y)[0]),
        bce_grad=float(core.binary_cross_entropy_logit_grad(z, y[0])),
    )


def label_of(check: TwoClassCheck) -> int:
    """The 1-based true class of a two-class check."""
    return 1 if check.t == 1 else 2


def two_class_table(check: TwoClassCheck) -> dict[str, list[str]]:
    """Each quantity both ways to all 17 digits, and the difference between them."""
    pairs = [
        ("ŷ₁ | σ(a − b)", check.softmax_first, check.sigmoid),
        ("L: CE | BCE", check.cross_entropy, check.binary_cross_entropy),
        ("∂L/∂a | σ(z) − t", check.grad_first, check.bce_grad),
    ]
    return {
        "quantity": [name for name, _, _ in pairs],
        "softmax + CE": [all_digits(u) for _, u, _ in pairs],
        "sigmoid + BCE": [all_digits(v) for _, _, v in pairs],
        "difference": [all_digits(u - v) for _, u, v in pairs],
    }


def gradient_table(y_hat, y, ce_grad, se_grad) -> dict[str, list[str]]:
    """One row per class: ŷᵢ, yᵢ and the gradient component of each loss."""
    y_hat, y = np.asarray(y_hat, float), np.asarray(y, float)
    return {
        "class i": [str(k) for k in range(1, y_hat.size + 1)],
        "ŷᵢ": [num(v) for v in y_hat],
        "yᵢ": [num(v, 0) for v in y],
        "∂L_CE/∂xᵢ = ŷᵢ − yᵢ": ar.derived_cells(
            [ar.minus(ar.number(p), ar.exact(t)) for p, t in zip(y_hat, y, strict=True)],
            np.asarray(ce_grad, float),
        )[0],
        "∂L_SE/∂xᵢ": [num(v) for v in np.asarray(se_grad, float)],
    }
