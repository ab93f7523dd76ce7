r"""The network labs in formulas: the forward and backward pass, the check, matrices, one entry.

Strings only: the numbers come from :mod:`sce_core` through :mod:`sce_ui.models.mlp`,
and every shown number is written by :mod:`sce_ui.fmt`. ŷ is drawn in
:data:`palette.Y_HAT` and y in :data:`palette.Y`, as on every page.
"""

from __future__ import annotations

import numpy as np

from .. import arithmetic as ar
from .. import palette
from ..fmt import paren_tex, signed_tex, tex

Y_HAT = palette.tex_color(palette.Y_HAT, r"\hat Y")
Y = palette.tex_color(palette.Y, "Y")


def forward() -> str:
    """The forward pass of layer l of L, from X to the loss."""
    return (
        r"\begin{aligned}"
        r"A_0 &= X \\"
        r"Z_l &= A_{l-1} W_l + b_l \\"
        r"A_l &= f(Z_l) \\" + Y_HAT + r" &= \operatorname{softmax}(Z_L) \\"
        r"L &= -\tfrac{1}{B} \textstyle\sum_k \log " + Y_HAT + r"_{k, y_k}"
        r"\end{aligned}"
    )


def backward() -> str:
    """The backward pass, the same lines upwards, from the loss to W_1."""
    return (
        r"\begin{aligned}"
        r"dZ_L &= (" + Y_HAT + " - " + Y + r")\,/\,B \\"
        r"dW_l &= A_{l-1}^{\top}\, dZ_l \\"
        r"db_l &= \textstyle\sum_{\text{rows}} dZ_l \\"
        r"dA_{l-1} &= dZ_l\, W_l^{\top} \\"
        r"dZ_{l-1} &= dA_{l-1} \odot f'(Z_{l-1})"
        r"\end{aligned}"
    )


def check_formula(tolerance: float) -> str:
    """The per-parameter check: the worst gap of a gradient over its largest entry."""
    return (
        r"\begin{aligned}"
        r"\text{error}(\theta) &= \frac{\max_i |a_i - n_i|}"
        r"{\max(\max_i |a_i|,\ \max_i |n_i|)} \\"
        r"n_i &= \frac{L(\theta + h e_i) - L(\theta - h e_i)}{2h} \\"
        rf"\text{{passes if error}} &< {tex(tolerance)}"
        r"\end{aligned}"
    )


def matrix(M) -> str:
    r"""A matrix (or a vector as one row) as a ``bmatrix`` of formatted numbers.

    >>> matrix([[1.0, -0.5]])
    '\\begin{bmatrix} 1.000 & -0.500 \\end{bmatrix}'
    """
    m = np.atleast_2d(np.asarray(M, float))
    rows = [" & ".join(tex(v) for v in row) for row in m]
    return r"\begin{bmatrix} " + r" \\ ".join(rows) + r" \end{bmatrix}"


def _m(M) -> str:
    return matrix(M)


_F_PRIME = {"relu": r"[Z_1 > 0]", "tanh": r"1 - A_1^{2}"}


@ar.collect
def step_formula(
    step: int, values: dict, grads: dict, slope, onehot, activation: str, terms
) -> str:
    """The formula of backward step ``step`` (0: the forward pass) with the network's numbers.

    ``terms`` are the entries of the numeric line as shown arithmetic
    (:func:`sce_ui.models.backward.step_terms`): the line says ``=`` where every entry adds
    up from the shown numbers.
    """
    v, g, B = values, grads, len(onehot)
    if step == 0:
        return _stacked(
            [
                r"L = -\frac{1}{" + str(B) + r"} \sum_k \log " + Y_HAT + r"_{k, y_k}"
                rf" = {tex(float(v['L']))}",
                Y_HAT + " = " + _m(v["Y_hat"]),
            ]
        )
    if step == 1:
        return r"\frac{\partial L}{\partial L} = 1"
    lines = {
        2: (
            r"\frac{\partial L}{\partial "
            + Y_HAT
            + "} = -\\frac{"
            + Y
            + "}{"
            + str(B)
            + r"\,"
            + Y_HAT
            + "}",
            r"-\frac{1}{" + str(B) + "}" + _m(onehot) + r" \\ \oslash " + _m(v["Y_hat"]),
            _m(g["Y_hat"]),
        ),
        3: (
            r"dZ_2 = \frac{" + Y_HAT + " - " + Y + "}{" + str(B) + "}",
            r"\tfrac{1}{"
            + str(B)
            + "}"
            + _m(v["Y_hat"])
            + r" \\ - \tfrac{1}{"
            + str(B)
            + "}"
            + _m(onehot),
            _m(g["Z2"]),
        ),
        4: (r"dW_2 = A_1^{\top} dZ_2", _m(v["A1"].T) + r"\\" + _m(g["Z2"]), _m(g["W2"])),
        5: (r"dA_1 = dZ_2\, W_2^{\top}", _m(g["Z2"]) + r"\\" + _m(v["W2"].T), _m(g["A1"])),
        6: (
            r"dZ_1 = dA_1 \odot f'(Z_1),\ f'(Z_1) = " + _F_PRIME[activation],
            _m(g["A1"]) + r" \\ \odot " + _m(slope),
            _m(g["Z1"]),
        ),
        7: (r"dW_1 = X^{\top} dZ_1", _m(v["X"].T) + r"\\" + _m(g["Z1"]), _m(g["W1"])),
    }
    formula, operands, result = lines[step]
    body = [formula, "= " + operands, f"{ar.noted_all(terms)} {result}"]
    if step in (4, 7):
        layer = "2" if step == 4 else "1"
        body.append(rf"db_{layer} = \textstyle\sum_{{\text{{rows}}}} dZ_{layer}")
        body.append("= " + _m(g[f"b{layer}"]))
    return _stacked(body)


def _stacked(lines: list[str]) -> str:
    """Lines one under the other, centred: a phone shows each whole."""
    return r"\begin{gathered}" + r" \\ ".join(lines) + r"\end{gathered}"


@ar.collect
def entry_formula(e) -> str:
    """One entry of dW = Aᵀ dZ written out: every product of the sum, with its numbers."""
    i, j = e.i + 1, e.j + 1
    terms = [rf"{_paren(a)} \cdot {_paren(d)}" for a, d in zip(e.below, e.error, strict=True)]
    head = (
        rf"d{e.key[0]}_{e.key[1]}[{i},{j}] = \sum_k {e.below_name}[k,{i}]\; {e.error_name}[k,{j}]"
    )
    return _stacked(
        [
            head,
            "= " + terms[0],
            *("+ " + t for t in terms[1:]),
            f"{ar.noted(e.term, e.value)} {tex(e.value)}",
        ]
    )


def _paren(v: float) -> str:
    return paren_tex(v)


@ar.collect
def vjp_formula(p) -> str:
    """Both ways through softmax for one point: ŷ ⊙ (g − ⟨g, ŷ⟩) and J g, with the numbers.

    Each of the three results follows its operands with ``=`` only where their printed
    digits give it (:func:`sce_ui.arithmetic.noted_all`), else ``≈``: 0.258 · 0.333 is
    0.0859, printed 0.0860 from the unrounded numbers.
    """
    y_hat, g = _m(p.y_hat), _m(p.g)
    gs, ys = np.ravel(p.g), np.ravel(p.y_hat)
    inner = ar.plus(*(ar.times(ar.number(a), ar.number(b)) for a, b in zip(gs, ys, strict=True)))
    shift = ar.number(-p.inner)
    vjp = [
        (ar.times(ar.number(y), ar.plus(ar.number(a), shift)), v)
        for y, a, v in zip(ys, gs, np.ravel(p.vjp), strict=True)
    ]
    full = [
        (ar.plus(*(ar.times(ar.number(j), ar.number(a)) for j, a in zip(row, gs, strict=True))), v)
        for row, v in zip(np.asarray(p.jacobian, float), np.ravel(p.full), strict=True)
    ]
    return _stacked(
        [
            rf"g = \tfrac{{\partial L}}{{\partial \hat y}} = {g}",
            rf"\langle g, \hat y\rangle {ar.noted(inner, p.inner)} {tex(p.inner)}",
            r"\hat y \odot (g - \langle g, \hat y\rangle)",
            rf"= {y_hat} \odot",
            rf"\left({g} {signed_tex(-p.inner)}\right)",
            rf"{ar.noted_all(vjp)} {_m(p.vjp)}",
            rf"J g = {_m(p.jacobian)}",
            rf"{g}^{{\top}}",
            rf"{ar.noted_all(full)} {_m(p.full)}",
        ]
    )
