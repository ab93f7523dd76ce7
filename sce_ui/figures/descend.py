"""Lab · Descend on your logits: the path on the loss surface, and the loss falling."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from .base import axis, contours, figure, value_axis


def _path_traces(path: np.ndarray, a: str, b: str) -> list[dict]:
    """The path as a line of dots (one a step), its start a diamond and its end a cross."""
    ends = path[[0, -1]]
    hover = f"step %{{pointNumber}}<br>{a} = %{{x:.4g}}, {b} = %{{y:.4g}}<extra></extra>"
    dot = {"color": palette.GRAD, "size": 6, "line": {"color": palette.INK, "width": 1}}
    end = {"color": palette.Y_HAT, "size": 13, "line": {"color": palette.INK, "width": 1.5}}
    return [
        {
            "type": "scatter",
            "x": path[:, 0],
            "y": path[:, 1],
            "mode": "lines+markers",
            "name": "the path, a dot a step",
            "line": {"color": palette.GRAD, "width": 2.5},
            "marker": dot,
            "hovertemplate": hover,
        },
        {
            "type": "scatter",
            "x": ends[:, 0],
            "y": ends[:, 1],
            "mode": "markers+text",
            "name": "start and end",
            "marker": end | {"symbol": ["diamond", "x"]},
            "text": ["start", f"step {path.shape[0] - 1}"],
            "textposition": ["bottom center", "top center"],
            "cliponaxis": False,
            "showlegend": False,
        },
    ]


def descent_surface(xs, ys, z, path, pair: tuple[int, int], title: str) -> go.Figure:
    """The loss over two logits as contours, with the descent's path drawn on it.

    ``z[r, c]`` is the loss at ``xs[c]`` (class ``pair[0]``, across) and ``ys[r]``
    (class ``pair[1]``, up); ``path`` is the ``(steps + 1, 2)`` array of those two logits.
    """
    a, b = (f"x{k + 1}" for k in pair)
    data = [contours(xs, ys, z, a, b), *_path_traces(np.asarray(path, float), a, b)]
    return figure(
        data,
        title,
        440,
        xaxis=axis(a, range=[float(xs[0]), float(xs[-1])]),
        yaxis=axis(b, range=[float(ys[0]), float(ys[-1])]),
    )


def descent_curves(losses, grad_norms, title: str) -> go.Figure:
    """The loss and the gradient's size at every step; a log axis when they span > 3 decades."""
    loss, norm = np.asarray(losses, float), np.asarray(grad_norms, float)
    steps = np.arange(loss.size)
    y_axis = value_axis("value", np.concatenate([loss, norm]))
    if y_axis["type"] == "log":
        y_axis["title"] = {"text": "log scale"}
    data = [
        {
            "type": "scatter",
            "x": steps,
            "y": loss,
            "mode": "lines+markers",
            "name": "loss L",
            "line": {"color": palette.INK, "width": 2},
            "marker": {"symbol": "circle", "size": 5, "color": palette.INK},
            "hovertemplate": "step %{x}<br>L = %{y:.4g}<extra></extra>",
        },
        {
            "type": "scatter",
            "x": steps,
            "y": norm,
            "mode": "lines+markers",
            "name": "gradient size ‖ŷ − y‖",
            "line": {"color": palette.GRAD, "width": 2, "dash": "dash"},
            "marker": {"symbol": "square", "size": 5, "color": palette.GRAD},
            "hovertemplate": "step %{x}<br>‖ŷ − y‖ = %{y:.4g}<extra></extra>",
        },
    ]
    return figure(data, title, 400, xaxis=axis("step"), yaxis=y_axis)
