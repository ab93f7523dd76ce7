"""The network labs: loss curves, decision regions, and the backward pass as a graph
(a DOT string for ``st.graphviz_chart``)."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num
from .base import LEGEND_BELOW, axis, below_margin, figure, value_axis
from .training import decision_regions


def loss_curves(network, linear, log: bool, title: str = "Mean loss at every epoch") -> go.Figure:
    """The network's loss and the linear model's, one line each (solid / dashed, with marks).

    ``log`` puts the loss on a log axis (powers of ten labelled only), for a run whose
    loss spans more than a decade; the last value of each line is written at its end.
    """
    traces = [
        _loss_line(name, np.asarray(loss, float), color, dash, symbol)
        for name, loss, color, dash, symbol in (
            ("network", network, palette.INK, "solid", "circle"),
            ("linear model", linear, palette.OTHER, "dash", "square"),
        )
    ]
    every = np.concatenate([np.asarray(network, float), np.asarray(linear, float)])
    y_axis = (
        value_axis("mean cross-entropy", every, log_above=0.0)
        if log
        else axis("mean cross-entropy", type="linear")
    )
    # Below the plot: on a phone a legend on top runs into the title.
    return figure(
        traces,
        title,
        420,
        xaxis=axis("epoch"),
        yaxis=y_axis,
        legend=LEGEND_BELOW,
        margin=below_margin(1),
    )


def _loss_line(name: str, loss: np.ndarray, color: str, dash: str, symbol: str) -> dict:
    return {
        "type": "scatter",
        "x": np.arange(loss.size),
        "y": loss,
        "mode": "lines+markers",
        "name": f"{name}: {num(loss[-1])} at the end",
        "line": {"color": color, "dash": dash},
        "marker": {"symbol": symbol, "size": 7, "maxdisplayed": 12},
        "hovertemplate": f"{name}<br>epoch %{{x}}<br>L = %{{y:.4g}}<extra></extra>",
    }


def regions(grid, X, labels, predicted, title: str) -> go.Figure:
    """Decision regions of a model over its ``(xs, ys, classes)`` grid, with the data."""
    xs, ys, classes = grid
    return decision_regions(xs, ys, classes, X, labels, predicted, title=title)


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
        f'  rankdir=BT; bgcolor="{palette.PAPER}"; nodesep=0.25; ranksep=0.35;',
        f'  node [shape=box, style="rounded,filled", fillcolor="{palette.PAPER}", '
        f'color="{palette.INK}",'
        ' fontname="sans-serif", fontsize=11];',
    ]
    for k, node in enumerate(nodes):
        parts = [f"{node.label}  ({rows['shape'][k]})", *rows["value"][k].split("; ")]
        style = ""
        if node.key in done:
            parts += ["∂: " + line for line in rows["gradient ∂L/∂node"][k].split("; ")]
            parts[0] += "  ∂ reached"
            style = f', fillcolor="{palette.GRAD_TINT}"'
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
