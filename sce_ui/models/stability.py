"""The stability lab's numbers: the naive softmax beside the stable one, in one dtype.

Every failure is shown by name, never by colour alone: a table cell reads
``inf · overflow``, ``0 · underflow``, ``nan · not a number`` or ``-inf · log of 0``, and
its tint only repeats the word. :func:`compare` gathers what the page shows.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

import sce_core as core

from ..fmt import num
from ..tables import text_table

DTYPES = ("float64", "float32")

LIMIT = 1100.0
"""The reach of the lab's own logits: past ±1000, so the presets just above 1000 fit."""

PRESETS = {
    "1000, 1001, 1002": (1000.0, 1001.0, 1002.0),
    "−1000, 0, 1000": (-1000.0, 0.0, 1000.0),
    "−1000, −1001, −1002": (-1000.0, -1001.0, -1002.0),
    "90, 91, 92": (90.0, 91.0, 92.0),
    "2, 1, 0.1": (2.0, 1.0, 0.1),
}
"""The lab's preset logits, by the label of their button."""

DEFAULT = PRESETS["1000, 1001, 1002"]
"""The logits the lab starts at: every naive exponential overflows in float64."""

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


class TemperatureGradient(NamedTuple):
    """Softmax with temperature T at the lab's logits, and the gradient of its loss."""

    y: np.ndarray
    y_hat: np.ndarray
    grad: np.ndarray
    """(ŷ − y)/T."""
    loss: float


def temperature_gradient(x, temperature: float, label: int) -> TemperatureGradient:
    """ŷ, ∂L/∂x and L at logits ``x`` divided by ``temperature``, true class ``label`` (1-based)."""
    y = core.one_hot([label - 1], 3)[0]
    y_hat = core.softmax(x, temperature=temperature)
    grad = core.logits_grad(x, y, temperature)
    loss = core.cross_entropy_from_logits(x, y, temperature)
    return TemperatureGradient(y, y_hat, grad, loss)


def cell(value: float, status: str) -> str:
    """``0.090`` when fine, else the value and its failure: ``inf · overflow``."""
    word = STATUS_WORDS[status]
    return num(value) + (_SEP + word if word else "")


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
