"""Text tables of the numbers behind every chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

import sce_core as core

from . import palette
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


def _fill(value: float, zmax: float) -> str:
    """The cell background for a signed value: the palette's hues, stronger with |value|."""
    strength = min(1.0, abs(value) / zmax)
    rgb = palette.POSITIVE if value > 0 else palette.NEGATIVE
    r, g, b = (int(rgb[k : k + 2], 16) for k in (1, 3, 5))
    return f"background-color: rgba({r}, {g}, {b}, {strength:.2f})"


def matrix_table(matrix, zmax: float, digits: int = 3) -> Styler:
    """A signed n x n matrix as a coloured text table, its diagonal (i = j) told apart.

    The same cues as :func:`sce_ui.figures.matrix_figure`: ◆ and a thick vermillion
    border on i = j cells, ● on i != j cells, and a fill that saturates at ``±zmax``.
    A table rather than a chart: its numbers are text a screen reader reads, and it
    costs the browser almost nothing to redraw on every slider move.
    """
    m = np.asarray(matrix, float)
    n = m.shape[0]
    names = [str(k) for k in range(1, n + 1)]
    same = np.eye(n, dtype=bool)
    text = pd.DataFrame(
        [
            [
                f"{palette.SAME_MARK if same[i, j] else palette.OTHER_MARK} {num(m[i, j], digits)}"
                for j in range(n)
            ]
            for i in range(n)
        ],
        index=pd.Index(names, name="i"),
        columns=pd.Index(names, name="j"),
    )
    border = f"; border: 3px solid {palette.SAME}"
    css = pd.DataFrame(
        [
            [_fill(m[i, j], zmax) + (border if same[i, j] else "") for j in range(n)]
            for i in range(n)
        ],
        index=text.index,
        columns=text.columns,
    )
    return text.style.apply(lambda _: css, axis=None)
