"""Step 1 formulas: the learner's numbers appear, long sums wrap, colours follow the cases."""

import math

import numpy as np
import pytest

import sce_core as core
from sce_ui import palette
from sce_ui.fmt import signed_tex, tex
from sce_ui.latex import softmax as softmax_tex
from tests.latex_checks import balanced, opening

CLASSIC = np.array([2.0, 1.0, 0.1])


def test_definition_is_the_quotient_of_exponentials():
    text = softmax_tex.definition()
    assert r"\frac{e^{x_i}}{\sum_{k=1}^{n} e^{x_k}}" in text
    assert balanced(text)


def test_exponential_sum_shows_each_exponential_and_the_total():
    text = softmax_tex.exponential_sum(CLASSIC, core.softmax_terms(CLASSIC))
    for v in CLASSIC:
        assert f"e^{{{tex(v)}}}" in text
        assert tex(math.exp(v)) in text
    assert text.endswith(
        rf"&\approx {tex(math.exp(2) + math.exp(1) + math.exp(0.1))}\end{{aligned}}"
    )
    assert balanced(text)


def test_exponential_sum_wraps_ten_terms_three_to_a_line():
    x = np.linspace(-10, 10, 10)
    text = softmax_tex.exponential_sum(x, core.softmax_terms(x))
    rows = text.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}").split(r" \\ ")
    powers = [row for row in rows if "e^{" in row and "sum" not in row]
    assert len(powers) == 4
    assert all(row.count("e^{") <= softmax_tex.TERMS_PER_LINE for row in rows)
    assert balanced(text)


def test_probabilities_divide_each_exponential_by_the_sum():
    y_hat = core.softmax(CLASSIC)
    text = softmax_tex.probabilities(CLASSIC, y_hat, core.softmax_terms(CLASSIC))
    assert r"\frac{7.389}{11.213} = 0.659" in text
    assert r"\frac{2.718}{11.213} = 0.242" in text
    assert r"\frac{1.105}{11.213} \approx 0.0986" in text
    assert balanced(text)


def test_tiny_exponentials_and_probabilities_use_powers_of_ten():
    x = np.array([10.0, -10.0])
    text = softmax_tex.probabilities(x, core.softmax(x), core.softmax_terms(x))
    assert r"4.54 \times 10^{-5}" in text
    assert tex(core.softmax(x)[1]) in text and r"\times 10^{-9}" in text
    assert balanced(text)


def test_nudge_shows_old_plus_delta_is_new_in_the_i_equals_j_colour():
    text = softmax_tex.nudge(2, 1.0, -0.5, 0.5)
    assert "x_{2} + \\delta = 1.000 - 0.500 = 0.500" in text
    assert text.startswith(opening(palette.SAME))
    assert balanced(text)


@pytest.mark.parametrize("chosen", [1, 3])
def test_nudge_table_colours_the_chosen_row_as_i_equals_j(chosen):
    before = core.softmax(CLASSIC)
    nudged = CLASSIC.copy()
    nudged[chosen - 1] += 1.0
    after = core.softmax(nudged)
    text = softmax_tex.nudge_table(before, after, chosen)
    rows = text.split(r"\hline")[1].removesuffix(r"\end{array}").split(r" \\ ")
    assert len(rows) == 3
    for i, row in enumerate(rows, start=1):
        color = palette.SAME if i == chosen else palette.OTHER
        assert row.count(opening(color)) == 4
        assert (r"\blacklozenge" in row) == (i == chosen)
        assert tex(before[i - 1]) in row and tex(after[i - 1]) in row
        assert signed_tex(after[i - 1] - before[i - 1]) in row
    assert signed_tex(after[chosen - 1] - before[chosen - 1]).startswith("+")
    assert balanced(text)


def test_shift_reason_cancels_e_to_the_c():
    text = softmax_tex.shift_reason()
    assert text.count(r"\cancel{e^{c}}") == 2
    assert text.endswith(r"= \hat y_i")
    assert balanced(text)


def test_shift_factor_and_table_carry_the_numbers():
    assert "e^{-2.000} = 0.135" in softmax_tex.shift_factor(-2.0, core.softmax_terms([-2.0]).total)
    shifted = CLASSIC - 2.0
    text = softmax_tex.shift_table(CLASSIC, shifted, core.softmax(CLASSIC), core.softmax(shifted))
    assert r"1 & 2.000 & 0 & 0.659001 & 0.659001" in text
    assert r"3 & 0.100 & -1.900 & 0.098566 & 0.098566" in text
    assert balanced(text)


@pytest.mark.parametrize("n", [2, 10])
def test_every_writer_is_balanced_for_small_and_large_n(n):
    x = np.linspace(-10, 10, n)
    y_hat, terms = core.softmax(x), core.softmax_terms(x)
    for text in (
        softmax_tex.exponential_sum(x, terms),
        softmax_tex.probabilities(x, y_hat, terms),
        softmax_tex.nudge_table(y_hat, core.softmax(x + np.eye(n)[0]), 1),
        softmax_tex.shift_table(x, x + 3, y_hat, core.softmax(x + 3)),
    ):
        assert balanced(text)
