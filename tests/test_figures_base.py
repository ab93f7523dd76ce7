"""The shared base of the figures: one build path, named styles, axes that fit any range."""

import ast
import re
from pathlib import Path

import numpy as np
import pytest

import sce_core as core
from sce_ui import chart, figures, palette
from sce_ui.figures import base
from sce_ui.fmt import num

PACKAGE = Path(figures.__file__).parent
MODULES = sorted(PACKAGE.glob("*.py"))


def _functions():
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef):
                yield path.name, node


def _lines_matching(pattern: str) -> list[str]:
    """Every line of the package that matches ``pattern``, as ``module:line: text``."""
    found = re.compile(pattern)
    return [
        f"{path.name}:{k}: {line.strip()}"
        for path in MODULES
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if found.search(line)
    ]


def test_no_colour_is_written_outside_the_palette():
    assert not _lines_matching(r"#[0-9A-Fa-f]{3,8}\b|rgba?\(|\"(white|black|gr[ae]y)\"")


@pytest.mark.parametrize(("name", "node"), list(_functions()), ids=lambda v: getattr(v, "name", v))
def test_every_builder_and_helper_is_short(name, node):
    assert node.end_lineno - node.lineno + 1 <= 60, f"{name}: {node.name}"


def test_no_figure_is_edited_after_it_is_built():
    edits = r"\.(update_\w+|add_\w+|data\s*=|for_each_\w+)\b|\bgo\.(?!Figure\b)\w+\("
    assert not _lines_matching(edits)


def test_only_the_base_calls_go_figure():
    callers = [p.name for p in MODULES if "go.Figure(" in p.read_text(encoding="utf-8")]
    assert callers == ["base.py"]


def test_each_named_style_is_written_once():
    # The hatched outline and the legend under the chart, each in one place, used by name.
    texts = {p.name: p.read_text(encoding="utf-8") for p in MODULES}
    assert sum(t.count('"pattern"') for t in texts.values()) == 1
    assert sum(t.count('"yref": "container"') for t in texts.values()) == 1
    assert "LEGEND_BELOW" in texts["gradcheck.py"] and "SHORTCUT_BARS" in texts["stability.py"]


def test_hatched_bars_are_white_outlined_and_patterned_in_their_colour():
    style = base.hatched(palette.Y, "/", 0.4)
    assert style["color"] == palette.PAPER
    assert style["line"]["color"] == style["pattern"]["fgcolor"] == palette.Y
    assert style == base.LABEL_BARS


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        ([0.5, 1.2, 3.0], "linear"),  # under a decade
        ([1e-3, 0.2, 0.9], "linear"),  # 2.95 decades: still linear
        ([1e-4, 0.2, 0.9], "log"),  # 3.95 decades
        ([1.1, 3.0, 3.7e128], "log"),  # a diverging run
        ([1.1, 0.5, 9e-218], "log"),  # a vanishing loss
        ([1e-6, 0.0, 1.0], "linear"),  # a zero has no place on a log axis
        ([-1e-6, 1.0, 1e5], "linear"),  # nor a negative value
    ],
)
def test_a_value_axis_goes_log_when_a_positive_series_spans_more_than_three_decades(values, kind):
    layout = base.value_axis("L", values)
    assert layout.get("type", "linear") == kind
    assert layout["exponentformat"] == "power"


@pytest.mark.parametrize(("low", "high"), [(-1, 1), (0, 129), (-218, 1), (-19, 0), (-16, 0)])
def test_a_log_axis_labels_at_most_six_powers_of_ten(low, high):
    step = base.log_step(low, high)
    ticks = np.arange(np.ceil(low / step) * step, high + 1e-9, step)
    assert 2 <= ticks.size <= base.MAX_LOG_TICKS + 1
    assert step in base.LOG_STEPS


def test_a_value_axis_ignores_values_that_are_not_finite():
    assert base.value_axis("L", [1.0, 2.0, np.inf, np.nan]).get("type", "linear") == "linear"
    assert base.value_axis("L", [1.0, 1e9, np.nan])["type"] == "log"


@pytest.mark.parametrize("top", [3.7e128, 5.0e80])
def test_a_diverging_training_run_gets_a_log_axis_with_few_labels(top):
    history = np.geomspace(1.1, top, 60)
    yaxis = figures.training_loss_figure(history, diverged_at=60).layout.yaxis
    assert yaxis.type == "log"
    assert (np.log10(top) - np.log10(1.1)) / yaxis.dtick <= base.MAX_LOG_TICKS + 1


def test_a_vanishing_training_loss_gets_a_log_axis_with_few_labels():
    history = np.geomspace(1.1, 9e-218, 300)
    yaxis = figures.training_loss_figure(history).layout.yaxis
    assert yaxis.type == "log"
    assert 218 / yaxis.dtick <= base.MAX_LOG_TICKS + 1


def test_a_legend_below_stays_clear_of_the_axis_title():
    steps = np.geomspace(1e-16, 1.0, 49)
    fig = figures.finite_difference_error(steps, 1e-16 / steps, 0.0, 1e-16, 1e-5, 1e-11)
    assert fig.layout.legend.yref == "container" and fig.layout.legend.y == 0
    assert fig.layout.legend.yanchor == "bottom"
    assert fig.layout.margin.b >= base.below_margin(4)["b"]


def test_the_tangent_is_a_visible_segment_even_where_the_curve_is_steep():
    p = float(core.softmax([6.0, 0.0, 0.0])[1])  # 0.00247: the tangent hugged the y axis
    fig = figures.loss_tangent(p)
    (tangent,) = fig.layout.shapes
    width, height = fig.layout.xaxis.range[1], fig.layout.yaxis.range[1]
    run, rise = abs(tangent.x1 - tangent.x0), abs(tangent.y1 - tangent.y0)
    across = np.hypot(run / width, rise / height)
    assert across >= 0.3  # of the plot's diagonal, in screen terms
    assert run / width >= 0.05  # and not flat against the axis
    assert tangent.line.width >= 3 and tangent.line.color != fig.data[0].line.color
    assert "zoomed" in fig.layout.xaxis.title.text
    assert figures.loss_tangent(0.25).layout.xaxis.range[1] == 1.02


def test_the_gradient_size_legend_says_what_the_curves_assume():
    p = np.linspace(0.01, 0.99, 5)
    ce, se = (core.gradient_norm_vs_confidence(p, 3, kind) for kind in core.LOSS_KINDS)
    fig = figures.gradient_size_figure(p, ce, se, (0.00247, 1.409, 0.0183))
    assert "share 1 − ŷ equally" in fig.layout.legend.title.text
    marks = [a.text for a in fig.layout.annotations[1::2]]
    assert marks == [f"cross-entropy: {num(1.409)}", f"squared error: {num(0.0183)}"]


@pytest.mark.parametrize(
    ("n", "central", "upright"), [(3, False, False), (3, True, True), (10, False, True)]
)
def test_grouped_bar_labels_stand_upright_when_they_would_run_into_each_other(n, central, upright):
    x, y = np.linspace(-2, 2, n), np.eye(n)[0]
    true = core.squared_error_logits_grad(x, y)
    fig = figures.gradient_routes_bars(true, true + 1e-11 if central else None, y - y)
    assert {bars.textangle for bars in fig.data} == {-90 if upright else 0}
    high = fig.layout.yaxis.range[1]
    assert high == pytest.approx((1.6 if upright else 1.3) * np.max(np.abs(true)), rel=1e-6)


@pytest.mark.parametrize(
    "trace",
    [
        {"type": "bar", "x": [1], "y": [2], "marker": {"colr": "red"}},  # no such property
        {"type": "bar", "x": [1], "y": [2], "opacity": 3},  # out of range
    ],
)
def test_a_figure_plotly_would_refuse_fails_any_test_that_sends_it(trace):
    """Figures are built unvalidated for speed; every one a test sends is validated
    (tests/conftest.py), so a builder's mistake still fails its page's tests."""
    with pytest.raises(ValueError):
        chart.figure_json(base.figure([trace], "A figure", 300))
