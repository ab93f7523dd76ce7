"""The simplification step: the true gradient beside the shortcut ŷ − y."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from .base import (
    OUTSIDE_LABELS,
    SHORTCUT_BARS,
    class_names,
    figure,
    labels,
    solid,
    symmetric_axis,
)


def shortcut_bars(
    gradient, shortcut, title: str = "True gradient ŷ·Σy − y beside the shortcut ŷ − y"
) -> go.Figure:
    """Per class: the true ∂L/∂x (solid orange) and the shortcut ŷ − y (hatched outline)."""
    gradient, shortcut = np.asarray(gradient, float), np.asarray(shortcut, float)
    names = class_names(gradient.size)
    bars = [
        {"name": "true ∂L/∂x = ŷ·Σy − y", "y": gradient, "marker": solid(palette.GRAD)},
        {"name": "shortcut ŷ − y", "y": shortcut, "marker": SHORTCUT_BARS},
    ]
    return figure(
        [{"type": "bar", "x": names, "text": labels(b["y"]), **OUTSIDE_LABELS, **b} for b in bars],
        title,
        360,
        barmode="group",
        bargap=0.25,
        xaxis={"title": {"text": "class"}},
        yaxis=symmetric_axis("∂L/∂xᵢ", np.concatenate([gradient, shortcut]), 1.0),
    )
