"""Figure builders of the prediction-minus-target lab: traces, axes, marks."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import palette
from sce_ui.figures import canonical as figures
from sce_ui.figures.base import MARKS
from sce_ui.fmt import num
from sce_ui.models import canonical as canonical_model


def _size_figure(x, k):
    return figures.gradient_size_chart(
        canonical_model.size_grid(x, k),
        canonical_model.size_curves(x, k),
        canonical_model.learner_sizes(x, k),
        canonical_model.PAIR_NAMES,
    )


def test_gradient_size_chart_has_a_curve_and_the_learners_point_per_pair():
    x, k = np.array([6.0, 0.0, 0.0]), 1
    fig = _size_figure(x, k)
    lines = [t for t in fig.data if t.mode == "lines"]
    marks = [t for t in fig.data if t.mode == "markers"]
    assert [t.name for t in lines] == [canonical_model.PAIR_NAMES[kind] for kind in core.PAIRS]
    sizes = canonical_model.learner_sizes(x, k)
    for kind, mark in zip(core.PAIRS, marks, strict=True):
        p, size = sizes[kind]
        assert mark.y[0] == size
        assert mark.x[0] == pytest.approx(np.log(p / (1 - p)), rel=1e-12)
        assert mark.marker.symbol == figures.PAIR_STYLES[kind][2]
    # Canonical solid, the others dashed or dotted: never colour alone.
    dashes = {t.name: t.line.dash for t in lines}
    assert dashes[canonical_model.PAIR_NAMES["softmax_se"]] == "dash"
    assert dashes[canonical_model.PAIR_NAMES["softmax_ce"]] == "solid"


def test_gradient_size_chart_goes_log_with_a_floor_when_the_sizes_span_decades():
    fig = _size_figure(np.array([2.0, 1.0, 0.1]), 0)
    assert fig.layout.yaxis.type == "log"
    low, high = fig.layout.yaxis.range
    assert low >= np.log10(figures.LOG_FLOOR) and high >= 1
    narrow = figures.gradient_size_chart(
        [0.2, 0.5],
        {"softmax_ce": [0.8, 0.5]},
        {"softmax_ce": (0.5, 0.5)},
        canonical_model.PAIR_NAMES,
    )
    assert narrow.layout.yaxis.type != "log"


def test_the_x_axis_spreads_both_ends_and_reaches_the_learners_point():
    x, k = np.array([10.0, -10.0, *[0.0] * 8]), 1
    fig = _size_figure(x, k)
    p = core.softmax(x)[k]
    low, high = fig.layout.xaxis.range
    assert low <= np.log(p / (1 - p)) and high >= 9
    assert num(0.5) in fig.layout.xaxis.ticktext
    assert len(fig.layout.xaxis.tickvals) == len(fig.layout.xaxis.ticktext) >= 5


def test_needs_log_axis_ignores_zeros_and_non_finite_values():
    assert figures.needs_log_axis([1e-5, 1.0])
    assert not figures.needs_log_axis([0.0, 0.5, 1.0, np.inf])
    assert not figures.needs_log_axis([0.0])


def test_line_loss_chart_draws_the_flat_and_the_steep_line():
    c = canonical_model.convexity([2.0, 1.0, 0.1], 1)
    fig = figures.line_loss_chart(c.steps, c.flat, c.steep, c.values[-1])
    flat, steep, here = fig.data
    assert flat.line.dash == "dash" and steep.line.color == palette.GRAD
    np.testing.assert_array_equal(steep.y, c.steep)
    assert here.x == (0.0,) and here.y[0] == c.flat[c.steps.size // 2]
    assert "λ = 0" in flat.name


def test_surface_chart_marks_each_point_with_its_text():
    s = canonical_model.surfaces([2.0, 1.0, 0.1], 0)
    marks = [(2.0, -1.0, "you", "diamond"), (*s.point.logits[:2], "λ < 0", "x")]
    fig = figures.surface_chart(s.xs, s.squared_error, "Squared error", marks)
    (contour,) = fig.data
    assert contour.type == "contour"
    glyphs, texts = fig.layout.annotations[::2], fig.layout.annotations[1::2]
    assert [(a.x, a.y, a.text) for a in texts] == [m[:3] for m in marks]
    assert [(g.x, g.y, g.text) for g in glyphs] == [(*m[:2], MARKS[m[3]]) for m in marks]
    assert texts[1].yshift < 0 < texts[0].yshift  # text above a point low on the chart
    assert fig.layout.yaxis.scaleanchor == "x"
