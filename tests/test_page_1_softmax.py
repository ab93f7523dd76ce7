"""Step 1 page, run headless: the learner's probabilities, the nudge and the shift."""

import math
from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import sce_core as core
from sce_ui.fmt import num, signed_tex, tex
from tests.app_checks import EDGE_QUERIES, chart_figures, only_formula, open_revealed
from tests.latex_checks import shows_result

PAGE = "pages/1_Softmax.py"
PROBABILITIES = r"\hat y_{1} &= \frac"
"""Marks the formula with one row per probability."""


@pytest.fixture
def open_page():
    """The page inside the app, with keyword arguments as URL query parameters."""
    return partial(open_revealed, PAGE, "Step 1 · Softmax", "predict_shift", 30)


def assert_probabilities_shown(at: AppTest, x) -> None:
    x = np.asarray(x, float)
    rows = only_formula(at, PROBABILITIES).split(r"\\[6pt]")
    total = tex(math.fsum(math.exp(v) for v in x))
    assert len(rows) == x.size
    for row, v, p in zip(rows, x, core.softmax(x), strict=True):
        assert rf"\frac{{{tex(math.exp(v))}}}{{{total}}}" in row and shows_result(row, tex(p))
    assert shows_result(only_formula(at, "S &="), total)


def test_defaults_show_exponentials_sum_and_probabilities(open_page):
    at = open_page()
    assert_probabilities_shown(at, [2.0, 1.0, 0.1])
    assert r"\frac{7.389}{11.213} = 0.659" in only_formula(at, PROBABILITIES)


@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)
def test_the_numbers_follow_the_sidebar(open_page, edge):
    at = open_page(**edge.query)
    assert_probabilities_shown(at, edge.x)


def test_equal_logits_give_one_over_n(open_page):
    at = open_page(n="4", x1="0", x2="0", x3="0", x4="0")
    assert only_formula(at, PROBABILITIES).count("= 0.250") == 4


def test_nudging_one_logit_moves_every_output(open_page):
    at = open_page()
    at.radio(key="softmax_j").set_value(2)
    at.slider(key="softmax_delta").set_value(2.0)
    at.run()
    assert not at.exception
    x = np.array([2.0, 1.0, 0.1])
    before, after = core.softmax(x), core.softmax(x + np.array([0.0, 2.0, 0.0]))
    assert r"x_{2} + \delta = 1.000 + 2.000 = 3.000" in only_formula(at, r"\delta")
    table = only_formula(at, r"\Delta \hat y_i")
    changes = [signed_tex(a - b) for a, b in zip(after, before, strict=True)]
    assert changes[1].startswith("+")
    assert changes[0].startswith("-") and changes[2].startswith("-")
    for b, a, change in zip(before, after, changes, strict=True):
        assert tex(b) in table and tex(a) in table and change in table


def test_a_negative_nudge_lowers_the_chosen_output(open_page):
    at = open_page()
    at.slider(key="softmax_delta").set_value(-1.5).run()
    x = np.array([2.0, 1.0, 0.1])
    drop = core.softmax(x - [1.5, 0.0, 0.0])[0] - core.softmax(x)[0]
    assert drop < 0
    assert signed_tex(drop) in only_formula(at, r"\Delta \hat y_i")


def test_the_chosen_logit_survives_fewer_classes(open_page):
    at = open_page()
    at.radio(key="softmax_j").set_value(3).run()
    at.slider(key="n").set_value(2).run()
    assert not at.exception
    assert at.radio(key="softmax_j").value == 2
    assert r"x_{2} + \delta" in only_formula(at, r"\delta")


def test_shifting_every_logit_leaves_the_probabilities_unchanged(open_page):
    at = open_page()
    at.slider(key="softmax_shift").set_value(-3.0).run()
    assert not at.exception
    x = np.array([2.0, 1.0, 0.1])
    assert r"e^{c} = e^{-3.000} = 0.0498" in only_formula(at, r"e^{c} =")
    table = only_formula(at, r"\hat y_i(x + c)")
    columns = zip(x, core.softmax(x), core.softmax(x - 3.0), strict=True)
    for i, (v, p, q) in enumerate(columns, start=1):
        assert f"{i} & {tex(v)} & {tex(v - 3.0)} & {tex(p, 6)} & {tex(q, 6)}" in table
        assert tex(p, 6) == tex(q, 6)


def test_the_slope_view_sets_the_nudge_beside_the_jacobians_straight_line(open_page):
    at = open_page()
    at.radio(key="softmax_j").set_value(2)
    at.slider(key="softmax_delta").set_value(0.5).run()
    assert not at.exception
    x = np.array([2.0, 1.0, 0.1])
    p = np.exp(x) / np.exp(x).sum()
    column = p * ((np.arange(3) == 1) - p[1])  # J[:, 2] = ŷᵢ (δᵢ₂ − ŷ₂)
    actual = core.softmax(x + np.array([0.0, 0.5, 0.0])) - p
    (table,) = [t.value for t in at.table if "straight line Jᵢⱼ·δ" in t.value.columns]
    assert list(table["straight line Jᵢⱼ·δ"]) == [num(v) for v in 0.5 * column]
    assert list(table["actual Δŷᵢ"]) == [num(v) for v in actual]
    assert [cell.removeprefix("≈ ") for cell in table["gap"]] == [
        num(v) for v in actual - 0.5 * column
    ]
    assert len(chart_figures(at)) == 2  # the change bars and the gap against δ


def test_a_smaller_nudge_leaves_a_smaller_gap(open_page):
    gaps = []
    for delta in (2.0, 1.0, 0.5):
        at = open_page(softmax_delta=str(delta))
        (table,) = [t.value for t in at.table if "gap" in t.value.columns]
        gaps.append(abs(float(table["gap"][0].removeprefix("≈ "))))
    assert gaps[0] > gaps[1] > gaps[2] > 0
