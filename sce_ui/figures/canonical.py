"""Lab · Prediction minus target: gradient sizes of every pair, lines and surfaces of L.

Every series has its own dash or marker beside its colour; the canonical pairs are drawn
solid, the others dashed or dotted.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num
from .base import LEGEND_BELOW, LOG_DECADES, axis, contours, figure, log_axis, point_mark

LOG_FLOOR = 1e-6
"""The bottom of a log axis at most: a curve that touches 0 dips off the chart there."""

PAIR_STYLES = {
    # kind: (colour, dash, marker)
    "softmax_ce": (palette.GRAD, "solid", "square"),
    "sigmoid_bce": (palette.OTHER, "solid", "circle"),
    "identity_half_se": (palette.Y, "solid", "diamond"),
    "exp_poisson": (palette.SAME, "solid", "triangle-up"),
    "softmax_se": (palette.INK, "dash", "x"),
    "softmax_focal": (palette.NEGATIVE, "dot", "star"),
}


def needs_log_axis(*series) -> bool:
    """True when the positive finite values of ``series`` span more than
    :data:`~sce_ui.figures.base.LOG_DECADES` decades."""
    v = np.concatenate([np.ravel(np.asarray(s, float)) for s in series])
    v = v[np.isfinite(v) & (v > 0)]
    return bool(v.size) and float(np.log10(v.max() / v.min())) > LOG_DECADES


_TICK_P = (1e-8, 1e-4, 0.01, 0.5, 0.99, 1 - 1e-4, 1 - 1e-8)
"""Labelled probabilities: few enough to stand upright side by side on a phone."""


def _log_odds(p) -> np.ndarray:
    """Positions on the x axis: the log-odds log(p / (1 − p)), which spreads out both ends."""
    p = np.asarray(p, float)
    with np.errstate(divide="ignore"):
        return np.log(p) - np.log1p(-p)


def _probability_axis(p: np.ndarray) -> dict:
    """An x axis in log-odds, labelled with the probabilities themselves."""
    z = _log_odds(p)
    z = z[np.isfinite(z)]
    low, high = float(z.min()), float(z.max())
    ticks = [t for t in _TICK_P if low - 1e-9 <= _log_odds(t) <= high + 1e-9]
    return axis(
        "ŷₖ of the true class (log-odds scale)",
        range=[low, high],
        tickvals=[float(_log_odds(t)) for t in ticks],
        ticktext=[num(t) if t < 0.999 else f"1 − {num(1 - t)}" for t in ticks],
        zeroline=False,
        tickangle=0,
        automargin=True,
    )


def _pair_traces(kind: str, z, values, point: tuple[float, float], name: str) -> list[dict]:
    """One pair's curve over the log-odds ``z``, and the learner's own ``point`` on it."""
    color, dash, symbol = PAIR_STYLES[kind]
    px, size = point
    curve = {
        "type": "scatter",
        "x": z,
        "y": np.asarray(values, float),
        "mode": "lines",
        "name": name,
        "legendgroup": kind,
        "line": {"color": color, "dash": dash, "width": 2.5},
    }
    mark = {
        "type": "scatter",
        "x": [float(_log_odds(px))],
        "y": [size],
        "mode": "markers",
        "name": f"{name} at your ŷₖ",
        "legendgroup": kind,
        "showlegend": False,
        "marker": {"color": color, "size": 11, "symbol": symbol, "line": {"width": 1}},
        "hovertemplate": f"{name}<br>ŷₖ = {num(px)}, ‖∂L/∂z‖ = {num(size)}<extra></extra>",
    }
    return [curve, mark]


def gradient_size_chart(p, curves: dict, points: dict, names: dict) -> go.Figure:
    """‖∂L/∂z‖ of every pair over the true class's probability, the learner's points marked.

    Parameters
    ----------
    p : array_like, shape (m,)
        Probabilities of the true class, strictly inside (0, 1); the x axis shows them
        on a log-odds scale, so the confident mistakes near 0 and the confident right
        answers near 1 both get room.
    curves : dict kind -> array_like, shape (m,)
        Each pair's gradient size at every ``p``.
    points : dict kind -> (p, size)
        The learner's own value of each pair.
    names : dict kind -> str
        Legend names.
    """
    p = np.asarray(p, float)
    data = [
        trace
        for kind, values in curves.items()
        for trace in _pair_traces(kind, _log_odds(p), values, points[kind], names[kind])
    ]
    log = needs_log_axis(*curves.values(), [s for _, s in points.values()])
    y_axis = axis("‖∂L/∂z‖")
    if log:
        values = np.concatenate([np.asarray(v, float) for v in curves.values()])
        values = values[np.isfinite(values) & (values > 0)]
        low = max(np.floor(np.log10(values.min())), np.log10(LOG_FLOOR))
        top = np.ceil(np.log10(values.max()))
        y_axis = log_axis("‖∂L/∂z‖", float(low), float(top))
    return figure(
        data,
        "Gradient size by ŷ of the true class",
        540,
        xaxis=_probability_axis(np.append(p, [pt[0] for pt in points.values()])),
        yaxis=y_axis,
        legend=LEGEND_BELOW,
        margin={"l": 55, "b": 200},
    )


def line_loss_chart(steps, flat, steep, curvature: float) -> go.Figure:
    """The loss along the flat direction (a level line) and along the steepest one (a bowl)."""
    s = np.asarray(steps, float)
    data = [
        {
            "type": "scatter",
            "x": s,
            "y": np.asarray(flat, float),
            "mode": "lines",
            "name": "along (1, …, 1)/√n: λ = 0 (dashed)",
            "line": {"color": palette.OTHER, "dash": "dash", "width": 3},
        },
        {
            "type": "scatter",
            "x": s,
            "y": np.asarray(steep, float),
            "mode": "lines",
            "name": f"along the top eigenvector: λ = {num(curvature)} (solid)",
            "line": {"color": palette.GRAD, "width": 3},
        },
        {
            "type": "scatter",
            "x": [0.0],
            "y": [float(np.asarray(flat, float)[s.size // 2])],
            "mode": "markers",
            "name": "your logits (s = 0)",
            "marker": {"color": palette.INK, "size": 10, "symbol": "diamond"},
        },
    ]
    return figure(
        data,
        "Cross-entropy along two directions",
        400,
        xaxis=axis("step s: the logits are x + s·v"),
        yaxis=axis("L"),
        legend=LEGEND_BELOW,
        margin={"l": 55, "b": 140},
    )


def surface_chart(xs, z, title: str, marks) -> go.Figure:
    """A loss over x₁ (across) and x₂ (up) as labelled contours, with marked points.

    ``marks`` is a sequence of ``(x1, x2, text, symbol)``: each point is drawn with its
    own marker and its text beside it.
    """
    xs = np.asarray(xs, float)
    middle = xs[len(xs) // 2]
    placed = [
        point_mark(x1, x2, text, symbol, "bottom center" if x2 > middle else "top center")
        for x1, x2, text, symbol in marks
    ]
    square = {"range": [float(xs[0]), float(xs[-1])], "constrain": "domain"}
    return figure(
        [contours(xs, xs, z, scale=False)],
        title,
        400,
        annotations=[a for pair in placed for a in pair],
        showlegend=False,
        xaxis=axis("x₁", **square),
        yaxis=axis("x₂", scaleanchor="x", **square),
    )
