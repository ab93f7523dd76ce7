"""The training lab: the loss at every epoch, and the decision regions with the data."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num
from ..palette import CLASS_COLORS
from .base import LEGEND_BELOW, axis, below_margin, figure, value_axis

CLASS_SYMBOLS = ("triangle-up", "square", "star", "cross", "pentagon")
"""The marker of each class, beside its colour in :data:`sce_ui.palette.CLASS_COLORS`."""
CLASS_MARKS = ("▲", "■", "★", "✚", "⬟")
"""The text forms of :data:`CLASS_SYMBOLS`, for legends and captions."""


def _ends(loss: np.ndarray, diverged: bool) -> dict:
    """The first and last losses as marked points with their numbers."""
    ends = [0, loss.size - 1] if loss.size > 1 else [0]
    words = ["start", "stopped" if diverged else "end"]
    return {
        "type": "scatter",
        "x": ends,
        "y": loss[ends],
        "mode": "markers+text",
        "name": "first and last",
        "marker": {
            "color": palette.INK,
            "size": 10,
            "symbol": ["circle", "x" if diverged else "circle"][: len(ends)],
        },
        "text": [f"{w}: {num(loss[k])}" for w, k in zip(words, ends, strict=False)],
        "textposition": ["top right", "bottom left"][: len(ends)],
        "cliponaxis": False,
        "showlegend": False,
    }


def _stopped_note(epoch: int) -> dict:
    return {
        "text": f"diverged at epoch {epoch}",
        "xref": "paper",
        "yref": "paper",
        "x": 1,
        "y": 1,
        "xanchor": "right",
        "showarrow": False,
        "font": {"size": 13, "color": palette.INK},
        "bgcolor": palette.PAPER,
        "bordercolor": palette.INK,
    }


def training_loss_figure(
    loss_history, diverged_at: int | None = None, title: str = "Mean loss L at every epoch"
) -> go.Figure:
    """The loss after every epoch (entry 0 before any step), its first and last values as text.

    A log axis while every loss is positive, so a slow tail and a blow-up both show;
    labelled at a few powers of ten however many decades the run spans (a diverging run
    reaches 1e+128, a separable one 1e-218). ``diverged_at`` (1-based epoch) marks where
    training stopped.
    """
    loss = np.asarray(loss_history, float)
    line = {
        "type": "scatter",
        "x": np.arange(loss.size),
        "y": loss,
        "mode": "lines",
        "name": "L",
        "line": {"color": palette.INK, "width": 2},
        "hovertemplate": "epoch %{x}<br>L = %{y:.6g}<extra></extra>",
    }
    return figure(
        [line, _ends(loss, diverged_at is not None)],
        title,
        420,
        annotations=[] if diverged_at is None else [_stopped_note(diverged_at)],
        xaxis=axis("epoch"),
        yaxis=value_axis("mean cross-entropy L", loss, log_above=0.0),
        showlegend=False,
    )


def _class_scale(n_classes: int) -> list[list]:
    """A stepped colour scale: class k (1-based) fills [(k-1)/K, k/K] with its colour."""
    scale = []
    for k in range(n_classes):
        scale += [[k / n_classes, CLASS_COLORS[k]], [(k + 1) / n_classes, CLASS_COLORS[k]]]
    return scale


def _regions(xs, ys, grid_classes, n_classes: int) -> dict:
    return {
        "type": "heatmap",
        "x": xs,
        "y": ys,
        "z": np.asarray(grid_classes) + 1,
        "zmin": 0.5,
        "zmax": n_classes + 0.5,
        "colorscale": _class_scale(n_classes),
        "opacity": 0.3,
        "showscale": False,
        "hovertemplate": "predicted class %{z}<extra></extra>",
    }


def _points(X, mask, name: str, marker: dict, **extra) -> dict:
    return {
        "type": "scatter",
        "x": X[mask, 0],
        "y": X[mask, 1],
        "mode": "markers",
        "name": name,
        "marker": marker,
        **extra,
    }


def _class_points(X, labels, predicted, k: int) -> dict:
    """Class k's points in its colour and symbol, named with how many are predicted right."""
    mine = labels == k
    right = int(np.count_nonzero(predicted[mine] == k))
    marker = {"symbol": CLASS_SYMBOLS[k], "color": CLASS_COLORS[k], "size": 8}
    return _points(
        X,
        mine,
        f"class {k + 1}: {right} of {int(mine.sum())} right",
        marker | {"line": {"color": palette.INK, "width": 0.6}},
        hovertemplate=f"class {k + 1}<br>(%{{x:.2f}}, %{{y:.2f}})<extra></extra>",
    )


def _wrong_rings(X, wrong) -> dict:
    """A black ring around every misclassified point."""
    ring = {"symbol": "circle-open", "size": 15, "color": palette.INK, "line": {"width": 2}}
    return _points(X, wrong, f"misclassified: {int(wrong.sum())}", ring, hoverinfo="skip")


def decision_regions(
    xs,
    ys,
    grid_classes,
    X,
    labels,
    predicted,
    title: str = "Decision regions and the data",
) -> go.Figure:
    """Each class's region of the plane, tinted, under the points in the class's colour and symbol.

    Parameters
    ----------
    xs, ys : array_like, shape (m,)
        The grid's axes (:func:`sce_core.decision_grid`).
    grid_classes : array_like of int, shape (m, m)
        0-based predicted class at ``(xs[j], ys[i])``.
    X : array_like, shape (N, 2)
        The points.
    labels, predicted : array_like of int, shape (N,)
        0-based true and predicted classes. The legend counts, per class, the points
        predicted right; misclassified points get a black ring.
    """
    X = np.asarray(X, float)
    labels, predicted = np.asarray(labels), np.asarray(predicted)
    n_classes = len(CLASS_COLORS) if labels.size == 0 else int(labels.max()) + 1
    n_classes = max(n_classes, int(np.max(grid_classes)) + 1)
    traces = [
        _regions(xs, ys, grid_classes, n_classes),
        *(_class_points(X, labels, predicted, k) for k in range(n_classes)),
        _wrong_rings(X, predicted != labels),
    ]
    return figure(
        traces,
        title,
        640,
        xaxis={"title": {"text": "feature 1"}, "range": [xs[0], xs[-1]], "constrain": "domain"},
        yaxis={"title": {"text": "feature 2"}, "range": [ys[0], ys[-1]], "constrain": "domain"}
        | {"scaleanchor": "x"},
        legend=LEGEND_BELOW,
        margin=below_margin(3),
    )
