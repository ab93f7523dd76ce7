"""The pairing lab: a loss over two logits, and both losses' gradient sizes by confidence."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num
from .base import LEGEND_BELOW, axis, below_margin, contours, figure, point_mark

ARROW_SCALE = 5.0
"""Logit units per unit of gradient for the downhill arrows of :func:`loss_surface_figure`."""

CURVES_ASSUME = "Curves: wrong classes share 1 − ŷ equally.<br>Marks: your own logits."
"""The legend's title of :func:`gradient_size_figure`: what the curves assume, and that
the marked values are the learner's own, which may lie off the curves."""


_SQUARE = {"constrain": "domain"}


def _downhill_arrow(x1: float, x2: float, gradient) -> dict:
    g1, g2 = (float(v) for v in gradient)
    return {
        "x": x1 - ARROW_SCALE * g1,
        "y": x2 - ARROW_SCALE * g2,
        "ax": x1,
        "ay": x2,
        "xref": "x",
        "yref": "y",
        "axref": "x",
        "ayref": "y",
        "text": "",
        "showarrow": True,
        "arrowhead": 3,
        "arrowsize": 1.2,
        "arrowwidth": 2.5,
        "arrowcolor": palette.GRAD,
    }


def loss_surface_figure(
    xs, ys, z, point: tuple[float, float, float], title: str, gradient=None
) -> go.Figure:
    """A loss over the first two logits as labelled contours, with the learner's point on it.

    Parameters
    ----------
    xs, ys : array_like, shape (m,)
        Grid values of x₁ (across) and x₂ (up).
    z : array_like, shape (m, m)
        ``z[i, j]`` is the loss at ``x₁ = xs[j], x₂ = ys[i]``.
    point : (x₁, x₂, L)
        The learner's two logits and the loss there.
    gradient : (∂L/∂x₁, ∂L/∂x₂), optional
        Drawn from the point as the downhill step ``−ARROW_SCALE · gradient``, the same
        scale in every panel so the arrows' lengths compare.
    """
    x1, x2, loss = (float(v) for v in point)
    mark, text = point_mark(x1, x2, f"L = {num(loss)}")
    arrows = [] if gradient is None else [_downhill_arrow(x1, x2, gradient)]
    return figure(
        [contours(xs, ys, z)],
        title,
        430,
        annotations=[*arrows, mark, text],
        xaxis={"title": {"text": "x₁"}, "range": [float(xs[0]), float(xs[-1])], **_SQUARE},
        yaxis={"title": {"text": "x₂"}, "range": [float(ys[0]), float(ys[-1])], **_SQUARE}
        | {"scaleanchor": "x"},
        showlegend=False,
        margin={"l": 45},
    )


def _marks(current: tuple[float, float, float]) -> tuple[list[dict], dict]:
    """The learner's two gradient sizes as marked, labelled points (:func:`point_mark`),
    and a dotted line at ŷ."""
    p_now, ce, se = (float(v) for v in current)
    side = "right" if p_now < 0.6 else "left"
    marks = [
        annotation
        for value, name, symbol, color, place in (
            (ce, "cross-entropy", "square", palette.GRAD, "top"),
            (se, "squared error", "triangle-up", palette.INK, "bottom"),
        )
        for annotation in point_mark(
            p_now, value, f"{name}: {num(value)}", symbol, f"{place} {side}", color
        )
    ]
    line = {"color": palette.INK, "width": 1, "dash": "dot"}
    at_p = {"type": "line", "xref": "x", "yref": "paper", "x0": p_now, "x1": p_now}
    return marks, {**at_p, "y0": 0, "y1": 1, "line": line}


def gradient_size_figure(
    p,
    cross_entropy,
    squared_error,
    current: tuple[float, float, float] | None = None,
    title: str = "Gradient size ‖∂L/∂x‖ by ŷ of the true class",
) -> go.Figure:
    """Both losses' gradient sizes as curves over ŷ of the true class, the learner's marked.

    Parameters
    ----------
    p : array_like, shape (m,)
        Probabilities of the true class.
    cross_entropy, squared_error : array_like, shape (m,)
        ``‖∂L/∂x‖`` of each loss at every ``p``, the other classes sharing ``1 - p``
        equally (:func:`sce_core.gradient_norm_vs_confidence`); the legend says so.
    current : (p, cross-entropy size, squared-error size), optional
        The learner's ŷ of the true class and the two sizes at the learner's own logits
        (:func:`sce_core.logit_gradient_norm`), which need not lie on the curves.
    """
    p = np.asarray(p, float)
    ce, se = np.asarray(cross_entropy, float), np.asarray(squared_error, float)
    curves = [
        {
            "y": ce,
            "name": "cross-entropy ‖ŷ − y‖ (solid)",
            "line": {"color": palette.GRAD, "width": 3},
        },
        {
            "y": se,
            "name": "squared error (dashed)",
            "line": {"color": palette.INK, "width": 2, "dash": "dash"},
        },
    ]
    traces = [{"type": "scatter", "x": p, "mode": "lines", **c} for c in curves]
    marks, at_p = ([], None) if current is None else _marks(current)
    sizes = [] if current is None else [float(v) for v in current[1:]]
    top = max([float(np.max(ce)), float(np.max(se)), *sizes])
    return figure(
        traces,
        title,
        420,
        shapes=[at_p] if at_p else [],
        annotations=marks,
        xaxis=axis("ŷ of the true class", range=[0, 1]),
        # Room below 0 and above the top for the labels of points on the axis or the peak.
        yaxis=axis("‖∂L/∂x‖", range=[-0.12 * top, 1.15 * top]),
        legend={**LEGEND_BELOW, "title": {"text": CURVES_ASSUME, "side": "top"}},
        margin=below_margin(3),
    )
