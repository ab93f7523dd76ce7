"""Step 6's formulas and numbers: the cancellations, the live derivation, soft labels."""

import numpy as np

import sce_core as core
from sce_ui import palette
from sce_ui.fmt import tex
from sce_ui.latex import simplification as simplification_tex
from sce_ui.models import simplification as simplification_model
from tests.latex_checks import balanced, opening

X = np.array([2.0, 1.0, 0.1])
ONE_HOT = np.array([1.0, 0.0, 0.0])


def numbers(x, y, j: int) -> str:
    check = simplification_model.shortcut_check(x, y)
    parts = core.chain_rule_parts(x, y)
    return simplification_tex.simplification_numbers(
        j, y, check.y_hat, (parts.same[j], parts.other[j]), check.label_sum, check.shortcut[j]
    )


def test_cancellation_strikes_both_y_hats_and_both_minus_signs():
    text = simplification_tex.cancellation()
    assert balanced(text)
    assert text.count(r"\cancel{\hat y_j}") == 2
    assert text.count(r"\cancel{\hat y_i}") == 2
    assert text.count(r"\cancel{-}") == 2
    assert r"\boxed{" in text and text.count(r"\\") == 6
    assert r"&= \hat y_j - y_j" in text
    assert all(opening(c) in text for c in (palette.SAME, palette.OTHER, palette.Y))


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
    assert r"{-0\,(1 - 0.0986)}" in text
    assert r"1 \cdot 0.0986" in text
    assert text.endswith(rf"&= 0.0986 - 0 = {tex(y_hat[2])}\end{{aligned}}")


def test_ten_classes_wrap_the_sums():
    y = np.eye(10)[3]
    text = numbers(np.linspace(-2, 2, 10), y, 0)
    assert balanced(text)
    product_lines = [line for line in text.split(r"\\") if line.count(r"\cdot 0.00665") >= 3]
    assert len(product_lines) == 3  # nine products y_i * y_hat_1, three to a line
    box = text[text.index(r"\boxed") :]
    assert box.count(r"&\quad + ") == 1  # ten labels, five to a line


def test_label_sum_block_says_whether_the_labels_sum_to_one():
    assert simplification_tex.label_sum_block(ONE_HOT, 1.0).endswith(r"&= 1\end{aligned}")
    soft = simplification_tex.label_sum_block([1.0, 0.1, 0.1, 0.1], 1.3)
    assert balanced(soft)
    assert soft.endswith("&= " + palette.tex_color(palette.Y, "1.300") + r" \ne 1\end{aligned}")
    assert soft.count(r"&\quad + ") == 1  # soft labels go three to a line


def test_soft_label_gap_shows_the_difference_is_y_hat_times_excess():
    y = np.array([1.0, 0.1, 0.1])
    check = simplification_model.shortcut_check(X, y)
    text = simplification_tex.soft_label_gap(1, y, check)
    assert balanced(text)
    y_hat = core.softmax(X)
    true = y_hat[1] * 1.2 - 0.1
    assert tex(true) == "0.191" and "&= 0.191" in text
    assert "0.242 - 0.100 = 0.142" in text
    assert r"0.242\,(" + palette.tex_color(palette.Y, "1.200") + " - 1)" in text
    assert text.count(rf"&\approx {tex(0.2 * y_hat[1])}") == 2  # the difference and y_hat (sum - 1)
