"""Charts drawn in place (:mod:`sce_ui.chart`): the bundle, the figure sent, the fallback."""

from __future__ import annotations

import gzip
import json
import os
import re
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from plotly.offline import get_plotlyjs_version
from streamlit.testing.v1 import AppTest

import sce_core as core
from sce_ui import chart, figures
from tests.app_checks import chart_figures, chart_specs, every_view, open_checked
from tests.arithmetic_checks import significant_digits

FULL = Path(plotly.__file__).parent / "package_data" / chart.FULL
CARTESIAN = gzip.decompress(chart.CARTESIAN.read_bytes())
NAME = "plotly-cartesian.min.js"
SOFTMAX = ("pages/1_Softmax.py", "Step 1 · Softmax")


@pytest.fixture
def static(tmp_path, monkeypatch):
    """An empty static folder in place of the app's, and the caches of plotly_js and bundle
    cleared."""
    folder = tmp_path / "static"
    monkeypatch.setattr(chart, "STATIC", folder)
    chart.plotly_js.cache_clear()
    chart.bundle.cache_clear()
    yield folder
    chart.plotly_js.cache_clear()
    chart.bundle.cache_clear()


def test_the_cartesian_bundle_is_plotly_js_of_the_version_plotly_writes_for():
    version = get_plotlyjs_version()
    assert CARTESIAN[:200].decode().splitlines()[1] == (
        f"* plotly.js (cartesian - minified) v{version}"
    )
    assert chart.bundle() == (NAME, chart.CARTESIAN)


def test_plotly_js_is_the_cartesian_bundle_written_to_the_static_folder(static):
    assert chart.plotly_js() == f"/app/static/{NAME}"
    assert (static / NAME).read_bytes() == CARTESIAN
    assert (static / f"{NAME}.gz").read_bytes() == chart.CARTESIAN.read_bytes()  # as shipped
    # no partial copy left
    assert sorted(p.name for p in static.iterdir()) == [NAME, f"{NAME}.gz"]


def test_another_plotly_version_draws_with_the_full_bundle_of_its_package(static, monkeypatch):
    monkeypatch.setattr(chart, "get_plotlyjs_version", lambda: "9.0.0")
    assert chart.plotly_js() == f"/app/static/{chart.FULL}"
    assert (static / chart.FULL).read_bytes() == FULL.read_bytes()
    assert gzip.decompress((static / f"{chart.FULL}.gz").read_bytes()) == FULL.read_bytes()
    assert chart.draws(go.Figure(go.Scatter3d(x=[1], y=[2], z=[3])))


def test_a_stale_bundle_is_replaced_and_packed_again(static):
    static.mkdir()
    (static / NAME).write_text("an older plotly.js")
    (static / f"{NAME}.gz").write_bytes(gzip.compress(b"an older plotly.js"))
    chart.plotly_js()
    assert (static / NAME).read_bytes() == CARTESIAN
    assert gzip.decompress((static / f"{NAME}.gz").read_bytes()) == CARTESIAN


def test_a_bundle_written_before_the_packed_file_existed_gets_one(static):
    static.mkdir()
    (static / NAME).write_bytes(CARTESIAN)
    chart.plotly_js()
    assert gzip.decompress((static / f"{NAME}.gz").read_bytes()) == CARTESIAN


@pytest.mark.parametrize(
    "packed",
    [gzip.compress(b"an older plotly.js", mtime=0), b"not gzip", b""],
    ids=["another-bundle", "not-gzip", "empty"],
)
def test_a_packed_file_that_is_not_the_bundle_gzipped_is_written_again(static, packed):
    static.mkdir()
    (static / NAME).write_bytes(CARTESIAN)
    (static / f"{NAME}.gz").write_bytes(packed)
    chart.plotly_js()
    assert gzip.decompress((static / f"{NAME}.gz").read_bytes()) == CARTESIAN


def test_both_files_are_dated_long_ago_so_that_browsers_keep_them(static):
    """Streamlit sends them without ``Cache-Control``: a browser keeps a file for a tenth of
    the age its ``Last-Modified`` gives, so a file written a minute ago would be asked for
    again, and gzipped again by the server, on every page load."""
    chart.plotly_js()
    chart.plotly_js.cache_clear()
    chart.plotly_js()  # a second process finds them written and dated
    assert {path.stat().st_mtime for path in static.iterdir()} == {chart.STAMPED}


def test_files_that_cannot_be_dated_are_still_served(static, monkeypatch):
    """The date only spares browsers a download: a read-only folder that holds the right
    files still gives their URL, where a failed write gives none (the test below)."""
    chart.plotly_js()
    chart.plotly_js.cache_clear()
    for path in static.iterdir():
        os.utime(path)  # dated now, as a copy of the files would be

    def read_only(*args, **kwargs):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(chart.os, "utime", read_only)
    assert chart.plotly_js() == f"/app/static/{NAME}"


def test_the_bundle_url_follows_the_servers_base_path(static, monkeypatch):
    monkeypatch.setattr(chart.st, "get_option", {"server.baseUrlPath": "/course/"}.get)
    assert chart.plotly_js() == f"/course/app/static/{NAME}"


def test_an_unwritable_static_folder_gives_no_bundle(tmp_path, monkeypatch):
    (tmp_path / "static").write_text("a file where the folder should be")
    monkeypatch.setattr(chart, "STATIC", tmp_path / "static")
    chart.plotly_js.cache_clear()
    try:
        assert chart.plotly_js() is None
    finally:
        chart.plotly_js.cache_clear()


def test_the_app_serves_its_static_folder():
    """Without static serving plotly.js is a 404 and every chart says it could not be drawn."""
    config = (chart.STATIC.parent / ".streamlit" / "config.toml").read_text()
    server = config.split("[server]", 1)[1].split("\n[", 1)[0]  # the section, to the next
    assert "enableStaticServing = true" in server.splitlines()


def test_a_chart_sends_the_figure_plotly_would_write():
    at = open_checked(*SOFTMAX, x1="2.5", softmax_delta="0.5")
    # Logit 1 nudged by δ = 0.5: the change bars of softmax(3.0, 1, 0.1) - softmax(2.5, 1, 0.1).
    expected = figures.nudge_change_bars(
        core.softmax([2.5, 1.0, 0.1]), core.softmax([3.0, 1.0, 0.1]), 1
    )
    assert chart_figures(at)[0] == json.loads(pio.to_json(expected, validate=False))


@pytest.mark.parametrize(
    ("page", "title", "query", "surfaces"),
    [
        (
            "pages/16_Prediction_minus_target.py",
            "Lab · Prediction minus target",
            {"cp_view": "Surfaces"},
            2,
        ),
        (
            "pages/7_Why_this_pairing.py",
            "Lab · Why softmax with cross-entropy",
            {"pair_view": "Surface and push"},
            1,
        ),
    ],
)
def test_a_move_of_x1_sends_the_contours_unchanged(page, title, query, surfaces):
    """The surfaces hold x1 and x2 free, so only the learner's mark moves: the browser
    finds every contour trace's text as before and hands plotly the same object."""
    at = open_checked(page, title, **query)
    before = chart_specs(at)
    at.sidebar.slider(key="x1").set_value(-1.5).run()
    after = chart_specs(at)
    keys = [key for key, spec in before.items() if '"type":"contour"' in spec["traces"][0]]
    assert len(keys) == surfaces
    for key in keys:
        assert after[key]["traces"] == before[key]["traces"]
        marks = [
            next(a for a in json.loads(spec[key]["layout"])["annotations"] if "◆" in a["text"])
            for spec in (before, after)
        ]
        assert marks[1]["x"] == -1.5 != marks[0]["x"]


def test_every_chart_has_its_own_fixed_key():
    at = open_checked(*SOFTMAX)
    charts = [e for e in at.get("bidi_component") if e.proto.component_name == chart.NAME]
    ids = [e.proto.id for e in charts]
    assert len(set(ids)) == len(ids) == 2
    at.sidebar.slider(key="x1").set_value(-1.0).run()
    moved = [e.proto.id for e in at.get("bidi_component") if e.proto.component_name == chart.NAME]
    assert moved == ids  # a new figure, the same element: the browser updates it in place


def test_without_the_bundle_the_page_falls_back_to_streamlits_chart(monkeypatch):
    monkeypatch.setattr(chart, "plotly_js", lambda: None)
    at = open_checked(*SOFTMAX)
    assert len(at.get("plotly_chart")) == 2
    assert chart_figures(at) == []


def test_a_trace_the_bundle_lacks_goes_to_streamlits_chart(monkeypatch):
    """The cartesian bundle has no 3-D traces: such a figure is drawn by Streamlit's
    plotly, which has them all, and the page's other charts stay in place."""
    assert not chart.draws(go.Figure(go.Scatter3d(x=[1], y=[2], z=[3])))
    assert chart.draws(go.Figure([go.Scatter(), go.Bar(), go.Heatmap(), go.Contour()]))
    at = AppTest.from_function(_two_charts).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1
    assert [spec["traces"][0] for spec in chart_specs(at).values()] == ['{"type":"bar"}']


def _two_charts():
    import plotly.graph_objects as go

    from sce_ui import chart

    chart.draw(go.Figure(go.Scatter3d(x=[1], y=[2], z=[3])), key="chart_3d")
    chart.draw(go.Figure(go.Bar()), key="chart_bar")


def _trace_types(figures_: list[dict]) -> set[str]:
    return {trace.get("type", "scatter") for f in figures_ for trace in f["data"]}


def test_every_chart_of_every_page_is_drawn_by_the_bundle():
    """Every page and section at its defaults and at n = 10: no figure leaves the bundle."""
    seen = set()
    for view in every_view():
        types = _trace_types(view.figures)
        assert types <= chart.TRACES, (view.page, types - chart.TRACES)
        seen |= types
    assert {"bar", "contour", "scatter"} <= seen  # it found charts (heatmaps: after training)


NUMBER = re.compile(r"(?<![\w.])-?(?:\d+\.\d+(?:e[+-]?\d+)?|\d+e[+-]?\d+)")
"""A decimal or scientific number in a chart's text; whole numbers (class 3, n = 10) are exact."""
E_FORMAT = re.compile(r"%\{[^}:]*:\.(\d+)e\}")
"""A number plotly prints on hover in scientific notation, with its decimals."""
TEXT_KEYS = {"name", "text", "texttemplate", "hovertemplate"}


def _texts(value, key: str = ""):
    """Every string of a figure that a reader sees: names, labels, hover, annotations, titles."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _texts(v, key)
    elif isinstance(value, str) and key in TEXT_KEYS:
        yield value


def test_every_number_a_chart_shows_has_three_significant_digits():
    """Charts print numbers as tables and formulas do (:func:`sce_ui.fmt.num`): a number
    with fewer digits is one of the page's own control values as the control shows it (h
    = 1e-5). The V chart of the gradient check once printed 6.1e-05 beside a formula's
    6.12 × 10⁻⁵."""
    short = []
    for view in every_view():
        for text in (t for f in view.figures for t in _texts(f)):
            for number in NUMBER.findall(text):
                if significant_digits(number) < 3 and number.lstrip("-") not in view.controls:
                    short.append((view.page, view.query, view.section, number, text[:80]))
            for decimals in E_FORMAT.findall(text):
                if int(decimals) < 2:
                    short.append((view.page, view.query, view.section, f".{decimals}e", text[:80]))
    assert not short, short
