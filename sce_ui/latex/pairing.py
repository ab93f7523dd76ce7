r"""Lab, why softmax with cross-entropy: the two losses and their gradients, and two classes.

Cross-entropy and squared error are written side by side, symbols first, then the
learner's numbers; the two-class case shows softmax as the sigmoid of ``a - b`` and
cross-entropy as binary cross-entropy, checked to every digit. Labels are coloured
:data:`palette.Y` and predictions :data:`palette.Y_HAT`, as in the charts. Class
numbers are 1-based. The numbers they show come from :mod:`sce_ui.models.pairing`.
"""

from __future__ import annotations

import numpy as np

from .. import arithmetic as ar
from ..fmt import num, tex, typed
from ..models.pairing import TwoClassCheck, label_of
from .common import y_hat_sub, y_sub

D_DA = r"\frac{\partial L}{\partial a}"


def losses_symbolic() -> str:
    """Both losses and their gradients: ŷ − y for cross-entropy, a leftover ŷⱼ for squared error."""
    i, j = "i", "j"
    ce_grad = (
        rf"\frac{{\partial L_{{CE}}}}{{\partial x_{j}}} &= \sum_i "
        rf"\Big(-\frac{{{y_sub(i)}}}{{{y_hat_sub(i)}}}\Big)\,"
        rf"\frac{{\partial {y_hat_sub(i)}}}{{\partial x_j}} = {y_hat_sub(j)} - {y_sub(j)}"
    )
    se_grad = (
        rf"\frac{{\partial L_{{SE}}}}{{\partial x_{j}}} &= \sum_i "
        rf"2\,({y_hat_sub(i)} - {y_sub(i)})\,\frac{{\partial {y_hat_sub(i)}}}{{\partial x_j}}"
        rf" \\ &= 2\,\boxed{{{y_hat_sub(j)}}}\,\Big[({y_hat_sub(j)} - {y_sub(j)}) - "
        rf"\sum_i {y_hat_sub(i)}\,({y_hat_sub(i)} - {y_sub(i)})\Big]"
    )
    rows = [
        rf"L_{{CE}} &= -\sum_i {y_sub(i)} \log {y_hat_sub(i)}",
        ce_grad,
        rf"L_{{SE}} &= \sum_i ({y_hat_sub(i)} - {y_sub(i)})^2",
        se_grad,
    ]
    return r"\begin{aligned}" + r" \\[6pt] ".join(rows) + r"\end{aligned}"


@ar.collect
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
    k, pk = label, tex(p)
    (ce, se), (g_ce, g_se) = losses, true_grads
    rows = [
        rf"L_{{CE}} &= -\log {y_hat_sub(k)} = " + ar.equals(ar.negative(ar.log(ar.number(p))), ce),
        rf"L_{{SE}} &= \textstyle\sum_i ({y_hat_sub('i')} - {y_sub('i')})^2 = {tex(se)}",
        rf"\frac{{\partial L_{{CE}}}}{{\partial x_{{{k}}}}} &= {y_hat_sub(k)} - 1 = "
        + ar.equals(ar.minus(ar.number(p), ar.exact(1)), g_ce),
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
            rf"& \hat y_k = {tex(p)} & \hat y_k \to 0",
            rf"{ce} & {tex(norms[0])} & {limit}",
            rf"{se} & {tex(norms[1])} & 0",
        ]
        spec = "r|c|c"
    header, *body = rows
    return rf"\begin{{array}}{{{spec}}}{header} \\ \hline " + r" \\ ".join(body) + r"\end{array}"


def sigmoid_identity() -> str:
    """Two classes: softmax is σ(a − b), and cross-entropy is binary cross-entropy."""
    rows = [
        rf"{y_hat_sub(1)} &= \frac{{e^{{a}}}}{{e^{{a}} + e^{{b}}}}"
        r" = \frac{1}{1 + e^{-(a - b)}} = \sigma(a - b)",
        rf"{y_hat_sub(2)} &= 1 - \sigma(a - b)",
        rf"L &= -{y_sub(1)} \log {y_hat_sub(1)} - {y_sub(2)} \log {y_hat_sub(2)}",
        r"&= -\big[t \log \sigma(z) + (1 - t) \log(1 - \sigma(z))\big]",
        rf"& \quad \text{{with }} z = a - b,\ t = {y_sub(1)}",
        rf"{D_DA} &= \sigma(z) - t = -\frac{{\partial L}}{{\partial b}}",
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(rows) + r"\end{aligned}"


def fifty_fifty(p: float, loss: float, grad) -> str:
    r"""The 50/50 case ``a = b``: σ(0) = 1/2, L = log 2, ∂L/∂x = (−1/2, +1/2) for class 1 true."""
    g1, g2 = (tex(v) for v in np.asarray(grad, float))
    rows = [
        rf"a = b:\quad {y_hat_sub(1)} &= \sigma(0) = {tex(p)}",
        rf"L &= \log 2 = {tex(loss)}",
        rf"\frac{{\partial L}}{{\partial x}} &= ({g1},\ {g2})",
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(rows) + r"\end{aligned}"


def _loss_from(p: float, t: float) -> ar.Term:
    """−log of the true class's probability from the printed ``p`` of class 1: p itself
    for t = 1, 1 − p for t = 0."""
    shown = ar.number(p)
    return ar.negative(ar.log(shown if t == 1 else ar.minus(ar.exact(1), shown)))


@ar.collect
def two_class_numbers(check: TwoClassCheck) -> str:
    """The identity with the pair's numbers: ŷ₁ against σ(a − b), L against BCE, the gradients.

    Each loss and gradient is redone from the probability printed above it, ≈ where those
    digits miss it: at (1.1, 2.8) ŷ₁ reads 0.154 and L 1.868, where −log 0.154 = 1.871."""
    a, b, t = typed(check.a), typed(check.b), num(check.t, 0)
    z = rf"{a} - ({b})" if check.b < 0 else rf"{a} - {b}"
    ce = ar.noted(_loss_from(check.softmax_first, check.t), check.cross_entropy)
    bce = ar.noted(_loss_from(check.sigmoid, check.t), check.binary_cross_entropy)
    grad = ar.noted(ar.minus(ar.number(check.softmax_first), ar.exact(check.t)), check.grad_first)
    bce_grad = ar.noted(ar.minus(ar.number(check.sigmoid), ar.exact(check.t)), check.bce_grad)
    pairs = [
        (
            rf"{y_hat_sub(1)} = \operatorname{{softmax}}({a},\ {b})_1"
            rf" &= {tex(check.softmax_first)}",
            rf"\sigma({z}) &= {tex(check.sigmoid)}",
        ),
        (
            rf"L_{{CE}} = -\log {y_hat_sub(label_of(check))} &{ce} {tex(check.cross_entropy)}",
            rf"\mathrm{{BCE}}(\sigma(z),\ t = {t}) &{bce} {tex(check.binary_cross_entropy)}",
        ),
        (
            rf"{D_DA} = {y_hat_sub(1)} - {y_sub(1)} &{grad} {tex(check.grad_first)}",
            rf"\sigma(z) - t &{bce_grad} {tex(check.bce_grad)}",
        ),
    ]
    rows = [rf"{first} \\ {second}" for first, second in pairs]
    return r"\begin{aligned}" + r" \\[10pt] ".join(rows) + r"\end{aligned}"
