"""Figures of the derivation's own pages that the shared figure module does not hold yet."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import palette
from .fmt import num

_FONT = {"family": "sans-serif", "size": 13, "color": palette.INK}
_GRID = "#e5e5e5"


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
    reach = max(1e-12, float(np.max(np.abs(gaps))))
    layout = {
        "title": {"text": f"What the straight line misses for ŷ{chosen}", "x": 0},
        "height": 300,
        "margin": {"l": 60, "r": 10, "t": 60, "b": 45},
        "font": _FONT,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "template": "none",
        "showlegend": False,
        "xaxis": {"title": {"text": "nudge δ"}, "gridcolor": _GRID, "zeroline": False},
        "yaxis": {
            "title": {"text": "gap"},
            "gridcolor": _GRID,
            "range": [-1.35 * reach, 1.35 * reach],
            "zeroline": True,
            "zerolinecolor": palette.INK,
        },
    }
    return go.Figure(data=data, layout=layout)
