r"""Step 4: the derivative of cross-entropy with respect to the probabilities, −yᵢ/ŷᵢ.

Labels y are written in :data:`~sce_ui.palette.Y` and predictions ŷ in
:data:`~sce_ui.palette.Y_HAT`, as in the bar charts. Class numbers are 1-based.
"""

from __future__ import annotations

import numpy as np

import sce_core as core

from .. import arithmetic as ar
from ..fmt import num, tex
from ..palette import SAME, Y_HAT, Y, tex_color
from .common import column, y_hat_sub, y_sub


def _dl(index) -> str:
    return rf"\frac{{\partial L}}{{\partial \hat y_{{{index}}}}}"


def derivation() -> str:
    """∂L/∂ŷᵢ from the definition of L, one step per line."""
    lines = [
        r"L &= -\sum_{k=1}^{n} " + y_sub("k") + r"\log " + y_hat_sub("k"),
        _dl("i")
        + r" &= -\sum_{k=1}^{n} "
        + y_sub("k")
        + r"\underbrace{\frac{\partial \log "
        + y_hat_sub("k")
        + r"}{\partial "
        + y_hat_sub("i")
        + r"}}_{0 \text{ unless } k = i}",
        r"&= -\,"
        + y_sub("i")
        + r"\underbrace{\frac{d \log "
        + y_hat_sub("i")
        + "}{d"
        + y_hat_sub("i")
        + r"}}_{1/\hat y_i \text{, as } (\log u)' = 1/u}",
        r"&= \boxed{-\frac{" + y_sub("i") + "}{" + y_hat_sub("i") + "}}",
    ]
    return r"\begin{aligned}" + r" \\[6pt] ".join(lines) + r"\end{aligned}"


@ar.collect
def per_class(y_hat, y) -> str:
    """−yᵢ/ŷᵢ for every class with the numbers: 0 where yᵢ = 0, −1/ŷ at the true class."""
    y_hat, y = np.asarray(y_hat, float), np.asarray(y, float)
    grad = core.cross_entropy_grad(y_hat, y)
    lines = []
    for k, (p, label, g) in enumerate(zip(y_hat, y, grad, strict=True), start=1):
        fraction = r"-\frac{" + tex_color(Y, num(label, 0)) + "}{" + tex_color(Y_HAT, tex(p)) + "}"
        rel = ar.noted(ar.negative(ar.over(ar.exact(label), ar.number(p))), g)
        lines.append(rf"{_dl(k)} &= {fraction} {rel} {tex(g)}")
    return r"\begin{aligned}" + r" \\[6pt] ".join(lines) + r"\end{aligned}"


def probability_gradient(y_hat, y) -> str:
    """The vector ∂L/∂ŷ, as a column."""
    return r"\frac{\partial L}{\partial \hat y} = " + column(core.cross_entropy_grad(y_hat, y))


def logit_gradient(x, y) -> str:
    """The vector ∂L/∂x = ŷ − y that training needs, as a column."""
    return r"\frac{\partial L}{\partial x} = " + column(core.logits_grad(x, y))


def chain_rule() -> str:
    """How ∂L/∂ŷ reaches the logits: through the softmax Jacobian of step 3."""
    return (
        r"\frac{\partial L}{\partial x_j} = \sum_{i=1}^{n} "
        r"\underbrace{\frac{\partial L}{\partial \hat y_i}}_{\text{this step}}\,"
        r"\underbrace{\frac{\partial \hat y_i}{\partial x_j}}_{\text{step 3}}"
    )


def limit(label: int) -> str:
    """−1/ŷ of the true class ``label`` (1-based) runs off to −∞ as ŷ → 0."""
    p = y_hat_sub(label)
    # The limit's subscript stays plain: the tint is made for full-size text.
    below = rf"\hat y_{{{label}}} \to 0^{{+}}"
    return r"\lim_{" + below + r"} \left(-\frac{1}{" + p + r"}\right) = -\infty"


def _break_if_long(a: float, b: float) -> str:
    """A line break inside the product ``a · b`` when both numbers would not fit a phone:
    two powers of ten, or more than 16 characters."""
    long = len(num(a)) + len(num(b)) > 16 or ("e" in num(a) and "e" in num(b))
    return r" \\ &\qquad " if long else " "


@ar.collect
def cancellation(x, y, label: int) -> str:
    r"""The i = j chain-rule term of the true class: −1/ŷ times ŷ(1 − ŷ), the ŷ cancelled.

    With logits ``x``, one-hot ``y`` and the true class ``label`` (1-based): a large
    −1/ŷ times a small ŷ(1 − ŷ) gives −(1 − ŷ), between −1 and 0.
    """
    c = label - 1
    g = core.cross_entropy_grad(core.softmax(x), y)[c]
    diagonal = core.softmax_jacobian_parts(x).same[c]
    term = core.chain_rule_parts(x, y).same[c]
    p = rf"\hat y_{{{label}}}"
    lines = [
        _dl(label)
        + rf"\,\frac{{\partial \hat y_{{{label}}}}}{{\partial x_{{{label}}}}} &= "
        + r"-\frac{1}{\cancel{"
        + y_hat_sub(label)
        + r"}}\cdot "
        + tex_color(SAME, rf"\cancel{{{p}}}\,(1 - {p})"),
        rf"&= -(1 - {p})",
        rf"&= {tex(g)}"
        + _break_if_long(g, diagonal)
        + r"\cdot "
        + tex_color(SAME, tex(diagonal))
        + f" {ar.noted(ar.times(ar.number(g), ar.number(diagonal)), term)} {tex(term)}",
    ]
    return r"\begin{aligned}" + r" \\[6pt] ".join(lines) + r"\end{aligned}"
