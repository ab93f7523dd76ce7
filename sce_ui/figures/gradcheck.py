"""The gradient-check lab: the V of a central difference's error, and three gradients' bars."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num, typed
from .base import (
    CENTRAL_BARS,
    LEGEND_BELOW,
    SHORTCUT_BARS,
    below_margin,
    class_names,
    decades,
    figure,
    labels,
    log_axis,
    solid,
    symmetric_axis,
)

_ASYMPTOTE = {"color": palette.MUTED, "width": 2}


def _too_small_band(steps, errors, floor: float, top: float) -> list[dict]:
    """A grey band over the steps where x ± h rounds back to x (NaN errors), if any."""
    if not np.isnan(errors).any():
        return []
    worked = steps[~np.isnan(errors)]
    edge = float(worked.min()) if worked.size else float(steps.max())
    return [
        {
            "type": "scatter",
            "x": [steps.min(), edge, edge, steps.min()],
            "y": [floor, floor, top, top],
            "fill": "toself",
            "fillcolor": palette.SHADE,
            "line": {"width": 0},
            "mode": "lines",
            "name": "h too small: x ± h rounds back to x",
            "hoverinfo": "skip",
        }
    ]


def _asymptotes(steps, truncation: float, roundoff: float) -> list[dict]:
    """The asymptotes a h² (dashed) and b/h (dotted); one whose coefficient is 0 is left out."""
    lines = []
    if truncation > 0:
        lines.append((truncation * steps**2, f"truncation ≈ {num(truncation)}·h²", "dash"))
    if roundoff > 0:
        lines.append((roundoff / steps, f"round-off ≈ {num(roundoff)}/h", "dot"))
    return [
        {"type": "scatter", "x": steps, "y": y, "mode": "lines", "name": name}
        | {"line": {**_ASYMPTOTE, "dash": dash}}
        for y, name, dash in lines
    ]


def _best_h(best_h: float | None, truncation: float, roundoff: float) -> list[dict]:
    """Where the model a h² + b/h is smallest: a hollow circle, if it is known."""
    if best_h is None:
        return []
    return [
        {
            "type": "scatter",
            "x": [best_h],
            "y": [truncation * best_h**2 + roundoff / best_h],
            "mode": "markers",
            "name": f"best h by the model ≈ {num(best_h)}",
            "marker": {"size": 12, "symbol": "circle-open", "color": palette.INK},
        }
    ]


def _measured(steps, shown) -> dict:
    return {
        "type": "scatter",
        "x": steps,
        "y": shown,
        "mode": "markers",
        "name": "error, max over j of |central − sympy|",
        "marker": {"size": 7, "color": palette.INK},
        "hovertemplate": "h = %{x:.2e}<br>error = %{y:.2e}<extra></extra>",
    }


def _your_h(h: float, error_at_h: float | None, floor: float, top: float) -> list[dict]:
    """A dotted line at the learner's h, and a star with h and its error (or why none)."""
    line = {
        "type": "scatter",
        "x": [h, h],
        "y": [floor, top],
        "mode": "lines",
        "line": {"color": palette.INK, "dash": "dot", "width": 1},
        "showlegend": False,
        "hoverinfo": "skip",
    }
    left = h > 1e-8
    step = f"your h = {typed(h)}"  # as the control shows it
    if error_at_h is not None and error_at_h > 0:
        mark = {
            "y": [error_at_h],
            "mode": "markers+text",
            "marker": {"size": 16, "symbol": "star", "color": palette.INK},
            "text": [f"{step}<br>error {num(error_at_h)}"],
            "textposition": "bottom left" if left else "bottom right",
            "cliponaxis": False,
        }
    else:
        why = "error 0: exact" if error_at_h == 0 else "too small for x"
        mark = {
            "y": [floor],
            "mode": "text",
            "text": [f"{step}<br>{why}"],
            "textposition": "top left" if left else "top right",
            "showlegend": False,
        }
    return [line, {"type": "scatter", "x": [h], "name": "your h", **mark}]


def finite_difference_error(
    steps,
    errors,
    truncation: float,
    roundoff: float,
    h: float,
    error_at_h: float | None,
    best_h: float | None = None,
    title: str = "Error of central differences against the step h",
) -> go.Figure:
    """The V of a central difference's error on log-log axes, with its two asymptotes.

    Parameters
    ----------
    steps, errors : array_like, same shape
        The swept steps h and the error at each; NaN where h was too small for some
        logit (x ± h rounds back to x), 0 where it was exact: neither has a point.
    truncation, roundoff : float
        a and b of the asymptotes ``a h²`` (dashed) and ``b / h`` (dotted); a line whose
        coefficient is 0 is left out.
    h, error_at_h : float, float or None
        The learner's step and its error (None if there is none to show): a star
        labelled with both, on a dotted vertical line.
    best_h : float, optional
        Where ``a h² + b/h`` is smallest: a hollow circle on the model curve.
    """
    steps, errors = np.asarray(steps, float), np.asarray(errors, float)
    shown = np.where(errors > 0, errors, np.nan)
    low, high = decades(shown) or (-17, -1)
    low, high = low - 2, high + 1  # room below the V for the learner's label
    floor, top = 10.0**low, 10.0**high
    traces = [
        *_too_small_band(steps, errors, floor, top),
        *_asymptotes(steps, truncation, roundoff),
        _measured(steps, shown),
        *_best_h(best_h, truncation, roundoff),
        *_your_h(h, error_at_h, floor, top),
    ]
    return figure(
        traces,
        title,
        500,
        xaxis=log_axis("step h", np.log10(steps.min()), np.log10(steps.max())),
        yaxis=log_axis("error of ∂L/∂x", low, high),
        legend=LEGEND_BELOW,
        margin=below_margin(4),
    )


def gradient_routes_bars(
    gradient,
    central,
    shortcut,
    title: str = "Squared error: ∂L/∂x beside (ŷ − y)/T",
) -> go.Figure:
    """Per class: the true ∂L/∂x (solid orange), its central difference (dotted outline),
    and the cross-entropy shortcut (ŷ − y)/T (hatched). ``central`` may be None."""
    gradient, shortcut = np.asarray(gradient, float), np.asarray(shortcut, float)
    bars = [{"name": "true ∂L/∂x (formula)", "y": gradient, "marker": solid(palette.GRAD)}]
    if central is not None:
        central = np.asarray(central, float)
        bars.append({"name": "central difference", "y": central, "marker": CENTRAL_BARS})
    shortcut_name = "(ŷ − y)/T, the cross-entropy shortcut"
    bars.append({"name": shortcut_name, "y": shortcut, "marker": SHORTCUT_BARS})
    # Over six bars, labels side by side would run into each other on a phone: upright.
    crowded = len(bars) * gradient.size > 6
    room = 1.6 if crowded else 1.3
    common = {"type": "bar", "x": class_names(gradient.size), "textposition": "outside"}
    common |= {"cliponaxis": False, "textangle": -90 if crowded else 0}
    values = np.concatenate([b["y"] for b in bars])
    return figure(
        [{**common, "text": labels(b["y"]), **b} for b in bars],
        title,
        420,
        barmode="group",
        bargap=0.2,
        xaxis={"title": {"text": "class j"}, "type": "category"},
        yaxis=symmetric_axis("∂L/∂xⱼ", values, 1e-12, room=room),
        legend=LEGEND_BELOW,
        margin=below_margin(2),
    )
