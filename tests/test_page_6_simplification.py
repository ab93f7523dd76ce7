"""Step 6 run headless: the simplification with live numbers, and soft labels that break it."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import fmt, palette
from sce_ui.fmt import num, tex
from tests.app_checks import EDGE_QUERIES, one_hot, only_formula, open_revealed
from tests.latex_checks import shows_result

PAGE = "pages/6_Simplification.py"


@pytest.fixture
def run_page():
    """The page with its prediction skipped by "Show me", so every number is in view."""

    def run(page: str, **query: str):
        return open_revealed(page, "Step 6 · Simplification", "predict_gradient", 30, **query)

    return run


def formula(at, marker: str) -> str:
    """The one formula on the page that contains ``marker``, without its ``$$``."""
    return only_formula(at, marker).strip("$\n")


def full(value: float) -> str:
    return fmt.significant(value, 17)


def expect_derivation(at, x, label: int, j: int) -> None:
    """The live derivation and the digits table match logits ``x``, a label and class j."""
    x = np.asarray(x, float)
    y, y_hat = one_hot(x.size, label), core.softmax(x)
    text = formula(at, r"\boxed{\begin{aligned}")
    yj, pj = int(y[j - 1]), tex(y_hat[j - 1])
    assert rf"\partial x_{{{j}}}" in text
    assert rf"{{-{yj}\,(1 - {pj})}}" in text
    assert rf"&= {pj} - {yj} " in text and shows_result(text, tex(y_hat[j - 1] - yj), at_end=True)
    table = at.table[0].value
    grad = core.numerical_grad(lambda z: core.cross_entropy_from_logits(z, y), x)
    step5 = [float(v) for v in table["Step 5 sum"]]
    np.testing.assert_allclose(step5, grad, rtol=1e-5, atol=1e-7)
    assert list(table["ŷⱼ − yⱼ"]) == [full(v) for v in y_hat - y]


def test_default_page_shows_the_cancellation_and_the_numbers(run_page):
    at = run_page(PAGE)
    assert not at.exception
    assert formula(at, r"\cancel").count(r"\cancel{-}") == 2
    text = formula(at, r"\boxed{\begin{aligned}")
    # Hand-checked: y_hat_1 = 0.659, so -y_1 (1 - y_hat_1) = -0.341 and the sum of y is 1.
    assert r"{-1\,(1 - 0.659)}" in text
    assert r"&= 0.659 - 1 = -0.341" in text
    expect_derivation(at, [2.0, 1.0, 0.1], 1, 1)
    assert list(at.table[0].value["digits agree"]) == ["17 of 17"] * 3
    assert not at.toggle(key="simp_soft").value


@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)
def test_page_runs_and_shows_the_right_numbers(run_page, edge):
    at = run_page(PAGE, **edge.query)
    assert not at.exception
    expect_derivation(at, edge.x, edge.label, 1)


def test_an_almost_certain_class_loses_digits_in_the_shortcut(run_page):
    at = run_page(PAGE, x1="10", x2="-10", x3="-10")
    agree = list(at.table[0].value["digits agree"])
    assert agree[1:] == ["17 of 17", "17 of 17"]
    assert int(agree[0].split()[0]) < 12


def test_choosing_another_class_changes_the_derivation(run_page):
    at = run_page(PAGE)
    at.radio(key="simp_j").set_value(2).run()
    assert not at.exception
    expect_derivation(at, [2.0, 1.0, 0.1], 1, 2)
    assert r"1 \cdot 0.242" in formula(at, r"\boxed{\begin{aligned}")


def test_a_chosen_class_beyond_n_is_clamped(run_page):
    at = run_page(PAGE, n="6")
    at.radio(key="simp_j").set_value(6).run()
    at.slider(key="n").set_value(3).run()
    assert not at.exception
    assert at.radio(key="simp_j").value == 3
    expect_derivation(at, [2.0, 1.0, 0.1], 1, 3)


def soft_table(at):
    return at.table[1].value


def label_sum(at) -> str:
    """The formula Σᵢ yᵢ = y₁ + … + yₙ of the soft labels."""
    start = r"\begin{aligned}" + palette.tex_color(palette.Y, r"\sum_i y_i")
    (text,) = [el.value.strip("$\n") for el in at.latex if el.value.strip("$\n").startswith(start)]
    return text


def test_soft_labels_break_the_shortcut_by_y_hat_times_the_excess(run_page):
    at = run_page(PAGE)
    at.toggle(key="simp_soft").set_value(True).run()
    assert not at.exception
    x, y = np.array([2.0, 1.0, 0.1]), np.array([1.0, 0.1, 0.1])  # the starting soft labels
    y_hat = core.softmax(x)
    true = core.numerical_grad(lambda z: core.cross_entropy_from_logits(z, y), x)
    table = soft_table(at)
    np.testing.assert_allclose([float(v) for v in table["true ∂L/∂xᵢ"]], true, atol=1e-3)
    assert [c.removeprefix("≈ ") for c in table["ŷᵢ − yᵢ"]] == [num(v) for v in y_hat - y]
    assert [c.removeprefix("≈ ") for c in table["ŷᵢ(Σy − 1)"]] == [num(v) for v in 0.2 * y_hat]
    assert list(table["difference"]) == list(table["ŷᵢ(Σy − 1)"])
    assert r"\ne 1" in label_sum(at)
    gap = formula(at, r"\hat y_{1} - y_{1} &=")
    assert f"= {tex(y_hat[0] - 1.0)}" in gap
    assert gap.count(f"&= {tex(0.2 * y_hat[0])}") == 2


def test_soft_labels_that_sum_to_one_keep_the_shortcut(run_page):
    at = run_page(PAGE)
    at.toggle(key="simp_soft").set_value(True).run()
    at.number_input(key="simp_y1").set_value(0.8).run()
    assert not at.exception
    assert label_sum(at).endswith(r"&= 1\end{aligned}")
    y = np.array([0.8, 0.1, 0.1])
    expected = [num(v) for v in core.softmax([2.0, 1.0, 0.1]) - y]
    table = soft_table(at)
    assert list(table["true ∂L/∂xᵢ"]) == expected
    assert [c.removeprefix("≈ ") for c in table["ŷᵢ − yᵢ"]] == expected


def test_the_doubled_button_makes_the_gradient_twice_y_hat_minus_y(run_page):
    at = run_page(PAGE, n="4", label="2")
    at.toggle(key="simp_soft").set_value(True).run()
    at.button(key="simp_scale2").click().run()
    assert not at.exception
    assert [at.number_input(key=f"simp_y{k}").value for k in range(1, 5)] == [0, 2, 0, 0]
    x = np.array([2.0, 1.0, 0.1, 0.0])
    y_hat = core.softmax(x)
    table = soft_table(at)
    assert list(table["true ∂L/∂xᵢ"]) == [num(v) for v in 2 * y_hat - [0, 2, 0, 0]]
    assert list(table["ŷᵢ(Σy − 1)"]) == [num(v) for v in y_hat]
    at.slider(key="n").set_value(10).run()
    assert not at.exception
    assert len(soft_table(at)["yᵢ"]) == 10
