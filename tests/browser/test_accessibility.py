"""Accessibility in the browser: axe-core on every page, and charts that can be read as text.

Every page of :data:`sce_ui.nav.ORDER` that exists is checked at the defaults, at n = 10,
and, where a page hides charts behind a control, with them shown (see :data:`REVEAL`). A
page drawn a section at a time (:data:`sce_ui.nav.SECTIONS`) shows only its open section,
so it is checked with each section open by link (:func:`harness.views`). Outside the ``ci``
profile each page is checked with one section open (:func:`harness.one_view_each`) at one
of the two links, taken in turn (:func:`tests.runs.spread`), and the charts of
:data:`REVEAL` are shown with the page's first section open only (a page drawn whole is
then checked with them shown, at its link: :data:`MERGED`).

``test_no_serious_accessibility_violation_and_every_chart_reads_as_text`` checks each
state once it is open (opening a page is most of a browser test's cost):

- axe-core finds no violation of impact "serious" or "critical", and no text is fainter
  than WCAG AA allows where axe cannot judge it and leaves it "incomplete": plotly's SVG
  text, and coloured KaTeX symbols of one or two characters or under a ``\\cancel`` stroke;
- the page shows no exception, KaTeX error or console error (the quick run opens one
  section of each page here, and ``test_page_renders_cleanly`` another);
- every chart has what a screen reader or a colour-blind reader needs from it: its
  title, and its numbers written out; and every chart the page drew is found
  (:data:`DRAWN_JS`), so a section with charts cannot pass for want of finding them.

Run with ``python -m pytest tests/browser/test_accessibility.py -q -p no:cacheprovider``.
"""

from __future__ import annotations

import pytest

from sce_ui import nav
from tests.browser.harness import (
    joined,
    one_view_each,
    section_links,
    show_predictions,
    view_id,
    views,
)
from tests.runs import AXE_LINKS, FULL, share, spread

pytestmark = pytest.mark.browser
Axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe

PAGES = [path for path, _ in nav.existing()]
VIEWS = views(PAGES)
QUERIES = AXE_LINKS
SERIOUS = ("serious", "critical")
MAX_HEIGHT = 12_000


def _click_radio_option(label: str, key: str):
    return lambda page: page.locator(f".st-key-{key}").get_by_text(label, exact=True).click()


REVEAL = {
    "pages/6_Simplification.py": (
        "soft-labels",
        lambda page: page.locator(".st-key-simp_soft label").first.click(),
    ),
    "pages/9_Gradient_check.py": (
        "squared-error",
        _click_radio_option("Squared error on ŷ", "gc_loss"),
    ),
    "pages/10_Train_from_scratch.py": (
        "trained",
        lambda page: page.locator(".st-key-train_go button").click(),
    ),
    "pages/13_Network_from_scratch.py": (
        "trained",
        lambda page: page.locator(".st-key-nn_train button").click(),
    ),
}
"""Pages whose charts only appear after a click: what to click, and a name for the state."""

QUICK_PAGES = share(PAGES, 0)
"""The pages the quick run checks here: every other one (:func:`tests.runs.share`), while
the render test (``tests/browser/test_pages.py``) looks for the same faults on the others."""
REVEALED = [
    (page_file, section)
    for page_file, section in VIEWS
    if page_file in REVEAL
    and (FULL or (page_file in QUICK_PAGES and section == section_links(page_file)[0]))
]
"""The views checked after :data:`REVEAL`'s click: every section of the page under ``ci``,
else its first."""
MERGED = [] if FULL else [(page_file, section) for page_file, section in REVEALED if not section]
"""Outside ``ci``, a page drawn whole is checked after the click only, at the link its turn
gives it: what the click adds is drawn below what the page shows anyway (one page open
less). Under ``ci`` it is checked at every link without the click, and after it."""
LINKED = (
    VIEWS
    if FULL
    else [view for view in one_view_each(QUICK_PAGES, 1) if view not in REVEALED or not view[1]]
)
"""The views checked at the links of :data:`QUERIES`: every view under ``ci``; else one
section of each of :data:`QUICK_PAGES`, taken in turn, but not a section checked after the
click."""


def _state(page_file: str, section: str, name: str, query: str, reveal: str | None):
    return pytest.param(
        page_file, joined(section, query), reveal, id=f"{view_id(page_file, section)}-{name}"
    )


STATES = [
    _state(page_file, section, name, QUERIES[name], None)
    if (page_file, section) not in MERGED
    else _state(page_file, section, f"{name}-{REVEAL[page_file][0]}", QUERIES[name], page_file)
    for (page_file, section), name in spread(LINKED, list(QUERIES))
] + [
    _state(page_file, section, REVEAL[page_file][0], "", page_file)
    for page_file, section in REVEALED
    if (page_file, section) not in MERGED
]


CONTENT_BOTTOM_JS = """() => Math.max(
    ...["stMainBlockContainer", "stSidebarUserContent"].map((id) => {
        const el = document.querySelector(`[data-testid='${id}']`);
        return el ? el.getBoundingClientRect().bottom : 0;
    }))"""


def open_whole(page, page_url, page_file: str, query: str, reveal: str | None, settle) -> None:
    """Open a page in a window as tall as its content, so nothing is scrolled out of view.

    The main area and the sidebar scroll inside the window: axe cannot tell the background
    of text scrolled out of view, and reports it as "incomplete" instead of checking it.
    """
    page.goto(page_url(page_file, query))
    settle(page)
    show_predictions(page, settle)
    if reveal:
        REVEAL[reveal][1](page)
        settle(page)
    exceptions = page.locator("[data-testid='stException']")
    assert exceptions.count() == 0, exceptions.first.inner_text()
    bottom = page.evaluate(CONTENT_BOTTOM_JS)
    page.set_viewport_size({"width": 1280, "height": min(MAX_HEIGHT, max(900, int(bottom) + 40))})
    settle(page)
    page.wait_for_timeout(500)  # plotly redraws after a resize, without a rerun


# --- axe ------------------------------------------------------------------------------

KATEX_STRUT_JS = """(selector) => {
    const el = document.querySelector(selector);
    return el !== null
        && el.classList.contains("katex-display")
        && getComputedStyle(el).overflowY === "hidden"
        && el.scrollWidth - el.clientWidth <= 2;
}"""


def is_framework_katex_strut(page, rule: str, node: dict) -> bool:
    """Streamlit's formula box, scrollable by the 2 px of KaTeX's own strut, no more.

    Streamlit gives every ``.katex-display`` ``overflow-x: auto`` and sizes it to the
    formula; KaTeX ends every formula whose last part is stacked (a sub- or superscript,
    a fraction, an ``aligned`` or ``array``) with ``.vlist-s``, an empty 2 px strut (a
    Safari workaround) that sticks out of that box. Even ``st.latex("x_i")`` alone makes a
    box that scrolls by 2 px and so fails ``scrollable-region-focusable``; the app cannot
    style Streamlit's box without raw HTML. Only this case is excused: a formula that
    really overflows (more than 2 px) still fails, as does every other rule on the box.
    """
    target = node.get("target", [])
    return (
        rule == "scrollable-region-focusable"
        and len(target) == 1
        and isinstance(target[0], str)
        and target[0].endswith(".katex-display")
        and page.evaluate(KATEX_STRUT_JS, target[0])
    )


def _summary(node: dict) -> str:
    checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
    return "; ".join(check["message"] for check in checks if check.get("message"))[:300]


def axe_violations(page) -> list[str]:
    """Serious and critical axe violations on the page, one line per element."""
    results = Axe().run(page, options={"resultTypes": ["violations"]}).response
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in SERIOUS:
            continue
        for node in violation["nodes"]:
            if is_framework_katex_strut(page, violation["id"], node):
                continue
            html = " ".join(node.get("html", "").split())[:160]
            found.append(
                f"{violation['id']} ({violation['impact']}) at {node['target']}: {html} "
                f"-- {_summary(node)}"
            )
    return found


CONTRAST_JS = r"""() => {
    const rgb = (css) => (css.match(/[\d.]+/g) || []).slice(0, 4).map(Number);
    const lin = (c) => (c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    const luminance = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    const blend = (fg, bg) => fg.length < 4 ? fg : fg.slice(0, 3).map(
        (c, i) => c * fg[3] + bg[i] * (1 - fg[3]));
    const ratio = (fg, bg) => {
        const [a, b] = [luminance(blend(fg, bg)), luminance(bg)].sort((x, y) => y - x);
        return (a + 0.05) / (b + 0.05);
    };
    const needed = (style, bold) => {
        const size = parseFloat(style.fontSize);
        return size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    };
    const opaque = (css) => { const c = rgb(css); return c.length === 3 || c[3] === 1 ? c : null; };
    const backdrop = (el) => {
        for (let at = el; at; at = at.parentElement) {
            const c = opaque(getComputedStyle(at).backgroundColor);
            if (c) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    const faint = new Map();
    const note = (where, fg, bg, found, need, words) => {
        const key = `${where}: ${fg} on rgb(${bg.join(", ")}) is ${found.toFixed(2)}:1, `
            + `needs ${need}:1`;
        faint.set(key, [...(faint.get(key) || []), words.slice(0, 20)]);
    };
    // Plotly text over the paper, the plot area, a legend or an annotation box. Labels on a
    // heatmap cell, inside a bar or on a filled contour sit on the data's own colour
    // instead, which plotly picks their colour for.
    document.querySelectorAll("[data-testid='stPlotlyChart']").forEach((chart, index) => {
        const svg = chart.querySelector(".main-svg");
        if (!svg) return;
        const paper = opaque(getComputedStyle(svg).backgroundColor) || backdrop(chart);
        const title = (chart.querySelector(".gtitle")?.textContent || `chart ${index + 1}`).trim();
        chart.querySelectorAll("svg text").forEach((text) => {
            const words = text.textContent.trim();
            if (!words || text.closest(".hm, .contourlayer")) return;
            if (text.classList.contains("bartext-inside")) return;
            const box = text.closest(".annotation, .legend")?.querySelector("rect.bg");
            const boxFill = box ? getComputedStyle(box) : null;
            const bg = (boxFill && Number(boxFill.fillOpacity) === 1 && opaque(boxFill.fill))
                || paper;
            const style = getComputedStyle(text);
            // A learner's mark drawn as a glyph (sce_ui.figures.MARKS) is a graphical object
            // outlined by a text shadow, as a marker is by its line: the outline must stand
            // 3:1 against the paper (WCAG 1.4.11).
            if (style.textShadow && style.textShadow !== "none") {
                const outline = ratio(rgb(style.textShadow), bg);
                if (outline < 3) {
                    note(`plotly-mark-outline in "${title}"`, style.textShadow, bg, outline, 3,
                        words);
                }
                return;
            }
            const bold = Number(style.fontWeight) >= 700 || !!text.querySelector("[style*=bold]");
            const found = ratio(rgb(style.fill), bg);
            if (found < needed(style, bold)) {
                note(`plotly-text-contrast in "${title}"`, style.fill, bg, found,
                    needed(style, bold), words);
            }
        });
    });
    // KaTeX text coloured by the app (\textcolor): axe skips symbols of one or two
    // characters ("too short") and text under a \cancel stroke ("overlapped").
    document.querySelectorAll("[data-testid='stMain'] .katex-html [style*='color']")
        .forEach((el) => {
            const words = el.textContent.trim();
            if (!words) return;
            const style = getComputedStyle(el);
            const bg = backdrop(el);
            const found = ratio(rgb(style.color), bg);
            if (found < needed(style, Number(style.fontWeight) >= 700)) {
                note("katex-text-contrast", style.color, bg, found,
                    needed(style, Number(style.fontWeight) >= 700), words);
            }
        });
    return [...faint].map(([key, words]) =>
        `${key} (${words.length}x: ${[...new Set(words)].slice(0, 6).join(" | ")})`);
}"""
"""Text in colours axe cannot judge, one line per place and colour pair, with examples."""


# --- charts ----------------------------------------------------------------------------

CHARTS_JS = r"""() => {
    const DIGIT = /\d/;
    const LABELS = ".bartext, .heatmap-label, .textpoint text, .annotation-text, "
        + ".contourlabels text";
    const TEXT = "[data-testid='stTable'], [data-testid='stDataFrame'], "
        + "[data-testid='stCaptionContainer']";
    const leaves = [...document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stElementContainer']")];
    const charts = document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stPlotlyChart']");
    return [...charts].map((chart) => {
        const plot = chart.querySelector(".js-plotly-plot");
        const title = plot?.layout?.title;
        const bars = [...chart.querySelectorAll(".barlayer .trace.bars")].map((trace) => {
            const points = [...trace.querySelectorAll(".point")];
            const shown = points.filter((p) => p.querySelector(".bartext")?.textContent.trim());
            return [points.length, shown.length];
        });
        // A heatmap with text (the matrices) must label every cell; one without is a map.
        const cells = (plot?._fullData || [])
            .filter((t) => t.type === "heatmap" && t.visible && (t.texttemplate || t.text))
            .map((t) => [...t.z].reduce((count, row) => count + row.length, 0));
        const at = leaves.indexOf(chart.closest("[data-testid='stElementContainer']"));
        return {
            title: (chart.querySelector(".gtitle")?.textContent || "").trim(),
            figureTitle: (typeof title === "string" ? title : title?.text) || "",
            labels: [...chart.querySelectorAll(LABELS)].map((t) => t.textContent.trim())
                .filter((t) => DIGIT.test(t)),
            bars,
            cells: cells.reduce((a, b) => a + b, 0),
            cellLabels: chart.querySelectorAll(".heatmap-label").length,
            textAfter: leaves.slice(at + 1, at + 4).some(
                (el) => el.querySelector(TEXT) && DIGIT.test(el.innerText)),
        };
    });
}"""
"""Each plotly chart of the main area: its title, its number labels and what follows it."""

DRAWN_JS = """() => document.querySelectorAll(
    "[data-testid='stMain'] [class*='st-key-chart_']").length"""
"""How many charts the script drew in the main area, read apart from the charts' own markup:
:func:`sce_ui.widgets.chart` keys every chart ``chart_<name>``, and Streamlit marks an
element with its key (``st-key-<key>``). :data:`CHARTS_JS` must find as many: a chart
whose test id or plotly markup changed is then missed in every state that has one, such
as one section of a page, and a change of the key class shows as charts found where none
were drawn."""

EXPECT_CHARTS = {page for page in ("pages/1_Softmax.py", *REVEAL) if page not in nav.SECTIONS}
"""Pages drawn whole whose checked states always show a chart: finding none there means the
selectors no longer match Streamlit's or plotly's markup, not that the page is fine. A page
drawn a section at a time has sections without a chart; :data:`DRAWN_JS` says which have."""


def chart_problems(chart: dict) -> list[str]:
    """Why a chart (as read by :data:`CHARTS_JS`) cannot be read without seeing it.

    It needs a title, and its numbers as text: every bar and every cell of a labelled
    heatmap showing its value, and at least one label or annotation with a number in it;
    or else a table or a caption with numbers among the next three elements of the page.
    """
    name = repr(chart["title"] or chart["figureTitle"] or "untitled chart")
    problems = [] if chart["title"] else [f"{name}: no title shown"]
    gaps = [
        f"only {labelled} of {points} bars show their value"
        for points, labelled in chart["bars"]
        if labelled < points
    ]
    if chart["cellLabels"] < chart["cells"]:
        gaps.append(f"only {chart['cellLabels']} of {chart['cells']} cells show their value")
    if not chart["labels"]:
        gaps.append("no data label or annotation with a number")
    if gaps and not chart["textAfter"]:
        problems.append(f"{name}: {'; '.join(gaps)}; and no table or caption with numbers after it")
    return problems


@pytest.mark.parametrize(("page_file", "query", "reveal"), STATES)
def test_no_serious_accessibility_violation_and_every_chart_reads_as_text(
    page, page_url, console_errors, settle, page_file, query, reveal
):
    open_whole(page, page_url, page_file, query, reveal, settle)
    found = axe_violations(page) + page.evaluate(CONTRAST_JS)
    charts, drawn = page.evaluate(CHARTS_JS), page.evaluate(DRAWN_JS)
    unreadable = [problem for chart in charts for problem in chart_problems(chart)]
    assert not found, f"{len(found)} serious or critical:\n" + "\n".join(found)
    katex_errors = page.locator(".katex-error")
    assert katex_errors.count() == 0, katex_errors.first.get_attribute("title")
    if page_file in EXPECT_CHARTS and (reveal or page_file not in REVEAL):
        assert charts, "no plotly chart found: have the test ids or plotly's classes changed?"
    assert len(charts) == drawn, f"{len(charts)} plotly charts found, {drawn} drawn"
    assert not unreadable, "charts that cannot be read as text:\n" + "\n".join(unreadable)
    assert not console_errors
