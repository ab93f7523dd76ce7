"""Lab · Gradient check run headless: three routes agree, and h, T and the loss move them."""

import re
from functools import partial

import numpy as np
import pytest

import sce_core as core
from sce_ui import fmt, nav
from sce_ui.fmt import tex
from tests.app_checks import EDGE_QUERIES, each_section, one_hot, open_checked, open_section

PAGE = "pages/9_Gradient_check.py"
TITLE = "Lab · Gradient check"
KEY, SECTIONS = nav.sections_of(PAGE)


@pytest.fixture
def open_page():
    """The page inside the app, with keyword arguments as URL query parameters."""
    return partial(open_checked, PAGE, TITLE, 60)


def ten(values) -> list[str]:
    return [fmt.significant(v, 10) for v in values]


def section(at, label: str):
    return open_section(at, PAGE, label)


def table(at) -> dict[str, list[str]]:
    """The three routes' table: opens its section."""
    return {
        name: list(column) for name, column in section(at, "Three routes").table[0].value.items()
    }


def central(x, y, h, temperature=1.0, loss="cross_entropy") -> np.ndarray:
    if loss == "cross_entropy":
        return core.numerical_grad(
            lambda z: core.cross_entropy_from_logits(z, y, temperature), x, h
        )
    return core.numerical_grad(
        lambda z: core.squared_error(core.softmax(z, temperature=temperature), y), x, h
    )


def expect_routes(at, x, label, h="1e-5", temperature=1.0):
    """The table's formula and central columns are sce_core's; sympy agrees with them."""
    x = np.asarray(x, float)
    y = one_hot(x.size, label)
    shown = table(at)
    assert shown["class j"] == [str(k) for k in range(1, x.size + 1)]
    assert shown["formula"] == ten(core.logits_grad(x, y, temperature))
    assert shown[f"central diff. (h = {h})"] == ten(central(x, y, float(h), temperature))
    np.testing.assert_allclose(
        [float(v) for v in shown["sympy"]],
        core.logits_grad(x, y, temperature),
        rtol=1e-9,
        atol=1e-300,
    )


def test_default_page_checks_the_classic_example(open_page):
    at = open_page()
    assert at.session_state[KEY] == SECTIONS[0] == "Formula"
    formula = at.latex[0].value
    assert all(tex(v) in formula for v in core.logits_grad([2.0, 1.0, 0.1], one_hot(3, 1)))
    # The two losses behind ∂L/∂x1, to all 17 digits, as numerical_grad takes them.
    section(at, "Central differences")
    numbers = next(el.value for el in at.latex if r"L(x + h\,e_{1}) &=" in el.value)
    y = one_hot(3, 1)
    up = core.cross_entropy_from_logits([2.0 + 1e-5, 1.0, 0.1], y)
    down = core.cross_entropy_from_logits([2.0 - 1e-5, 1.0, 0.1], y)
    assert f"{up:.17g}" in numbers and f"{down:.17g}" in numbers
    expect_routes(at, [2.0, 1.0, 0.1], 1)
    assert "the check passes" in at.success[0].value
    assert any("smallest at" in el.value for el in section(at, "Choosing h").latex)


def test_each_section_draws_only_its_own(open_page):
    at = open_page()
    drawn = each_section(at, PAGE, lambda opened: [h.value for h in opened.main.subheader])
    assert drawn == {
        "Formula": ["1 · The formula"],
        "Central differences": ["2 · Central differences, for x1"],
        "Three routes": ["3 · Three routes side by side"],
        "Choosing h": ["4 · Choosing h: truncation against round-off"],
    }


def test_a_link_opens_a_section_and_a_wrong_one_is_named(open_page):
    at = open_page(**{KEY: "Choosing h", "gc_h": "0.001"})
    assert at.session_state[KEY] == "Choosing h" and not at.warning
    assert at.select_slider(key="gc_h").value == 1e-3
    at = open_page(**{KEY: "4"})
    assert at.session_state[KEY] == SECTIONS[0]
    assert f"`{KEY}=4` (a section: {', '.join(SECTIONS)})" in at.warning[0].value


@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)
def test_page_runs_and_shows_the_right_numbers(open_page, edge):
    at = open_page(**edge.query)
    expect_routes(at, edge.x, edge.label)
    assert not at.warning


def test_a_step_too_small_for_the_logits_is_explained(open_page):
    at = open_page(**{KEY: "Central differences"})
    at.select_slider(key="gc_h").set_value(1e-16).run()
    assert not at.exception
    (warning,) = at.warning
    assert "too small for x1 = 2" in warning.value
    assert table(at)["central diff. (h = 1e-16)"] == ["—"] * 3
    # x = 0 has floats as close as it likes: 1e-16 is a fine step there.
    at = open_page(x1="0", x2="0", x3="0")
    at.select_slider(key="gc_h").set_value(1e-16).run()
    shown = table(at)
    assert "The cause is round-off" in at.warning[0].value
    assert shown["central diff. (h = 1e-16)"] == ten(central(np.zeros(3), one_hot(3, 1), 1e-16))


@pytest.mark.parametrize(("h", "cause"), [(1.0, "truncation"), (1e-14, "round-off")])
def test_a_poor_step_fails_the_check_and_says_why(open_page, h, cause):
    at = open_page()
    at.select_slider(key="gc_h").set_value(h).run()
    assert not at.exception
    expect_routes(at, [2.0, 1.0, 0.1], 1, h=f"{h:g}".replace("e-0", "e-"))
    (warning,) = at.warning
    assert f"The cause is {cause}" in warning.value


@pytest.mark.parametrize("temperature", [0.1, 10.0])
def test_temperature_divides_the_gradient(open_page, temperature):
    at = open_page()
    at.select_slider(key="gc_t").set_value(temperature).run()
    assert not at.exception
    expect_routes(at, [2.0, 1.0, 0.1], 1, temperature=temperature)
    assert rf"\frac{{1}}{{{temperature:g}}}" in section(at, "Formula").latex[0].value


def test_squared_error_breaks_the_shortcut_but_not_the_check(open_page):
    at = open_page()
    at.radio(key="gc_loss").set_value("squared_error").run()
    assert not at.exception
    x, y = np.array([2.0, 1.0, 0.1]), one_hot(3, 1)
    true = core.squared_error_logits_grad(x, y)
    shown = table(at)
    assert shown["formula"] == ten(true)
    assert shown["(ŷⱼ − yⱼ)/T"] == ten(core.softmax(x) - y)
    assert shown["central diff. (h = 1e-5)"] == ten(central(x, y, 1e-5, loss="squared_error"))
    assert shown["sympy"] == ten(true)
    assert all(float(v) > 0.1 for v in shown["rel. error, (ŷ − y)/T"])
    assert "the check passes" in at.success[0].value
    mismatch = next(el.value for el in section(at, "Formula").latex if r"\text{but}" in el.value)
    assert tex(true[0]) in mismatch and tex(core.softmax(x)[0] - 1) in mismatch


@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error"])
@pytest.mark.parametrize("h", [1e-16, 1.0])
def test_every_control_at_its_extremes(open_page, loss, h):
    at = open_page(n="10", x1="10", x2="-10", label="2")
    at.radio(key="gc_loss").set_value(loss)
    at.select_slider(key="gc_t").set_value(0.1)
    at.select_slider(key="gc_h").set_value(h).run()
    assert not at.exception
    assert len(table(at)["class j"]) == 10
    if h == 1e-16:
        assert "too small for x1 = 10" in section(at, "Central differences").warning[0].value


def test_a_link_sets_the_lab_and_names_what_it_ignored(open_page):
    at = open_page(gc_loss="Squared error on ŷ", gc_t="2.0", gc_h="0.001")
    assert at.radio(key="gc_loss").value == "squared_error"
    assert at.select_slider(key="gc_t").value == 2.0
    assert at.select_slider(key="gc_h").value == 1e-3
    assert not [w for w in at.warning if "could not be used" in w.value]
    at = open_page(gc_loss="squared_error", gc_h="1e-3", gc_t="3")
    (notice,) = [w.value for w in at.warning if "could not be used" in w.value]
    assert "`gc_loss=squared_error`" in notice and "`gc_h=1e-3`" in notice
    assert "`gc_t=3`" in notice
    assert at.select_slider(key="gc_h").value == 1e-5


def test_any_class_can_be_checked_not_only_the_true_one(open_page):
    at = open_page(**{KEY: "Central differences"})
    assert at.radio(key="gc_j").value == 1  # the true class to start with
    at.radio(key="gc_j").set_value(3).run()
    assert not at.exception
    assert any(h.value == "2 · Central differences, for x3" for h in at.subheader)
    x, y = np.array([2.0, 1.0, 0.1]), one_hot(3, 1)
    shown = next(el.value for el in at.latex if r"L(x + h\,e_{3})" in el.value)
    quotient = float(re.search(r"x_\{3\}\} &\\approx (-?[0-9.]+)", shown).group(1))
    assert quotient == pytest.approx(central(x, y, 1e-5)[2], rel=1e-12)
    (expander,) = [e for e in section(at, "Three routes").expander if "∂L/∂x3" in e.label]
    assert "x_{3}" in expander.latex[0].value or "x3" in expander.label


def test_a_link_names_a_class_it_could_not_check(open_page):
    at = open_page(gc_j="j = 7")
    assert at.radio(key="gc_j").value == 1
    assert any("`gc_j=j = 7`" in w.value for w in at.warning)
