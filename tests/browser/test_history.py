"""Back and Forward in a real browser: they show states the learner had, never a mix.

Streamlit pushes one history entry per URL parameter that the server writes (a preset
writes four) and one more on each change of page, so most entries hold part of a state.
Before :mod:`sce_ui.history` a Back after a preset and two page moves brought one logit
after another back to its default.
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

    numbers_had = {numbers for _, numbers in had}
    seen = [had[-1]]
    # Back one entry at a time to the app's first state (one more would leave the app),
    # then Forward to the last entry the app pushed.
    for move in ("Back", "Forward"):
        for _ in range(page.evaluate(HISTORY_JS)[1]):
            index, length = page.evaluate(HISTORY_JS)
            if (seen[-1] == had[0] or index == 0) if move == "Back" else index == length - 1:
                break
            page.go_back() if move == "Back" else page.go_forward()
            state = shown(page, settle)
            # Never a mix: the numbers are ones the learner had, and on this page, unless
            # they are left as they were.
            assert state[1] in numbers_had, (move, state, seen)
            assert state in had or state[1] == seen[-1][1], (move, state, seen)
            seen.append(state)
    # Back reached the start and Forward the end: they moved between states.
    assert had[0] in seen
    assert seen[-1] == had[-1], seen
