"""The numerical-stability step: naive softmax beside the stable one, and (ŷ − y)/T."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from .base import SHORTCUT_BARS, axis, class_names, figure, labels, solid, symmetric_axis


def gradient_bars(grad, title: str = "Gradient ∂L/∂x = ŷ − y") -> go.Figure:
    """One bar per logit: the push that gradient descent will apply (its negative)."""
    grad = np.asarray(grad, float)
    bars = {
        "type": "bar",
        "name": "∂L/∂x = ŷ − y",
        "x": class_names(grad.size),
        "y": grad,
        "marker": solid(palette.GRAD),
        "text": labels(grad),
        "textposition": "outside",
    }
    return figure(
        [bars],
        title,
        320,
        xaxis={"title": {"text": "logit xⱼ (class j)"}},
        yaxis=symmetric_axis("∂L/∂xⱼ", grad, 1.0, room=1.25),
    )


def naive_stable_bars(
    naive,
    stable,
    naive_labels,
    title: str = "Naive softmax e^x / Σe^x (hatched) beside the stable one (solid)",
) -> go.Figure:
    """Per class, horizontal bars: the naive ŷ (hatched) above the stable ŷ (solid).

    A naive value that is NaN or infinite has no bar; its label (``nan · not a number``)
    stands at 0 instead, so a failure is read, not guessed from a missing bar. The title
    names the two bars: a legend below would not fit beside a phone's narrow chart.
    """
    naive, stable = np.asarray(naive, float), np.asarray(stable, float)
    names = [f"class {k}" for k in class_names(stable.size)]
    bars = [
        {
            "name": "stable, max subtracted (solid)",
            "x": stable,
            "marker": {"color": palette.Y_HAT},
            "text": labels(stable),
        },
        {
            "name": "naive e^x / Σe^x (hatched)",
            "x": np.where(np.isfinite(naive), naive, 0.0),
            "marker": SHORTCUT_BARS,
            "text": list(naive_labels),
        },
    ]
    common = {"type": "bar", "y": names, "orientation": "h", "constraintext": "none"}
    return figure(
        [{**common, "textposition": "outside", "cliponaxis": False, **b} for b in bars],
        title,
        360,
        barmode="group",
        bargap=0.3,
        yaxis={"type": "category", "autorange": "reversed"},
        xaxis=axis("ŷ", range=[0, 1.6], tickvals=[0, 0.25, 0.5, 0.75, 1.0]),
        # The failure words are the point of this chart: shown at a readable size always.
        uniformtext={"minsize": 12, "mode": "show"},
        showlegend=False,
        margin={"l": 70},
    )
