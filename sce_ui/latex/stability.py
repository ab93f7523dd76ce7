r"""Lab, numerical stability: the naive softmax beside the stable one, and log-sum-exp step by step.

Every failure is shown by name, never by colour alone: a table cell reads
``inf · overflow``, ``0 · underflow``, ``nan · not a number`` or ``-inf · log of 0``, and
its tint only repeats the word. Numbers far from 1 are written in powers of ten so an
``e^{700}`` fits on a line. The numbers come from :func:`sce_ui.models.stability.compare`.
"""

from __future__ import annotations

import numpy as np

from .. import arithmetic as ar
from .. import palette
from ..fmt import tex, typed
from ..models.stability import Comparison
from .common import row_vector


def _vector(values, writer=tex) -> str:
    return row_vector([writer(v) for v in values])


@ar.collect
def naive_lse(c: Comparison) -> str:
    r"""``\log \sum e^{x_k}`` the naive way: the exponentials, their sum, its log."""
    terms = " + ".join(rf"e^{{{typed(v)}}}" for v in c.x)
    values = " + ".join(tex(v) for v in c.exps)
    rows = [
        rf"\log \textstyle\sum_k e^{{x_k}} &= \log\big({terms}\big)",
        rf"&= \log\big({values}\big)",
        r"&= " + _log_step(c.total, c.log_total),
    ]
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def _log_step(total: float, log_total: float) -> str:
    r"""``\log S = value``, by the rule of :mod:`sce_ui.arithmetic` where both are finite."""
    if not (np.isfinite(total) and total > 0 and np.isfinite(log_total)):
        return rf"\log {tex(total)} = {tex(log_total)}"
    return ar.equals(ar.log(ar.number(total)), log_total)


def _sum_relation(terms, total: float) -> str:
    r"""``=`` where the printed ``terms`` add up to the printed ``total``, else ``\approx``
    (noted with more digits): at x = (−2, −4, −4) the entries 1.000, 0.135, 0.135 add up
    to 1.270, the sum printed 1.271. Infinite or empty entries (overflow) keep ``=``."""
    values = np.asarray(terms, float)
    if values.size == 0 or not (np.isfinite(values).all() and np.isfinite(total)):
        return "="
    return ar.noted_sum(values, total)


def _log_relation(total: float, log_total: float) -> str:
    r"""``=`` where the log of the printed ``total`` gives the printed ``log_total``, else
    ``\approx`` (noted with more digits): at x = (1000, 1001, 1002) the sum reads 1.503 and
    its log 0.408, where log 1.503 = 0.4075. Where either is not finite, ``=``."""
    if not (np.isfinite(total) and total > 0 and np.isfinite(log_total)):
        return "="
    return ar.noted(ar.log(ar.number(total)), log_total)


@ar.collect
def lse_steps(c: Comparison) -> str:
    """The log-sum-exp trick with the numbers: m, x − m, e^{x−m}, the sum, its log, m + log."""
    s = c.steps
    m = typed(s.m)
    shifted_sum = r"\textstyle\sum_k e^{x_k - m}"
    rows = [
        rf"m &= \max_k x_k = {m}",
        rf"x - m &= {_vector(s.shifted, typed)}",
        rf"e^{{x - m}} &= {_vector(s.exp_shifted)}",
        # The sum of the entries just above, as printed: ≈ where their digits miss it.
        rf"{shifted_sum} &{_sum_relation(s.exp_shifted, s.sum_exp)} {tex(s.sum_exp)}",
        # The log of the sum as printed: ≈ where log 1.503 is not the 0.408 printed.
        rf"\log {shifted_sum} &{_log_relation(s.sum_exp, s.log_sum)} {tex(s.log_sum)}",
        rf"\log \textstyle\sum_k e^{{x_k}} &= m + \log {shifted_sum}",
        "&= " + ar.equals(ar.plus(ar.typed(s.m), ar.number(s.log_sum)), s.result),
        r"\log \hat y &= x - \log \textstyle\sum_k e^{x_k}",
        rf"&= {_vector(c.log_softmax)}",
    ]
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def definitions() -> str:
    """The naive softmax and the shifted one, which are equal because e^{−m} cancels."""
    return (
        r"\begin{aligned}\hat y_i &= \frac{e^{x_i}}{\sum_k e^{x_k}}"
        r" = \frac{e^{-m}\, e^{x_i}}{e^{-m} \sum_k e^{x_k}} \\[4pt]"
        r" &= \frac{e^{x_i - m}}{\sum_k e^{x_k - m}}, \qquad m = \max_k x_k\end{aligned}"
    )


@ar.collect
def temperature_gradient(y_hat, y, temperature: float, grad, loss: float) -> str:
    r"""``∂L/∂x_i = (ŷ_i − y_i)/T`` for every class, with the numbers, and the loss."""
    t = typed(temperature)
    label = int(np.argmax(y)) + 1
    y_hat_i = palette.tex_color(palette.Y_HAT, r"\hat y_i")
    label_i = palette.tex_color(palette.Y, "y_i")
    rows = [
        rf"\hat y &= \operatorname{{softmax}}(x / T), \quad T = {t}",
        rf"L &= -\log \hat y_{{{label}}} = {tex(loss)}",
        rf"\frac{{\partial L}}{{\partial x_i}} &= \frac{{{y_hat_i} - {label_i}}}{{T}}",
    ]
    for i, (p, y_i, g) in enumerate(zip(y_hat, y, grad, strict=True), start=1):
        rows.append(
            rf"\frac{{\partial L}}{{\partial x_{{{i}}}}}"
            rf" &= \frac{{{tex(p)} - {int(y_i)}}}{{{t}}} "
            + ar.noted(ar.over(ar.minus(ar.number(p), ar.exact(y_i)), ar.typed(temperature)), g)
            + f" {tex(g)}"
        )
    return r"\begin{aligned}" + r" \\[10pt] ".join(rows) + r"\end{aligned}"
