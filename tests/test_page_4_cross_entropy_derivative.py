"""Step 4 page, run headless: −yᵢ/ŷᵢ for every class, and why it is not yet ∂L/∂x."""

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import sce_core as core
from sce_ui.fmt import num, tex
from sce_ui.palette import Y_HAT, tex_color
from tests.app_checks import EDGE_QUERIES, only_formula, open_revealed
from tests.latex_checks import shows_result

PAGE = "pages/4_Cross_entropy_derivative.py"
PER_CLASS = r"\\[6pt] \frac{\partial L}{\partial \hat y_{2}} &= -\frac"
"""Marks the formula with one row per class (the prediction's answer has a single row)."""


def open_page(**query: str) -> AppTest:
    """The page as a learner reaches it: inside the app, with ``query`` in the URL."""
    return open_revealed(PAGE, "Step 4 · Derivative of cross-entropy", "predict_slope", 30, **query)


def latex_with(at: AppTest, marker: str) -> str:
    """The one formula on the page that contains ``marker``, without its ``$$`` fences."""
    return only_formula(at, marker).strip("$\n")


def column(at: AppTest, lhs: str) -> list[str]:
    """The numbers of the column vector written after ``lhs``."""
    latex = latex_with(at, lhs + r" = \begin{pmatrix}")
    body = latex.split(r"\begin{pmatrix}")[1].split(r"\end{pmatrix}")[0]
    return [entry.strip() for entry in body.split(r"\\")]


def assert_numbers_shown(at: AppTest, x, label: int) -> None:
    x = np.asarray(x, float)
    y = np.eye(x.size)[label - 1]
    y_hat = core.softmax(x)
    rows = latex_with(at, PER_CLASS).replace(r"\end{aligned}", "").split(r"\\[6pt]")
    assert len(rows) == x.size
    for k, (row, p) in enumerate(zip(rows, y_hat, strict=True), start=1):
        value = tex(-1.0 / p) if k == label else "0"
        assert tex_color(Y_HAT, tex(p)) in row and shows_result(row.strip(), value, at_end=True), (
            row
        )
    assert column(at, r"\frac{\partial L}{\partial \hat y}") == [
        tex(v) for v in core.cross_entropy_grad(y_hat, y)
    ]
    assert column(at, r"\frac{\partial L}{\partial x}") == [tex(v) for v in y_hat - y]
    cancelled = latex_with(at, r"\cancel")
    assert shows_result(cancelled, tex(-(1 - y_hat[label - 1])), at_end=True)


def test_defaults_show_minus_one_over_y_hat_at_the_true_class():
    at = open_page()
    assert_numbers_shown(at, [2.0, 1.0, 0.1], 1)
    assert tex_color(Y_HAT, "0.659") + "} = -1.517" in latex_with(at, PER_CLASS)
    assert r"&= -1.517 \cdot" in latex_with(at, r"\cancel")


@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)
def test_every_class_follows_the_setting(edge):
    at = open_page(**edge.query)
    assert_numbers_shown(at, edge.x, edge.label)


def test_an_unlikely_true_class_gives_a_huge_derivative_and_a_small_gradient():
    at = open_page(x1="10", x2="-10", x3="-10", label="2")
    p = core.softmax([10.0, -10.0, -10.0])[1]
    shown = column(at, r"\frac{\partial L}{\partial \hat y}")[1]
    assert shown == tex(-1.0 / p) and -1.0 / p < -1e8
    assert column(at, r"\frac{\partial L}{\partial x}")[1] == "-1.000"


def test_changing_the_true_class_moves_the_nonzero_derivative():
    at = open_page()
    at.slider(key="label").set_value(3).run()
    assert not at.exception
    assert_numbers_shown(at, [2.0, 1.0, 0.1], 3)
    assert column(at, r"\frac{\partial L}{\partial \hat y}") == ["0", "0", "-10.145"]


def test_moving_a_logit_changes_the_derivative():
    at = open_page()
    at.slider(key="x1").set_value(0.0).run()
    assert_numbers_shown(at, [0.0, 1.0, 0.1], 1)


@pytest.mark.parametrize(
    ("query", "large"), [({"x1": "10", "x2": "-10"}, False), ({"x1": "-10", "x2": "10"}, True)]
)
def test_the_cancellation_caption_calls_a_factor_large_only_where_it_is(query, large):
    """At x1 = 10 (ŷ1 = 1.000) the caption said 'A large number times a small one' of a
    factor −1/ŷ1 = −1.000; it names the factors, and says 'large' only below ŷ = 0.1."""
    at = open_page(**query)
    y_hat = core.softmax([float(query["x1"]), float(query["x2"]), 0.1])[0]
    caption = next(c.value for c in at.caption if "Steps 5 and 6" in c.value)
    assert caption.startswith("A large factor") is large, caption
    assert f"−1/ŷ1 = {num(-1 / y_hat)}" in caption
