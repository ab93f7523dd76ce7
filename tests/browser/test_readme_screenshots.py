"""The README's screenshots, taken only on request: ``pytest --screenshots -m screenshots``.

They overwrite ``docs/overview.png`` and ``docs/training.png``, tracked files, so a plain
``pytest`` skips them (see ``tests/conftest.py``).
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.browser.test_pages import assert_clean, open_page

pytestmark = [pytest.mark.browser, pytest.mark.screenshots]

ROOT = Path(__file__).resolve().parents[2]
SETTLED = "[data-testid='stApp'][data-test-script-state='notRunning']"


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_overview_screenshot_for_the_readme(page, app_url, console_errors, settle):
    """``docs/overview.png``: the overview at defaults, 1280 px wide, cropped to its content.

    Streamlit's main area scrolls inside the window, so a full-page screenshot would stop
    at the window: open it in a tall window, then shrink the window to the content.
    """
    page.set_viewport_size({"width": 1280, "height": 2400})
    open_page(page, app_url, "app.py", "", settle)
    assert_clean(page, console_errors)
    bottom = page.locator("[data-testid='stMainBlockContainer']").evaluate(
        "el => el.getBoundingClientRect().bottom"
    )
    page.set_viewport_size({"width": 1280, "height": min(2400, max(900, int(bottom) + 16))})
    settle(page)
    page.wait_for_timeout(500)  # plotly redraws after a resize, without a rerun
    out = ROOT / "docs" / "overview.png"
    out.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(out))
    assert _png_size(out)[0] == 1280


def test_training_screenshot_for_the_readme(page, app_url, console_errors, settle):
    """``docs/training.png``: the training lab after one run with the derived gradient."""
    page.set_viewport_size({"width": 1280, "height": 2400})
    open_page(page, app_url, "pages/10_Train_from_scratch.py", "", settle)
    page.locator(".st-key-train_go button").click()
    page.wait_for_timeout(150)
    page.wait_for_selector(SETTLED, timeout=120_000)
    page.get_by_text("Passed: relative error").wait_for(timeout=60_000)
    page.locator("[data-testid='stPlotlyChart'] .main-svg").nth(1).wait_for(timeout=60_000)
    assert_clean(page, console_errors)
    page.wait_for_timeout(500)
    out = ROOT / "docs" / "training.png"
    page.screenshot(path=str(out))
    assert _png_size(out)[0] == 1280
