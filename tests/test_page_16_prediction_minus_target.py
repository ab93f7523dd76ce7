"""Lab page, prediction minus target, run headless: every pair, the table, the Hessian."""

from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import sce_core as core
from sce_ui import nav
from sce_ui.fmt import num, tex
from sce_ui.models import canonical as canonical_model
from tests.app_checks import chart_specs, each_section, only_formula, open_checked, open_section

PAGE = "pages/16_Prediction_minus_target.py"
TITLE = "Lab · Prediction minus target"
EDGE = {"n": "10", "x1": "10", "x2": "-10", "x3": "0", "label": "2"}
"""n = 10, x = (10, −10, 0, …), true class 2: its ŷ is 2.06e−9, far below 1e−4."""


@pytest.fixture
def open_page():
    return partial(open_checked, PAGE, TITLE, 60)


KEY, SECTIONS = nav.sections_of(PAGE)


def expect_numbers(at: AppTest, x, label: int, gamma: float = 2.0) -> None:
    """The pairs table, the Hessian and its eigenvalues are sce_core's for ``x``; opens
    the sections that show them."""
    x = np.asarray(x, float)
    k = label - 1
    y = np.eye(x.size)[k]
    table = open_section(at, PAGE, "Every pair").table[0].value
    for row, kind in enumerate(core.PAIRS):
        z, t = (x, y) if kind in core.SOFTMAX_PAIRS else (core.true_class_log_odds(x, k), 1.0)
        grad = np.atleast_1d(core.pair_grad(kind, z, t, gamma))
        shown = grad[k] if kind in core.SOFTMAX_PAIRS else grad[0]
        assert table["loss L"].iloc[row] == num(core.pair_loss(kind, z, t, gamma))
        assert table["∂L/∂z"].iloc[row] == num(shown)
    minus = core.softmax(x)[k] - 1.0
    assert table["μ − t"].iloc[0] == num(minus)
    hessian = open_section(at, PAGE, "Convexity").table[0].value
    expect = core.cross_entropy_hessian(x, y)
    assert list(hessian[f"x{x.size}"]) == [num(v) for v in expect[:, -1]]
    values = core.hessian_spectrum(x, y).values
    eig = only_formula(at, r"\lambda &= \big(")
    assert all(tex(v) in eig for v in values)


def test_defaults_show_cross_entropy_with_live_numbers(open_page):
    at = open_page()
    assert at.session_state[KEY] == SECTIONS[0]
    assert at.selectbox(key="cp_pair").value == "softmax_ce"
    derivation = only_formula(at, r"\underbrace")
    p = core.softmax([2.0, 1.0, 0.1])[0]
    assert f"= {tex(p - 1)}" in derivation
    assert "Prediction − target" in at.success[0].value
    expect_numbers(at, [2.0, 1.0, 0.1], 1)


def test_only_the_open_section_is_drawn(open_page):
    """A slider move reruns one section: the others' tables, charts and formulas are not
    on the page at all, and each section's own are."""
    at = open_page()
    shown = each_section(
        at,
        PAGE,
        lambda opened: (len(opened.table), len(chart_specs(opened)), len(opened.latex)),
    )
    # Your pair: its derivation; every pair: the table and one chart; convexity: the
    # Hessian, its chart; surfaces: two charts. The two formulas above the tabs stay.
    assert shown == {
        "Your pair": (0, 0, 3),
        "Every pair": (1, 1, 2),
        "Convexity": (1, 1, 4),
        "Surfaces": (0, 2, 3),
    }


def test_a_link_opens_a_section_and_a_wrong_one_is_named(open_page):
    at = open_page(**{KEY: "Convexity"})
    assert at.session_state[KEY] == "Convexity" and not at.warning
    assert only_formula(at, r"\lambda &= \big(")
    at = open_page(**{KEY: "convexity"})  # a label is written as shown, case and all
    assert at.session_state[KEY] == SECTIONS[0]
    assert f"`{KEY}=convexity` (a section: {', '.join(SECTIONS)})" in at.warning[0].value


def test_edge_link_with_a_tiny_probability(open_page):
    at = open_page(**EDGE)
    x = [10.0, -10.0] + [0.0] * 8
    assert core.softmax(x)[1] < 1e-4
    expect_numbers(at, x, 2)
    assert not at.warning


@pytest.mark.parametrize("kind", core.PAIRS)
def test_every_pair_can_be_chosen(open_page, kind):
    at = open_page()
    at.selectbox(key="cp_pair").set_value(kind).run()
    assert not at.exception
    x = np.array([2.0, 1.0, 0.1])
    d = canonical_model.derivation(kind, x, 0)
    derivation = only_formula(at, tex(d.grad))
    if kind in core.CANONICAL:
        assert at.success and not at.warning
        assert tex(d.minus) in derivation
    else:
        assert at.warning and not at.success
        assert num(d.factor) in at.warning[0].value
        assert r"\boxed" in derivation


def test_a_link_chooses_the_pair_and_gamma(open_page):
    at = open_page(cp_pair="softmax + focal loss", cp_gamma="3.5")
    assert at.selectbox(key="cp_pair").value == "softmax_focal"
    w = core.focal_weights([2.0, 1.0, 0.1], 3.5)[0]
    assert num(w) in at.warning[0].value
    expect_numbers(at, [2.0, 1.0, 0.1], 1, gamma=3.5)


def test_moving_gamma_changes_the_focal_numbers(open_page):
    at = open_page(cp_pair="softmax + focal loss")
    before = at.warning[0].value
    assert before.startswith("Nothing cancels the weight wₖ")
    at.slider(key="cp_gamma").set_value(0.0).run()
    # At γ = 0 nothing is left to cancel: it said 'the gradient is -0.341 instead of
    # prediction − target = -0.341' as a warning.
    assert not at.warning
    assert any("focal loss is cross-entropy" in s.value for s in at.success)
    # γ = 0 is cross-entropy: the weight is 1 and the ratio column says so.
    table = open_section(at, PAGE, "Every pair").table[0].value
    assert table["∂L/∂z ÷ (μ − t)"].iloc[-1] == num(1.0)


def test_the_surfaces_name_a_point_where_squared_error_bends_down(open_page):
    at = open_page(**{KEY: "Surfaces"})
    point = core.most_concave_point(0, [0.1], canonical_model.SEARCH_RANGE, 37)
    assert point.squared_error[0] < 0
    formula = only_formula(at, r"\lambda_{SE}")
    assert tex(point.squared_error[0]) in formula
    caption = next(c.value for c in at.caption if "bends down" in c.value)
    assert f"x₁ = {num(point.logits[0])}, x₂ = {num(point.logits[1])}" in caption


@pytest.mark.parametrize(
    ("query", "named", "pair", "gamma"),
    [
        ({"cp_gamma": "6.0"}, "cp_gamma=6.0", "softmax_ce", canonical_model.GAMMA_DEFAULT),
        ({"cp_pair": "zzz", "cp_gamma": "1.5"}, "cp_pair=zzz", "softmax_ce", 1.5),
    ],
)
def test_a_link_value_the_lab_cannot_take_is_named(open_page, query, named, pair, gamma):
    # Found by the fuzz test's 500 links: γ = 6 fell back to 2 without a word.
    at = open_page(**query)
    notices = " ".join(w.value for w in at.warning)
    assert "could not be used" in notices and named in notices
    assert at.selectbox(key="cp_pair").value == pair
    assert at.slider(key="cp_gamma").value == gamma


def test_a_link_the_lab_can_take_brings_no_notice(open_page):
    at = open_page(cp_pair=canonical_model.PAIR_NAMES["softmax_focal"], cp_gamma="0.5")
    assert not [w for w in at.warning if "could not be used" in w.value]
    assert at.selectbox(key="cp_pair").value == "softmax_focal"
