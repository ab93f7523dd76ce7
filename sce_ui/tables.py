"""Text tables of the numbers behind every chart."""

from __future__ import annotations

import numpy as np

import sce_core as core

from .fmt import num


def class_table(x, y) -> dict[str, list[str]]:
    """One row per class: x_i, ŷ_i, y_i, ∂L/∂ŷ_i and ∂L/∂x_i, as text with 3+ decimals.

    Returned as columns of strings so ``st.table`` shows exactly these digits.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    y_hat = core.softmax(x)
    return {
        "class i": [str(k) for k in range(1, x.size + 1)],
        "logit xᵢ": [num(v) for v in x],
        "ŷᵢ": [num(v) for v in y_hat],
        "yᵢ": [num(v, 0) for v in y],
        "∂L/∂ŷᵢ = −yᵢ/ŷᵢ": [num(v) for v in core.cross_entropy_grad(y_hat, y)],
        "∂L/∂xᵢ = ŷᵢ − yᵢ": [num(v) for v in core.logits_grad(x, y)],
    }
