"""Text tables: the numbers behind the charts, and tables that are pictures themselves."""

from __future__ import annotations

import numpy as np
import pandas as pd
from pandas.io.formats.style import Styler

import sce_core as core

from . import arithmetic as ar
from . import palette
from .fmt import num

# Every table is text. Streamlit writes a styled table's display values into a copy of
# the frame cell by cell; into pyarrow-backed strings (pandas' default) that took twice
# as long as into Python strings, 9 ms of a 16 ms table at each slider move.
pd.set_option("mode.string_storage", "python")

Y_HEADER = "yᵢ"
Y_HAT_HEADER = "ŷᵢ"
GRAD_HEADER = "∂L/∂xᵢ = ŷᵢ − yᵢ"

_FOOT = (
    "background-size: 100% 0.45em; background-position: left bottom; background-repeat: no-repeat"
)
"""Bars run along the foot of their cell, below the number, so the number keeps a plain
white background to be read against."""

_NOWRAP = [
    {"selector": "td p", "props": [("white-space", "nowrap")]},
    {"selector": "td div", "props": [("max-width", "none"), ("overflow-x", "visible")]},
]
"""A narrow screen scrolls a table sideways rather than break ``-7.906e-10`` in two.
On the paragraph inside each cell: Streamlit renders cell text as Markdown, whose
container sets its own ``white-space``, and a width of at most 400 px beyond which the
cell would scroll on its own, a scrolled region the keyboard cannot reach; the cell
grows instead, and the table scrolls as a whole."""


_STICKY_PROPS = [
    ("position", "sticky"),
    ("left", "0"),
    ("z-index", "1"),
    ("background-color", "white"),
]
_STICKY = [
    {"selector": "th.row_heading, th.index_name, th.blank", "props": _STICKY_PROPS},
]
"""The row labels (the index) stay in view while a wide table scrolls sideways."""
_STICKY_FIRST = [{"selector": "td.col0, th.col0", "props": _STICKY_PROPS}]
"""The same for a table without an index, whose first column names the rows."""
_TIGHT = [{"selector": "td, th", "props": [("padding", "0.25rem 0.375rem")]}]
"""Less padding, so the class table's last column, ŷ − y, fits a 390 px phone."""
SCROLL_NOTE = "On a narrow screen the table scrolls sideways; its row labels stay in view."
"""What a page says under a table too wide for a phone."""


def _span(start: float, end: float, paint: str) -> str:
    """A linear gradient painting ``paint`` from ``start`` to ``end`` (fractions of the width)."""
    a, b = sorted((start, end))
    stops = f"transparent {a:.1%}, {paint} {a:.1%}, {paint} {b:.1%}, transparent {b:.1%}"
    return f"linear-gradient(90deg, {stops})"


def _bar(start: float, end: float, paint: str) -> str:
    """CSS for a solid bar from ``start`` to ``end`` along the foot of the cell."""
    return f"background-image: {_span(start, end, paint)}; {_FOOT}"


def _hatched_bar(end: float, paint: str) -> str:
    """CSS for a hatched bar from 0 to ``end``: white covers the stripes beyond ``end``."""
    stripes = f"repeating-linear-gradient(135deg, {paint} 0 2px, transparent 2px 5px)"
    cover = f"linear-gradient(90deg, transparent {end:.1%}, white {end:.1%})"
    return f"background-image: {cover}, {stripes}; {_FOOT}"


def text_table(data: dict[str, list[str]] | pd.DataFrame, vectors: tuple[str, ...] = ()) -> Styler:
    """Columns of text for ``st.table``, their numbers never broken across lines.

    A dict of columns is shown without an index; a DataFrame keeps its own. On a narrow
    screen the table scrolls sideways inside its box instead, its row labels (the index,
    or the first column of a dict) kept in view. The columns named in ``vectors`` hold
    vectors, ``(0.1, −0.2, …)``: they may break between components, never inside a number,
    so ten of them do not make the table wider than the page.
    """
    if isinstance(data, pd.DataFrame):
        return data.style.set_table_styles(_NOWRAP + _STICKY)
    frame = pd.DataFrame(data)
    wrap = [
        {"selector": f"td.col{frame.columns.get_loc(name)} p", "props": [("white-space", "normal")]}
        for name in vectors
    ]
    return frame.style.hide(axis="index").set_table_styles(_NOWRAP + _STICKY_FIRST + wrap)


def class_table(x, y) -> Styler:
    """One row per class: x_i, ŷ_i, y_i, ∂L/∂ŷ_i and ∂L/∂x_i as text, and ŷ, y, ŷ − y as bars.

    The numbers are strings from :func:`sce_ui.fmt.num`, so ``st.table`` shows exactly these
    digits; a derived cell the rounded numbers give only approximately reads ``≈ …``.
    Under ŷ_i runs a solid sky-blue bar of length ŷ_i, under y_i a hatched green one of
    length y_i, both on a 0…1 scale; under ŷ_i − y_i an orange bar from the middle of the
    cell, to the left when negative, on a −1…1 scale. The overview draws these bars in
    place of a chart: the same picture, its numbers in the same cell, and far cheaper for
    the browser to redraw on every slider move.
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    y_hat = core.softmax(x)
    grad = core.logits_grad(x, y)
    labels = [ar.exact(v) if float(v).is_integer() else ar.number(v) for v in y]
    probabilities = [ar.number(p) for p in y_hat]
    dl_dy_hat, notes = ar.derived_cells(
        [ar.negative(ar.over(a, p)) for a, p in zip(labels, probabilities, strict=True)],
        core.cross_entropy_grad(y_hat, y),
    )
    dl_dx, more = ar.derived_cells(
        [ar.minus(p, a) for a, p in zip(labels, probabilities, strict=True)], grad
    )
    styled = text_table(
        {
            "class i": [str(k) for k in range(1, x.size + 1)],
            "logit xᵢ": [num(v) for v in x],
            Y_HAT_HEADER: [num(v) for v in y_hat],
            Y_HEADER: [num(v, 0) for v in y],
            "∂L/∂ŷᵢ = −yᵢ/ŷᵢ": dl_dy_hat,
            GRAD_HEADER: dl_dx,
        }
    )
    css = pd.DataFrame("", index=styled.data.index, columns=styled.data.columns)
    wide = "; min-width: 5em"  # room for the bars; narrow enough for a phone at n = 3
    css[Y_HAT_HEADER] = [_bar(0.0, v, palette.Y_HAT) + wide for v in y_hat]
    css[Y_HEADER] = [_hatched_bar(min(v, 1.0), palette.Y) + wide for v in y]
    css[GRAD_HEADER] = [_bar(0.5, 0.5 + v / 2, palette.GRAD) for v in np.clip(grad, -1, 1)]
    styled = styled.set_table_styles(_TIGHT, overwrite=False)
    caption = (
        "Bars under the numbers: ŷᵢ solid sky blue and yᵢ hatched green, both from 0 to 1; "
        "ŷᵢ − yᵢ orange from the middle of its cell, to the left when negative (−1 to 1)."
    )
    if notes or more:
        caption += (
            " ≈: the rounded ŷᵢ shown gives this value only approximately; with more digits, "
            + "; ".join(ar.plain(line) for line in notes + more)
            + "."
        )
    return styled.apply(lambda _: css, axis=None).set_caption(caption)


MARKS_KEY = (
    f"{palette.SAME_MARK} i = j: ŷᵢ(1 − ŷᵢ), outlined · {palette.OTHER_MARK} i ≠ j: −ŷᵢŷⱼ. "
    "Rows i, columns j."
)
"""How to read a Jacobian table: the caption's first words wherever one is shown."""


def _fill(value: float, zmax: float) -> str:
    """The cell background for a signed value: the palette's hues, stronger with |value|."""
    strength = min(1.0, abs(value) / zmax)
    rgb = palette.POSITIVE if value > 0 else palette.NEGATIVE
    r, g, b = (int(rgb[k : k + 2], 16) for k in (1, 3, 5))
    return f"background-color: rgba({r}, {g}, {b}, {strength:.2f})"


def matrix_table(
    matrix,
    zmax: float,
    digits: int = 3,
    caption: str | None = None,
    *,
    selected: tuple[int, int] | None = None,
    column: int | None = None,
) -> Styler:
    """A signed n x n matrix as a coloured text table (a heatmap), its diagonal told apart.

    Every cell shows its value after a mark, ◆ on the diagonal (i = j) and ● elsewhere;
    diagonal cells have a thick vermillion border, and the fill (yellow above 0, purple
    below) saturates at ``±zmax``. A table rather than a chart: its numbers are text a
    screen reader reads, a phone scrolls it sideways instead of squeezing ten columns of
    numbers into one another, and it costs the browser almost nothing to redraw.

    Parameters
    ----------
    matrix : array_like, shape (n, n)
    zmax : float
        The value of full colour, fixed per quantity so colours compare across settings.
    digits : int
        Decimals of the numbers shown.
    caption : str, optional
        Shown under the table as part of it.
    selected : (i, j), 0-based, optional
        A cell ringed in black, inside its own border.
    column : int, 0-based, optional
        A column edged with dashed black lines.
    """
    m = np.asarray(matrix, float)
    n = m.shape[0]
    names = [str(k) for k in range(1, n + 1)]
    same = np.eye(n, dtype=bool)
    text = pd.DataFrame(
        [
            [
                f"{palette.SAME_MARK if same[i, j] else palette.OTHER_MARK} {num(m[i, j], digits)}"
                for j in range(n)
            ]
            for i in range(n)
        ],
        index=pd.Index(names, name="i"),
        columns=pd.Index(names, name="j"),
    )

    def cell_css(i: int, j: int) -> str:
        # Later declarations win: a diagonal cell keeps its whole border inside a dashed column.
        css = [_fill(m[i, j], zmax)]
        if j == column:
            css.append(
                f"border-left: 2px dashed {palette.INK}; border-right: 2px dashed {palette.INK}"
            )
        if same[i, j]:
            css.append(f"border: 3px solid {palette.SAME}")
        if (i, j) == selected:
            css.append(f"outline: 3px solid {palette.INK}; outline-offset: -6px")
        return "; ".join(css)

    css = pd.DataFrame(
        [[cell_css(i, j) for j in range(n)] for i in range(n)],
        index=text.index,
        columns=text.columns,
    )
    styled = text_table(text).apply(lambda _: css, axis=None)
    return styled if caption is None else styled.set_caption(caption)
