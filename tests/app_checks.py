"""Helpers shared by the AppTest tests of the pages.

- :func:`open_checked` opens a page as a link would and fails unless it ran cleanly under
  its title: ``at = open_checked("pages/1_Softmax.py", "Step 1 · Softmax", n="4")``.
- :data:`EDGE_QUERIES` are the sidebar links every page test tries, each with the logits
  and the true class it means: ``@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)``,
  then ``open_checked(PAGE, TITLE, **edge.query)`` and check against ``edge.x``.
- :func:`one_hot` is the label vector y of a 1-based true class.
- :func:`only_formula` finds the one formula of a page that contains a marker.
- :func:`chart_figures` reads the plotly figures a page drew, in order.
- :func:`open_section` opens one section of a page drawn a section at a time, and
  :func:`each_section` reads each of them in turn.
- :func:`every_view` runs every page and section at the defaults and at :data:`EXTREMES`
  once per test process, with their controls, charts, words and formulas.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import numpy as np
from streamlit.testing.v1 import AppTest

from sce_ui import chart, fmt, nav
from tests.arithmetic_checks import formulas_in_markdown

ROOT = Path(__file__).resolve().parents[1]
CLASSIC = (2.0, 1.0, 0.1)
"""The sidebar's default logits."""


class Edge(NamedTuple):
    """A link at an edge of the sidebar, and the setting it stands for."""

    name: str
    query: dict[str, str]
    x: tuple[float, ...]
    label: int

    def __str__(self) -> str:
        return self.name


EDGE_QUERIES = (
    Edge("two classes", {"n": "2"}, CLASSIC[:2], 1),
    Edge("ten classes, the last true", {"n": "10", "label": "10"}, (*CLASSIC, *[0.0] * 7), 10),
    Edge(
        "equal logits, class 2 true", {"x1": "0", "x2": "0", "x3": "0", "label": "2"}, (0.0,) * 3, 2
    ),
    Edge("confident and right", {"x1": "10", "x2": "-10", "x3": "-10"}, (10.0, -10.0, -10.0), 1),
    Edge("confident and wrong", {"x1": "-10", "x2": "10", "x3": "10"}, (-10.0, 10.0, 10.0), 1),
    Edge(
        "ten classes, one far ahead",
        {"n": "10", "x1": "10", **{f"x{k}": "-10" for k in range(2, 11)}},
        (10.0, *[-10.0] * 9),
        1,
    ),
)
"""Links at the sidebar's edges: two and ten classes, equal logits, ±10 either way."""


def one_hot(n: int, label: int) -> np.ndarray:
    """The label vector y of ``n`` classes whose true class is ``label`` (1-based)."""
    if not 1 <= label <= n:
        raise ValueError(f"label must be 1 to n = {n}, got {label}")
    y = np.zeros(n)
    y[label - 1] = 1.0
    return y


def run_app_page(page: str, timeout: float = 20, **query: str) -> AppTest:
    """Run ``page`` once through ``app.py``, as the server does, and return the AppTest.

    Keyword arguments become URL query parameters, as in a shared link; running through
    ``app.py`` lets the links between pages resolve.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    if page != "app.py":
        at.switch_page(page)
    at.run()
    return at


def open_checked(page: str, title: str, timeout: float = 30, **query: str) -> AppTest:
    """:func:`run_app_page`, failing unless the page ran without exception under ``title``."""
    at = run_app_page(page, timeout, **query)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == title
    return at


def open_section(at: AppTest, page: str, label: str) -> AppTest:
    """Open the section ``label`` of ``page`` (:data:`sce_ui.nav.SECTIONS`), as a click on
    its tab does, and rerun; fails unless it ran without exception."""
    key, labels = nav.sections_of(page)
    assert label in labels, (label, labels)
    at.session_state[key] = label
    if key in at.query_params:  # the browser's URL follows the tab; AppTest's does not
        at.query_params[key] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state[key] == label
    return at


def each_section(at: AppTest, page: str, read: Callable[[AppTest], object]) -> dict:
    """``read(at)`` with each section of ``page`` open in turn, by label; fails unless only
    the open section's tab has anything drawn in it (a page whose closed sections keep
    their controls checks that itself)."""
    _, labels = nav.sections_of(page)
    found = {}
    for label in labels:
        open_section(at, page, label)
        assert [tab.label for tab in at.tabs] == list(labels)
        assert [bool(len(tab.children)) for tab in at.tabs] == [t == label for t in labels]
        found[label] = read(at)
    return found


def chart_specs(at: AppTest) -> dict[str, dict]:
    """What each chart of the page (:mod:`sce_ui.chart`) sends the browser, by its key, in
    page order: ``{"traces": [JSON text of each trace], "layout": JSON text, ...}``."""
    return {
        element.proto.id.rsplit("-", 1)[-1]: json.loads(element.proto.json)
        for element in at.get("bidi_component")
        if element.proto.component_name == chart.NAME
    }


def chart_figures(at: AppTest) -> list[dict]:
    """The figures of the page's charts (:mod:`sce_ui.chart`), in page order, as plain JSON."""
    return [
        {"data": [json.loads(t) for t in spec["traces"]], "layout": json.loads(spec["layout"])}
        for spec in chart_specs(at).values()
    ]


def only_formula(at: AppTest, marker: str) -> str:
    """The one ``st.latex`` on the page that contains ``marker``, with its ``$$`` fences."""
    found = [el.value for el in at.latex if marker in el.value]
    assert len(found) == 1, f"{len(found)} formulas contain {marker!r}"
    return found[0]


def show_me(at: AppTest, key: str) -> AppTest:
    """Press "Show me" on the page's prediction ``key``: the page shows what it hid."""
    at.button(key=f"{key}_show").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_revealed(page: str, title: str, key: str, timeout: float = 30, **query: str) -> AppTest:
    """:func:`open_checked`, then "Show me" on the prediction ``key``."""
    return show_me(open_checked(page, title, timeout, **query), key)


EXTREMES = {"n": "10", "x1": "10", "x2": "-10"}
"""Ten classes, one logit far ahead and one far behind: the smallest numbers a page shows."""


class View(NamedTuple):
    """One page or section as :func:`every_view` found it."""

    page: str
    query: dict[str, str]
    section: str
    """The open section's label; "" for a page drawn whole (or its first run)."""
    controls: set[str]
    """The numbers of the page's controls as the controls show them (:func:`fmt.typed`)."""
    figures: list[dict]
    words: list[str]
    """Every paragraph, caption, notice and table cell of the page, as its reader sees it."""
    formulas: list[tuple[str, bool]]
    """Every formula of the page (:func:`formulas`), each with whether it has a tooltip."""


def _controls(at: AppTest) -> set[str]:
    widgets = [*at.slider, *at.select_slider, *at.number_input]
    values = [w.value for w in widgets if isinstance(w.value, int | float)]
    return {fmt.typed(v) for v in values if not isinstance(v, bool)}


def words(at: AppTest) -> list[str]:
    """Every paragraph, caption, notice and table cell of the page, as its reader sees it."""
    texts = [e.value for kind in ("markdown", "caption", "warning", "info", "success", "error")
             for e in getattr(at, kind)]  # fmt: skip
    for table in at.table:
        frame = table.value
        texts += [str(cell) for row in frame.itertuples(index=False) for cell in row]
    return texts


def formulas(at: AppTest) -> list[tuple[str, bool]]:
    """Every formula of the page, as ``st.latex`` or inside a text's ``$…$``, each with
    whether a tooltip comes with it."""
    found = [(element.value, bool(element.proto.help)) for element in at.latex]
    for kind in ("markdown", "caption", "warning", "info", "success", "error"):
        for element in getattr(at, kind):
            help_ = bool(getattr(element.proto, "help", ""))
            found += [(formula, help_) for formula in formulas_in_markdown(element.value)]
    return found


def _view(at: AppTest, page: str, query: dict[str, str], section: str) -> View:
    return View(page, query, section, _controls(at), chart_figures(at), words(at), formulas(at))


@functools.cache
def every_view() -> list[View]:
    """Every page and every section at the defaults and at :data:`EXTREMES`, each without
    an exception, with every chart drawn by the app's bundle and every prediction's "Show
    me" pressed; run once per test process for the tests of charts, words and formulas
    that read them all."""
    found = []
    for page, _ in nav.existing():
        for query in ({}, EXTREMES):
            at = run_app_page(page, **query)
            for show in [b for b in at.button if str(b.key).startswith("predict_")]:
                if show.key.endswith("_show"):  # a step's numbers wait behind its prediction
                    show.click().run()
            assert not at.exception, (page, query, [e.value for e in at.exception])
            assert not at.get("plotly_chart"), f"{page} fell back to Streamlit's chart"
            found.append(_view(at, page, query, ""))
            for label in nav.SECTIONS.get(page, ("", ()))[1]:
                open_section(at, page, label)
                found.append(_view(at, page, query, label))
    return found
