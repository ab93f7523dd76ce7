"""The one way to build a figure, and the styles every figure shares, each named once.

A builder writes its traces and layout as plain dicts and hands them to :func:`figure`,
which wraps them in a ``go.Figure`` without validating them: every figure is rebuilt on
every slider move, on the server's one core that all sessions share, and plotly's
validation was 2 to 3 ms of each (a fifth of a charted page's script). The tests validate
instead: every figure a page sends in any test is validated and must come out unchanged
(``tests/conftest.py``), so a property plotly does not know still fails, in a test. A
``go.Figure`` followed by a chain of ``update_*`` calls validates on every step; measured
by ``bench/bench_figures.py``, the plain spec builds about ten times faster even when
validated once. A figure is never edited after it is built: a
builder that extends another adds to the other's traces before building (the tangent of
``loss_tangent`` joins the traces of ``loss_curve_to_point``), never to its figure.

Value axes fit any range: a positive series that spans more than :data:`LOG_DECADES`
decades goes on a log axis, labelled at most :data:`MAX_LOG_TICKS` times, so neither a
diverging run (a loss of 1e+128) nor a tiny loss (1e-218) piles its labels into a smear.
"""

from __future__ import annotations

import math
import textwrap

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num

NO_TEMPLATE = {"data": {"scatter": [{"type": "scatter"}]}}
"""plotly's template ``"none"`` as validation spells it out; plotly.js knows no names."""
FONT = {"family": "sans-serif", "size": 13, "color": palette.INK}

TITLE_CHARS = 36
"""The longest line of a chart title: plotly does not wrap titles, and a chart on a
390 px wide phone is about 340 px wide."""

LOG_DECADES = 3.0
"""A positive series spanning more decades than this is drawn on a log axis."""
MAX_LOG_TICKS = 6
"""At most this many labelled powers of ten on a log axis: six ``10⁻¹⁶``-wide labels fit
a phone's chart."""

LEGEND_BELOW = {
    "orientation": "h",
    "yref": "container",
    "y": 0,
    "yanchor": "bottom",
    "x": 0,
    "xanchor": "left",
}
"""A legend under the chart, pinned to the figure's bottom edge (not to the plot), so it
never meets the axis title however tall the tick labels are; a builder that uses it gives
the bottom margin room for the axis and the legend's rows (:func:`below_margin`)."""

OUTSIDE_LABELS = {"textposition": "outside", "cliponaxis": False}
"""Bar labels above (or below) their bars, drawn even where they leave the plot."""


def class_names(n: int) -> list[str]:
    """Class numbers as the UI shows them: 1..n."""
    return [str(k) for k in range(1, n + 1)]


def labels(values) -> list[str]:
    """Each value as the app prints numbers (:func:`sce_ui.fmt.num`)."""
    return [num(v) for v in values]


def solid(color: str) -> dict:
    """A filled bar with a thin ink outline: a computed value (ŷ, ∂L/∂x, ...)."""
    return {"color": color, "line": {"color": palette.INK, "width": 1}}


def hatched(color: str, shape: str = "x", solidity: float = 0.25) -> dict:
    """A white bar outlined and hatched in ``color``: a reference to compare against."""
    return {
        "color": palette.PAPER,
        "line": {"color": color, "width": 2},
        "pattern": {"shape": shape, "fgcolor": color, "solidity": solidity},
    }


LABEL_BARS = hatched(palette.Y, "/", 0.4)
"""The labels y: hatched green, beside the solid ŷ."""
SHORTCUT_BARS = hatched(palette.INK)
"""A shortcut or naive value set against the true one: cross-hatched ink."""
CENTRAL_BARS = hatched(palette.GRAD, ".", 0.3)
"""A central difference beside the formula's gradient: dotted orange."""


def contours(xs, ys, z, a: str = "x₁", b: str = "x₂", scale: bool = True) -> dict:
    """A loss over two logits ``a`` (across) and ``b`` (up) as labelled grey contours,
    white where it is lowest; ``z[r, c]`` is the loss at ``(xs[c], ys[r])``."""
    trace = {
        "type": "contour",
        "x": np.asarray(xs, float),
        "y": np.asarray(ys, float),
        "z": np.asarray(z, float),
        "colorscale": [[0.0, palette.PAPER], [1.0, palette.SURFACE]],
        "ncontours": 14,
        "contours": {"showlabels": True, "labelfont": {"size": 11, "color": palette.INK}},
        "line": {"color": palette.INK, "width": 0.6},
        "hovertemplate": f"{a} = %{{x:.3g}}, {b} = %{{y:.3g}}<br>L = %{{z:.4g}}<extra></extra>",
        "name": "L",
    }
    if scale:
        trace["colorbar"] = {"thickness": 12, "len": 0.8, "title": {"text": "L"}}
    else:
        trace["showscale"] = False
    return trace


MARKS = {"diamond": "◆", "x": "✖", "square": "■", "triangle-up": "▲"}
"""The learner's marks on a curve or surface, drawn as text (:func:`point_mark`)."""
MARK_SIZE = 22
"""The font size of a mark: about as wide as a size 14 marker."""
_OUTLINE = ", ".join(
    f"{dx}px {dy}px 0 {palette.INK}" for dx in (-1, 0, 1) for dy in (-1, 0, 1) if dx or dy
)
"""A text shadow one pixel all round: the ink outline a marker has."""

_TEXT_PLACES = {
    "top": {"yanchor": "bottom", "yshift": 10},
    "middle": {"yanchor": "middle", "yshift": 0},
    "bottom": {"yanchor": "top", "yshift": -10},
    "left": {"xanchor": "right", "xshift": -10},
    "center": {"xanchor": "center", "xshift": 0},
    "right": {"xanchor": "left", "xshift": 10},
}


def point_mark(
    x: float,
    y: float,
    text: str,
    symbol: str = "diamond",
    position: str = "top center",
    color: str = palette.Y_HAT,
) -> tuple[dict, dict]:
    """A marked point with its text, as two layout annotations, not a trace.

    A chart whose curve or surface does not change when a logit moves, only the
    learner's point on it, is then redrawn in a few milliseconds: a moved annotation
    redraws only itself, and the traces, unchanged, are reused (:mod:`sce_ui.chart`); a
    moved marker trace makes plotly draw the whole chart again (about 45 ms for labelled
    contours). Returns ``(mark, label)``: the mark is :data:`MARKS` ``[symbol]`` in
    ``color`` outlined in ink, centred on the point; the label is ``text``, placed as a
    trace's ``textposition`` would put it ("top center", "bottom right", ...). Like a
    marker with ``cliponaxis=False``, and unlike a shape, neither is clipped by the plot's
    edge. On a log axis, give the logarithm of the value, as plotly wants there.
    """
    vertical, horizontal = position.split()
    at = {"x": float(x), "y": float(y), "xref": "x", "yref": "y", "showarrow": False}
    mark = {
        **at,
        "text": MARKS[symbol],
        "font": {"color": color, "size": MARK_SIZE, "shadow": _OUTLINE},
    }
    label = {
        **at,
        "text": text,
        "font": {"color": palette.INK, "size": 13},
        **_TEXT_PLACES[vertical],
        **_TEXT_PLACES[horizontal],
    }
    return mark, label


def title_lines(title: str) -> list[str]:
    """``title`` broken into lines of at most :data:`TITLE_CHARS` characters."""
    return textwrap.wrap(title, TITLE_CHARS, break_long_words=False) or [title]


def base_layout(title: str, height: int) -> dict:
    """The layout every figure shares: white, titled at the left, legend on top.

    A long title is broken into lines of at most :data:`TITLE_CHARS` characters, and the
    top margin grows with each line.
    """
    lines = title_lines(title)
    return {
        "title": {"text": "<br>".join(lines), "x": 0, "xanchor": "left"},
        "height": height,
        "margin": {"l": 50, "r": 10, "t": 60 + 22 * (len(lines) - 1), "b": 45},
        "font": FONT,
        "plot_bgcolor": palette.PAPER,
        "paper_bgcolor": palette.PAPER,
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 1, "xanchor": "right"},
        # The pages draw charts with theme=None, so this layout is their whole look;
        # plotly's default template would only add weight to every rerun.
        "template": NO_TEMPLATE,
        # Bar labels too small to read (ten bars on a phone) are left out rather than
        # drawn over one another; the page states the same numbers in a table or formula.
        "uniformtext": {"minsize": 9, "mode": "hide"},
    }


def below_margin(rows: int) -> dict:
    """The bottom margin for an axis title and a :data:`LEGEND_BELOW` of ``rows`` rows."""
    return {"b": 75 + 24 * rows}


def figure(data: list[dict], title: str, height: int, **layout) -> go.Figure:
    """One figure from plain trace and layout dicts, not validated (see the module's notes).

    A layout entry that is a dict is merged into the shared one (``margin={"b": 90}``
    keeps the other margins); anything else replaces it.
    """
    spec = base_layout(title, height)
    for key, value in layout.items():
        spec[key] = {**spec[key], **value} if isinstance(spec.get(key), dict) else value
    return go.Figure(data=data, layout=spec, _validate=False)


def axis(title: str, **extra) -> dict:
    """An axis with its title and the light grid."""
    return {"title": {"text": title}, "gridcolor": palette.GRID, **extra}


def signed_axis(title: str, low: float, high: float) -> dict:
    """A value axis that crosses zero: range ``[low, high]``, the grid and a dark zero line.

    Large ticks read as powers of ten (−0.8×10⁹), never with SI suffixes (−0.8B), and
    the margin grows to fit them, so they never run into the axis title.
    """
    return axis(
        title,
        range=[low, high],
        exponentformat="power",
        automargin=True,
        zeroline=True,
        zerolinecolor=palette.INK,
    )


def symmetric_axis(title: str, values, floor: float, room: float = 1.3) -> dict:
    """:func:`signed_axis` from ``-room·reach`` to ``room·reach``, reach = max(floor, max|v|)."""
    v = np.asarray(values, float)
    v = v[np.isfinite(v)]
    reach = max(floor, float(np.max(np.abs(v), initial=0.0)))
    return signed_axis(title, -room * reach, room * reach)


def decades(values) -> tuple[int, int] | None:
    """The powers of ten just below and above the positive finite values, or None."""
    v = np.asarray(values, float)
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return None
    return math.floor(np.log10(v.min())), math.ceil(np.log10(v.max()))


LOG_STEPS = (1, 2, 3, 4, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, 150, 200, 250, 300)
"""Round numbers of decades between a log axis's labels: 10⁰, 10²⁵, 10⁵⁰, not 10³⁷."""


def log_step(low: float, high: float) -> int:
    """The round number of decades between labels that gives ``[low, high]`` (in decades)
    at most :data:`MAX_LOG_TICKS` of them."""
    need = (high - low) / MAX_LOG_TICKS
    return next((step for step in LOG_STEPS if step >= need), math.ceil(need))


def log_axis(title: str, low: float, high: float, **extra) -> dict:
    """A log axis over decades ``[low, high]``, labelled by powers of ten, never crowded."""
    return axis(
        title,
        type="log",
        range=[low, high],
        dtick=log_step(low, high),
        exponentformat="power",
        automargin=True,
        **extra,
    )


def value_axis(title: str, values, log_above: float = LOG_DECADES, **extra) -> dict:
    """The axis for a series: log when every value is positive and they span more than
    ``log_above`` decades, linear otherwise; ticks in powers of ten, never crowded.

    On a log axis over more than a decade only powers of ten are labelled (2, 3, ... 9
    between them crowd), every :func:`log_step` decades; within a decade plotly labels
    the steps between. Values that are not finite are left out of the choice.
    """
    v = np.asarray(values, float)
    v = v[np.isfinite(v)]
    if v.size and np.all(v > 0):
        span = float(np.log10(v.max() / v.min()))
        if span > log_above:
            low, high = decades(v)
            dtick = log_step(low, high) if span > 1 else None
            log = {"type": "log", "dtick": dtick, "exponentformat": "power"}
            return axis(title, **log, automargin=True, **extra)
    return axis(title, type="linear", exponentformat="power", automargin=True, **extra)
