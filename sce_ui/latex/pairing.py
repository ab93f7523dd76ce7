r"""Lab, why softmax with cross-entropy: the two losses and their gradients, and two classes.

Cross-entropy and squared error are written side by side, symbols first, then the
learner's numbers; the two-class case shows softmax as the sigmoid of ``a - b`` and
cross-entropy as binary cross-entropy, checked to every digit. Labels are coloured
:data:`palette.Y` and predictions :data:`palette.Y_HAT`, as in the charts. Class
numbers are 1-based. Besides the formulas, :func:`two_class_check` gathers the few
numbers the two-class check compares, and :func:`two_class_table` their text.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

import sce_core as core

from .. import palette
from ..fmt import num, tex
from .simplification import all_digits

CONFIDENCE_GRID = np.linspace(0.001, 0.999, 300)
"""The probabilities of the true class the gradient-size curves are drawn over."""


D_DA = r"\frac{\partial L}{\partial a}"


def _y(i: int | str) -> str:
    return palette.tex_color(palette.Y, f"y_{{{i}}}")


def _y_hat(i: int | str) -> str:
    return palette.tex_color(palette.Y_HAT, rf"\hat y_{{{i}}}")


def _probability(p: float) -> str:
    """A probability with at least three significant digits (``0.00247``, not ``0.002``)."""
    return tex(p, 5 if 1e-3 <= p < 1e-2 else 3)


def _log_of(p: float) -> str:
    r"""``\log 0.659``, or ``\log(1.031 \times 10^{-9})`` where a bare number would be ambiguous."""
    text = _probability(p)
    return rf"\log({text})" if r"\times" in text else rf"\log {text}"


def _logit(value: float) -> str:
    """A logit as typed: ``2``, ``-0.5``, ``1000``."""
    return f"{float(value) + 0.0:.6g}"


def losses_symbolic() -> str:
    """Both losses and their gradients: ŷ − y for cross-entropy, a leftover ŷⱼ for squared error."""
    i, j = "i", "j"
    ce_grad = (
        rf"\frac{{\partial L_{{CE}}}}{{\partial x_{j}}} &= \sum_i "
        rf"\Big(-\frac{{{_y(i)}}}{{{_y_hat(i)}}}\Big)\,"
        rf"\frac{{\partial {_y_hat(i)}}}{{\partial x_j}} = {_y_hat(j)} - {_y(j)}"
    )
    se_grad = (
        rf"\frac{{\partial L_{{SE}}}}{{\partial x_{j}}} &= \sum_i "
        rf"2\,({_y_hat(i)} - {_y(i)})\,\frac{{\partial {_y_hat(i)}}}{{\partial x_j}}"
        rf" \\ &= 2\,\boxed{{{_y_hat(j)}}}\,\Big[({_y_hat(j)} - {_y(j)}) - "
        rf"\sum_i {_y_hat(i)}\,({_y_hat(i)} - {_y(i)})\Big]"
    )
    rows = [
        rf"L_{{CE}} &= -\sum_i {_y(i)} \log {_y_hat(i)}",
        ce_grad,
        rf"L_{{SE}} &= \sum_i ({_y_hat(i)} - {_y(i)})^2",
        se_grad,
    ]
    return r"\begin{aligned}" + r" \\[6pt] ".join(rows) + r"\end{aligned}"


def your_numbers(
    label: int, p: float, losses: tuple[float, float], true_grads: tuple[float, float]
) -> str:
    r"""Both losses and the true class's gradient component for the learner's logits.

    Parameters
    ----------
    label : int
        The true class k, 1-based.
    p : float
        ŷₖ, the probability of the true class.
    losses : (float, float)
        Cross-entropy and squared error of ``softmax(x)``.
    true_grads : (float, float)
        ∂L/∂xₖ for cross-entropy and for squared error.
    """
    k, pk = label, _probability(p)
    (ce, se), (g_ce, g_se) = losses, true_grads
    rows = [
        rf"L_{{CE}} &= -\log {_y_hat(k)} = -{_log_of(p)} = {tex(ce)}",
        rf"L_{{SE}} &= \textstyle\sum_i ({_y_hat('i')} - {_y('i')})^2 = {tex(se)}",
        rf"\frac{{\partial L_{{CE}}}}{{\partial x_{{{k}}}}} &= {_y_hat(k)} - 1 = {pk} - 1"
        rf" = {tex(g_ce)}",
        rf"\frac{{\partial L_{{SE}}}}{{\partial x_{{{k}}}}} &= 2 \cdot \boxed{{{pk}}}"
        rf" \cdot \big[\cdots\big] = {tex(g_se)}",
    ]
    return r"\begin{aligned}" + r" \\[6pt] ".join(rows) + r"\end{aligned}"


def gradient_sizes(n: int, p: float | None, norms: tuple[float, float] | None) -> str:
    r"""Both gradient sizes at the learner's ŷₖ = p, and their limits as ŷₖ → 0.

    The other classes share ``1 - p`` equally. Without ``norms`` (a p that rounded to 0
    or 1) only the limits are shown. For cross-entropy the limit is ``\sqrt{n/(n-1)}``.
    """
    limit = rf"\sqrt{{{n}/{n - 1}}} = {tex(float(np.sqrt(n / (n - 1))))}"
    ce = r"\lVert \partial L_{CE} / \partial x \rVert"
    se = r"\lVert \partial L_{SE} / \partial x \rVert"
    if norms is None:
        rows = [r"& \hat y_k \to 0", rf"{ce} & {limit}", rf"{se} & 0"]
        spec = "r|c"
    else:
        rows = [
            rf"& \hat y_k = {_probability(p)} & \hat y_k \to 0",
            rf"{ce} & {tex(norms[0])} & {limit}",
            rf"{se} & {tex(norms[1])} & 0",
        ]
        spec = "r|c|c"
    header, *body = rows
    return rf"\begin{{array}}{{{spec}}}{header} \\ \hline " + r" \\ ".join(body) + r"\end{array}"


def sigmoid_identity() -> str:
    """Two classes: softmax is σ(a − b), and cross-entropy is binary cross-entropy."""
    rows = [
        rf"{_y_hat(1)} &= \frac{{e^{{a}}}}{{e^{{a}} + e^{{b}}}} = \frac{{1}}{{1 + e^{{-(a - b)}}}}"
        r" = \sigma(a - b)",
        rf"{_y_hat(2)} &= 1 - \sigma(a - b)",
        rf"L &= -{_y(1)} \log {_y_hat(1)} - {_y(2)} \log {_y_hat(2)}",
        r"&= -\big[t \log \sigma(z) + (1 - t) \log(1 - \sigma(z))\big]",
        rf"& \quad \text{{with }} z = a - b,\ t = {_y(1)}",
        rf"{D_DA} &= \sigma(z) - t = -\frac{{\partial L}}{{\partial b}}",
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(rows) + r"\end{aligned}"


def fifty_fifty(p: float, loss: float, grad) -> str:
    r"""The 50/50 case ``a = b``: σ(0) = 1/2, L = log 2, ∂L/∂x = (−1/2, +1/2) for class 1 true."""
    g1, g2 = (tex(v) for v in np.asarray(grad, float))
    rows = [
        rf"a = b:\quad {_y_hat(1)} &= \sigma(0) = {tex(p)}",
        rf"L &= \log 2 = {tex(loss)}",
        rf"\frac{{\partial L}}{{\partial x}} &= ({g1},\ {g2})",
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(rows) + r"\end{aligned}"


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


def two_class_numbers(check: TwoClassCheck) -> str:
    """The identity with the pair's numbers: ŷ₁ against σ(a − b), L against BCE, the gradients."""
    a, b, t = _logit(check.a), _logit(check.b), num(check.t, 0)
    z = rf"{a} - ({b})" if check.b < 0 else rf"{a} - {b}"
    pairs = [
        (
            rf"{_y_hat(1)} = \operatorname{{softmax}}({a},\ {b})_1 &= {tex(check.softmax_first)}",
            rf"\sigma({z}) &= {tex(check.sigmoid)}",
        ),
        (
            rf"L_{{CE}} = -\log {_y_hat(label_of(check))} &= {tex(check.cross_entropy)}",
            rf"\mathrm{{BCE}}(\sigma(z),\ t = {t}) &= {tex(check.binary_cross_entropy)}",
        ),
        (
            rf"{D_DA} = {_y_hat(1)} - {_y(1)} &= {tex(check.grad_first)}",
            rf"\sigma(z) - t &= {tex(check.bce_grad)}",
        ),
    ]
    rows = [rf"{first} \\ {second}" for first, second in pairs]
    return r"\begin{aligned}" + r" \\[10pt] ".join(rows) + r"\end{aligned}"


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
        "∂L_CE/∂xᵢ = ŷᵢ − yᵢ": [num(v) for v in np.asarray(ce_grad, float)],
        "∂L_SE/∂xᵢ": [num(v) for v in np.asarray(se_grad, float)],
    }
