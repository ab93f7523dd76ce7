"""Figure builders: arrays in, ``plotly.graph_objects.Figure`` out, no Streamlit.

Colours come from :mod:`sce_ui.palette` and always carry a second cue: y bars are
hatched, ŷ bars solid; i = j cells carry ◆ and a thick outline, i != j cells ●.
Every figure has a title, and every bar or cell shows its number as text.
"""

from __future__ import annotations

import textwrap

import numpy as np
import plotly.graph_objects as go

from . import palette
from .fmt import num

_FONT = {"family": "sans-serif", "size": 13, "color": palette.INK}
_GRID = "#e5e5e5"


def class_names(n: int) -> list[str]:
    """Class numbers as the UI shows them: 1..n."""
    return [str(k) for k in range(1, n + 1)]


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(_base_layout(title, height))
    return fig


TITLE_CHARS = 36
"""The longest line of a chart title: plotly does not wrap titles, and a chart on a
390 px wide phone is about 340 px wide."""


def _title_lines(title: str) -> list[str]:
    return textwrap.wrap(title, TITLE_CHARS, break_long_words=False) or [title]


def _base_layout(title: str, height: int) -> dict:
    """The layout every figure shares: white, titled at the left, legend on top.

    A long title is broken into lines of at most :data:`TITLE_CHARS` characters, and the
    top margin grows with each line.
    """
    lines = _title_lines(title)
    return {
        "title": {"text": "<br>".join(lines), "x": 0, "xanchor": "left"},
        "height": height,
        "margin": {"l": 50, "r": 10, "t": 60 + 22 * (len(lines) - 1), "b": 45},
        "font": _FONT,
        "plot_bgcolor": "white",
        "paper_bgcolor": "white",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
        # The pages draw charts with theme=None, so this layout is their whole look;
        # plotly's default template would only add weight to every rerun.
        "template": "none",
        # Bar labels too small to read (ten bars on a phone) are left out rather than
        # drawn over one another; the page states the same numbers in a table or formula.
        "uniformtext": {"minsize": 9, "mode": "hide"},
    }


def _figure(data: list[dict], title: str, height: int, **layout) -> go.Figure:
    """One figure from plain trace and layout dicts, validated once.

    Building the whole spec first and handing it to ``go.Figure`` in one call is many
    times faster than a chain of ``update_*`` calls, which re-validate on every step;
    the figures are rebuilt on every slider move.
    """
    spec = _base_layout(title, height)
    for key, value in layout.items():
        spec[key] = {**spec[key], **value} if isinstance(spec.get(key), dict) else value
    return go.Figure(data=data, layout=spec)


def _probability_traces(y_hat: np.ndarray, y: np.ndarray, **axes) -> list[dict]:
    names = class_names(y_hat.size)
    return [
        {
            "type": "bar",
            "name": "ŷ (prediction)",
            "x": names,
            "y": y_hat,
            "marker": {"color": palette.Y_HAT},
            "text": [num(v) for v in y_hat],
            "textposition": "outside",
            **axes,
        },
        {
            "type": "bar",
            "name": "y (label)",
            "x": names,
            "y": y,
            "marker": {
                "color": "white",
                "line": {"color": palette.Y, "width": 2},
                "pattern": {"shape": "/", "fgcolor": palette.Y, "solidity": 0.4},
            },
            "text": [num(v, 0) for v in y],
            "textposition": "outside",
            **axes,
        },
    ]


_PROBABILITY_AXIS = {"title": {"text": "probability"}, "range": [0, 1.18], "gridcolor": _GRID}


def _gradient_trace(grad: np.ndarray, **axes) -> dict:
    return {
        "type": "bar",
        "name": "∂L/∂x = ŷ − y",
        "x": class_names(grad.size),
        "y": grad,
        "marker": {"color": palette.GRAD, "line": {"color": palette.INK, "width": 1}},
        "text": [num(v) for v in grad],
        "textposition": "outside",
        **axes,
    }


def _signed_axis(title: str, low: float, high: float) -> dict:
    """A value axis that crosses zero: range ``[low, high]``, the grid and a dark zero line.

    Large ticks read as powers of ten (−0.8×10⁹), never with SI suffixes (−0.8B), and
    the margin grows to fit them, so they never run into the axis title.
    """
    return {
        "title": {"text": title},
        "range": [low, high],
        "exponentformat": "power",
        "automargin": True,
        "zeroline": True,
        "zerolinecolor": palette.INK,
        "gridcolor": _GRID,
    }


def _gradient_axis(grad: np.ndarray) -> dict:
    reach = max(1.0, float(np.max(np.abs(grad))))
    return _signed_axis("∂L/∂xⱼ", -1.25 * reach, 1.25 * reach)


def probability_bars(y_hat, y, title: str = "Prediction ŷ beside the label y") -> go.Figure:
    """ŷ (solid) and y (hatched) side by side for each class."""
    y_hat, y = np.asarray(y_hat, float), np.asarray(y, float)
    return _figure(
        _probability_traces(y_hat, y),
        title,
        320,
        barmode="group",
        bargap=0.25,
        xaxis={"title": {"text": "class"}},
        yaxis=_PROBABILITY_AXIS,
    )


def gradient_bars(grad, title: str = "Gradient ∂L/∂x = ŷ − y") -> go.Figure:
    """One bar per logit: the push that gradient descent will apply (its negative)."""
    grad = np.asarray(grad, float)
    return _figure(
        [_gradient_trace(grad)],
        title,
        320,
        xaxis={"title": {"text": "logit xⱼ (class j)"}},
        yaxis=_gradient_axis(grad),
    )


def loss_curve(p_true: float, title: str = "Loss of the true class: −log ŷ") -> go.Figure:
    """The curve ``-log p`` on (0, 1] with the learner's current point on it."""
    p = np.geomspace(1e-3, 1.0, 300)
    current = float(np.clip(p_true, 1e-300, 1.0))
    fig = go.Figure(
        [
            go.Scatter(x=p, y=-np.log(p), mode="lines", name="−log p", line={"color": palette.INK}),
            go.Scatter(
                x=[current],
                y=[-np.log(current)],
                mode="markers+text",
                name="you are here",
                marker={"color": palette.Y_HAT, "size": 14, "symbol": "diamond"},
                text=[f"ŷ = {num(current)}, L = {num(-np.log(current))}"],
                textposition="top right",
            ),
        ]
    )
    fig.update_xaxes(title="ŷ of the true class", range=[0, 1.02], gridcolor=_GRID)
    fig.update_yaxes(title="L = −log ŷ", range=[0, 7.2], gridcolor=_GRID)
    return _layout(fig, title, 340)


def nudge_change_bars(before, after, chosen: int, title: str | None = None) -> go.Figure:
    """How every ŷᵢ moved when one logit moved: one signed bar Δŷᵢ per class.

    ``chosen`` is the 1-based class whose logit moved: its bar is the i = j case
    (vermillion, ◆), every other bar an i ≠ j case (blue, ●).
    """
    before, after = np.asarray(before, float), np.asarray(after, float)
    change = after - before
    same = np.arange(1, change.size + 1) == chosen
    marks = np.where(same, palette.SAME_MARK, palette.OTHER_MARK)
    reach = max(0.05, float(np.max(np.abs(change))))
    fig = go.Figure(
        go.Bar(
            name="Δŷᵢ",
            x=[f"{m} {k}" for m, k in zip(marks, class_names(change.size), strict=True)],
            y=change,
            marker={
                "color": np.where(same, palette.SAME, palette.OTHER).tolist(),
                "line": {"color": palette.INK, "width": 1},
            },
            text=[("+" if v >= 0 else "") + num(v) for v in change],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_xaxes(
        title=f"class i ({palette.SAME_MARK} i = j, {palette.OTHER_MARK} i ≠ j)", type="category"
    )
    fig.update_yaxes(**_signed_axis("Δŷᵢ = ŷᵢ after − ŷᵢ before", -1.3 * reach, 1.3 * reach))
    return _layout(fig, title or f"Change of every ŷᵢ when x{chosen} moves", 340)


def shortcut_bars(
    gradient, shortcut, title: str = "True gradient ŷ·Σy − y beside the shortcut ŷ − y"
) -> go.Figure:
    """Per class: the true ∂L/∂x (solid orange) and the shortcut ŷ − y (hatched outline)."""
    gradient, shortcut = np.asarray(gradient, float), np.asarray(shortcut, float)
    names = class_names(gradient.size)
    reach = max(1.0, float(np.max(np.abs(np.concatenate([gradient, shortcut])))))
    fig = go.Figure(
        [
            go.Bar(
                name="true ∂L/∂x = ŷ·Σy − y",
                x=names,
                y=gradient,
                marker={"color": palette.GRAD, "line": {"color": palette.INK, "width": 1}},
                text=[num(v) for v in gradient],
                textposition="outside",
                cliponaxis=False,
            ),
            go.Bar(
                name="shortcut ŷ − y",
                x=names,
                y=shortcut,
                marker={
                    "color": "white",
                    "line": {"color": palette.INK, "width": 2},
                    "pattern": {"shape": "x", "fgcolor": palette.INK, "solidity": 0.25},
                },
                text=[num(v) for v in shortcut],
                textposition="outside",
                cliponaxis=False,
            ),
        ]
    )
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(title="class")
    fig.update_yaxes(**_signed_axis("∂L/∂xᵢ", -1.3 * reach, 1.3 * reach))
    return _layout(fig, title, 360)


def loss_curve_to_point(p_true: float, title: str = "Loss of the true class: −log ŷ") -> go.Figure:
    """:func:`loss_curve`, with the curve and the axis stretched down to any point below 1e-3.

    Below ŷ = 1e-3 the loss passes the usual axis (about 7); the curve is then drawn on
    down to the learner's ŷ, so the point stays on it and in view.
    """
    fig = loss_curve(p_true, title)
    if p_true > 0.5:
        fig.update_traces(textposition="top left", selector={"mode": "markers+text"})
    loss = float(fig.data[1].y[0])
    reach = float(fig.layout.yaxis.range[1])
    if loss > 0.95 * reach:
        p = np.geomspace(float(fig.data[1].x[0]), 1e-3, 200)
        fig.add_trace(
            go.Scatter(
                x=p,
                y=-np.log(p),
                mode="lines",
                line=fig.data[0].line,
                showlegend=False,
                hoverinfo="skip",
            )
        )
        curve, point, extension = fig.data
        fig.data = (curve, extension, point)
        fig.update_yaxes(range=[0, 1.12 * loss])
    return fig


def probability_derivative_bars(
    values, label: int, title: str = "∂L/∂ŷᵢ = −yᵢ/ŷᵢ for every class"
) -> go.Figure:
    """One bar per class for ∂L/∂ŷ: 0 except at the true class ``label`` (1-based).

    Neutral grey, as no palette colour means ∂L/∂ŷ; the true class is named on the axis.
    """
    values = np.asarray(values, float)
    names = [f"{k} (true)" if k == label else str(k) for k in range(1, values.size + 1)]
    finite = np.where(np.isfinite(values), values, np.nan)
    reach = max(1.0, float(np.nanmax(np.abs(finite), initial=0.0)))
    fig = go.Figure(
        go.Bar(
            name="∂L/∂ŷ",
            x=names,
            y=finite,
            marker={"color": "#BBBBBB", "line": {"color": palette.INK, "width": 1}},
            text=[num(v) for v in values],
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_xaxes(title="class i", type="category")
    fig.update_yaxes(**_signed_axis("∂L/∂ŷᵢ", -1.3 * reach, 0.3 * reach))
    return _layout(fig, title, 340)


def loss_tangent(p_true: float, title: str = "The slope of −log ŷ is ∂L/∂ŷ = −1/ŷ") -> go.Figure:
    """:func:`loss_curve_to_point` with the tangent at the learner's point, slope −1/ŷ.

    The tangent is drawn a short way either side of the point, short enough that it
    stays readable however steep it is.
    """
    fig = loss_curve_to_point(p_true, title)
    point = next(trace for trace in fig.data if trace.mode == "markers+text")
    p, loss = float(point.x[0]), float(point.y[0])
    slope = -1.0 / p
    reach = float(fig.layout.yaxis.range[1])
    half = min(0.3, 0.2 * reach * p)
    xs = np.array([max(0.0, p - half), min(1.02, p + half)])
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=loss + slope * (xs - p),
            mode="lines",
            name=f"tangent, slope −1/ŷ = {num(slope)}",
            line={"color": palette.INK, "width": 2, "dash": "dash"},
            hoverinfo="skip",
        )
    )
    # Below the plot, the legend has room for the long slope on a phone.
    fig.update_layout(
        height=400,
        margin={"b": 120},
        legend={"orientation": "h", "y": -0.3, "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    return fig


ARROW_SCALE = 5.0
"""Logit units per unit of gradient for the downhill arrows of :func:`loss_surface_figure`."""


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
    fig = go.Figure(
        [
            go.Contour(
                x=np.asarray(xs, float),
                y=np.asarray(ys, float),
                z=np.asarray(z, float),
                colorscale=[[0.0, "#FFFFFF"], [1.0, "#8C8C8C"]],
                ncontours=14,
                contours={"showlabels": True, "labelfont": {"size": 11, "color": palette.INK}},
                line={"color": palette.INK, "width": 0.6},
                colorbar={"thickness": 12, "len": 0.8, "title": {"text": "L"}},
                hovertemplate="x₁ = %{x:.2f}, x₂ = %{y:.2f}<br>L = %{z:.4g}<extra></extra>",
                name="L",
            ),
            go.Scatter(
                x=[x1],
                y=[x2],
                mode="markers+text",
                name="your logits",
                marker={
                    "color": palette.Y_HAT,
                    "size": 14,
                    "symbol": "diamond",
                    "line": {"color": palette.INK, "width": 1.5},
                },
                text=[f"L = {num(loss)}"],
                textposition="top center",
                textfont={"color": palette.INK, "size": 13},
                cliponaxis=False,
            ),
        ]
    )
    if gradient is not None:
        g1, g2 = (float(v) for v in gradient)
        fig.add_annotation(
            x=x1 - ARROW_SCALE * g1,
            y=x2 - ARROW_SCALE * g2,
            ax=x1,
            ay=x2,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            text="",
            showarrow=True,
            arrowhead=3,
            arrowsize=1.2,
            arrowwidth=2.5,
            arrowcolor=palette.GRAD,
        )
    fig.update_xaxes(title="x₁", range=[float(xs[0]), float(xs[-1])], constrain="domain")
    fig.update_yaxes(
        title="x₂", range=[float(ys[0]), float(ys[-1])], scaleanchor="x", constrain="domain"
    )
    fig = _layout(fig, title, 430)
    fig.update_layout(showlegend=False, margin={"l": 45})
    return fig


def gradient_size_figure(
    p,
    cross_entropy,
    squared_error,
    current: tuple[float, float, float] | None = None,
    title: str = "Gradient size ‖∂L/∂x‖ by ŷ of the true class",
) -> go.Figure:
    """Both losses' gradient sizes as curves over ŷ of the true class, the learner's ŷ marked.

    Parameters
    ----------
    p : array_like, shape (m,)
        Probabilities of the true class.
    cross_entropy, squared_error : array_like, shape (m,)
        ``‖∂L/∂x‖`` of each loss at every ``p``.
    current : (p, cross-entropy size, squared-error size), optional
        The learner's point, marked on both curves with its two numbers.
    """
    p = np.asarray(p, float)
    fig = go.Figure(
        [
            go.Scatter(
                x=p,
                y=np.asarray(cross_entropy, float),
                mode="lines",
                name="cross-entropy ‖ŷ − y‖ (solid)",
                line={"color": palette.GRAD, "width": 3},
            ),
            go.Scatter(
                x=p,
                y=np.asarray(squared_error, float),
                mode="lines",
                name="squared error (dashed)",
                line={"color": palette.INK, "width": 2, "dash": "dash"},
            ),
        ]
    )
    if current is not None:
        p_now, ce, se = (float(v) for v in current)
        fig.add_vline(x=p_now, line={"color": palette.INK, "width": 1, "dash": "dot"})
        side = "right" if p_now < 0.6 else "left"
        for value, name, symbol, color, place in (
            (ce, "cross-entropy", "square", palette.GRAD, "top"),
            (se, "squared error", "triangle-up", palette.INK, "bottom"),
        ):
            fig.add_trace(
                go.Scatter(
                    x=[p_now],
                    y=[value],
                    mode="markers+text",
                    name=f"{name} at your ŷ",
                    showlegend=False,
                    marker={"color": color, "size": 12, "symbol": symbol},
                    text=[f"{name}: {num(value)}"],
                    textposition=f"{place} {side}",
                    cliponaxis=False,
                )
            )
    fig.update_xaxes(title="ŷ of the true class", range=[0, 1], gridcolor=_GRID)
    top = max(float(np.max(trace.y)) for trace in fig.data)
    # Room below 0 and above the top for the labels of points on the axis or the peak.
    fig.update_yaxes(title="‖∂L/∂x‖", range=[-0.12 * top, 1.15 * top], gridcolor=_GRID)
    fig = _layout(fig, title, 400)
    fig.update_layout(
        margin={"b": 110},
        legend={"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    return fig


def naive_stable_bars(
    naive,
    stable,
    naive_labels,
    title: str = "Naive softmax e^x / Σe^x (hatched) beside the stable one (solid)",
) -> go.Figure:
    """Per class, horizontal bars: the naive ŷ (hatched) above the stable ŷ (solid).

    A naive value that is NaN or infinite has no bar; its label (``nan · not a number``)
    stands at 0 instead, so a failure is read, not guessed from a missing bar. The title
    names the two bars: a legend below would not fit beside a phone's narrow chart.
    """
    naive, stable = np.asarray(naive, float), np.asarray(stable, float)
    names = [f"class {k}" for k in class_names(stable.size)]
    shown = np.where(np.isfinite(naive), naive, 0.0)
    fig = go.Figure(
        [
            go.Bar(
                name="stable, max subtracted (solid)",
                y=names,
                x=stable,
                orientation="h",
                marker={"color": palette.Y_HAT},
                text=[num(v) for v in stable],
                textposition="outside",
                constraintext="none",
                cliponaxis=False,
            ),
            go.Bar(
                name="naive e^x / Σe^x (hatched)",
                y=names,
                x=shown,
                orientation="h",
                marker={
                    "color": "white",
                    "line": {"color": palette.INK, "width": 2},
                    "pattern": {"shape": "x", "fgcolor": palette.INK, "solidity": 0.25},
                },
                text=list(naive_labels),
                textposition="outside",
                constraintext="none",
                cliponaxis=False,
            ),
        ]
    )
    fig.update_layout(barmode="group", bargap=0.3)
    fig.update_yaxes(type="category", autorange="reversed")
    fig.update_xaxes(title="ŷ", range=[0, 1.6], tickvals=[0, 0.25, 0.5, 0.75, 1.0], gridcolor=_GRID)
    fig = _layout(fig, title, 360)
    fig.update_layout(
        # The failure words are the point of this chart: shown at a readable size always.
        uniformtext={"minsize": 12, "mode": "show"},
        showlegend=False,
        margin={"l": 70},
    )
    return fig


def _decades(values) -> tuple[float, float]:
    """A log axis range in decades (log10 units) that holds every positive finite value."""
    v = np.asarray(values, float)
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return -18.0, 0.0
    return float(np.floor(np.log10(v.min()))) - 1, float(np.ceil(np.log10(v.max()))) + 1


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
    low, high = _decades(shown)
    low -= 1  # room below the V for the learner's label
    floor, top = 10.0**low, 10.0**high
    grey = "#777777"
    traces = []
    if np.isnan(errors).any():
        worked = steps[~np.isnan(errors)]
        edge = float(worked.min()) if worked.size else float(steps.max())
        traces.append(
            go.Scatter(
                x=[steps.min(), edge, edge, steps.min()],
                y=[floor, floor, top, top],
                fill="toself",
                fillcolor="rgba(34,34,34,0.08)",
                line={"width": 0},
                mode="lines",
                name="h too small: x ± h rounds back to x",
                hoverinfo="skip",
            )
        )
    if truncation > 0:
        traces.append(
            go.Scatter(
                x=steps,
                y=truncation * steps**2,
                mode="lines",
                name=f"truncation ≈ {truncation:.1e}·h²",
                line={"color": grey, "dash": "dash", "width": 2},
            )
        )
    if roundoff > 0:
        traces.append(
            go.Scatter(
                x=steps,
                y=roundoff / steps,
                mode="lines",
                name=f"round-off ≈ {roundoff:.1e}/h",
                line={"color": grey, "dash": "dot", "width": 2},
            )
        )
    traces.append(
        go.Scatter(
            x=steps,
            y=shown,
            mode="markers",
            name="error, max over j of |central − sympy|",
            marker={"size": 7, "color": palette.INK},
            hovertemplate="h = %{x:.1e}<br>error = %{y:.2e}<extra></extra>",
        )
    )
    if best_h is not None:
        traces.append(
            go.Scatter(
                x=[best_h],
                y=[truncation * best_h**2 + roundoff / best_h],
                mode="markers",
                name=f"best h by the model ≈ {best_h:.1e}",
                marker={"size": 12, "symbol": "circle-open", "color": palette.INK},
            )
        )
    traces.append(
        go.Scatter(
            x=[h, h],
            y=[floor, top],
            mode="lines",
            line={"color": palette.INK, "dash": "dot", "width": 1},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    left = h > 1e-8
    step = f"your h = {h:.0e}".replace("e-0", "e-")
    if error_at_h is not None and error_at_h > 0:
        traces.append(
            go.Scatter(
                x=[h],
                y=[error_at_h],
                mode="markers+text",
                name="your h",
                marker={"size": 16, "symbol": "star", "color": palette.INK},
                text=[f"{step}<br>error {error_at_h:.1e}".replace("e-0", "e-")],
                textposition="bottom left" if left else "bottom right",
                cliponaxis=False,
            )
        )
    else:
        why = "error 0: exact" if error_at_h == 0 else "too small for x"
        traces.append(
            go.Scatter(
                x=[h],
                y=[floor],
                mode="text",
                name="your h",
                text=[f"{step}<br>{why}"],
                textposition="top left" if left else "top right",
                showlegend=False,
            )
        )
    fig = go.Figure(traces)
    fig.update_xaxes(
        type="log",
        title="step h",
        range=[np.log10(steps.min()), np.log10(steps.max())],
        gridcolor=_GRID,
        exponentformat="power",
    )
    fig.update_yaxes(
        type="log",
        title="error of ∂L/∂x",
        range=[low, high],
        gridcolor=_GRID,
        exponentformat="power",
    )
    fig = _layout(fig, title, 480)
    fig.update_layout(
        # Below the axis title, whose powers of ten make the tick labels tall.
        margin={"b": 170},
        legend={"orientation": "h", "y": -0.3, "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    return fig


def gradient_routes_bars(
    gradient,
    central,
    shortcut,
    title: str = "Squared error: ∂L/∂x beside (ŷ − y)/T",
) -> go.Figure:
    """Per class: the true ∂L/∂x (solid orange), its central difference (dotted outline),
    and the cross-entropy shortcut (ŷ − y)/T (hatched). ``central`` may be None."""
    gradient, shortcut = np.asarray(gradient, float), np.asarray(shortcut, float)
    names = class_names(gradient.size)
    small = gradient.size > 5
    text = {"textposition": "outside", "cliponaxis": False, "textangle": -90 if small else 0}
    bars = [
        go.Bar(
            name="true ∂L/∂x (formula)",
            x=names,
            y=gradient,
            marker={"color": palette.GRAD, "line": {"color": palette.INK, "width": 1}},
            text=[num(v) for v in gradient],
            **text,
        )
    ]
    values = [gradient, shortcut]
    if central is not None:
        central = np.asarray(central, float)
        values.append(central)
        bars.append(
            go.Bar(
                name="central difference",
                x=names,
                y=central,
                marker={
                    "color": "white",
                    "line": {"color": palette.GRAD, "width": 2},
                    "pattern": {"shape": ".", "fgcolor": palette.GRAD, "solidity": 0.3},
                },
                text=[num(v) for v in central],
                **text,
            )
        )
    bars.append(
        go.Bar(
            name="(ŷ − y)/T, the cross-entropy shortcut",
            x=names,
            y=shortcut,
            marker={
                "color": "white",
                "line": {"color": palette.INK, "width": 2},
                "pattern": {"shape": "x", "fgcolor": palette.INK, "solidity": 0.25},
            },
            text=[num(v) for v in shortcut],
            **text,
        )
    )
    reach = max(1e-12, float(np.max(np.abs(np.concatenate(values)))))
    fig = go.Figure(bars)
    fig.update_layout(barmode="group", bargap=0.2)
    fig.update_xaxes(title="class j", type="category")
    fig.update_yaxes(
        **_signed_axis("∂L/∂xⱼ", -(1.6 if small else 1.3) * reach, (1.6 if small else 1.3) * reach)
    )
    fig = _layout(fig, title, 400)
    fig.update_layout(
        margin={"b": 110},
        legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    return fig


CLASS_COLORS = ("#332288", "#CC6677", "#44AA99", "#DDCC77", "#882255")
"""Classes of the training lab (Paul Tol's muted scheme, colour-blind safe). They name
classes only, never a case of the derivation, and always come with :data:`CLASS_SYMBOLS`."""
CLASS_SYMBOLS = ("triangle-up", "square", "star", "cross", "pentagon")
CLASS_MARKS = ("▲", "■", "★", "✚", "⬟")
"""The text forms of :data:`CLASS_SYMBOLS`, for legends and captions."""


def training_loss_figure(
    loss_history, diverged_at: int | None = None, title: str = "Mean loss L at every epoch"
) -> go.Figure:
    """The loss after every epoch (entry 0 before any step), its first and last values as text.

    A log axis while every loss is positive, so a slow tail and a blow-up both show.
    ``diverged_at`` (1-based epoch) marks where training stopped.
    """
    loss = np.asarray(loss_history, float)
    ends = [0, loss.size - 1] if loss.size > 1 else [0]
    words = ["start", "stopped" if diverged_at is not None else "end"]
    fig = go.Figure(
        [
            go.Scatter(
                x=np.arange(loss.size),
                y=loss,
                mode="lines",
                name="L",
                line={"color": palette.INK, "width": 2},
                hovertemplate="epoch %{x}<br>L = %{y:.6g}<extra></extra>",
            ),
            go.Scatter(
                x=ends,
                y=loss[ends],
                mode="markers+text",
                name="first and last",
                marker={
                    "color": palette.INK,
                    "size": 10,
                    "symbol": ["circle", "x" if diverged_at is not None else "circle"][: len(ends)],
                },
                text=[f"{w}: {num(loss[k])}" for w, k in zip(words, ends, strict=False)],
                textposition=["top right", "bottom left"][: len(ends)],
                cliponaxis=False,
                showlegend=False,
            ),
        ]
    )
    if diverged_at is not None:
        fig.add_annotation(
            text=f"diverged at epoch {diverged_at}",
            xref="paper",
            yref="paper",
            x=1,
            y=1,
            xanchor="right",
            showarrow=False,
            font={"size": 13, "color": palette.INK},
            bgcolor="#FFFFFF",
            bordercolor=palette.INK,
        )
    fig.update_xaxes(title="epoch", gridcolor=_GRID)
    log = bool(np.all(loss > 0))
    # Over more than a decade, label the powers of 10 only: 2, 3, ... 9 between them crowd.
    decades = log and loss.max() > 10 * loss.min()
    fig.update_yaxes(
        title="mean cross-entropy L",
        type="log" if log else "linear",
        dtick=1 if decades else None,
        gridcolor=_GRID,
    )
    fig = _layout(fig, title, 420)
    fig.update_layout(showlegend=False)
    return fig


def _class_scale(n_classes: int) -> list[list]:
    """A stepped colour scale: class k (1-based) fills [(k-1)/K, k/K] with its colour."""
    scale = []
    for k in range(n_classes):
        scale += [[k / n_classes, CLASS_COLORS[k]], [(k + 1) / n_classes, CLASS_COLORS[k]]]
    return scale


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
        go.Heatmap(
            x=xs,
            y=ys,
            z=np.asarray(grid_classes) + 1,
            zmin=0.5,
            zmax=n_classes + 0.5,
            colorscale=_class_scale(n_classes),
            opacity=0.3,
            showscale=False,
            hovertemplate="predicted class %{z}<extra></extra>",
        )
    ]
    for k in range(n_classes):
        mine = labels == k
        right = int(np.count_nonzero(predicted[mine] == k))
        traces.append(
            go.Scatter(
                x=X[mine, 0],
                y=X[mine, 1],
                mode="markers",
                name=f"class {k + 1}: {right} of {int(mine.sum())} right",
                marker={
                    "symbol": CLASS_SYMBOLS[k],
                    "color": CLASS_COLORS[k],
                    "size": 8,
                    "line": {"color": palette.INK, "width": 0.6},
                },
                hovertemplate=f"class {k + 1}<br>(%{{x:.2f}}, %{{y:.2f}})<extra></extra>",
            )
        )
    wrong = predicted != labels
    traces.append(
        go.Scatter(
            x=X[wrong, 0],
            y=X[wrong, 1],
            mode="markers",
            name=f"misclassified: {int(wrong.sum())}",
            marker={
                "symbol": "circle-open",
                "size": 15,
                "color": palette.INK,
                "line": {"width": 2},
            },
            hoverinfo="skip",
        )
    )
    fig = go.Figure(traces)
    fig.update_xaxes(title="feature 1", range=[xs[0], xs[-1]], constrain="domain")
    fig.update_yaxes(title="feature 2", range=[ys[0], ys[-1]], scaleanchor="x", constrain="domain")
    fig = _layout(fig, title, 560)
    fig.update_layout(
        margin={"b": 40},
        legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0, "xanchor": "left"},
    )
    return fig
