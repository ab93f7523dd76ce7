"""Figure builders: arrays in, ``plotly.graph_objects.Figure`` out, no Streamlit.

Colours come from :mod:`sce_ui.palette` and always carry a second cue: y bars are
hatched, ŷ bars solid; i = j cells carry ◆ and a thick outline, i != j cells ●.
Every figure has a title, and every bar or cell shows its number as text.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from . import palette
from .fmt import num

_FONT = {"family": "sans-serif", "size": 13, "color": palette.INK}


def class_names(n: int) -> list[str]:
    """Class numbers as the UI shows them: 1..n."""
    return [str(k) for k in range(1, n + 1)]


def _layout(fig: go.Figure, title: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        height=height,
        margin={"l": 50, "r": 10, "t": 60, "b": 45},
        font=_FONT,
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
    )
    return fig


def probability_bars(y_hat, y, title: str = "Prediction ŷ beside the label y") -> go.Figure:
    """ŷ (solid) and y (hatched) side by side for each class."""
    y_hat, y = np.asarray(y_hat, float), np.asarray(y, float)
    names = class_names(y_hat.size)
    fig = go.Figure(
        [
            go.Bar(
                name="ŷ (prediction)",
                x=names,
                y=y_hat,
                marker={"color": palette.Y_HAT},
                text=[num(v) for v in y_hat],
                textposition="outside",
            ),
            go.Bar(
                name="y (label)",
                x=names,
                y=y,
                marker={
                    "color": "white",
                    "line": {"color": palette.Y, "width": 2},
                    "pattern": {"shape": "/", "fgcolor": palette.Y, "solidity": 0.4},
                },
                text=[num(v, 0) for v in y],
                textposition="outside",
            ),
        ]
    )
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(title="class")
    fig.update_yaxes(title="probability", range=[0, 1.18], gridcolor="#e5e5e5")
    return _layout(fig, title, 320)


def gradient_bars(grad, title: str = "Gradient ∂L/∂x = ŷ − y") -> go.Figure:
    """One bar per logit: the push that gradient descent will apply (its negative)."""
    grad = np.asarray(grad, float)
    reach = max(1.0, float(np.max(np.abs(grad))))
    fig = go.Figure(
        go.Bar(
            name="∂L/∂x",
            x=class_names(grad.size),
            y=grad,
            marker={"color": palette.GRAD, "line": {"color": palette.INK, "width": 1}},
            text=[num(v) for v in grad],
            textposition="outside",
        )
    )
    fig.update_xaxes(title="logit x_j (class j)")
    fig.update_yaxes(
        title="∂L/∂x_j",
        range=[-1.25 * reach, 1.25 * reach],
        zeroline=True,
        zerolinecolor=palette.INK,
        gridcolor="#e5e5e5",
    )
    return _layout(fig, title, 320)


def matrix_figure(
    matrix,
    title: str,
    *,
    zmax: float,
    row_title: str = "i (output ŷᵢ)",
    col_title: str = "j (input xⱼ)",
    selected: tuple[int, int] | None = None,
    digits: int = 3,
) -> go.Figure:
    """A signed n x n matrix as a heatmap, its diagonal (i = j) told apart from the rest.

    Parameters
    ----------
    matrix : array_like, shape (n, n)
        Values; the fill is centred on 0 and saturates at ``±zmax``.
    title, row_title, col_title : str
        Figure and axis titles.
    zmax : float
        The value of full colour, fixed per quantity so colours compare across settings.
    selected : (i, j), 0-based, optional
        A cell to outline in black.
    digits : int
        Decimals of the numbers written in the cells.
    """
    m = np.asarray(matrix, float)
    n = m.shape[0]
    names = class_names(n)
    mark = np.where(np.eye(n, dtype=bool), palette.SAME_MARK, palette.OTHER_MARK)
    text = [[f"{mark[i, j]} {num(m[i, j], digits)}" for j in range(n)] for i in range(n)]
    fig = go.Figure(
        go.Heatmap(
            z=m,
            x=names,
            y=names,
            text=text,
            texttemplate="%{text}",
            textfont={"size": 12 if n <= 6 else 9},
            colorscale=palette.DIVERGING,
            zmin=-zmax,
            zmax=zmax,
            xgap=2,
            ygap=2,
            colorbar={"thickness": 12, "len": 0.8},
            hovertemplate="i = %{y}, j = %{x}<br>%{z:.6g}<extra></extra>",
        )
    )
    shapes = [_cell_outline(k, k, palette.SAME, 3) for k in range(n)]
    if selected is not None:
        shapes.append(_cell_outline(*selected, palette.INK, 4))
    fig.update_layout(shapes=shapes)
    fig.update_xaxes(side="top", type="category")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.add_annotation(
        text=(
            f"rows: {row_title} · columns: {col_title}<br>"
            f"{palette.SAME_MARK} i = j (outlined)   {palette.OTHER_MARK} i ≠ j"
        ),
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        yanchor="top",
        showarrow=False,
        font={"size": 12},
    )
    fig = _layout(fig, title, 160 + 44 * n)
    fig.update_layout(margin={"t": 80, "b": 55, "l": 30})
    return fig


def _cell_outline(i: int, j: int, color: str, width: float) -> dict:
    """A rectangle around cell (row i, column j) of a categorical heatmap."""
    return {
        "type": "rect",
        "xref": "x",
        "yref": "y",
        "x0": j - 0.5,
        "x1": j + 0.5,
        "y0": i - 0.5,
        "y1": i + 0.5,
        "line": {"color": color, "width": width},
        "fillcolor": "rgba(0,0,0,0)",
    }


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
    fig.update_xaxes(title="ŷ of the true class", range=[0, 1.02], gridcolor="#e5e5e5")
    fig.update_yaxes(title="L = −log ŷ", range=[0, 7.2], gridcolor="#e5e5e5")
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
    fig.update_xaxes(title="class i")
    fig.update_yaxes(
        title="Δŷᵢ = ŷᵢ after − ŷᵢ before",
        range=[-1.3 * reach, 1.3 * reach],
        zeroline=True,
        zerolinecolor=palette.INK,
        gridcolor="#e5e5e5",
    )
    fig.update_xaxes(type="category")
    title = title or (
        f"Change of every ŷᵢ when x{chosen} moves "
        f"({palette.SAME_MARK} i = j, {palette.OTHER_MARK} i ≠ j)"
    )
    return _layout(fig, title, 340)


def matrix_column_figure(
    matrix,
    title: str,
    *,
    zmax: float,
    column: int,
    selected: tuple[int, int] | None = None,
) -> go.Figure:
    """:func:`matrix_figure` with one whole column (0-based ``column``) outlined in dashes."""
    fig = matrix_figure(matrix, title, zmax=zmax, selected=selected)
    n = np.asarray(matrix).shape[0]
    outline = _cell_outline(0, column, palette.INK, 2)
    outline.update(y1=n - 0.5, line={"color": palette.INK, "width": 2, "dash": "dash"})
    fig.add_shape(outline)
    return fig


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
    fig.update_yaxes(
        title="∂L/∂xᵢ",
        range=[-1.3 * reach, 1.3 * reach],
        zeroline=True,
        zerolinecolor=palette.INK,
        gridcolor="#e5e5e5",
    )
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
    fig.update_yaxes(
        title="∂L/∂ŷᵢ",
        range=[-1.3 * reach, 0.3 * reach],
        zeroline=True,
        zerolinecolor=palette.INK,
        gridcolor="#e5e5e5",
    )
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
