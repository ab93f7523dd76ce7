r"""Step 5 in formulas: ∂L/∂xⱼ as a sum over every path through ŷᵢ, with the learner's numbers.

The i = j term is drawn in :data:`palette.SAME`, the i ≠ j terms in :data:`palette.OTHER`,
as in the charts. Class numbers are 1-based in the strings; the ``j`` arguments are the
0-based column index.
"""

from __future__ import annotations

import numpy as np

from .. import arithmetic as ar
from .. import palette
from ..fmt import paren_tex, tex
from .common import dl_dx, sum_lines

# The two cases as inline formulas in their colours, for the text beside the formulas.
SAME_CASE = palette.tex_color(palette.SAME, "i = j")
OTHER_CASE = palette.tex_color(palette.OTHER, r"i \ne j")


def label_tex(value: float) -> str:
    """A label yᵢ: whole numbers as ``1`` and ``0``, soft labels with 3 decimals."""
    v = float(value)
    return tex(v, 0) if v.is_integer() else tex(v)


def case_color(i: int, j: int, body: str) -> str:
    """``body`` in the colour of its case: i = j (SAME) or i ≠ j (OTHER)."""
    return palette.tex_color(palette.SAME if i == j else palette.OTHER, body)


def chain_rule_symbolic() -> str:
    """The chain rule over every ŷᵢ, and the same sum split into its i = j and i ≠ j terms."""
    same = palette.tex_color(palette.SAME, r"-\frac{y_j}{\hat y_j}\cdot \hat y_j\,(1 - \hat y_j)")
    other = palette.tex_color(
        palette.OTHER,
        r"\sum_{i \ne j} \Big(-\frac{y_i}{\hat y_i}\Big)\big(-\hat y_i\, \hat y_j\big)",
    )
    return (
        r"\begin{aligned}"
        + dl_dx("j")
        + r" &= \sum_{i=1}^{n} \frac{\partial L}{\partial \hat y_i}\,"
        r"\frac{\partial \hat y_i}{\partial x_j} \\"
        rf" &= \underbrace{{{same}}}_{{i = j}} \\"
        rf" &\quad + \underbrace{{{other}}}_{{i \ne j}}"
        r"\end{aligned}"
    )


def term_symbol(j: int) -> str:
    """One term of column ``j`` (0-based) in symbols: the factor ∂L/∂ŷᵢ times ∂ŷᵢ/∂xⱼ."""
    return (
        rf"T_{{i,{j + 1}}} = \underbrace{{-\frac{{y_i}}{{\hat y_i}}}}"
        r"_{\partial L / \partial \hat y_i}\cdot"
        rf"\underbrace{{\frac{{\partial \hat y_i}}{{\partial x_{{{j + 1}}}}}}}"
        r"_{\text{Jacobian}}"
    )


def _joined_values(values: list[str]) -> list[str]:
    """Values as summands: the first as it is, the others in parentheses when negative."""
    return [tex(v) if k == 0 else paren_tex(v) for k, v in enumerate(values)]


@ar.collect
def written_out_sum(
    j: int,
    y,
    y_hat,
    jacobian_column,
    terms_column,
    parts: tuple[float, float],
    gradient: float,
    *,
    values_per_line: int = 4,
) -> str:
    r"""Every term of column ``j`` with its numbers and its value, then all of them added up.

    Parameters
    ----------
    j : int
        The 0-based column (the logit xⱼ).
    y, y_hat : array_like, shape (n,)
        Labels and probabilities.
    jacobian_column : array_like, shape (n,)
        ∂ŷᵢ/∂xⱼ for every i.
    terms_column : array_like, shape (n,)
        The terms ∂L/∂ŷᵢ · ∂ŷᵢ/∂xⱼ for every i.
    parts : (float, float)
        The i = j term and the sum of the i ≠ j terms of column ``j``.
    gradient : float
        ∂L/∂xⱼ.
    values_per_line : int
        Values to a line in the sum: an n = 10 sum wraps.

    Returns
    -------
    str
        An ``aligned`` block: one line per term, Tᵢⱼ = (−yᵢ/ŷᵢ)(∂ŷᵢ/∂xⱼ) = value, then
        ∂L/∂xⱼ as the sum of the values, as the i = j term plus the i ≠ j terms, and
        as one number.
    """
    y, y_hat = np.asarray(y, float), np.asarray(y_hat, float)
    jac, terms = np.asarray(jacobian_column, float), np.asarray(terms_column, float)
    column = j + 1
    rows = []
    for i in range(y.size):
        factor = rf"\Big(-\frac{{{label_tex(y[i])}}}{{{tex(y_hat[i])}}}\Big)"
        label = ar.exact(y[i]) if float(y[i]).is_integer() else ar.number(y[i])
        product = ar.times(ar.negative(ar.over(label, ar.number(y_hat[i]))), ar.number(jac[i]))
        rel = ar.noted(product, terms[i])
        entry, value = rf"\cdot {paren_tex(jac[i])}", f"{rel} {tex(terms[i])}"
        name = case_color(i, j, rf"T_{{{i + 1},{column}}}")
        if r"\times" in factor + entry:
            # Numbers in scientific notation are long: each piece gets a line of its own,
            # so the row still fits a phone's width.
            body = r" \\ &\quad ".join([case_color(i, j, factor), case_color(i, j, entry)])
            rows.append(f"{name} &= {body}" + rf" \\ &{rel} " + case_color(i, j, tex(terms[i])))
        else:
            rows.append(f"{name} &= " + case_color(i, j, f"{factor}{entry} {value}"))
    values = [case_color(i, j, text) for i, text in enumerate(_joined_values(list(terms)))]
    same, other = parts
    split = (
        r"&= \underbrace{"
        + palette.tex_color(palette.SAME, tex(same))
        + r"}_{i = j} + \underbrace{"
        + palette.tex_color(palette.OTHER, paren_tex(other))
        + r"}_{\text{all } i \ne j}"
    )
    by_terms = ar.noted_sum(terms, gradient)
    by_parts = ar.noted(ar.plus(ar.number(same), ar.number(other)), gradient)
    rel = "=" if by_terms == by_parts == "=" else r"\approx"
    total = [
        *sum_lines(values, values_per_line, first=dl_dx(column) + " &= "),
        split,
        rf"&{rel} {tex(gradient)}",
    ]
    return (
        r"\begin{aligned}"
        + r" \\[6pt] ".join(rows)
        + r" \\[12pt] "
        + r" \\ ".join(total)
        + r"\end{aligned}"
    )
