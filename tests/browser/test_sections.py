"""A lab drawn a section at a time, in a real browser: its tabs answer the keyboard, the open
section is in the link, and only that section is on the page.

The lab is the first of :data:`sce_ui.nav.SECTIONS`. Streamlit draws the sections as a
react-aria tab list: one Tab stop (the open tab), and the arrow keys open the tab they
reach, with no Enter or Space. What a section shows is read as the page's elements
(:data:`CONTENT_JS`); a closed section's controls stay on the page, hidden, so what only
one section shows is what the two states do not share.

Run with ``python -m pytest tests/browser/test_sections.py -q -p no:cacheprovider``.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from sce_ui import nav

pytestmark = pytest.mark.browser

PAGE = next(iter(nav.SECTIONS))
KEY, LABELS = nav.SECTIONS[PAGE]
TABS = f".st-key-{KEY} [role='tab']"

CONTENT_JS = """() => [...document.querySelectorAll(
        "[data-testid='stMain'] [data-testid='stElementContainer']")]
    .filter((el) => !el.querySelector("[data-testid='stElementContainer']"))
    .map((el) => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll("style, svg").forEach((node) => node.remove());
        return [
            el.querySelector("[data-testid]")?.dataset.testid || "",
            [...el.classList].find((name) => name.startsWith("st-key-")) || "",
            copy.textContent.replace(/\\s+/g, " ").trim(),
        ];
    })"""
"""Every element of the main area, hidden or not, as (test id, key class, text): a table's
generated styles and a chart's drawing are left out, so that two sessions in the same state
read the same."""


def content(page) -> Counter:
    return Counter(tuple(element) for element in page.evaluate(CONTENT_JS))


def kinds(elements: Counter) -> Counter:
    """The elements without their text: which elements, not what numbers they show."""
    return Counter({element[:2]: count for element, count in elements.items()})


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def assert_open(page, label: str) -> None:
    """The tab ``label`` is the one selected and its panel the one shown, with content."""
    selected = page.locator(f"{TABS}[aria-selected='true']")
    assert selected.count() == 1 and selected.inner_text().strip() == label
    panel = page.locator(f".st-key-{KEY} [role='tabpanel']")
    assert panel.count() == 1 and panel.is_visible()
    assert panel.get_attribute("aria-labelledby") == selected.get_attribute("id")
    assert panel.locator("[data-testid='stElementContainer']").count() > 0
    exceptions = page.locator("[data-testid='stException']")
    assert exceptions.count() == 0, exceptions.first.inner_text()


def test_the_arrow_keys_open_the_last_section_and_its_link_opens_it_again(
    page, page_url, settle, console_errors
):
    page.goto(page_url(PAGE))
    settle(page)
    assert_open(page, LABELS[0])
    first = content(page)
    # One Tab stop for the whole list: the open tab.
    stops = page.locator(TABS).evaluate_all("tabs => tabs.map((tab) => tab.tabIndex)")
    assert stops == [0] + [-1] * (len(LABELS) - 1)
    for label in LABELS[1:]:
        # Back to the list's Tab stop each time: now and then the rerun that a key starts
        # drops the focus from the tab to the page's body, a fault this test leaves aside.
        page.locator(f"{TABS}[tabindex='0']").focus()
        page.keyboard.press("ArrowRight")
        settle(page)
        assert_open(page, label)
    assert query_of(page)[KEY] == [LABELS[-1]]
    shown = content(page)

    # A tab of its own is a session of its own, as a new browser context is; the context
    # took this test from 5.8 s to 9.5 s when it ran alone.
    fresh = page.context.new_page()
    try:
        fresh.goto(page.url)
        settle(fresh)
        assert_open(fresh, LABELS[-1])
        linked = content(fresh)
    finally:
        fresh.close()

    assert shown == linked, "the section opened by keyboard differs from its link's"
    first_only, last_only = first - linked, linked - first
    assert first_only and last_only, "the first and the last section show the same"
    left = [element for element in first_only if element in shown]
    assert not left, f"the first section's content is still on the page: {left}"
    assert not console_errors


def test_a_slider_move_keeps_the_section_open(page, page_url, settle, console_errors):
    label = LABELS[-1]
    page.goto(page_url(PAGE, urlencode({KEY: label})))
    settle(page)
    assert_open(page, label)
    before = content(page)
    page.locator(".st-key-x1 input[type='range']").focus()
    page.keyboard.press("ArrowRight")
    settle(page)
    page.wait_for_function("() => new URLSearchParams(location.search).get('x1') === '2.1'")
    assert query_of(page)[KEY] == [label]
    assert_open(page, label)
    assert kinds(content(page)) == kinds(before)
    assert not console_errors


def test_a_link_to_no_section_says_so_and_opens_the_first(page, page_url, settle, console_errors):
    page.goto(page_url(PAGE, f"{KEY}=bogus"))
    settle(page)
    notice = page.locator("[data-testid='stMain'] [data-testid='stAlert']").filter(
        has_text="could not be used"
    )
    assert notice.is_visible()
    said = notice.inner_text()
    assert f"{KEY}=bogus" in said and ", ".join(LABELS) in said, said
    assert_open(page, LABELS[0])
    assert KEY not in query_of(page)
    assert not console_errors
