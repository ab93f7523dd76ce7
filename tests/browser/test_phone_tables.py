"""Tables on a 390 px phone: the overview's result column is whole, and a table that has
to scroll sideways says so and keeps its row labels in view."""

from __future__ import annotations

import pytest

from sce_ui.tables import SCROLL_NOTE
from tests.browser.harness import url_path

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
CONFIDENT_AND_WRONG = "label=2&x1=6&x2=0&x3=0"

TABLES_JS = """() => [...document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stTable']")].map((box) => {
    box.scrollIntoView({block: "center"});  // elementFromPoint sees only the viewport
    const table = box.querySelector("table");
    const scroller = [box, ...box.querySelectorAll("*")].find((el) =>
        el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible");
    const label = table.querySelector("tbody tr th, tbody tr td");
    const left = label.getBoundingClientRect().left;
    if (scroller) scroller.scrollLeft = scroller.scrollWidth;
    const rect = label.getBoundingClientRect();
    const hit = document.elementFromPoint(rect.left + 4, rect.top + rect.height / 2);
    const box_ = box.getBoundingClientRect();
    const result = [...table.querySelectorAll("tbody tr > :last-child")].map(
        (cell) => cell.getBoundingClientRect().right <= box_.right + 1);
    if (scroller) scroller.scrollLeft = 0;
    return {
        scrolls: Boolean(scroller),
        label: label.innerText.trim(),
        labelStays: Math.abs(rect.left - left) < 1 && label.contains(hit),
        lastColumnWhole: result.every(Boolean),
        text: box.innerText,
    };
})"""
"""Each table: whether it scrolls, and, scrolled to its far right, whether its first
row label is still where it was and on top, and whether its last column is in view."""


def open_phone(page, app_url, settle, page_file: str, query: str = ""):
    page.set_viewport_size(PHONE)
    page.goto(app_url + url_path(page_file) + (f"?{query}" if query else ""))
    settle(page)
    return page.evaluate(TABLES_JS)


@pytest.mark.parametrize(
    "query",
    ["", CONFIDENT_AND_WRONG, "x1=10&x2=-10&x3=-10&label=2", "n=10&x1=10&x2=-10&label=2"],
    ids=["defaults", "confident-wrong", "extreme", "n10-extreme"],
)
def test_the_class_table_shows_its_result_whole(page, app_url, settle, query):
    class_table = open_phone(page, app_url, settle, "app.py", query)[0]
    assert "ŷᵢ − yᵢ" in class_table["text"]
    assert not class_table["scrolls"] and class_table["lastColumnWhole"], class_table


@pytest.mark.parametrize(
    ("page_file", "query", "which"),
    [
        ("app.py", "n=10", [1, 2]),  # the Jacobian and the chain-rule terms
        ("pages/8_Numerical_stability.py", "", [0]),
    ],
    ids=["overview-n10", "stability"],
)
def test_a_table_that_scrolls_says_so_and_keeps_its_row_labels(
    page, app_url, settle, page_file, query, which
):
    tables = open_phone(page, app_url, settle, page_file, query)
    main = page.locator("[data-testid='stMain']").inner_text()
    for index in which:
        table = tables[index]
        assert table["scrolls"], table
        assert table["labelStays"], table
    assert SCROLL_NOTE in main.replace("\n", " ")
