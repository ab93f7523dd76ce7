"""A link to a lab, opened in a new session, brings back the lab's own settings.

Each test opens a new tab (a new session, as for someone the link was sent to) at a
lab's URL with settings other than its defaults, and reads them back from the
page: from what the page computes with them and from the URL, which keeps them. A lab
drawn a section at a time (:data:`sce_ui.nav.SECTIONS`) is opened at its first section, and
its tabs open the others in turn until every expected text has been seen: the settings
must hold in each, in the page and in the URL.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.harness import each_section

pytestmark = pytest.mark.browser
WAIT_MS = 60_000

LINKS = {
    "pages/7_Why_this_pairing.py": (
        {"pair_kind": "Squared error", "pair_a": "-6", "pair_b": "6", "pair_label": "2"},
        ["Squared error as x₁ and x₂ move"],
    ),
    "pages/8_Numerical_stability.py": (
        {
            "stab_x1": "90",
            "stab_x2": "91",
            "stab_x3": "92",
            "stab_dtype": "float32",
            "stab_T": "0.5",
            "stab_label": "2",
        },
        ["Naive against stable, entry by entry (float32)", "at T = 0.5"],
    ),
    "pages/9_Gradient_check.py": (
        {"gc_loss": "Squared error on ŷ", "gc_t": "2.0", "gc_h": "0.001"},
        ["central diff. (h = 0.001)", "Squared error's ∂L/∂ŷ is 2(ŷ − y)"],
    ),
    "pages/10_Train_from_scratch.py": (
        {"train_classes": "4", "train_lr": "0.02", "train_epochs": "50", "train_show": "true"},
        ["4 classes, 300 points, seed 0, η = 0.02, 50 epochs"],
    ),
}


@pytest.mark.parametrize("page_file", LINKS)
def test_a_link_to_a_lab_reproduces_its_settings(page, page_url, settle, page_file):
    query, expected = LINKS[page_file]
    link = "&".join(f"{k}={v}" for k, v in query.items())
    unseen = list(expected)
    # The link opens the first section; the tabs open the others in the same session.
    for _ in each_section(page, page_url, page_file, link):
        main = page.locator("[data-testid='stMain']")
        unseen = [text for text in unseen if not main.get_by_text(text, exact=False).count()]
        assert "could not be used" not in main.inner_text()
        for key in ("pair_a", "pair_b", "stab_x1", "stab_x2", "stab_x3"):
            if key in query:
                typed = page.locator(f".st-key-{key} input").first.input_value()
                assert float(typed) == float(query[key]), (key, typed)
        kept = parse_qs(urlsplit(page.url).query)
        assert {key: values[-1] for key, values in kept.items() if key in query} == query
        if not unseen:
            break
    for text in unseen:  # a page drawn whole may still be drawing it; else this fails
        main.get_by_text(text, exact=False).first.wait_for(timeout=WAIT_MS)
