"""Lab page, why this pairing, run headless: both losses with live numbers, and two classes."""

from functools import partial

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import sce_core as core
from sce_ui import fmt, nav
from sce_ui.fmt import num, tex
from tests.app_checks import (
    CLASSIC,
    EDGE_QUERIES,
    one_hot,
    only_formula,
    open_checked,
    open_section,
)
from tests.latex_checks import shows_result

PAGE = "pages/7_Why_this_pairing.py"
KEY, SECTIONS = nav.sections_of(PAGE)


@pytest.fixture
def open_page():
    """The page inside the app, with keyword arguments as URL query parameters."""
    return partial(open_checked, PAGE, "Lab · Why softmax with cross-entropy", 60)


def full(value: float) -> str:
    return fmt.significant(value, 17)


def numbers(at: AppTest) -> str:
    """Both losses with the learner's numbers: opens their section."""
    return only_formula(open_section(at, PAGE, "Your numbers"), r"L_{CE} &= -\log")


def sizes(at: AppTest) -> str:
    """The gradient sizes at the learner's ŷ: opens their section."""
    return only_formula(open_section(at, PAGE, "Surface and push"), r"\begin{array}")


def expect_pairing(at: AppTest, x, label: int) -> None:
    """Both losses, both gradients and the marked gradient sizes match logits ``x``."""
    x = np.asarray(x, float)
    y = one_hot(x.size, label)
    y_hat = core.softmax(x)
    shown_numbers = numbers(at)
    table = at.table[0].value
    assert list(table["ŷᵢ"]) == [num(v) for v in y_hat]
    shown = [c.removeprefix("≈ ") for c in table["∂L_CE/∂xᵢ = ŷᵢ − yᵢ"]]
    assert shown == [num(v) for v in y_hat - y]
    assert list(table["∂L_SE/∂xᵢ"]) == [num(v) for v in core.squared_error_logits_grad(x, y)]
    assert shows_result(shown_numbers, tex(core.cross_entropy_from_logits(x, y)))
    assert f"= {tex(core.squared_error(y_hat, y))}" in shown_numbers
    shown_sizes = sizes(at)
    for kind in core.LOSS_KINDS:
        assert f"& {tex(core.logit_gradient_norm(x, y, kind))} &" in shown_sizes


def expect_two_classes(at: AppTest, a: float, b: float, label: int) -> None:
    """The two-class table shows softmax + CE and sigmoid + BCE for ``(a, b)`` to all digits;
    opens its section."""
    x, t = np.array([a, b]), 1.0 if label == 1 else 0.0
    y = np.array([t, 1.0 - t])
    table = open_section(at, PAGE, "Two classes").table[0].value
    both = [core.softmax(x)[0], core.cross_entropy_from_logits(x, y), core.logits_grad(x, y)[0]]
    other = [
        core.sigmoid(a - b),
        core.binary_cross_entropy_from_logit(a - b, t),
        core.binary_cross_entropy_logit_grad(a - b, t),
    ]
    assert list(table["softmax + CE"]) == [full(v) for v in both]
    assert list(table["sigmoid + BCE"]) == [full(v) for v in other]
    assert all(abs(float(d)) <= 2e-16 for d in table["difference"])


def test_defaults_show_both_losses_and_the_two_class_check(open_page):
    at = open_page()
    expect_pairing(at, CLASSIC, 1)
    # Hand-checked: ŷ = (0.659, 0.242, 0.099), so ∂L_CE/∂x₁ = -0.341 and the learner's
    # ‖ŷ − y‖ = √(0.341² + 0.242² + 0.099²) = 0.430 (0.418 is the even split's curve).
    assert r"= 0.659 - 1 = -0.341" in numbers(at)
    assert "& 0.430 &" in sizes(at)
    fifty = only_formula(open_section(at, PAGE, "Two classes"), r"\sigma(0)")
    assert r"\sigma(0) = 0.500" in fifty and r"\log 2 = 0.693" in fifty
    expect_two_classes(at, 2.0, 1.0, 1)


@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)
def test_the_numbers_follow_the_sidebar(open_page, edge):
    at = open_page(**edge.query)
    expect_pairing(at, edge.x, edge.label)


def test_confidently_wrong_keeps_the_cross_entropy_push_and_loses_the_squared_error_one(open_page):
    at = open_page(x1="-10", x2="10", x3="10")
    shown = sizes(at)
    x, y = [-10.0, 10.0, 10.0], [1.0, 0.0, 0.0]
    ce, se = (core.logit_gradient_norm(x, y, kind) for kind in core.LOSS_KINDS)
    assert ce > 1.2 and se < 1e-8
    assert f"& {tex(ce)} &" in shown and f"& {tex(se)} &" in shown
    assert r"\times 10^{-9}" in shown


def test_the_confident_and_wrong_preset_moves_the_marked_point(open_page):
    at = open_page()
    at.button(key="preset-Confident and wrong").click().run()
    assert not at.exception
    expect_pairing(at, [6.0, 0.0, 0.0], 2)
    assert r"\hat y_k = 0.00247" in sizes(at)


def test_the_marked_gradient_sizes_are_the_learners_own_not_the_equal_share_curves(open_page):
    # Issue 9, point 5: at x = (6, 0, 0), true class 2, the wrong classes hold 0.995 and
    # 0.00247, not 1 - ŷ shared equally: the sizes are 1.409 and 0.0183, the curve's 1.222
    # and 0.009.
    at = open_page(x1="6", x2="0", x3="0", label="2")
    shown = sizes(at)
    x, y = [6.0, 0.0, 0.0], [0.0, 1.0, 0.0]
    p = core.softmax(x)[1]
    for kind, real in zip(core.LOSS_KINDS, (1.409, 0.0183), strict=True):
        assert core.logit_gradient_norm(x, y, kind) == pytest.approx(real, rel=1e-3)
        assert f"& {tex(core.logit_gradient_norm(x, y, kind))} &" in shown
        assert f"& {tex(core.gradient_norm_vs_confidence(p, 3, kind))} &" not in shown


def test_switching_the_surface_shows_the_squared_error_range(open_page):
    at = open_page(**{KEY: "Surface and push"})
    x, y = np.array(CLASSIC), np.array([1.0, 0.0, 0.0])

    def caption_for(kind: str, name: str, loss: float) -> None:
        _, _, z = core.loss_surface(kind, (-10.0, 10.0), 0, 61, fixed_logits=[0.1])
        expected = f"{name} as x₁ and x₂ move, with x3 = 0.1 held: {num(z.min())} to {num(z.max())}"
        (text,) = [c.value for c in at.caption if c.value.startswith(name)]
        assert text.startswith(expected)
        assert f"{num(loss)} at your logits" in text

    caption_for("cross_entropy", "Cross-entropy", core.cross_entropy_from_logits(x, y))
    at.radio(key="pair_kind").set_value("squared_error").run()
    assert not at.exception
    caption_for("squared_error", "Squared error", core.squared_error(core.softmax(x), y))
    (text,) = [c.value for c in at.caption if c.value.startswith("Squared error")]
    assert float(text.split(" to ")[1].split(" ")[0]) <= 2.0


def test_with_two_classes_the_check_uses_the_sidebar_logits(open_page):
    at = open_page(n="2", x1="-6", x2="6", label="2")
    assert not at.number_input
    expect_two_classes(at, -6.0, 6.0, 2)
    assert any("Checked with your logits" in m.value for m in at.markdown)
    assert r"\sigma(-6 - 6)" in only_formula(at, r"\operatorname{softmax}(-6,\ 6)_1")


def test_the_page_pair_reaches_its_extremes_without_trouble(open_page):
    at = open_page()
    at.number_input(key="pair_a").set_value(1000.0)
    at.number_input(key="pair_b").set_value(-1000.0)
    at.radio(key="pair_label").set_value(2).run()
    assert not at.exception
    expect_two_classes(at, 1000.0, -1000.0, 2)
    assert list(at.table[0].value["softmax + CE"])[1] == "2000"
    at.number_input(key="pair_a").set_value(-1000.0)
    at.number_input(key="pair_b").set_value(1000.0).run()
    assert not at.exception
    expect_two_classes(at, -1000.0, 1000.0, 2)


def test_a_link_sets_the_lab_and_names_what_it_ignored(open_page):
    at = open_page(pair_kind="Squared error", pair_a="-6", pair_b="6", pair_label="2")
    assert at.radio(key="pair_kind").value == "squared_error"
    expect_two_classes(at, -6.0, 6.0, 2)
    at = open_page(pair_kind="squared", pair_a="1e9", pair_label="3")
    notice = " ".join(w.value for w in at.warning)
    for part in ("`pair_kind=squared`", "`pair_a=1e9`", "`pair_label=3`"):
        assert part in notice
    expect_two_classes(at, 2.0, 1.0, 1)


def test_each_section_draws_only_its_own_and_keeps_its_controls(open_page):
    """A closed section's controls stay on the page (hidden in its tab), so their values
    stay in the URL; nothing else of it is drawn."""
    at = open_page()
    assert at.session_state[KEY] == SECTIONS[0]
    drawn = {}
    for label in SECTIONS:
        open_section(at, PAGE, label)
        tabs = {tab.label: tab for tab in at.tabs}
        drawn[label] = [
            sorted(type(child).__name__ for child in _leaves(tabs[name])) for name in SECTIONS
        ]
    closed_surface = ["Radio"]  # the surface's loss
    closed_pair = ["NumberInput", "NumberInput", "Radio"]  # the page's own two logits
    assert drawn["Your numbers"][1:] == [closed_surface, closed_pair]
    assert drawn["Surface and push"][0] == [] and drawn["Surface and push"][2] == closed_pair
    assert drawn["Two classes"][:2] == [[], closed_surface]
    for k, label in enumerate(SECTIONS):
        assert len(drawn[label][k]) >= 3  # an open section draws more than its controls


def _leaves(node):
    children = getattr(node, "children", {})
    if not children:
        return [node] if type(node).__name__ not in ("Tab", "Block", "Column") else []
    return [leaf for child in children.values() for leaf in _leaves(child)]


def test_a_link_opens_a_section_and_a_wrong_one_is_named(open_page):
    at = open_page(**{KEY: "Two classes", "pair_a": "-3"})
    assert at.session_state[KEY] == "Two classes" and not at.warning
    expect_two_classes(at, -3.0, 1.0, 1)
    at = open_page(**{KEY: "Surface"})
    assert at.session_state[KEY] == SECTIONS[0]
    assert f"`{KEY}=Surface` (a section: {', '.join(SECTIONS)})" in at.warning[0].value
