"""Figure builders of the network labs: loss curves, decision regions, the backward graph.

Plain functions, data in and a figure (or a DOT string for ``st.graphviz_chart``) out.
They use the shared layout and class colours of :mod:`sce_ui.figures`.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import figures, palette
from .fmt import num

_GRID = "#e5e5e5"


def loss_curves(network, linear, log: bool, title: str = "Mean loss at every epoch") -> go.Figure:
    """The network's loss and the linear model's, one line each (solid / dashed, with marks).

    ``log`` puts the loss on a log axis (powers of ten labelled only), for a run whose
    loss spans more than a decade; the last value of each line is written at its end.
    """
    traces = []
    for name, loss, dash, symbol in (
        ("network", network, "solid", "circle"),
        ("linear model", linear, "dash", "square"),
    ):
        loss = np.asarray(loss, float)
        traces.append(
            go.Scatter(
                x=np.arange(loss.size),
                y=loss,
                mode="lines+markers",
                name=f"{name}: {num(loss[-1])} at the end",
                line={"color": palette.INK if name == "network" else palette.OTHER, "dash": dash},
                marker={"symbol": symbol, "size": 7, "maxdisplayed": 12},
                hovertemplate=f"{name}<br>epoch %{{x}}<br>L = %{{y:.4g}}<extra></extra>",
            )
        )
    fig = go.Figure(traces)
    fig.update_xaxes(title="epoch", gridcolor=_GRID)
    fig.update_yaxes(
        title="mean cross-entropy",
        type="log" if log else "linear",
        dtick=1 if log else None,
        gridcolor=_GRID,
    )
    return figures._layout(fig, title, 400)


def regions(grid, X, labels, predicted, title: str) -> go.Figure:
    """Decision regions of a model over its ``(xs, ys, classes)`` grid, with the data."""
    xs, ys, classes = grid
    return figures.decision_regions(xs, ys, classes, X, labels, predicted, title=title)
