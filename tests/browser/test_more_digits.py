"""A line of shown arithmetic that says ≈ keeps its unrounded value one hover away.

With the preset "Confident and wrong" (x = 6, 0, 0, true class 2), step 4 shows
∂L/∂ŷ₂ = −1/0.00247 ≈ −405.429: −1/0.00247 is −404.9, so the line cannot say "=". The
formula's help icon opens a tooltip that redoes the line with more digits, typeset by
KaTeX, where the digits do give the result.

Run with ``python -m pytest tests/browser/test_more_digits.py -q -p no:cacheprovider``.
"""

from __future__ import annotations

import re

import pytest

import sce_core as core
from sce_ui import fmt
from tests.browser.harness import show_predictions

pytestmark = pytest.mark.browser


def test_an_approximate_line_shows_more_digits_on_hover(page, page_url, settle, console_errors):
    page.goto(page_url("pages/4_Cross_entropy_derivative.py", "x1=6&x2=0&x3=0&label=2"))
    settle(page)
    assert show_predictions(page, settle) == 1  # the step's own numbers, as after Show me
    # The first formula with a help icon is −1/ŷ₂ (the prediction's answer, then the
    # class-by-class −yᵢ/ŷᵢ); the cancellation −405.429 · 0.00246 ≈ −0.998 says ≈ too.
    icons = page.locator("[data-testid='stMain'] [data-testid='stTooltipIcon']")
    assert icons.count() >= 2
    icon = icons.first
    icon.scroll_into_view_if_needed()
    icon.hover()
    tip = page.locator("[data-testid='stTooltipContent']")
    tip.wait_for()
    text = re.sub(r"\s+", "", tip.inner_text())
    p = float(core.softmax([6.0, 0.0, 0.0])[1])
    assert "Withmoredigits" in text
    assert fmt.significant(p, 15).replace("-", "−") in text or fmt.significant(p, 15) in text
    assert fmt.significant(-1 / p, 10).lstrip("-") in text
    assert tip.locator(".katex").count() >= 1
    assert not console_errors
