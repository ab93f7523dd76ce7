"""Charts as a browser draws them: tick labels that never pile up, legends clear of titles,
a new figure drawn into the chart already there, and a chart as wide as its column.

Bounding boxes come from plotly's SVG: ``g.ytick text`` for the value axis's labels,
``.g-xtitle`` for an axis title and ``g.legend`` for the legend. A page drawn a section at
a time is opened at the section that has the chart (:func:`harness.open_section_with`).
"""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from sce_ui import chart
from tests.browser.harness import each_section, open_section_with

pytestmark = pytest.mark.browser

TRAIN_PAGE = "pages/10_Train_from_scratch.py"
GRADCHECK_PAGE = "pages/9_Gradient_check.py"
SOFTMAX_PAGE = "pages/1_Softmax.py"
"""Step 1 is drawn whole, with two charts: a test that needs a chart, any chart, has it with
one page load."""
PHONE = {"width": 390, "height": 844}
DIVERGING = "use_dL_dyhat"
DIVERGING_LABEL = "Bug: use ∂L/∂ŷ as if it were ∂L/∂x"
BOXES_JS = """els => els.map(e => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
})"""


def boxes(chart, selector: str) -> list[list[float]]:
    return chart.locator(selector).evaluate_all(BOXES_JS)


def overlap(a, b) -> float:
    """Area shared by two boxes (left, top, right, bottom), in px²."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return max(0.0, width) * max(0.0, height)


def piled(labels: list[list[float]]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i in range(len(labels))
        for j in range(i + 1, len(labels))
        if overlap(labels[i], labels[j]) > 1.0
    ]


def train_diverging(page, page_url, settle) -> None:
    """Train with ∂L/∂ŷ in place of ∂L/∂x at the default rate: the loss reaches 5.7e+74.

    Chosen by link where the lab keeps its controls in the URL, else by a click.
    """
    page.goto(page_url(TRAIN_PAGE, f"train_grad={DIVERGING}"))
    settle(page)
    choice = page.locator(".st-key-train_grad").get_by_text(DIVERGING_LABEL)
    if not choice.locator("xpath=ancestor::label//input").is_checked():
        choice.click()
    page.get_by_role("button", name="Train").click()
    settle(page)
    page.get_by_text("diverged at epoch").first.wait_for()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_a_diverging_training_run_keeps_the_loss_axis_labels_apart(
    page, page_url, settle, viewport
):
    page.set_viewport_size(viewport)
    train_diverging(page, page_url, settle)
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    labels = boxes(chart, "g.ytick text")
    assert 2 <= len(labels) <= 8, f"{len(labels)} labels on the loss axis"
    assert not piled(labels), f"overlapping loss-axis labels: {piled(labels)}"
    assert not piled(boxes(chart, "g.xtick text"))


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}])
def test_the_gradient_check_legend_stays_clear_of_the_axis_title(page, page_url, settle, viewport):
    page.set_viewport_size(viewport)
    seen = 0
    for section in each_section(page, page_url, GRADCHECK_PAGE):  # every chart, every section
        charts = page.locator("[data-testid='stPlotlyChart']")
        seen += charts.count()
        for k in range(charts.count()):
            chart = charts.nth(k)
            chart.scroll_into_view_if_needed()
            (legend,) = boxes(chart, "g.legend") or [None]
            if legend is None:
                continue
            for title in boxes(chart, ".g-xtitle") + boxes(chart, "g.xtick text"):
                where = f"{section or GRADCHECK_PAGE}, chart {k}"
                assert overlap(legend, title) <= 1.0, f"{where}: legend {legend} on {title}"
    assert seen, "no chart found on the gradient check"


PLOT = '[data-testid="stPlotlyChart"] .js-plotly-plot'
HEIGHTS_JS = "gd => Array.from(gd._fullData[0].y)"


def test_a_slider_move_updates_the_chart_in_place(page, page_url, settle):
    """A new figure reaches the chart already drawn (``Plotly.react``): no chart is rebuilt."""
    page.goto(page_url(SOFTMAX_PAGE))
    settle(page)
    plot = page.locator(PLOT).first
    before = plot.evaluate(HEIGHTS_JS)
    plot.evaluate("gd => { window.__firstPlot = gd; }")
    page.locator(".st-key-x1 input[type='range']").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    # A chart thrown away (Plotly.purge) has no _fullData left: stop waiting, and fail below.
    changed = (
        "before => !window.__firstPlot._fullData || JSON.stringify("
        f"({HEIGHTS_JS})(window.__firstPlot)) !== JSON.stringify(before)"
    )
    page.wait_for_function(changed, arg=before)
    kept = page.evaluate(f"() => document.querySelector('{PLOT}') === window.__firstPlot")
    assert kept, "the slider move threw the chart away and drew a new one"


MARK_X_JS = "gd => gd.layout.annotations.find((a) => a.text === '◆').x"


def test_a_mark_that_moves_leaves_the_contours_under_it_alone(page, page_url, settle):
    """A move of x1 moves the learner's mark on the surface, a layout annotation; the
    contour trace arrives as the same object, so plotly keeps what it computed (calcdata)."""
    selector = f".st-key-chart_surface {PLOT}"
    open_section_with(page, page_url, "pages/7_Why_this_pairing.py", selector)
    surface = page.locator(selector)
    surface.evaluate("gd => { window.__contours = gd.calcdata[0]; }")
    was = surface.evaluate(MARK_X_JS)
    page.locator(".st-key-x1 input[type='range']").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    moved = f"was => ({MARK_X_JS})(document.querySelector({selector!r})) !== was"
    page.wait_for_function(moved, arg=was)
    kept = surface.evaluate("gd => gd.calcdata[0] === window.__contours")
    assert kept, "the contours were computed again for a move of the mark alone"


WIDTHS_JS = """() => [...document.querySelectorAll("[data-testid='stPlotlyChart']")].map((c) => [
    Math.round(c.closest("[data-testid='stElementContainer']").getBoundingClientRect().width),
    Math.round(c.querySelector(".main-svg").getBoundingClientRect().width),
])"""


def test_a_chart_follows_its_column_when_the_sidebar_closes(browser, page_url, settle):
    # Streamlit keeps a closed sidebar closed in that browser: a context of its own, so the
    # tests after this one still find the sidebar open.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_url(SOFTMAX_PAGE))
        settle(page)
        before = page.evaluate(WIDTHS_JS)
        page.locator("[data-testid='stSidebar']").hover()
        page.locator("[data-testid='stSidebarCollapseButton'] button").click()
        page.wait_for_function(
            f"before => ({WIDTHS_JS})().every(([box], k) => box > before[k][0])", arg=before
        )
        with contextlib.suppress(PlaywrightTimeoutError):  # plotly redraws a moment later
            page.wait_for_function(
                f"() => ({WIDTHS_JS})().every(([box, svg]) => box === svg)", timeout=5_000
            )
        widths = page.evaluate(WIDTHS_JS)
    finally:
        context.close()
    assert all(box == svg for box, svg in widths), f"column and chart widths: {widths}"


def test_a_chart_that_cannot_load_plotly_says_so_and_the_page_goes_on(new_tab, page_url, settle):
    new_tab.route("**/app/static/plotly*", lambda route: route.abort())  # .js and .js.gz
    new_tab.goto(page_url(SOFTMAX_PAGE))
    settle(new_tab)
    note = new_tab.locator("[data-testid='stPlotlyChart'] .sce-plot-note").first
    assert note.inner_text().startswith("The chart could not be drawn")
    new_tab.locator(".st-key-x1 input[type='range']").focus()
    new_tab.keyboard.press("ArrowRight")
    settle(new_tab)
    assert new_tab.locator("[data-testid='stException']").count() == 0
    assert note.inner_text().startswith("The chart could not be drawn")


DRAWN = "[data-testid='stPlotlyChart'] .main-svg"
BUNDLES_JS = """() => performance.getEntriesByType("resource")
    .filter((entry) => entry.name.includes("/app/static/plotly"))
    .map((entry) => [entry.name.split("/").pop(), entry.transferSize, entry.encodedBodySize])"""
"""The plotly.js files the page asked for: name (with query), bytes over the wire, body size."""


def test_a_first_visit_unpacks_the_packed_bundle_and_later_loads_take_the_plain_one_from_cache(
    browser, page_url
):
    """plotly.js comes as plotly's cartesian bundle. A browser's first visit fetches the
    gzipped file, which the server sends as it is, never the plain one, which the server
    would gzip again for every first visit (:func:`sce_ui.chart.plotly_js`). Unpacked into a
    ``blob:`` URL, it is compiled afresh on every page load, so a browser that has run it
    takes the plain file afterwards: once from the server, then from its own cache."""
    version = chart.bundle_version()
    packed, plain = (f"plotly-cartesian.min.js{ext}?v={version}" for ext in (".gz", ""))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        loads = []
        for _ in range(3):
            tab.goto(page_url(SOFTMAX_PAGE))
            tab.locator(DRAWN).first.wait_for()
            loads.append(tab.evaluate(BUNDLES_JS))
    finally:
        context.close()
    (first,), (second,), (third,) = loads
    assert first[0] == packed, loads
    assert second[0] == plain and second[1] > 0, loads
    assert third[0] == plain and third[1] < third[2], f"asked the server again: {loads}"
