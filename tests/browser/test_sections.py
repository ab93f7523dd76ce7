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

import threading
import time
from collections import Counter
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from sce_ui import nav

pytestmark = pytest.mark.browser

PAGE = next(iter(nav.SECTIONS))
KEY, LABELS = nav.SECTIONS[PAGE]
TABS = f".st-key-{KEY} [role='tab']"
SLOW_NETWORK_S = 0.010
"""Time the slow network of a test holds each of the server's messages, in seconds."""

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


def focused_tab(page) -> str | None:
    """The label of the tab that has the keyboard focus, or None where no tab has it."""
    return page.evaluate(
        """() => document.activeElement?.getAttribute("role") === "tab"
            ? document.activeElement.textContent.trim() : null"""
    )


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
    page.locator(f"{TABS}[tabindex='0']").focus()
    for label in LABELS[1:]:
        page.keyboard.press("ArrowRight")
        settle(page)
        assert_open(page, label)
        assert focused_tab(page) == label
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


def test_on_a_slow_network_the_arrow_keys_keep_the_focus_on_the_open_tab(
    new_tab, page_url, settle, console_errors
):
    """Streamlit disables a tab while its block is stale: in the run an arrow key starts,
    after the message that sends the tab list again and before the one that sends the tab.
    A browser that draws in between (always, with the server's messages 10 ms apart, as on
    a slow network) loses the focus to the page's body, and the next arrow key would
    scroll the page; :mod:`sce_ui.tab_focus` gives it back to the open tab."""
    slow = threading.Event()

    def through(socket) -> None:
        server = socket.connect_to_server()

        def to_page(message) -> None:
            if slow.is_set():
                time.sleep(SLOW_NETWORK_S)  # Playwright's one thread: the order holds
            socket.send(message)

        server.on_message(to_page)

    new_tab.route_web_socket("**/_stcore/stream", through)
    new_tab.goto(page_url(PAGE))
    settle(new_tab)
    slow.set()
    new_tab.locator(f"{TABS}[tabindex='0']").focus()
    there_and_back = [*LABELS[1:], *reversed(LABELS[:-1])]
    for press, label in enumerate(there_and_back):
        new_tab.keyboard.press("ArrowRight" if press < len(LABELS) - 1 else "ArrowLeft")
        settle(new_tab)
        assert_open(new_tab, label)
        assert focused_tab(new_tab) == label, f"press {press + 1}: the focus left the tabs"
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
