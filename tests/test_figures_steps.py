"""The step pages' own figure builders (`sce_ui.figures.steps`)."""

import numpy as np

from sce_ui import figures, palette
from sce_ui.fmt import num
from sce_ui.models.slope import slope_view


def test_the_gap_chart_draws_the_sweep_and_marks_the_learners_nudge():
    view = slope_view([2.0, 1.0, 0.1], 2, -1.5, 3.0)
    fig = figures.linearisation_gap(view.deltas, view.gaps, -1.5, view.gap, 2)
    line, point = fig.data
    np.testing.assert_array_equal(line.x, view.deltas)
    np.testing.assert_array_equal(line.y, view.gaps)
    assert line.line.color == point.marker.color == palette.SAME
    assert point.marker.symbol == "diamond"  # the i = j case's second cue
    assert tuple(point.x) == (-1.5,) and tuple(point.y) == (view.gap,)
    assert point.text[0] == f"{palette.SAME_MARK} δ = {num(-1.5)}: gap {num(view.gap)}"
    low, high = fig.layout.yaxis.range
    assert low < float(view.gaps.min()) and high > float(view.gaps.max())
    assert "ŷ2" in fig.layout.title.text


def test_a_flat_sweep_still_gets_an_axis():
    fig = figures.linearisation_gap([-1.0, 0.0, 1.0], [0.0, 0.0, 0.0], 0.0, 0.0, 1)
    low, high = fig.layout.yaxis.range
    assert low < 0 < high
