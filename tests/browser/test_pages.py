"""What only a browser shows: every page renders, links carry the state, keys work, it fits.

Run with ``python -m pytest tests/browser -q -p no:cacheprovider``; deselect elsewhere with
``-m "not browser"``. Pages are the ones of :data:`sce_ui.nav.ORDER` that exist; a check of
what a page shows opens each section of a page drawn a section at a time
(:func:`harness.views`), since only the open one is on the page.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest

import sce_core as core
from sce_ui import nav
from sce_ui.fmt import num, tex
from tests.browser.harness import (
    joined,
    one_view_each,
    section_links,
    show_predictions,
    url_path,
    view_id,
    views,
)
from tests.runs import AXE_LINKS, FULL, share, spread

pytestmark = pytest.mark.browser
PlaywrightTimeoutError = pytest.importorskip("playwright.sync_api").TimeoutError

PAGES = [path for path, _ in nav.existing()]
VIEWS = views(PAGES)
SOFTMAX_PAGE = "pages/1_Softmax.py"
DEFAULT_X = (2.0, 1.0, 0.1)
WAIT_MS = 15_000
"""How long an expected value may take to appear after a settled rerun."""


def open_page(page, app_url: str, page_file: str, query: str, settle, reveal: bool = True) -> None:
    """Open a page by its link; with ``reveal``, press "Show me" so nothing stays hidden."""
    page.goto(app_url + url_path(page_file) + (f"?{query}" if query else ""))
    settle(page)
    if reveal:
        show_predictions(page, settle)


def assert_clean(page, console_errors: list[str]) -> None:
    """The page has a visible title and shows no exception, KaTeX error or console error."""
    main = page.locator("[data-testid='stMain']")
    title = main.locator("h1").first
    assert title.is_visible(), f"no visible title (h1); the page reads: {main.inner_text()[:600]}"
    assert title.inner_text().strip()
    exceptions = main.locator("[data-testid='stException']")
    assert exceptions.count() == 0, exceptions.first.inner_text()
    katex_errors = page.locator(".katex-error")
    assert katex_errors.count() == 0, katex_errors.first.get_attribute("title")
    assert not console_errors


def slider(page, key: str) -> float:
    return float(page.locator(f".st-key-{key} input[type='range']").get_attribute("value"))


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


COLUMN_JS = """(name) => {
    const tables = document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stTable'] table");
    for (const table of tables) {
        const heads = [...table.querySelectorAll("thead th")].map(th => th.innerText.trim());
        const col = heads.indexOf(name);
        if (col < 0) continue;
        return [...table.querySelectorAll("tbody tr")].map(
            row => row.querySelectorAll("td")[col].innerText.trim());
    }
    return null;
}"""


def table_column(page, name: str) -> list[str] | None:
    """The cells of column ``name`` of the first ``st.table`` in the main area that has it."""
    return page.evaluate(COLUMN_JS, name)


def wait_for_column(page, name: str, expected: list[str]) -> None:
    """Wait until the table column reads ``expected`` (the DOM may lag the script state)."""
    with contextlib.suppress(PlaywrightTimeoutError):  # the assert shows what it reads instead
        page.wait_for_function(
            f"([name, want]) => JSON.stringify(({COLUMN_JS})(name)) === JSON.stringify(want)",
            arg=[name, expected],
            timeout=WAIT_MS,
        )
    assert table_column(page, name) == expected


def wait_for_query(page, key: str, value: str) -> None:
    """Wait until the tab's URL holds ``key=value`` (the server sends it after the run)."""
    with contextlib.suppress(PlaywrightTimeoutError):  # the assert shows what it reads instead
        page.wait_for_function(
            "([key, value]) => new URLSearchParams(location.search).get(key) === value",
            arg=[key, value],
            timeout=WAIT_MS,
        )
    assert query_of(page).get(key) == [value]


def katex_sources(page) -> str:
    """The TeX source of every rendered formula in the main area, from KaTeX's MathML."""
    return "\n".join(
        page.locator(
            "[data-testid='stMain'] annotation[encoding='application/x-tex']"
        ).all_text_contents()
    )


def press(page, key: str, times: int, settle) -> None:
    page.locator(".st-key-x1 input[type='range']").focus()
    for _ in range(times):
        page.keyboard.press(key)
    settle(page)


# Valid links that stress the pages: the fewest and the most classes, a tie, saturation.
EDGE_LINKS = {
    "defaults": ("", {"n": 3, "x1": DEFAULT_X[0], "label": 1}),
    "n2": ("n=2", {"n": 2}),
    "n10": ("n=10", {"n": 10}),
    "all-equal": ("n=4&x1=0.5&x2=0.5&x3=0.5&x4=0.5", {"n": 4, "x1": 0.5, "x4": 0.5}),
    "extreme": ("x1=10&x2=-10", {"x1": 10.0, "x2": -10.0}),
}


def view_params(rows: list[tuple[str, str]], columns: dict) -> list:
    """:func:`tests.runs.spread` of views and links as ``(page_file, section, link)`` params."""
    return [
        pytest.param(page_file, section, columns[name], id=f"{view_id(page_file, section)}-{name}")
        for (page_file, section), name in spread(rows, list(columns))
    ]


RENDERED = (
    view_params(VIEWS, {k: v for k, v in EDGE_LINKS.items() if v[0] not in AXE_LINKS.values()})
    if FULL
    else view_params(one_view_each(share(PAGES, 1)), EDGE_LINKS)
)
"""Under ``ci`` every view at the edge links that are not :data:`tests.runs.AXE_LINKS`,
where the accessibility test opens every view with the same checks. The quick run opens
one view of every other page (:func:`tests.runs.share`) at the edge links, taken in turn;
the accessibility test opens one of each of the others and finds the same faults (an
exception, a KaTeX error, a console error)."""


@pytest.mark.parametrize(("page_file", "section", "link"), RENDERED)
def test_page_renders_cleanly(page, app_url, console_errors, settle, page_file, section, link):
    query, expected = link
    open_page(page, app_url, page_file, joined(section, query), settle)
    assert_clean(page, console_errors)
    for key, value in expected.items():
        assert slider(page, key) == value, f"the link's {key} was not applied"
    assert page.get_by_text("could not be used").count() == 0


@pytest.mark.parametrize("page_file", share(PAGES, 2, 3))  # the injection test takes part 0
def test_rejected_link_values_show_a_notice_not_an_exception(
    page, app_url, console_errors, settle, page_file
):
    # The notice is the first run's: a rerun (such as "Show me") finds the link cleaned.
    open_page(page, app_url, page_file, "n=99&x2=abc&label=0", settle, reveal=False)
    alerts = page.locator("[data-testid='stMain'] [data-testid='stAlert']")
    notice = alerts.filter(has_text="could not be used")
    assert notice.is_visible()
    assert "n=99" in notice.inner_text() and "x2=abc" in notice.inner_text()
    assert_clean(page, console_errors)
    assert (slider(page, "n"), slider(page, "x2"), slider(page, "label")) == (3, 1.0, 1)


SHARED_QUERY = "n=4&x1=2.5&x4=-3&label=4"
SHARED_X = np.array([2.5, 1.0, 0.1, -3.0])


@pytest.mark.parametrize("page_file", [p for p in ("app.py", SOFTMAX_PAGE) if p in PAGES])
def test_a_shared_link_reproduces_the_setting(page, app_url, console_errors, settle, page_file):
    open_page(page, app_url, page_file, SHARED_QUERY, settle)
    assert_clean(page, console_errors)
    keys = ("n", "x1", "x2", "x3", "x4", "label")
    expected = dict(zip(keys, [4, *SHARED_X, 4], strict=True))
    assert {key: slider(page, key) for key in keys} == expected
    assert query_of(page) == {"n": ["4"], "x1": ["2.5"], "x4": ["-3"], "label": ["4"]}
    y_hat = core.softmax(SHARED_X)
    if page_file == "app.py":
        wait_for_column(page, "ŷᵢ", [num(v) for v in y_hat])
        assert table_column(page, "yᵢ") == ["0", "0", "0", "1"]
    else:
        formulas = katex_sources(page)
        missing = [tex(v) for v in y_hat if tex(v) not in formulas]
        assert not missing, f"ŷ values {missing} not in the page's formulas"


def test_arrow_keys_move_a_logit_by_one_step(page, app_url, console_errors, settle):
    open_page(page, app_url, "app.py", "", settle)
    press(page, "ArrowRight", 3, settle)
    x = np.array([2.3, *DEFAULT_X[1:]])
    wait_for_column(page, "logit xᵢ", [num(v) for v in x])
    assert table_column(page, "ŷᵢ") == [num(v) for v in core.softmax(x)]
    assert query_of(page)["x1"] == ["2.3"]
    press(page, "ArrowLeft", 5, settle)
    wait_for_column(page, "ŷᵢ", [num(v) for v in core.softmax([1.8, *DEFAULT_X[1:]])])
    assert_clean(page, console_errors)


@pytest.mark.parametrize(
    ("page_file", "section"),
    [
        pytest.param(*view, id=view_id(*view))
        # A third of the pages outside ci, the gradient check's among them: the rejected
        # links and the injection test take the other two thirds.
        for view in (VIEWS if FULL else one_view_each(share(PAGES, 1, 3), 2))
    ],
)
def test_a_move_puts_only_what_the_learner_set_in_the_link(
    page, app_url, console_errors, settle, page_file, section
):
    """The link holds what the learner set and nothing else: a control left alone stays
    out of it, also where its default is another control's value (the gradient check's
    class is the label, 3 here). A control's value in session state other than its own
    default would be written into the link by the first rerun."""
    open_page(page, app_url, page_file, joined(section, "label=3"), settle, reveal=False)
    press(page, "ArrowRight", 1, settle)
    wait_for_query(page, "x1", "2.1")
    first_section = section == section_links(page_file)[0]  # the default, left out
    shown = {} if first_section else parse_qs(section)
    assert query_of(page) == {"label": ["3"], "x1": ["2.1"], **shown}
    assert_clean(page, console_errors)


CLASS_CHOICES = {
    "pages/3_Softmax_derivative.py": ("jac_i=9&jac_j=10", {"jac_i": ["3"], "jac_j": ["3"]}),
    "pages/9_Gradient_check.py": ("gc_j=j+%3D+10", {"gc_j": ["j = 3"]}),
    "pages/12_Descend_on_your_logits.py": (
        "gd_i=j+%3D+9&gd_j=j+%3D+10",
        {"gd_i": ["j = 3"], "gd_j": ["j = 3"]},
    ),
}
"""Pages with their own class choices, a link that sets them near n = 10, and the link
once n is back at its default of 3."""


@pytest.mark.parametrize("page_file", [p for p in CLASS_CHOICES if p in PAGES])
def test_quick_presses_on_n_bring_the_pages_own_classes_within_n(
    page, app_url, console_errors, settle, page_file
):
    """Seven quick presses from n = 10 interrupt runs, after which Streamlit hands a class
    choice back as its text (:func:`sce_ui.widgets.stored_class`): each page showed a
    ``TypeError`` then."""
    query, expected = CLASS_CHOICES[page_file]
    open_page(page, app_url, page_file, f"n=10&{query}", settle, reveal=False)
    page.locator(".st-key-n input[type='range']").focus()
    for _ in range(7):
        page.keyboard.press("ArrowLeft")
    settle(page)
    with contextlib.suppress(PlaywrightTimeoutError):  # the asserts show what it reads
        page.wait_for_function("() => !new URLSearchParams(location.search).has('n')")
    assert_clean(page, console_errors)
    assert slider(page, "n") == 3
    assert query_of(page) == expected


@pytest.mark.skipif(len(PAGES) < 2, reason="needs a second page to move to")
def test_the_setting_follows_the_learner_to_another_page(page, app_url, console_errors, settle):
    open_page(page, app_url, "app.py", "", settle)
    press(page, "ArrowRight", 4, settle)
    wait_for_column(page, "logit xᵢ", [num(v) for v in (2.4, *DEFAULT_X[1:])])
    wait_for_query(page, "x1", "2.4")
    target = url_path(PAGES[1])
    # The sidebar's list of pages (Streamlit's or st.page_link's, whose hrefs are relative).
    name = target.lstrip("/")
    link = f"a[href='{name}'], a[href$='/{name}']"
    page.locator("[data-testid='stSidebar']").locator(link).first.click()
    page.wait_for_url(re.compile(re.escape(target) + r"(\?|$)"))
    settle(page)
    assert slider(page, "x1") == 2.4
    wait_for_query(page, "x1", "2.4")
    assert_clean(page, console_errors)


def test_a_linked_setting_follows_the_learner_to_another_page(
    page, app_url, console_errors, settle
):
    # Controls that took their values from a link came back at their defaults on the next
    # page (n = 3, x1 = 2, true class 3 after a link with n = 4, x1 = 2.5, true class 4).
    open_page(page, app_url, "app.py", SHARED_QUERY, settle)
    page.locator("[data-testid='stSidebar'] a[href$='Softmax']").first.click()
    page.wait_for_url(re.compile(r"/Softmax(\?|$)"))
    settle(page)
    keys = ("n", "x1", "x2", "x3", "x4", "label")
    assert {key: slider(page, key) for key in keys} == dict(
        zip(keys, [4, *SHARED_X, 4], strict=True)
    )
    wait_for_query(page, "label", "4")
    assert_clean(page, console_errors)


OVERFLOW_JS = """() => {
    const width = window.innerWidth;
    const main = document.querySelector("[data-testid='stMain']");
    const wide = [...main.querySelectorAll("[data-testid]")]
        .filter(el => el.getBoundingClientRect().right > width + 1)
        .map(el => el.getAttribute("data-testid"));
    return {
        document: document.documentElement.scrollWidth,
        main: main.scrollWidth,
        mainClient: main.clientWidth,
        width,
        wide: [...new Set(wide)].slice(0, 8),
    };
}"""


BROKEN_CELLS_JS = """() => {
    const broken = [];
    document.querySelectorAll("[data-testid='stMain'] [data-testid='stTable'] td p")
        .forEach((p) => {
            const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (const match of node.textContent.matchAll(/[^\\s,()]+/g)) {
                    const range = document.createRange();
                    range.setStart(node, match.index);
                    range.setEnd(node, match.index + match[0].length);
                    const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
                    if (tops.size > 1) broken.push(match[0]);
                }
            }
        });
    return broken;
}"""
"""The numbers (and words) in table cells that run over more than one line. A cell of a
vector may break between its components, never inside one of them."""

MATRIX_PAGES = {"app.py", "pages/3_Softmax_derivative.py", "pages/5_Chain_rule.py"}
PHONE_LINKS = {"defaults": "", "extremes": "n=10&x1=10&x2=-10"}
"""x1 = 10 and x2 = -10 at n = 10 make the widest tables and numbers such as -2.06e-9,
which would break after "e-"."""


@pytest.mark.parametrize(
    ("page_file", "section", "query"),
    view_params(VIEWS if FULL else one_view_each(share(PAGES, 1), 1), PHONE_LINKS),
)
def test_a_phone_needs_no_sideways_scrolling_and_keeps_each_number_on_one_line(
    page, app_url, console_errors, settle, tmp_path, page_file, section, query
):
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, app_url, page_file, joined(section, query), settle)
    page.screenshot(path=str(tmp_path / "phone.png"))
    assert_clean(page, console_errors)
    sizes = page.evaluate(OVERFLOW_JS)
    assert sizes["document"] <= sizes["width"] + 1, sizes
    assert sizes["main"] <= sizes["mainClient"] + 1, sizes
    assert sizes["main"] <= sizes["width"] + 1, sizes
    cells = page.locator("[data-testid='stMain'] [data-testid='stTable'] td")
    assert cells.count() >= (100 if query and page_file in MATRIX_PAGES else 0)
    assert page.evaluate(BROKEN_CELLS_JS) == []


def test_a_phone_sees_the_whole_class_table_of_the_overview_at_the_defaults(
    page, app_url, console_errors, settle
):
    # The last column, ∂L/∂xᵢ = ŷᵢ − yᵢ, is the result the app is about.
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, app_url, "app.py", "", settle)
    assert_clean(page, console_errors)
    widths = page.evaluate(
        """() => {
        const table = document.querySelector("[data-testid='stMain'] [data-testid='stTable'] "
            + "table");
        return [table.scrollWidth, table.parentElement.clientWidth];
    }"""
    )
    assert widths[0] <= widths[1], widths
