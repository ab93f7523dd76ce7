"""Bars of the cross-entropy steps: ŷ beside y, and ∂L/∂ŷ = −y/ŷ per class."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num
from .base import LABEL_BARS, OUTSIDE_LABELS, axis, class_names, figure, labels, signed_axis

PROBABILITY_AXIS = axis("probability", range=[0, 1.18])


def probability_traces(y_hat: np.ndarray, y: np.ndarray) -> list[dict]:
    """ŷ as solid sky-blue bars and y as hatched green ones, each with its number."""
    names = class_names(y_hat.size)
    return [
        {
            "type": "bar",
            "name": "ŷ (prediction)",
            "x": names,
            "y": y_hat,
            "marker": {"color": palette.Y_HAT},
            "text": labels(y_hat),
            "textposition": "outside",
        },
        {
            "type": "bar",
            "name": "y (label)",
            "x": names,
            "y": y,
            "marker": LABEL_BARS,
            "text": [num(v, 0) for v in y],
            "textposition": "outside",
        },
    ]


def probability_bars(y_hat, y, title: str = "Prediction ŷ beside the label y") -> go.Figure:
    """ŷ (solid) and y (hatched) side by side for each class."""
    y_hat, y = np.asarray(y_hat, float), np.asarray(y, float)
    return figure(
        probability_traces(y_hat, y),
        title,
        320,
        barmode="group",
        bargap=0.25,
        xaxis={"title": {"text": "class"}},
        yaxis=PROBABILITY_AXIS,
    )


def probability_derivative_bars(
    values, label: int, title: str = "∂L/∂ŷᵢ = −yᵢ/ŷᵢ for every class"
) -> go.Figure:
    """One bar per class for ∂L/∂ŷ: 0 except at the true class ``label`` (1-based).

    Neutral grey, as no palette colour means ∂L/∂ŷ; the true class is named on the axis.
    An infinite value (ŷ = 0) has no bar, only its label.
    """
    values = np.asarray(values, float)
    names = [f"{k} (true)" if k == label else str(k) for k in range(1, values.size + 1)]
    finite = np.where(np.isfinite(values), values, np.nan)
    reach = max(1.0, float(np.nanmax(np.abs(finite), initial=0.0)))
    bars = {
        "type": "bar",
        "name": "∂L/∂ŷ",
        "x": names,
        "y": finite,
        "marker": {"color": palette.NEUTRAL, "line": {"color": palette.INK, "width": 1}},
        "text": labels(values),
        **OUTSIDE_LABELS,
    }
    return figure(
        [bars],
        title,
        340,
        xaxis={"title": {"text": "class i"}, "type": "category"},
        yaxis=signed_axis("∂L/∂ŷᵢ", -1.3 * reach, 0.3 * reach),
    )
