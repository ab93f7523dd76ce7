"""Step 6's formulas and numbers: the cancellations, the live derivation, soft labels."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import palette
from sce_ui.fmt import num, tex
from sce_ui.latex import simplification as simp
from tests.latex_checks import balanced, opening

X = np.array([2.0, 1.0, 0.1])
ONE_HOT = np.array([1.0, 0.0, 0.0])


def numbers(x, y, j: int) -> str:
    check = simp.shortcut_check(x, y)
    parts = core.chain_rule_parts(x, y)
    return simp.simplification_numbers(
        j, y, check.y_hat, (parts.same[j], parts.other[j]), check.label_sum, check.shortcut[j]
    )


def test_cancellation_strikes_both_y_hats_and_both_minus_signs():
    text = simp.cancellation()
    assert balanced(text)
    assert text.count(r"\cancel{\hat y_j}") == 2
    assert text.count(r"\cancel{\hat y_i}") == 2
    assert text.count(r"\cancel{-}") == 2
    assert r"\boxed{" in text and text.count(r"\\") == 6
    assert r"&= \hat y_j - y_j" in text
    assert all(opening(c) in text for c in (palette.SAME, palette.OTHER, palette.Y))


def test_shortcut_check_against_finite_differences():
    y = np.array([0.7, 0.5, 0.0])
    check = simp.shortcut_check(X, y)
    oracle = core.numerical_grad(lambda z: core.cross_entropy_from_logits(z, y), X)
    np.testing.assert_allclose(check.gradient, oracle, rtol=1e-6, atol=1e-8)
    assert check.label_sum == pytest.approx(1.2, abs=1e-15)
    np.testing.assert_allclose(check.shortcut, core.softmax(X) - y, rtol=0, atol=0)
    np.testing.assert_allclose(check.difference, check.predicted, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(check.predicted, 0.2 * core.softmax(X), rtol=1e-12)


def test_with_one_hot_labels_the_shortcut_is_the_gradient():
    check = simp.shortcut_check(X, ONE_HOT)
    assert check.label_sum == 1.0
    np.testing.assert_allclose(check.gradient, check.shortcut, rtol=1e-15, atol=1e-16)
    np.testing.assert_array_equal(check.predicted, 0.0)


def test_live_derivation_for_the_true_class():
    text = numbers(X, ONE_HOT, 0)
    assert balanced(text)
    assert r"{-1\,(1 - 0.659)}" in text
    assert r"0 \cdot 0.659" in text
    assert palette.tex_color(palette.SAME, "-0.341") in text  # -y_j (1 - y_hat_j)
    assert r"\boxed{\begin{aligned}" in text
    assert text.endswith(r"&= 0.659 - 1 = -0.341\end{aligned}")


def test_live_derivation_for_another_class():
    text = numbers(X, ONE_HOT, 2)
    y_hat = core.softmax(X)
    assert r"{-0\,(1 - 0.099)}" in text
    assert r"1 \cdot 0.099" in text
    assert text.endswith(rf"&= 0.099 - 0 = {tex(y_hat[2])}\end{{aligned}}")


def test_ten_classes_wrap_the_sums():
    y = np.eye(10)[3]
    text = numbers(np.linspace(-2, 2, 10), y, 0)
    assert balanced(text)
    product_lines = [line for line in text.split(r"\\") if line.count(r"\cdot 0.007") >= 3]
    assert len(product_lines) == 3  # nine products y_i * y_hat_1, three to a line
    box = text[text.index(r"\boxed") :]
    assert box.count(r"&\quad + ") == 1  # ten labels, five to a line


def test_label_sum_block_says_whether_the_labels_sum_to_one():
    assert simp.label_sum_block(ONE_HOT, 1.0).endswith(r"&= 1\end{aligned}")
    soft = simp.label_sum_block([1.0, 0.1, 0.1, 0.1], 1.3)
    assert balanced(soft)
    assert soft.endswith("&= " + palette.tex_color(palette.Y, "1.300") + r" \ne 1\end{aligned}")
    assert soft.count(r"&\quad + ") == 1  # soft labels go three to a line


def test_soft_label_gap_shows_the_difference_is_y_hat_times_excess():
    y = np.array([1.0, 0.1, 0.1])
    check = simp.shortcut_check(X, y)
    text = simp.soft_label_gap(1, y, check)
    assert balanced(text)
    y_hat = core.softmax(X)
    true = y_hat[1] * 1.2 - 0.1
    assert tex(true) == "0.191" and "&= 0.191" in text
    assert "0.242 - 0.100 = 0.142" in text
    assert r"0.242\,(" + palette.tex_color(palette.Y, "1.200") + " - 1)" in text
    assert text.count(f"&= {tex(0.2 * y_hat[1])}") == 2  # the difference and y_hat (sum - 1)


def test_all_digits_identify_the_float():
    for v in (0.1, -0.3409988611140321, 4.122307227883698e-09, 0.0, -0.0):
        assert float(simp.all_digits(v)) == v
    assert simp.all_digits(-0.0) == "0"


@pytest.mark.parametrize(
    ("a", "b", "digits"),
    [
        (0.25, 0.25, 17),
        (-0.17658943963079426, -0.17658943963079432, 15),
        (-4.122307227883698e-09, -4.1223073843355e-09, 7),
        (1.0, -1.0, 0),
        (0.1, 0.01, 0),
    ],
)
def test_agreeing_digits(a, b, digits):
    assert simp.agreeing_digits(a, b) == digits


def test_digits_table_compares_every_class():
    x = np.array([10.0, -10.0, -10.0])
    grad = core.logits_grad(x, ONE_HOT)
    table = simp.digits_table(grad, core.softmax(x) - ONE_HOT)
    assert table["j"] == ["1", "2", "3"]
    assert table["digits agree"][1:] == ["17 of 17", "17 of 17"]
    assert table["digits agree"][0] != "17 of 17"  # 1 - y_hat loses digits when subtracted
    assert table["Step 5 sum"][0] == simp.all_digits(grad[0])


def test_soft_label_table():
    y = np.array([0.0, 2.0, 0.0])
    check = simp.shortcut_check(X, y)
    table = simp.soft_label_table(y, check)
    y_hat = core.softmax(X)
    assert table["true ∂L/∂xᵢ"] == [num(v) for v in 2 * y_hat - y]
    assert table["ŷᵢ − yᵢ"] == [num(v) for v in y_hat - y]
    assert table["ŷᵢ(Σy − 1)"] == [num(v) for v in y_hat]
    assert table["difference"] == table["ŷᵢ(Σy − 1)"]
