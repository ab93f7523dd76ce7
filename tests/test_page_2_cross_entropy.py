"""Step 2 page, run headless: the sum with zero terms struck out, and the loss it leaves."""

from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import sce_core as core
from sce_ui.fmt import tex
from tests.app_checks import EDGE_QUERIES, open_revealed
from tests.latex_checks import shows_result

PAGE = "pages/2_Cross_entropy.py"
END = "\\end{aligned}\n$$"


@pytest.fixture
def open_page():
    """The page inside the app, with keyword arguments as URL query parameters."""
    return partial(open_revealed, PAGE, "Step 2 · Cross-entropy", "predict_loss", 30)


def log_of(p: float) -> str:
    """``\\log 0.242``, ``\\log 0.00247`` (3 significant digits), ``\\log(2 \\times 10^{-9})``."""
    text = tex(p, 5 if 1e-3 <= p < 1e-2 else 3)
    return rf"\log({text})" if "times" in text else rf"\log {text}"


def written_sum(at: AppTest) -> str:
    found = [el.value for el in at.latex if r"\begin{aligned}L &= -\Big(" in el.value]
    assert len(found) == 1
    return found[0]


def remark(at: AppTest) -> str:
    found = [
        el.value for el in at.markdown if el.value.startswith(("Your prediction", "Every class"))
    ]
    assert len(found) == 1
    return found[0]


def assert_loss_shown(at: AppTest, x, label: int) -> None:
    x = np.asarray(x, float)
    y = np.eye(x.size)[label - 1]
    p = core.softmax(x)
    text = written_sum(at)
    assert text.count(r"\cancel{") == x.size - 1
    for i, p_i in enumerate(p, start=1):
        term = f"{int(i == label)} \\cdot {log_of(p_i)}"
        assert (rf"\cancel{{{term}}}" in text) == (i != label)
        assert term in text
    assert shows_result(text, tex(core.cross_entropy_from_logits(x, y)) + END)


def test_defaults_leave_only_the_true_class(open_page):
    at = open_page()
    text = written_sum(at)
    assert r"\cancel{0 \cdot \log 0.242}" in text and r"\cancel{0 \cdot \log 0.0986}" in text
    assert r"-\log 0.659" in text
    assert_loss_shown(at, [2.0, 1.0, 0.1], 1)
    assert "had the true class been 3" in remark(at)
    assert r"= 2.317$" in remark(at)


@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)
def test_the_loss_follows_the_sidebar(open_page, edge):
    at = open_page(**edge.query)
    assert_loss_shown(at, edge.x, edge.label)


def test_equal_logits_cost_log_n(open_page):
    at = open_page(x1="0", x2="0", x3="0")
    assert r"$\log 3 = 1.099$" in remark(at)
    assert shows_result(written_sum(at), "1.099" + END)


def test_a_confident_wrong_prediction_shows_a_large_loss(open_page):
    at = open_page(x1="10", x2="-10", x3="-10", label="2")
    x = np.array([10.0, -10.0, -10.0])
    loss = core.cross_entropy_from_logits(x, [0, 1, 0])
    assert loss > 19
    assert rf"\log({tex(core.softmax(x)[1])})" in written_sum(at)
    text = remark(at)
    assert text.startswith("Your prediction is wrong")
    assert shows_result(text, f"{tex(loss)}$, more than knowing nothing")


def test_the_confident_and_wrong_preset_shows_a_checkable_log(open_page):
    at = open_page()
    at.button(key="preset-Confident and wrong").click().run()
    assert not at.exception
    x = np.array([6.0, 0.0, 0.0])
    assert_loss_shown(at, x, 2)
    assert r"-\log 0.00247" in written_sum(at)
    assert remark(at).startswith("Your prediction is wrong")


def test_changing_the_true_class_moves_the_surviving_term(open_page):
    at = open_page()
    at.slider(key="label").set_value(3).run()
    assert not at.exception
    x = np.array([2.0, 1.0, 0.1])
    assert r"\cancel{0 \cdot \log 0.659}" in written_sum(at)
    assert r"1 \cdot \log 0.0986" in written_sum(at)
    assert_loss_shown(at, x, 3)
    assert remark(at).startswith("Your prediction is wrong")
    assert any("Only class 3, the true class, survives." in el.value for el in at.markdown)
