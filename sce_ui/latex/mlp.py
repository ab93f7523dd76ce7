r"""The network labs in formulas: the forward and backward pass, the check, matrices, one entry.

Strings only: the numbers come from :mod:`sce_core` through :mod:`sce_ui.models.mlp`,
and every shown number is written by :mod:`sce_ui.fmt`. ŷ is drawn in
:data:`palette.Y_HAT` and y in :data:`palette.Y`, as on every page.
"""

from __future__ import annotations

import numpy as np

from .. import palette
from ..fmt import tex

Y_HAT = palette.tex_color(palette.Y_HAT, r"\hat Y")
Y = palette.tex_color(palette.Y, "Y")


def forward_backward() -> str:
    """The forward pass beside the backward pass, line for line, for layer l of L."""
    return (
        r"\begin{aligned}"
        r"&\textbf{forward} && \textbf{backward} \\"
        r"A_0 &= X & dZ_L &= (" + Y_HAT + " - " + Y + r")\,/\,B \\"
        r"Z_l &= A_{l-1} W_l + b_l & dW_l &= A_{l-1}^{\top}\, dZ_l,"
        r"\quad db_l = \textstyle\sum_{\text{rows}} dZ_l \\"
        r"A_l &= f(Z_l) & dA_{l-1} &= dZ_l\, W_l^{\top} \\"
        r"" + Y_HAT + r" &= \operatorname{softmax}(Z_L) & dZ_{l-1} &= dA_{l-1} \odot f'(Z_{l-1}) \\"
        r"L &= -\tfrac{1}{B} \textstyle\sum_k \log " + Y_HAT + r"_{k, y_k}"
        r" & f'(z) &= [z > 0] \text{ (relu)},\ 1 - \tanh^2 z \text{ (tanh)}"
        r"\end{aligned}"
    )


def check_formula(tolerance: float) -> str:
    """The per-parameter check: the worst gap of a gradient over its largest entry."""
    return (
        r"\text{error}(\theta) = \frac{\max_i |a_i - n_i|}{\max(\max_i |a_i|,\ \max_i |n_i|)}"
        r",\quad n_i = \frac{L(\theta + h e_i) - L(\theta - h e_i)}{2h},\quad"
        rf"\text{{passes if}} < {tex(tolerance)}"
    )


def matrix(M, digits: int | None = None) -> str:
    r"""A matrix (or a vector as one row) as a ``bmatrix`` of formatted numbers.

    >>> matrix([[1.0, -0.5]])
    '\\begin{bmatrix} 1.000 & -0.500 \\end{bmatrix}'
    """
    m = np.atleast_2d(np.asarray(M, float))
    fmt = tex if digits is None else (lambda v: tex(v, digits))
    rows = [" & ".join(fmt(v) for v in row) for row in m]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"
