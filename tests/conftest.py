"""Shared fixtures and the test profiles.

Hypothesis profiles set how many generated links the fuzz test sends to every page
(:mod:`tests.test_fuzz_links`); the property tests of the core set their own counts.

- ``dev`` (the default): 20 links per page, so that the README's ``pytest`` stays quick.
- ``ci``: 200 links per page, and every pair of page and link in the browser tests
  (:mod:`tests.runs`): ``HYPOTHESIS_PROFILE=ci pytest``. (500 links per page took about
  4.5 minutes of the full run's 27 on this project's machine, which must stay under 30.)

Screenshots for the README are taken only on request: ``pytest --screenshots -m
screenshots`` (see :mod:`tests.browser.test_readme_screenshots`).
"""

from __future__ import annotations

import functools
import json

import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, settings
from streamlit.components.v2 import manifest_scanner

from sce_ui import chart
from tests.app_checks import run_app_page
from tests.runs import PROFILE

_FUZZ = {
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}
settings.register_profile("dev", max_examples=20, **_FUZZ)
settings.register_profile("ci", max_examples=200, **_FUZZ)
settings.load_profile(PROFILE)

# Every AppTest run scans the metadata of every installed distribution for Streamlit
# components (1,300 of them on this project's machine): about 0.25 s of each run, most of
# an AppTest test's time. The installed packages do not change during a test run.
manifest_scanner.scan_component_manifests = functools.cache(
    manifest_scanner.scan_component_manifests
)


def _validated_json(sent_json):
    """``chart.figure_json`` that also checks the figure as plotly's validation would:
    the figures are built unvalidated (:mod:`sce_ui.figures.base`), so every figure a page
    sends in any test is validated here, and must come out as it was sent."""

    def bare(value):
        """Without keys set to null or []: unset, to plotly.js as to plotly's validation."""
        if isinstance(value, dict):
            return {k: bare(v) for k, v in value.items() if v is not None and v != []}
        return [bare(v) for v in value] if isinstance(value, list) else value

    def parsed(spec: dict) -> tuple:
        return bare([json.loads(t) for t in spec["traces"]]), bare(json.loads(spec["layout"]))

    @functools.wraps(sent_json)
    def checked(figure):
        sent = sent_json(figure)
        validated = sent_json(go.Figure(figure.to_plotly_json()))  # raises on an unknown one
        if parsed(validated) != parsed(sent):  # as values: validation orders the keys
            raise ValueError(f"validation changes the figure {figure.layout.title.text!r}")
        return sent

    return checked


chart.figure_json = _validated_json(chart.figure_json)


def pytest_addoption(parser):
    parser.addoption(
        "--screenshots",
        action="store_true",
        help="take the README's screenshots (docs/*.png); off by default",
    )


def pytest_collection_modifyitems(config, items):
    if config.getoption("--screenshots"):
        return
    skip = pytest.mark.skip(reason="README screenshots are taken only with --screenshots")
    for item in items:
        if "screenshots" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def run_page():
    """Run a page once and return the AppTest: ``run_page("app.py", n="4", x1="2.5")``.

    Keyword arguments become URL query parameters, as in a shared link. Every page is
    run through ``app.py``, as the server does, so that links between pages resolve.
    """
    return run_app_page
