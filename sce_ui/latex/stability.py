r"""Lab, numerical stability: the naive softmax beside the stable one, and log-sum-exp step by step.

Every failure is shown by name, never by colour alone: a table cell reads
``inf · overflow``, ``0 · underflow``, ``nan · not a number`` or ``-inf · log of 0``, and
its tint only repeats the word. Numbers far from 1 are written in powers of ten so an
``e^{700}`` fits on a line. :func:`compare` gathers what the page shows in one dtype.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
import pandas as pd

import sce_core as core

from .. import palette
from ..fmt import tex
from ..tables import text_table

DTYPES = ("float64", "float32")

STATUS_WORDS = {
    "ok": "",
    "overflow (inf)": "overflow",
    "underflow (0)": "underflow",
    "nan": "not a number",
    "-inf": "log of 0",
}
"""What a table cell says after its value, for each of :data:`sce_core.FLOAT_STATUSES`."""

STATUS_TINTS = {
    "ok": "",
    "overflow (inf)": "#FFD6CC",
    "underflow (0)": "#DDEBF7",
    "nan": "#E8D5F0",
    "-inf": "#FFF2B3",
}
"""Light cell backgrounds repeating the word of :data:`STATUS_WORDS`."""

_SEP = " · "


def value_text(value: float) -> str:
    """Plain text for any float: ``inf``, ``nan``, ``0``, ``0.090``, ``1.014e+304``, ``-1000.000``.

    Three decimals as elsewhere in the app, powers of ten beyond a million or below 0.001.
    """
    v = float(value)
    if not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    if v == 0:
        return "0"
    if abs(v) >= 1e6 or abs(v) < 1e-3:
        return f"{v:.3e}"
    return f"{v:.3f}"


def value_tex(value: float) -> str:
    r"""LaTeX for any float: ``\infty``, ``\text{NaN}``, ``0``, ``1.014 \times 10^{304}``."""
    text = value_text(value)
    if text == "nan":
        return r"\text{NaN}"
    if text in ("inf", "-inf"):
        return tex(float(value))
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def logit_tex(value: float) -> str:
    """A logit as typed: ``1000``, ``-0.5``, ``1000.1`` (float32's ``1000.09998`` shown short)."""
    return f"{float(value) + 0.0:.6g}"


def _vector(values, writer=value_tex) -> str:
    return r"\big(" + r",\ ".join(writer(v) for v in values) + r"\big)"


class Comparison(NamedTuple):
    """One logit vector computed naively and stably in one dtype."""

    x: np.ndarray
    """The logits in the chosen dtype."""
    exps: np.ndarray
    """Naive ``e^{x_i}``."""
    total: float
    """Naive ``Σ e^{x_k}``."""
    log_total: float
    """Naive ``log Σ e^{x_k}``."""
    naive_softmax: np.ndarray
    naive_log_softmax: np.ndarray
    steps: core.LogSumExpSteps
    softmax: np.ndarray
    log_softmax: np.ndarray


def compare(logits, dtype: str) -> Comparison:
    """The naive and the stable softmax, log-softmax and log-sum-exp of ``logits`` in ``dtype``.

    Raises
    ------
    ValueError
        For logits :mod:`sce_core` refuses, or a dtype other than float32/float64.

    Examples
    --------
    >>> c = compare([1000.0, 1001.0, 1002.0], "float64")
    >>> c.exps.tolist(), c.naive_softmax.tolist(), float(c.steps.m)
    ([inf, inf, inf], [nan, nan, nan], 1002.0)
    """
    if dtype not in DTYPES:
        raise ValueError(f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}")
    naive = core.naive_softmax(logits, dtype)
    with np.errstate(over="ignore"):
        x = np.asarray(logits, dtype=float).astype(dtype)
    exps, total, log_total = core.naive_terms(x, dtype)
    return Comparison(
        x=x,
        exps=exps,
        total=total,
        log_total=log_total,
        naive_softmax=naive,
        naive_log_softmax=core.naive_log_softmax(x, dtype),
        steps=core.logsumexp_steps(x, dtype),
        softmax=core.softmax(x),
        log_softmax=core.log_softmax(x),
    )


def cell(value: float, status: str) -> str:
    """``0.090`` when fine, else the value and its failure: ``inf · overflow``."""
    word = STATUS_WORDS[status]
    return value_text(value) + (_SEP + word if word else "")


def cells(values, zero_is_underflow: bool = True) -> list[str]:
    """:func:`cell` for every entry, each labelled by :func:`sce_core.float_report`."""
    statuses = core.float_report(values, zero_is_underflow=zero_is_underflow)
    return [cell(v, s) for v, s in zip(np.ravel(values), np.ravel(statuses), strict=True)]


def report_rows(c: Comparison) -> list[tuple[str, np.ndarray, bool]]:
    """The table's rows: a name, the values, and whether an exact 0 means underflow."""
    return [
        ("xᵢ", c.x, False),
        ("naive e^xᵢ", c.exps, True),
        ("naive ŷᵢ = e^xᵢ / Σe^x", c.naive_softmax, True),
        ("naive log ŷᵢ", c.naive_log_softmax, True),
        ("stable e^(xᵢ − m)", c.steps.exp_shifted, True),
        ("stable ŷᵢ", c.softmax, True),
        ("stable log ŷᵢ = xᵢ − m − log Σe^(x − m)", c.log_softmax, False),
    ]


def report_table(c: Comparison) -> pd.DataFrame:
    """One row per quantity, one column per class; each cell its value and failure, if any."""
    data = {}
    for name, values, zero_is_underflow in report_rows(c):
        data[name] = cells(values, zero_is_underflow)
    frame = pd.DataFrame(data).T
    frame.columns = [f"class {k}" for k in range(1, c.x.size + 1)]
    frame.index.name = "quantity"
    return frame


def _tint(text: str) -> str:
    for status, word in STATUS_WORDS.items():
        if word and text.endswith(_SEP + word):
            return f"background-color: {STATUS_TINTS[status]}"
    return ""


def styled(frame: pd.DataFrame):
    """The report table with every failed cell tinted as its word says."""
    return text_table(frame).map(_tint)


def naive_lse(c: Comparison) -> str:
    r"""``\log \sum e^{x_k}`` the naive way: the exponentials, their sum, its log."""
    terms = " + ".join(rf"e^{{{logit_tex(v)}}}" for v in c.x)
    values = " + ".join(value_tex(v) for v in c.exps)
    rows = [
        rf"\log \textstyle\sum_k e^{{x_k}} &= \log\big({terms}\big)",
        rf"&= \log\big({values}\big)",
        rf"&= \log {value_tex(c.total)} = {value_tex(c.log_total)}",
    ]
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def lse_steps(c: Comparison) -> str:
    """The log-sum-exp trick with the numbers: m, x − m, e^{x−m}, the sum, its log, m + log."""
    s = c.steps
    m = logit_tex(s.m)
    shifted_sum = r"\textstyle\sum_k e^{x_k - m}"
    rows = [
        rf"m &= \max_k x_k = {m}",
        rf"x - m &= {_vector(s.shifted, logit_tex)}",
        rf"e^{{x - m}} &= {_vector(s.exp_shifted)}",
        rf"{shifted_sum} &= {value_tex(s.sum_exp)}",
        rf"\log {shifted_sum} &= {value_tex(s.log_sum)}",
        rf"\log \textstyle\sum_k e^{{x_k}} &= m + \log {shifted_sum}",
        rf"&= {m} + {value_tex(s.log_sum)} = {value_tex(s.result)}",
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


def temperature_gradient(y_hat, y, temperature: float, grad, loss: float) -> str:
    r"""``∂L/∂x_i = (ŷ_i − y_i)/T`` for every class, with the numbers, and the loss."""
    t = logit_tex(temperature)
    label = int(np.argmax(y)) + 1
    y_hat_i = palette.tex_color(palette.Y_HAT, r"\hat y_i")
    label_i = palette.tex_color(palette.Y, "y_i")
    rows = [
        rf"\hat y &= \operatorname{{softmax}}(x / T), \quad T = {t}",
        rf"L &= -\log \hat y_{{{label}}} = {value_tex(loss)}",
        rf"\frac{{\partial L}}{{\partial x_i}} &= \frac{{{y_hat_i} - {label_i}}}{{T}}",
    ]
    for i, (p, y_i, g) in enumerate(zip(y_hat, y, grad, strict=True), start=1):
        rows.append(
            rf"\frac{{\partial L}}{{\partial x_{{{i}}}}}"
            rf" &= \frac{{{value_tex(p)} - {int(y_i)}}}{{{t}}} = {value_tex(g)}"
        )
    return r"\begin{aligned}" + r" \\[10pt] ".join(rows) + r"\end{aligned}"
