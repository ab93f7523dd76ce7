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
    fig = figures._layout(fig, title, 420)
    # Below the plot: on a phone a legend on top runs into the title.
    fig.update_layout(
        legend={"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0, "xanchor": "left"}
    )
    return fig


def regions(grid, X, labels, predicted, title: str) -> go.Figure:
    """Decision regions of a model over its ``(xs, ys, classes)`` grid, with the data."""
    xs, ys, classes = grid
    return figures.decision_regions(xs, ys, classes, X, labels, predicted, title=title)


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def backward_graph(nodes, edges, rows: dict, current: list[str], done: list[str]) -> str:
    """The computational graph as DOT for ``st.graphviz_chart``, drawn bottom (X) to top (L).

    Each node shows its name, shape, value and, once reached, its gradient (``rows`` as
    :func:`sce_ui.models.backward.node_rows` gives them). Reached nodes are filled orange
    and say "∂ reached"; the nodes of the current step have a thick border and "◀ now";
    the backward edges into reached nodes are dashed orange arrows.
    """
    lines = [
        "digraph backward {",
        "  rankdir=BT; bgcolor=white; nodesep=0.25; ranksep=0.35;",
        f'  node [shape=box, style="rounded,filled", fillcolor=white, color="{palette.INK}",'
        ' fontname="sans-serif", fontsize=11];',
    ]
    for k, node in enumerate(nodes):
        parts = [f"{node.label}  ({rows['shape'][k]})", *rows["value"][k].split("; ")]
        style = ""
        if node.key in done:
            parts += ["∂: " + line for line in rows["gradient ∂L/∂node"][k].split("; ")]
            parts[0] += "  ∂ reached"
            style = f', fillcolor="{_TINT}"'
        if node.key in current:
            parts[0] += "  ◀ now"
            style += f', penwidth=3, color="{palette.SAME}"'
        label = "\\n".join(_dot_text(p) for p in parts)
        lines.append(f'  {node.key} [label="{label}"{style}];')
    for a, b in edges:
        lines.append(f"  {a} -> {b};")
        if a in done:
            back = f'style=dashed, color="{palette.GRAD}", penwidth=2, constraint=false'
            lines.append(f"  {b} -> {a} [{back}];")
    lines.append("}")
    return "\n".join(lines)


_TINT = "#FBE8C8"
"""A pale tint of the gradient's orange, the fill of nodes the backward pass reached."""
