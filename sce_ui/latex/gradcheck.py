r"""Lab · Gradient check: three routes to ∂L/∂x, how well they agree, and what h does.

The formula comes from :mod:`sce_core` (``(ŷ − y)/T`` for cross-entropy, the whole chain
rule for squared error), the central differences from :func:`sce_core.numerical_grad`
applied to the loss itself, and the reference from sympy (:mod:`sce_ui.symbolic`),
evaluated with more digits than a float holds; those numbers come from
:mod:`sce_ui.models.gradcheck`. ``j`` arguments are 0-based; the strings show 1-based classes.
Predictions ŷ are written in :data:`~sce_ui.palette.Y_HAT` and labels y in
:data:`~sce_ui.palette.Y`, as in the charts.
"""

from __future__ import annotations

import numpy as np

from .. import arithmetic as ar
from ..fmt import significant_tex, tex, typed
from ..models.gradcheck import CentralDifference, ErrorCurve
from ..palette import Y_HAT, Y
from .common import column, labels, power_of_ten, predictions

_FULL = 17
"""Significant digits that identify a float64."""


@ar.collect
def cross_entropy_formula(y_hat, y, temperature: float, grad) -> str:
    r"""``∂L/∂x = (ŷ − y)/T`` in symbols, then as column vectors with the numbers: ``=``
    where every entry's printed ``(1/T)(ŷᵢ − yᵢ)`` gives its printed result, else
    ``\approx`` (at x1 = 10, ŷ1 reads 1.000 and 1.000 − 1 is not −3.68e-4), the entries
    redone with more digits in the formula's tooltip (:func:`sce_ui.arithmetic.collect`)."""
    entries = [
        (
            ar.times(
                ar.over(ar.exact(1), ar.typed(temperature)), ar.minus(ar.number(p), ar.operand(t))
            ),
            g,
        )
        for p, t, g in zip(np.ravel(y_hat), np.ravel(y), np.ravel(grad), strict=True)
    ]
    return (
        r"\begin{aligned}\frac{\partial L}{\partial x} &= \frac{"
        + predictions(r"\hat y")
        + " - "
        + labels("y")
        + r"}{T} \\ &= \frac{1}{"
        + typed(temperature)
        + r"}\left["
        + column(y_hat, Y_HAT)
        + " - "
        + column(y, Y, 0)
        + r"\right] "
        + ar.noted_all(entries)
        + " "
        + column(grad)
        + r"\end{aligned}"
    )


def squared_error_formula() -> str:
    r"""The squared error's gradient by the chain rule: no ``1/ŷ`` cancels the Jacobian's ŷ."""
    y_hat_i, y_i = predictions(r"\hat y_i"), labels("y_i")
    y_hat_j, y_j = predictions(r"\hat y_j"), labels("y_j")
    lines = [
        rf"L &= \sum_i ({y_hat_i} - {y_i})^2",
        rf"\frac{{\partial L}}{{\partial \hat y_i}} &= 2({y_hat_i} - {y_i})",
        r"\frac{\partial L}{\partial x_j} &= \sum_i \frac{\partial L}{\partial \hat y_i}"
        r"\,\frac{\partial \hat y_i}{\partial x_j}",
        rf"&= \frac{{2}}{{T}}\,{y_hat_j}\Big[({y_hat_j} - {y_j})"
        rf" - \sum_i {y_hat_i}({y_hat_i} - {y_i})\Big]",
        rf"&\ne \frac{{{y_hat_j} - {y_j}}}{{T}}",
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(lines) + r"\end{aligned}"


def squared_error_mismatch(j: int, gradient: float, shortcut: float) -> str:
    """For class ``j`` (0-based): the true gradient above (ŷⱼ − yⱼ)/T, with the numbers."""
    k = j + 1
    return (
        rf"\begin{{aligned}}\frac{{\partial L}}{{\partial x_{{{k}}}}} &= {tex(gradient)} \\[4pt]"
        rf"\text{{but}}\quad \frac{{\hat y_{{{k}}} - y_{{{k}}}}}{{T}} &= {tex(shortcut)}"
        r"\end{aligned}"
    )


def _full(value: float) -> str:
    """A float with all 17 significant digits, in LaTeX."""
    return significant_tex(value, _FULL)


def central_difference_symbolic() -> str:
    r"""The central difference and its error: truncation ``∝ h²`` plus round-off ``∝ ε/h``."""
    return (
        r"\begin{gathered}"
        r"\frac{\partial L}{\partial x_j} \approx \frac{L(x + h\,e_j) - L(x - h\,e_j)}{2h}"
        r"\\[6pt] \text{error} \approx \underbrace{\frac{h^2}{6}\left|\frac{\partial^3 L}"
        r"{\partial x_j^3}\right|}_{\text{truncation}} + \underbrace{\frac{\varepsilon\,|L|}{h}}"
        r"_{\text{round-off}}"
        r"\end{gathered}"
    )


def central_difference_numbers(j: int, h: float, parts: CentralDifference) -> str:
    """Component ``j`` (0-based): the two losses to all 17 digits, the step taken, the quotient.

    The step is ``(xⱼ + h) − (xⱼ − h)`` as float64 computes it, the divisor
    :func:`sce_core.numerical_grad` uses; it differs from 2h once h nears the float
    spacing at xⱼ.
    """
    k = j + 1
    step = "1" if h >= 1 else power_of_ten(h)
    return (
        r"\begin{aligned}"
        rf"h &= {step} \\"
        rf"L(x + h\,e_{{{k}}}) &= {_full(parts.up)} \\"
        rf"L(x - h\,e_{{{k}}}) &= {_full(parts.down)} \\"
        rf"2h_{{\text{{taken}}}} &= (x_{{{k}}} + h) - (x_{{{k}}} - h) \\"
        rf"&= {_full(parts.step)} \\[4pt]"
        rf"\frac{{\partial L}}{{\partial x_{{{k}}}}} &\approx {_full(parts.value)}"
        r"\end{aligned}"
    )


def error_model(curve: ErrorCurve) -> str:
    """The error model with this point's constants, and the h that balances its two terms."""
    a, b = tex(curve.truncation), tex(curve.roundoff)
    model = rf"\text{{error}}(h) \approx {a}\,h^2 + \frac{{{b}}}{{h}}"
    if curve.best_h is None:
        return model
    return (
        r"\begin{gathered}"
        + model
        + rf"\\[4pt] \text{{smallest at }} h \approx {tex(curve.best_h)}"
        + r"\end{gathered}"
    )


def sympy_lines(loss_terms, derivative_terms, j: int, per_line: int = 2) -> str:
    """sympy's L and ∂L/∂xⱼ (``j`` 0-based), their sums broken over lines of ``per_line`` terms."""
    k = j + 1
    lines = [
        r"S &= \textstyle\sum_k e^{x_k / T}",
        *_broken("L", loss_terms, per_line),
        *_broken(rf"\frac{{\partial L}}{{\partial x_{{{k}}}}}", derivative_terms, per_line),
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(lines) + r"\end{aligned}"


def _broken(head: str, terms, per_line: int) -> list[str]:
    """``head = t1 + t2 ...`` as lines of an ``aligned`` block, signs kept from sympy's terms."""
    signed = [t if t.startswith("-") else f"+ {t}" for t in terms]
    signed[0] = signed[0].removeprefix("+ ")
    chunks = [" ".join(signed[i : i + per_line]) for i in range(0, len(signed), per_line)]
    return [f"{head} &= {chunks[0]}", *(r"&\quad " + chunk for chunk in chunks[1:])]
