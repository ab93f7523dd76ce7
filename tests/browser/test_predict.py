"""A prediction round with the keyboard alone: Tab to "Your prediction", type, then Check
with Space (or Enter inside the input), and the reveal appears.

Run with ``python -m pytest tests/browser/test_predict.py -q -p no:cacheprovider -n 0``.
"""

from __future__ import annotations

import math

import pytest

from sce_ui.fmt import num, typed

pytestmark = pytest.mark.browser

PAGE = "pages/2_Cross_entropy.py"
KEY = "predict_loss"
E = [math.exp(2.0), math.exp(1.0), math.exp(0.1)]
LOSS = -math.log(E[0] / sum(E))  # the defaults: x = (2, 1, 0.1), true class 1
MAX_TABS = 120
"""More than the page's focusable controls before the input: the sidebar comes first."""


def focused_in(page, selector: str) -> bool:
    return page.evaluate(
        "(s) => { const el = document.activeElement; return !!el && !!el.closest(s); }",
        selector,
    )


def tab_to(page, selector: str) -> int:
    """Press Tab until the focus is inside ``selector``; return the number of presses."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press("Tab")
        if focused_in(page, selector):
            return presses
    raise AssertionError(f"{MAX_TABS} presses of Tab never reached {selector}")


def round_text(page) -> str:
    return page.locator(f".st-key-{KEY}_round").inner_text()


def test_tab_type_and_space_on_check_reveal_the_value(page, page_url, settle):
    page.goto(page_url(PAGE))
    settle(page)
    assert "Where the value comes from" not in round_text(page)
    assert page.get_by_text("is struck out").count() == 0
    tab_to(page, f".st-key-{KEY}")
    page.keyboard.type(num(LOSS))
    tab_to(page, f".st-key-{KEY}_check")
    page.keyboard.press("Space")
    settle(page)
    page.get_by_text("Where the value comes from").wait_for()
    shown = round_text(page)
    assert f"You predicted {typed(float(num(LOSS)))}. Right" in shown
    # What the prediction hid is on the page now: the written-out sum of the loss.
    assert page.get_by_text("is struck out").is_visible()


def test_enter_in_the_input_checks_a_wrong_answer(page, page_url, settle):
    page.goto(page_url(PAGE))
    settle(page)
    tab_to(page, f".st-key-{KEY}")
    page.keyboard.type(num(-LOSS))
    page.keyboard.press("Enter")
    settle(page)
    page.get_by_text("Where the value comes from").wait_for()
    assert "Wrong sign: the value is positive." in round_text(page)
    assert "usual slip: the sign" in round_text(page)
