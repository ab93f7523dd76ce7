"""Formulas on a 390 px phone: each display formula fits its column, or is made as small
as :mod:`sce_ui.fit` allows and scrolls only then; on a desktop window none is touched."""

from __future__ import annotations

import pytest

from sce_ui import fit
from tests.browser.harness import url_path

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}

FORMULAS_JS = """() => [...document.querySelectorAll(
        "[data-testid='stMain'] .katex-display")].map((display) => ({
    over: display.scrollWidth - display.clientWidth,
    size: display.style.fontSize,
    text: (display.querySelector("annotation")?.textContent ?? "").slice(0, 60),
}))"""
"""Each display formula: how far it is wider than its box, and the size it was given."""


def formulas(page, app_url, settle, page_file: str, query: str = "") -> list[dict]:
    page.goto(app_url + url_path(page_file) + (f"?{query}" if query else ""))
    settle(page)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
    return page.evaluate(FORMULAS_JS)


@pytest.mark.parametrize(
    ("page_file", "query"),
    [
        ("pages/8_Numerical_stability.py", ""),  # 365 px in 336 before
        ("pages/7_Why_this_pairing.py", ""),  # the definitions, 403 px in 358
        ("pages/9_Gradient_check.py", ""),  # 386 px in 358
        ("app.py", "n=10&x1=10&x2=-10"),
    ],
    ids=["stability", "pairing", "gradient-check", "overview-n10"],
)
def test_a_formula_fits_the_phone_or_is_made_as_small_as_allowed(
    page, app_url, settle, page_file, query
):
    page.set_viewport_size(PHONE)
    found = formulas(page, app_url, settle, page_file, query)
    assert found
    for formula in found:
        fits = formula["over"] <= fit.OVERHANG
        smallest = formula["size"] == f"{fit.SMALLEST:.3f}em"
        assert fits or smallest, formula
    if page_file != "app.py":  # one formula was too wide, and only it is made smaller
        assert sum(bool(formula["size"]) for formula in found) == 1, found


def test_a_desktop_window_leaves_every_formula_as_it_is(page, app_url, settle):
    found = formulas(page, app_url, settle, "pages/7_Why_this_pairing.py")
    assert found and not any(formula["size"] for formula in found)
    page.set_viewport_size(PHONE)  # narrowed, then widened again: back to full size
    page.wait_for_function(
        "() => [...document.querySelectorAll('.katex-display')].some((d) => d.style.fontSize)"
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.katex-display')].some((d) => d.style.fontSize)"
    )
