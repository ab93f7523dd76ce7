r"""Step 3: the derivative of softmax, ∂ŷᵢ/∂xⱼ, by the quotient rule.

Symbols first: the rule, the two derivatives it needs, then the cases i = j (in
:data:`~sce_ui.palette.SAME`) and i ≠ j (in :data:`~sce_ui.palette.OTHER`). Then one
entry of the Jacobian with the learner's numbers, its symmetric partner and the row
sums. Class numbers are 1-based, as on the page.
"""

from __future__ import annotations

import numpy as np

import sce_core as core

from .. import arithmetic as ar
from ..fmt import num, signed_tex, tex
from ..palette import OTHER, SAME, tex_color

LINE_BUDGET = 30
"""Characters of plain-text numbers per line of a written-out sum, so n = 10 fits a phone."""


def _d(i, j) -> str:
    return rf"\frac{{\partial \hat y_{{{i}}}}}{{\partial x_{{{j}}}}}"


def _color(i, j) -> str:
    return SAME if i == j else OTHER


def _factor(value: float) -> str:
    r"""A number to multiply or square: scientific notation goes in parentheses."""
    text = tex(value)
    return rf"\left({text}\right)" if "times" in text or value < 0 else text


def softmax_definition() -> str:
    """ŷᵢ as the quotient of e^{xᵢ} and the sum S."""
    return r"\hat y_i = \frac{e^{x_i}}{S}, \qquad S = \sum_{k=1}^{n} e^{x_k}"


def quotient_rule() -> str:
    """The quotient rule, (f/g)' = (f'g − fg')/g²."""
    return r"\left(\frac{f}{g}\right)' = \frac{f'\,g - f\,g'}{g^2}"


def numerator_derivative() -> str:
    """∂e^{xᵢ}/∂xⱼ: e^{xᵢ} when i = j, 0 otherwise."""
    return (
        r"\frac{\partial e^{x_i}}{\partial x_j} = \begin{cases}"
        + tex_color(SAME, r"e^{x_i}")
        + r" & i = j \\ "
        + tex_color(OTHER, "0")
        + r" & i \neq j \end{cases}"
    )


def sum_derivative() -> str:
    """∂S/∂xⱼ = e^{xⱼ}: only the term k = j of the sum contains xⱼ."""
    return (
        r"\frac{\partial S}{\partial x_j} = \frac{\partial}{\partial x_j}\sum_{k} e^{x_k} = e^{x_j}"
    )


def same_case() -> str:
    """The case i = j, line by line, ending in ŷᵢ(1 − ŷᵢ)."""
    lines = [
        tex_color(SAME, _d("i", "i")) + r" &= \frac{\partial}{\partial x_i}\,\frac{e^{x_i}}{S}",
        r"&= \frac{"
        + tex_color(SAME, r"\underbrace{e^{x_i}}_{\partial e^{x_i}/\partial x_i}")
        + r"\cdot S \;-\; e^{x_i}\cdot \underbrace{e^{x_i}}_{\partial S/\partial x_i}}{S^2}",
        r"&= \frac{e^{x_i}}{S}\cdot\frac{S - e^{x_i}}{S}",
        r"&= \frac{e^{x_i}}{S}\left(1 - \frac{e^{x_i}}{S}\right)",
        r"&= \boxed{" + tex_color(SAME, r"\hat y_i\,(1 - \hat y_i)") + "}",
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(lines) + r"\end{aligned}"


def other_case() -> str:
    """The case i ≠ j, line by line, ending in −ŷᵢŷⱼ."""
    lines = [
        tex_color(OTHER, _d("i", "j")) + r" &= \frac{\partial}{\partial x_j}\,\frac{e^{x_i}}{S}",
        r"&= \frac{"
        + tex_color(OTHER, r"\underbrace{0}_{\partial e^{x_i}/\partial x_j}")
        + r"\cdot S \;-\; e^{x_i}\cdot \underbrace{e^{x_j}}_{\partial S/\partial x_j}}{S^2}",
        r"&= -\,\frac{e^{x_i}}{S}\cdot\frac{e^{x_j}}{S}",
        r"&= \boxed{" + tex_color(OTHER, r"-\,\hat y_i\,\hat y_j") + "}",
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(lines) + r"\end{aligned}"


def summary() -> str:
    """Both cases in one formula."""
    return (
        _d("i", "j")
        + r" = \begin{cases}"
        + tex_color(SAME, r"\hat y_i\,(1 - \hat y_i)")
        + r" & i = j \\ "
        + tex_color(OTHER, r"-\,\hat y_i\,\hat y_j")
        + r" & i \neq j \end{cases}"
    )


def matrix_form() -> str:
    """The whole Jacobian at once: the diagonal ŷ minus the outer product ŷŷᵀ."""
    return r"J = \operatorname{diag}(\hat y) - \hat y\,\hat y^{\top}"


@ar.collect
def entry(x, i: int, j: int) -> str:
    r"""The derivation of the entry ∂ŷᵢ/∂xⱼ with the numbers of logits ``x``.

    ``i`` and ``j`` are 1-based class numbers. The quotient rule is shown with
    e^{xᵢ}, e^{xⱼ} and S substituted, simplified to ŷᵢ(1 − ŷᵢ) or −ŷᵢŷⱼ, and closed
    with the entry of :func:`sce_core.softmax_jacobian`, the value the heatmap shows.
    """
    x = np.asarray(x, float)
    e, s = core.softmax_terms(x)
    y_hat = core.softmax(x)
    value = core.softmax_jacobian(x)[i - 1, j - 1]
    ei, ej, s_text = tex(e[i - 1]), tex(e[j - 1]), tex(s)
    fi, fj, fs = _factor(e[i - 1]), _factor(e[j - 1]), _factor(s)
    pi, pj = _factor(y_hat[i - 1]), _factor(y_hat[j - 1])
    given = [rf"e^{{x_{i}}} &= {ei}"]
    if i == j:
        lines = [
            rf"&= \frac{{e^{{x_{i}}}\cdot S - e^{{x_{i}}}\cdot e^{{x_{i}}}}}{{S^2}}",
            rf"&= \frac{{{fi}\cdot {fs} - {fi}\cdot {fi}}}{{{fs}^{{2}}}}",
            rf"&= \frac{{{ei}}}{{{s_text}}}\left(1 - \frac{{{ei}}}{{{s_text}}}\right)",
            rf"&= \hat y_{i}\,(1 - \hat y_{i}) = {pi}\,(1 - {tex(y_hat[i - 1])})",
        ]
    else:
        given.append(rf"e^{{x_{j}}} &= {ej}")
        lines = [
            rf"&= \frac{{0\cdot S - e^{{x_{i}}}\cdot e^{{x_{j}}}}}{{S^2}}",
            rf"&= \frac{{0 - {fi}\cdot {fj}}}{{{fs}^{{2}}}}",
            rf"&= -\,\frac{{{ei}}}{{{s_text}}}\cdot\frac{{{ej}}}{{{s_text}}}",
            rf"&= -\,\hat y_{i}\,\hat y_{j} = -\,{pi}\cdot {pj}",
        ]
    given.append(rf"S &= \textstyle\sum_k e^{{x_k}} = {s_text}")
    color = _color(i, j)
    lines[0] = tex_color(color, _d(i, j)) + " " + lines[0]
    p_i, p_j = ar.number(y_hat[i - 1]), ar.number(y_hat[j - 1])
    product = (
        ar.times(p_i, ar.minus(ar.exact(1), p_i)) if i == j else ar.negative(ar.times(p_i, p_j))
    )
    lines.append(f"&{ar.noted(product, value)} " + r"\boxed{" + tex_color(color, tex(value)) + "}")
    body = r" \\ ".join(given) + r" \\[10pt] " + r" \\[6pt] ".join(lines)
    return r"\begin{aligned}" + body + r"\end{aligned}"


def symmetry(jacobian, i: int, j: int) -> str:
    """Why J is symmetric, with the pair (i, j), (j, i) of ``jacobian`` when i ≠ j."""
    rule = (
        tex_color(OTHER, _d("i", "j"))
        + r" = -\,\hat y_i\,\hat y_j = -\,\hat y_j\,\hat y_i = "
        + tex_color(OTHER, _d("j", "i"))
    )
    if i == j:
        return rule
    pair = (
        tex_color(OTHER, _d(i, j))
        + f" = {tex(np.asarray(jacobian, float)[i - 1, j - 1])} = "
        + tex_color(OTHER, _d(j, i))
    )
    return rf"\begin{{gathered}}{rule} \\[6pt] {pair}\end{{gathered}}"


def _rounded_sum(total: float) -> str:
    """A sum that is 0 in exact arithmetic, without the ~1e-17 that float rounding leaves."""
    return tex(round(float(total), 12))


def _wrap(items: list[str], widths: list[int], separator: str) -> str:
    """Items joined by ``separator``, a new aligned line whenever :data:`LINE_BUDGET` is spent."""
    rows, row, used = [], [], 0
    for item, width in zip(items, widths, strict=True):
        if row and used + width > LINE_BUDGET:
            rows.append(row)
            row, used = [], 0
        row.append(item)
        used += width
    rows.append(row)
    return (separator + r" \\ &\quad ").join(separator.join(r) for r in rows)


@ar.collect
def row_sum(jacobian, i: int) -> str:
    r"""Row ``i`` of ``jacobian`` added up, term by term in its case's colour, to 0."""
    row = np.asarray(jacobian, float)[i - 1]
    terms = [
        tex_color(_color(i, j), tex(value) if j == 1 else signed_tex(value))
        for j, value in enumerate(row, start=1)
    ]
    widths = [len(num(value)) + 2 for value in row]
    lines = [
        rf"\sum_{{j=1}}^{{n}} {_d('i', 'j')} &= "
        + tex_color(SAME, r"\hat y_i(1 - \hat y_i)")
        + tex_color(OTHER, r"\,-\,\hat y_i \sum_{j \neq i} \hat y_j"),
        r"&= \hat y_i\Big(1 - \sum_{j} \hat y_j\Big) = 0",
        rf"\sum_{{j=1}}^{{{row.size}}} {_d(i, 'j')} &= " + _wrap(terms, widths, " "),
        f"&{ar.noted_sum(row, float(_rounded_sum(np.sum(row))))} " + _rounded_sum(np.sum(row)),
    ]
    return r"\begin{aligned}" + r" \\[6pt] ".join(lines) + r"\end{aligned}"


def row_sums(jacobian) -> str:
    """Every row sum of ``jacobian``, as numbers (each 0)."""
    sums = np.sum(np.asarray(jacobian, float), axis=1)
    texts = [_rounded_sum(total) for total in sums]
    values = _wrap(texts, [len(t) + 2 for t in texts], r",\ ")
    return (
        r"\begin{aligned}&\Big(\sum_j \frac{\partial \hat y_i}{\partial x_j}\Big)_{i=1}^{"
        + str(sums.size)
        + r"} \\ &= ("
        + values
        + r")\end{aligned}"
    )
