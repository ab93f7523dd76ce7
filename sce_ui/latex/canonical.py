r"""The prediction-minus-target lab in formulas: each pair's chain rule, symbols then numbers.

Every writer takes numbers from :mod:`sce_ui.models.canonical` and only formats them.
A line that operates on shown numbers says ``=`` when the shown operands give the shown
result and ``\approx`` when rounding them does not (:func:`~sce_ui.models.canonical.relation`).
The true class is shown 1-based, as ``k``; the factor that does not cancel is boxed in
:data:`palette.SAME`.
"""

from __future__ import annotations

import math

import numpy as np

from .. import palette
from ..fmt import paren_tex, tex
from ..models.canonical import Derivation, relation

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
    v = float(v)
    return str(int(v)) if v.is_integer() and abs(v) < 1e6 else tex(v)


def _dloss_numbers(d: Derivation) -> tuple[str, str, str]:
    """∂L/∂μ with the numbers put in, and its value."""
    mu, t = tex(d.prediction), _value(d.target)
    forms = {
        "softmax_ce": (rf"-\frac{{1}}{{{mu}}}", lambda p: -1 / p),
        "sigmoid_bce": (
            rf"\frac{{{mu} - {t}}}{{{mu}\,(1 - {mu})}}",
            lambda p: (p - 1) / (p - p * p),
        ),
        "identity_half_se": (rf"{paren_tex(d.prediction)} - {t}", lambda p: p - 1),
        "exp_poisson": (rf"1 - \frac{{{t}}}{{{mu}}}", lambda p: 1 - 1 / p),
    }
    body, op = forms[d.kind]
    return body, relation(d.dloss, op, d.prediction), tex(d.dloss)


def _dprediction_lines(d: Derivation) -> list[str]:
    """∂μ/∂z with the numbers put in and its value: nothing to add for the identity's 1."""
    if d.kind == "identity_half_se":
        return []
    if d.kind == "exp_poisson":
        return [f"&= {tex(d.dprediction)}"]
    mu = tex(d.prediction)
    rel = relation(d.dprediction, lambda p: p * (1 - p), d.prediction)
    return _numbers(rf"{mu}\,(1 - {mu})", rel, tex(d.dprediction))


def _numbers(body: str, rel: str, value: str) -> list[str]:
    r"""``&= body rel value`` as one line, or two when scientific notation makes it long."""
    if r"\times" in body + value:
        return [f"&= {body}", f"&{rel} {value}"]
    return [f"&= {body} {rel} {value}"]


def _input_lines(d: Derivation) -> list[str]:
    """For one output: z from the learner's logits, and the prediction μ from z."""
    if d.kind == "softmax_ce":
        return []
    body, op = _PREDICTION[d.kind]
    rel = relation(d.prediction, op, d.z)
    return [
        r"z &= \log\frac{\hat y_k}{1 - \hat y_k} = x_k - \log\textstyle\sum_{i \ne k} e^{x_i}",
        rf"&= {tex(d.z)}, \quad t = {_value(d.target)}",
        rf"{body} {rel} {tex(d.prediction)}",
    ]


def canonical_derivation(d: Derivation) -> str:
    """A canonical pair's chain rule in symbols, then with the learner's numbers."""
    z, mu, dloss, dmu, cancel = _SYMBOLS[d.kind]
    dz = rf"\frac{{\partial L}}{{\partial {z}}}"
    dl_dmu, dmu_dz = (
        rf"\frac{{\partial L}}{{\partial {mu}}}",
        rf"\frac{{\partial {mu}}}{{\partial {z}}}",
    )
    times = relation(d.grad, lambda a, b: a * b, d.dloss, d.dprediction)
    minus = relation(d.minus, lambda a, b: a - b, d.prediction, d.target)
    lines = [
        *_input_lines(d),
        rf"{dz} &= {dl_dmu}\cdot {dmu_dz}",
        rf"{dl_dmu} &= {dloss}",
        *_numbers(*_dloss_numbers(d)),
        rf"{dmu_dz} &= {dmu}",
        *_dprediction_lines(d),
        rf"{dz} &= {cancel}",
        *_numbers(rf"{paren_tex(d.dloss)}\cdot {_value(d.dprediction)}", times, tex(d.grad)),
        rf"&= \underbrace{{{tex(d.prediction)}}}_{{\text{{prediction}}}}"
        rf" - \underbrace{{{_value(d.target)}}}_{{\text{{target}}}} {minus} {tex(d.minus)}",
    ]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def squared_error_derivation(d: Derivation) -> str:
    """Softmax + squared error: the Jacobian's ŷₖ stays, boxed, beside its size now."""
    bracket = 2.0 * (d.minus - d.inner)
    two = relation(bracket, lambda a, b: 2 * (a - b), d.minus, d.inner)
    times = relation(d.grad, lambda a, b: a * b, d.factor, bracket)
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


def _exponent(value: float) -> str:
    """An exponent: whole numbers as ``2``, others as :func:`~sce_ui.fmt.tex` gives them."""
    v = float(value)
    return str(int(v)) if v.is_integer() else tex(v)


def focal_derivation(d: Derivation, gamma: float) -> str:
    """Softmax + focal loss: ŷₖ cancels as in cross-entropy, the weight wₖ stays, boxed."""
    g, g1 = _exponent(gamma), _exponent(gamma - 1.0)
    p, q = tex(d.prediction), paren_tex(1.0 - d.prediction)
    weight = relation(
        d.factor,
        lambda a, b: b**gamma - gamma * a * b ** (gamma - 1) * math.log(a),
        d.prediction,
        1.0 - d.prediction,
    )
    times = relation(d.grad, lambda a, b: a * b, d.factor, d.minus)
    w = r"w_k"
    lines = [
        rf"L &= -(1 - \hat y_k)^{{\gamma}}\log \hat y_k, \quad \gamma = {g}",
        rf"\frac{{\partial L}}{{\partial x_k}} &= -\frac{{{w}}}{{\cancel{{\hat y_k}}}}\cdot"
        rf"\cancel{{\hat y_k}}(1 - \hat y_k) = {_box(w)}\,(\hat y_k - y_k)",
        rf"{w} &= (1 - \hat y_k)^{{\gamma}}"
        r" - \gamma\,\hat y_k (1 - \hat y_k)^{\gamma - 1}\log \hat y_k",
        rf"&= {q}^{{{g}}} - {g}\cdot {p}\cdot {q}^{{{g1}}}\log {p} {weight} {tex(d.factor)}",
        rf"\frac{{\partial L}}{{\partial x_k}} &= {_box(tex(d.factor))}\cdot {paren_tex(d.minus)} "
        rf"{times} {tex(d.grad)}",
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
