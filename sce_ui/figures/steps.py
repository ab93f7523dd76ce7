"""Step 1's slope view: what the Jacobian's straight line misses as a nudge grows."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num
from .base import axis, figure, symmetric_axis


def linearisation_gap(deltas, gaps, delta: float, gap: float, chosen: int) -> go.Figure:
    """The gap between softmax and its straight line, Δŷⱼ − Jⱼⱼδ, against the nudge δ.

    ``chosen`` is the 1-based class whose logit moves; its output is the i = j case
    (vermillion, ◆ at the learner's δ). The zero line is drawn in ink: the gap touches it at
    δ = 0 and leaves it like δ², so the straight line is a good guess only near 0.
    """
    deltas, gaps = np.asarray(deltas, float), np.asarray(gaps, float)
    name = f"Δŷ{chosen} − J{chosen}{chosen}·δ"
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": name,
            "x": deltas,
            "y": gaps,
            "line": {"color": palette.SAME, "width": 3},
        },
        {
            "type": "scatter",
            "mode": "markers+text",
            "name": "your δ",
            "x": [delta],
            "y": [gap],
            "marker": {
                "color": palette.SAME,
                "symbol": "diamond",
                "size": 13,
                "line": {"color": palette.INK, "width": 1},
            },
            "text": [f"{palette.SAME_MARK} δ = {num(delta)}: gap {num(gap)}"],
            # Away from the nearer edge, so the label is never cut off by the plot area.
            "textposition": "top left" if delta > 0 else "top right",
            "cliponaxis": False,
        },
    ]
    return figure(
        data,
        f"What the straight line misses for ŷ{chosen}",
        300,
        margin={"l": 60},
        showlegend=False,
        xaxis=axis("nudge δ", zeroline=False),
        yaxis=symmetric_axis("gap", gaps, 1e-12, room=1.35),
    )
