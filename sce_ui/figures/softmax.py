"""The softmax step: how every ŷᵢ moves when one logit moves."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from .. import palette
from ..fmt import num
from .base import OUTSIDE_LABELS, class_names, figure, symmetric_axis


def nudge_change_bars(before, after, chosen: int, title: str | None = None) -> go.Figure:
    """How every ŷᵢ moved when one logit moved: one signed bar Δŷᵢ per class.

    ``chosen`` is the 1-based class whose logit moved: its bar is the i = j case
    (vermillion, ◆), every other bar an i ≠ j case (blue, ●).
    """
    before, after = np.asarray(before, float), np.asarray(after, float)
    change = after - before
    same = np.arange(1, change.size + 1) == chosen
    marks = np.where(same, palette.SAME_MARK, palette.OTHER_MARK)
    bars = {
        "type": "bar",
        "name": "Δŷᵢ",
        "x": [f"{m} {k}" for m, k in zip(marks, class_names(change.size), strict=True)],
        "y": change,
        "marker": {
            "color": np.where(same, palette.SAME, palette.OTHER).tolist(),
            "line": {"color": palette.INK, "width": 1},
        },
        "text": [("+" if v >= 0 else "") + num(v) for v in change],
        **OUTSIDE_LABELS,
    }
    cases = f"class i ({palette.SAME_MARK} i = j, {palette.OTHER_MARK} i ≠ j)"
    return figure(
        [bars],
        title or f"Change of every ŷᵢ when x{chosen} moves",
        340,
        xaxis={"title": {"text": cases}, "type": "category"},
        yaxis=symmetric_axis("Δŷᵢ = ŷᵢ after − ŷᵢ before", change, 0.05),
    )
