r"""The prediction-minus-target lab in formulas: each pair's chain rule, symbols then numbers.

Every writer takes numbers from :mod:`sce_ui.models.canonical` and only formats them.
A line that operates on shown numbers is built from :mod:`sce_ui.arithmetic` terms: it says
``=`` when the shown operands give the shown result and ``\approx`` when rounding them does
not, and then carries the line with more digits for the page's tooltip.
The true class is shown 1-based, as ``k``; the factor that does not cancel is boxed in
:data:`palette.SAME`.
"""

from __future__ import annotations

import math

import numpy as np

from .. import arithmetic as ar
from .. import palette
from ..fmt import paren_tex, tex
from ..models.canonical import Derivation

DZ = r"\frac{\partial L}{\partial z}"
HAT_K = r"\hat y_k"


def _box(body: str) -> str:
    return palette.tex_color(palette.SAME, rf"\boxed{{{body}}}")


def family() -> str:
    r"""The one-line reason: ∂L/∂μ = (μ − t)/V(μ) and ∂μ/∂z = V(μ), so V cancels."""
    return (
        DZ + r" = \frac{\partial L}{\partial \mu}\cdot\frac{\partial \mu}{\partial z}"
        r" = \frac{\mu - t}{\cancel{V(\mu)}}\cdot \cancel{V(\mu)} = \mu - t"
    )


def family_table() -> str:
    """The four canonical pairs: the prediction μ and V(μ) = ∂μ/∂z, narrow enough for a phone."""
    rows = [
        r"\text{CE} & \operatorname{softmax}(x) & "
        r"\operatorname{diag}(\hat y) - \hat y\hat y^{\top}",
        r"\text{BCE} & \sigma(z) & \sigma(1-\sigma)",
        r"\text{½ SE} & z & 1",
        r"\text{Poisson} & e^{z} & e^{z}",
    ]
    head = r"\text{loss} & \mu & V(\mu)"
    return r"\begin{array}{lll}" + head + r" \\ \hline " + r" \\ ".join(rows) + r"\end{array}"


_SYMBOLS = {
    # kind: (z, μ, ∂L/∂μ in symbols, ∂μ/∂z in symbols, the cancellation)
    "softmax_ce": (
        "x_k",
        r"\hat y_k",
        r"-\frac{y_k}{\hat y_k}",
        r"\hat y_k(1 - \hat y_k)",
        r"-\frac{1}{\cancel{\hat y_k}}\cdot\cancel{\hat y_k}(1 - \hat y_k) = \hat y_k - y_k",
    ),
    "sigmoid_bce": (
        "z",
        r"\sigma",
        r"-\frac{t}{\sigma} + \frac{1-t}{1-\sigma} = \frac{\sigma - t}{\sigma(1-\sigma)}",
        r"\sigma(1-\sigma)",
        r"\frac{\sigma - t}{\cancel{\sigma(1-\sigma)}}\cdot\cancel{\sigma(1-\sigma)} = \sigma - t",
    ),
    "identity_half_se": ("z", r"\mu", r"\mu - t", "1", r"(\mu - t)\cdot 1 = z - t"),
    "exp_poisson": (
        "z",
        r"\mu",
        r"1 - \frac{t}{\mu} = \frac{\mu - t}{\mu}",
        r"e^{z} = \mu",
        r"\frac{\mu - t}{\cancel{\mu}}\cdot\cancel{\mu} = e^{z} - t",
    ),
}
_PREDICTION = {
    "sigmoid_bce": (
        r"\sigma &= \sigma(z) = \frac{1}{1 + e^{-z}}",
        lambda z: 1 / (1 + math.exp(-z)),
    ),
    "identity_half_se": (r"\mu &= z", lambda z: z),
    "exp_poisson": (r"\mu &= e^{z}", math.exp),
}


def _value(v: float) -> str:
    """A number for a formula: an exact whole number as such (``1``), others as tex."""
    return ar.render(ar.operand(v))


def _dloss_term(d: Derivation) -> ar.Term:
    """∂L/∂μ with the shown numbers put in."""
    mu, t = ar.number(d.prediction), ar.operand(d.target)
    if d.kind == "softmax_ce":
        return ar.negative(ar.over(ar.exact(1), mu))
    if d.kind == "sigmoid_bce":
        return ar.over(ar.minus(mu, t), ar.times(mu, ar.minus(ar.exact(1), mu)))
    if d.kind == "identity_half_se":
        return ar.minus(mu, t)
    return ar.minus(ar.exact(1), ar.over(t, mu))


def _dprediction_lines(d: Derivation) -> list[str]:
    """∂μ/∂z with the numbers put in and its value: nothing to add for the identity's 1."""
    if d.kind == "identity_half_se":
        return []
    if d.kind == "exp_poisson":
        return [f"&= {tex(d.dprediction)}"]
    mu = ar.number(d.prediction)
    return _numbers(ar.times(mu, ar.minus(ar.exact(1), mu)), d.dprediction)


def _numbers(expression: ar.Term, value: float) -> list[str]:
    r"""``&= expression = value`` (or ``\approx``) as one line, or two when scientific notation
    makes it long."""
    body, rel, shown = ar.render(expression), ar.noted(expression, value), tex(value)
    if r"\times" in body + shown:
        return [f"&= {body}", f"&{rel} {shown}"]
    return [f"&= {body} {rel} {shown}"]


_PREDICTION = {
    "sigmoid_bce": (
        r"\sigma &= \sigma(z) = \frac{1}{1 + e^{-z}}",
        lambda z: ar.over(ar.exact(1), ar.plus(ar.exact(1), ar.exp(ar.negative(z)))),
    ),
    "exp_poisson": (r"\mu &= e^{z}", ar.exp),
}


def _input_lines(d: Derivation) -> list[str]:
    """For one output: z from the learner's logits, and the prediction μ from z."""
    if d.kind == "softmax_ce":
        return []
    if d.kind == "identity_half_se":
        prediction = [rf"\mu &= z = {tex(d.prediction)}"]
    else:
        body, term = _PREDICTION[d.kind]
        prediction = [body, *_numbers(term(ar.number(d.z)), d.prediction)]
    return [
        r"z &= \log\frac{\hat y_k}{1 - \hat y_k} = x_k - \log\textstyle\sum_{i \ne k} e^{x_i}",
        rf"&= {tex(d.z)}, \quad t = {_value(d.target)}",
        *prediction,
    ]


def _underbrace(label: str):
    return lambda body: rf"\underbrace{{{body}}}_{{\text{{{label}}}}}"


@ar.collect
def canonical_derivation(d: Derivation) -> str:
    """A canonical pair's chain rule in symbols, then with the learner's numbers."""
    z, mu, dloss, dmu, cancel = _SYMBOLS[d.kind]
    dz = rf"\frac{{\partial L}}{{\partial {z}}}"
    dl_dmu, dmu_dz = (
        rf"\frac{{\partial L}}{{\partial {mu}}}",
        rf"\frac{{\partial {mu}}}{{\partial {z}}}",
    )
    minus = ar.minus(
        ar.styled(ar.number(d.prediction), _underbrace("prediction")),
        ar.styled(ar.operand(d.target), _underbrace("target")),
    )
    lines = [
        *_input_lines(d),
        rf"{dz} &= {dl_dmu}\cdot {dmu_dz}",
        rf"{dl_dmu} &= {dloss}",
        *_numbers(_dloss_term(d), d.dloss),
        rf"{dmu_dz} &= {dmu}",
        *_dprediction_lines(d),
        rf"{dz} &= {cancel}",
        *_numbers(ar.times(ar.number(d.dloss), ar.operand(d.dprediction)), d.grad),
        # ≈ before "prediction − target" where its printed numbers miss the gradient
        # printed above: 1.000 − 1 is 0, not −3.68e-4.
        f"&{ar.noted(minus, d.grad)} " + ar.equals(minus, d.minus),
    ]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def minus_text(d: Derivation) -> str:
    """Prediction − target with the shown numbers, as plain text for a notice."""
    return ar.plain(ar.equals(ar.minus(ar.number(d.prediction), ar.operand(d.target)), d.minus))


@ar.collect
def squared_error_derivation(d: Derivation) -> str:
    """Softmax + squared error: the Jacobian's ŷₖ stays, boxed, beside its size now."""
    bracket = 2.0 * (d.minus - d.inner)
    two = ar.noted(ar.times(ar.exact(2), ar.minus(ar.number(d.minus), ar.number(d.inner))), bracket)
    times = ar.noted(ar.times(ar.number(d.factor), ar.number(bracket)), d.grad)
    lines = [
        r"L &= \textstyle\sum_i (\hat y_i - y_i)^2",
        r"\frac{\partial L}{\partial x_k} &= \sum_i 2(\hat y_i - y_i)\,"
        r"\hat y_i(\delta_{ik} - \hat y_k)",
        f"&= {_box(HAT_K)}" + r"\cdot 2\Big[(\hat y_k - y_k)"
        r" - \textstyle\sum_i \hat y_i(\hat y_i - y_i)\Big]",
        rf"&= {_box(tex(d.factor))}\cdot 2\big[{paren_tex(d.minus)} - {paren_tex(d.inner)}\big]",
        rf"&{two} {_box(tex(d.factor))}\cdot {paren_tex(bracket)}",
        rf"&{times} {tex(d.grad)}",
        rf"&\ne \hat y_k - y_k = {tex(d.minus)}",
    ]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


@ar.collect
def focal_derivation(d: Derivation, gamma: float) -> str:
    """Softmax + focal loss: ŷₖ cancels as in cross-entropy, the weight wₖ stays, boxed."""
    g, p, q = ar.typed(gamma), ar.number(d.prediction), ar.number(1.0 - d.prediction)
    g1 = ar.typed(gamma - 1.0)
    weight = ar.minus(
        ar.power(q, g), ar.times(ar.times(g, p), ar.times(ar.power(q, g1), ar.log(p)))
    )
    times = ar.times(ar.styled(ar.number(d.factor), _box), ar.number(d.minus))
    w = r"w_k"
    lines = [
        rf"L &= -(1 - \hat y_k)^{{\gamma}}\log \hat y_k, \quad \gamma = {ar.render(g)}",
        rf"\frac{{\partial L}}{{\partial x_k}} &= -\frac{{{w}}}{{\cancel{{\hat y_k}}}}\cdot"
        rf"\cancel{{\hat y_k}}(1 - \hat y_k) = {_box(w)}\,(\hat y_k - y_k)",
        rf"{w} &= (1 - \hat y_k)^{{\gamma}}"
        r" - \gamma\,\hat y_k (1 - \hat y_k)^{\gamma - 1}\log \hat y_k",
        "&= " + ar.equals(weight, d.factor),
        r"\frac{\partial L}{\partial x_k} &= " + ar.equals(times, d.grad),
    ]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def derivation(d: Derivation, gamma: float = 2.0) -> str:
    """The derivation of the pair ``d.kind``, whichever it is."""
    if d.kind == "softmax_se":
        return squared_error_derivation(d)
    if d.kind == "softmax_focal":
        return focal_derivation(d, gamma)
    return canonical_derivation(d)


def hessian_symbolic() -> str:
    """The Hessian of softmax + cross-entropy: the softmax Jacobian, a covariance."""
    return (
        r"\begin{aligned}H = \frac{\partial^2 L}{\partial x\,\partial x^{\top}} &= "
        r"\frac{\partial (\hat y - y)}{\partial x} \\ "
        r"&= \operatorname{diag}(\hat y) - \hat y\,\hat y^{\top} \\ "
        r"v^{\top} H v &= \textstyle\sum_i \hat y_i v_i^2 - \big(\sum_i \hat y_i v_i\big)^2 \ge 0"
        r"\end{aligned}"
    )


def eigenvalues(values) -> str:
    """λ₁ … λₙ (the exact 0 first, then ascending), wrapped so that n = 10 fits a phone."""
    shown = [tex(v) for v in np.asarray(values, float)]
    per_line = 2 if any(r"\times" in v for v in shown) else 4
    lines = [
        ", ".join(shown[k : k + per_line]) + ("," if k + per_line < len(shown) else "")
        for k in range(0, len(shown), per_line)
    ]
    body = r" \\ &\quad ".join(lines)
    return r"\begin{aligned}\lambda &= \big(" + body + r"\big)\end{aligned}"


def curvature_pair(se, ce) -> str:
    """The eigenvalues of both 2 × 2 blocks at the point where squared error bends down."""
    se_text = ", ".join(tex(v) for v in se)
    ce_text = ", ".join(tex(v) for v in ce)
    return (
        rf"\begin{{aligned}}\lambda_{{SE}} &= \big({se_text}\big) \\"
        rf" \lambda_{{CE}} &= \big({ce_text}\big)\end{{aligned}}"
    )
