"""What only a browser shows on the network labs: the graph, stepping by button and key, links.

Run with ``python -m pytest tests/browser/test_network_labs.py -q -p no:cacheprovider``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

import sce_core as core
from sce_ui.fmt import num
from sce_ui.models import mlp as mlp_model
from tests.browser.harness import url_path

pytestmark = pytest.mark.browser

BACKWARD = "pages/14_Backward_pass.py"
NETWORK = "pages/13_Network_from_scratch.py"


def open_page(page, app_url: str, page_file: str, query: str, settle) -> None:
    page.goto(app_url + url_path(page_file) + (f"?{query}" if query else ""))
    settle(page)


def step_in_url(page) -> list[str] | None:
    return parse_qs(urlsplit(page.url).query).get("bp_step")


def test_the_graph_draws_and_next_moves_the_step_into_the_url(
    page, app_url, console_errors, settle
):
    open_page(page, app_url, BACKWARD, "", settle)
    graph = page.locator("[data-testid='stGraphVizChart'] svg")
    graph.first.wait_for()
    assert graph.locator("g.node").count() == 10
    for expected in ("1", "2"):
        page.locator(".st-key-bp_next button").click()
        settle(page)
        page.wait_for_function(f"() => location.search.includes('bp_step={expected}')")
    assert step_in_url(page) == ["2"]
    assert "∂ reached" in graph.first.text_content()
    page.keyboard.press("b")
    settle(page)
    page.wait_for_function("() => location.search.includes('bp_step=1')")
    assert not console_errors


def test_a_link_to_a_step_opens_there_in_a_fresh_browser(page, app_url, console_errors, settle):
    open_page(page, app_url, BACKWARD, "bp_step=6&bp_activation=tanh", settle)
    value = page.locator(".st-key-bp_step input[type='range']").get_attribute("value")
    assert value == "6"
    assert "Step 6 of 7." in page.locator("[data-testid='stMain']").inner_text()
    assert not console_errors


def test_a_link_with_a_bug_trains_and_lights_its_layers(page, app_url, console_errors, settle):
    label = mlp_model.BUGS["z_instead_of_a"].label.replace(" ", "+")
    query = f"nn_bug={label}&nn_points=60&nn_epochs=20&nn_units=6&nn_activation=tanh"
    open_page(page, app_url, NETWORK, query, settle)
    X, labels = core.make_spirals(60, 3, seed=0)
    start = core.mlp_init((2, 6, 6, 3), seed=0, activation="tanh")
    errors = core.mlp_gradient_check(start, X[:16], labels[:16], "tanh", bug="z_instead_of_a")
    page.locator(".st-key-nn_train button").click()
    settle(page)
    main = page.locator("[data-testid='stMain']")
    # The run's parts arrive one after another (under load, the check's numbers after
    # its verdict): each is waited for, not read once at the verdict.
    for part in ("Wrong: W2, W3.", num(errors["W2"]), "✘ layer 3: W3 wrong"):
        main.get_by_text(part).first.wait_for()
    assert page.locator("[data-testid='stPlotlyChart']").count() == 3
    assert not console_errors
