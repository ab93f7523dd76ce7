"""Back and Forward in a real browser: each goes one state the learner had, never a mix.

Streamlit pushes one history entry per URL parameter that the server writes (a preset
writes four) and three on each change of page, so most entries hold part of a state.
Before :mod:`sce_ui.history` a Back after a preset and two page moves brought one logit
after another back to its default; with its guard alone, a Back stayed on the same state
two presses in three. Now each action of the learner is one entry.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PRESET = "Confident and wrong"
HISTORY_JS = "() => [navigation.currentEntry.index, navigation.entries().length]"
"""Where the tab is in its history, and how long that is (the Navigation API)."""


def shown(page, settle) -> tuple[str, tuple[str, ...]]:
    """The page's title and the sidebar's n, true class and logits, once the page is still.

    A Back that lands on a partial entry is put right by one more run; the second
    settle waits for it.
    """
    settle(page)
    page.wait_for_timeout(400)
    settle(page)

    def value(key: str) -> str:
        return page.locator(f".st-key-{key} input[type='range']").first.get_attribute("value")

    n = int(value("n"))
    numbers = (str(n), value("label"), *(value(f"x{k}") for k in range(1, n + 1)))
    return page.locator("[data-testid='stMain'] h1").first.inner_text().strip(), numbers


def sidebar_link(page, text: str):
    return page.locator("[data-testid='stSidebar'] a").filter(has_text=text).first


def test_back_and_forward_after_a_preset_and_two_page_moves(new_tab, app_url, settle):
    """Each action is one entry, and Back and Forward step through the states in order:
    before, the three actions left ten entries and Back went overview-with-preset → Step 1
    → Step 1 → Step 1 → overview …; Back straight onto another page's whole entry, which
    Streamlit opens without the old page's parameters, showed that page's defaults."""
    page = new_tab
    page.goto(app_url + "/")
    had = [shown(page, settle)]
    page.get_by_role("button", name=PRESET, exact=True).click()
    had.append(shown(page, settle))
    assert had[-1][1] == ("3", "2", "6", "0", "0")
    for step in ("Step 1", "Step 2"):
        sidebar_link(page, step).click()
        had.append(shown(page, settle))
    assert had[-1][0].startswith("Step 2") and had[-1][1] == had[1][1]
    assert page.evaluate(HISTORY_JS) == [3, 4]  # the first page and one entry an action

    for expected in reversed(had[:-1]):
        page.go_back()
        assert shown(page, settle) == expected
    assert page.evaluate(HISTORY_JS) == [0, 4]
    for expected in had[1:]:
        page.go_forward()
        assert shown(page, settle) == expected
    assert page.evaluate(HISTORY_JS) == [3, 4]
