"""The loss curve −log ŷ of the cross-entropy steps, with the learner's point and tangent."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num
from .base import LEGEND_BELOW, axis, below_margin, figure, point_mark

LOSS_REACH = 7.2
"""The usual top of the loss axis: −log 1e-3 ≈ 6.9, with room for the point's label."""
ZOOM_BELOW = 0.02
"""Below this ŷ the tangent's chart zooms in on ŷ, where −log ŷ is too steep to tell
the tangent from the curve at full width."""
TANGENT_LENGTH = 0.2
"""Each half of the tangent, as a fraction of the plot's diagonal."""


def _on_curve(p_true: float) -> tuple[float, float]:
    p = float(np.clip(p_true, 1e-300, 1.0))
    return p, float(-np.log(p))


def _curve(low: float, high: float, n: int, **extra) -> dict:
    p = np.geomspace(low, high, n)
    return {"type": "scatter", "x": p, "y": -np.log(p), "mode": "lines", **extra}


_CURVE = {"line": {"color": palette.INK}}


def _point(p: float, loss: float, position: str) -> list[dict]:
    """The learner's point on the curve and its numbers (:func:`point_mark`), as layout
    annotations: a move of a logit then leaves the curve as it was drawn."""
    return list(point_mark(p, loss, f"ŷ = {num(p)}, L = {num(loss)}", position=position))


def _traces_to_point(p_true: float) -> tuple[list[dict], list[dict], float]:
    """The curve, stretched down to a point below 1e-3, and the point: traces, the
    point's annotations and the y axis's top."""
    p, loss = _on_curve(p_true)
    traces = [_curve(1e-3, 1.0, 300, name="−log p", **_CURVE)]
    top = LOSS_REACH
    if loss > 0.95 * LOSS_REACH:
        traces.append(_curve(p, 1e-3, 200, showlegend=False, hoverinfo="skip", **_CURVE))
        top = 1.12 * loss
    return traces, _point(p, loss, "top left" if p_true > 0.5 else "top right"), top


def _x_axis(high: float = 1.02) -> dict:
    return axis("ŷ of the true class", range=[0, high], exponentformat="power")


def loss_curve(p_true: float, title: str = "Loss of the true class: −log ŷ") -> go.Figure:
    """The curve ``-log p`` on (0, 1] with the learner's current point on it."""
    p, loss = _on_curve(p_true)
    return figure(
        [_curve(1e-3, 1.0, 300, name="−log p", **_CURVE)],
        title,
        340,
        annotations=_point(p, loss, "top right"),
        xaxis=_x_axis(),
        yaxis=axis("L = −log ŷ", range=[0, LOSS_REACH]),
    )


def loss_curve_to_point(p_true: float, title: str = "Loss of the true class: −log ŷ") -> go.Figure:
    """:func:`loss_curve`, with the curve and the axis stretched down to any point below 1e-3.

    Below ŷ = 1e-3 the loss passes the usual axis (about 7); the curve is then drawn on
    down to the learner's ŷ, so the point stays on it and in view.
    """
    traces, point, top = _traces_to_point(p_true)
    yaxis = axis("L = −log ŷ", range=[0, top])
    return figure(traces, title, 340, annotations=point, xaxis=_x_axis(), yaxis=yaxis)


def _tangent(p: float, loss: float, width: float, height: float) -> dict:
    """The tangent at ``(p, loss)``, each half :data:`TANGENT_LENGTH` of a plot of
    ``width`` × ``height`` data units long, however steep it is.

    A line shape with its legend entry, not a trace: the curve under it is the same for
    every ŷ, so a move of a logit redraws only the tangent and the point.
    """
    slope = -1.0 / p
    half = TANGENT_LENGTH / float(np.hypot(1.0 / width, slope / height))
    x0, x1 = max(0.0, p - half), min(width, p + half)
    return {
        "type": "line",
        "xref": "x",
        "yref": "y",
        "x0": x0,
        "y0": loss + slope * (x0 - p),
        "x1": x1,
        "y1": loss + slope * (x1 - p),
        "name": f"tangent, slope −1/ŷ = {num(slope)}",
        "showlegend": True,
        "line": {"color": palette.MUTED, "width": 4},
        "layer": "above",
    }


def loss_tangent(p_true: float, title: str = "The slope of −log ŷ is ∂L/∂ŷ = −1/ŷ") -> go.Figure:
    """:func:`loss_curve_to_point` with the tangent at the learner's point, slope −1/ŷ.

    The tangent is drawn a fixed length on screen either side of the point, so it stays
    readable however steep it is; below ŷ = :data:`ZOOM_BELOW` the ŷ axis shows 0 to 10 ŷ
    only, where the tangent and the curve can be told apart. The tangent is thick and
    grey, so it stands out from the thin ink curve it touches.
    """
    traces, point, top = _traces_to_point(p_true)
    p, loss = _on_curve(p_true)
    width = 1.02 if p >= ZOOM_BELOW else 10 * p
    title_x = "ŷ of the true class" + ("" if p >= ZOOM_BELOW else ", zoomed in near your ŷ")
    return figure(
        traces,
        title,
        400,
        shapes=[_tangent(p, loss, width, top)],
        annotations=point,
        xaxis=axis(title_x, range=[0, width], exponentformat="power"),
        yaxis=axis("L = −log ŷ", range=[0, top]),
        # Below the plot, the legend has room for the long slope on a phone.
        legend=LEGEND_BELOW,
        margin=below_margin(2),
    )
