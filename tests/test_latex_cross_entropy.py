"""Step 2 formulas: zero-label terms struck out, the true class kept, the remark's numbers."""

import math

import numpy as np
import pytest

import sce_core as core
from sce_ui import palette
from sce_ui.fmt import tex
from sce_ui.latex import cross_entropy as cross_entropy_tex
from tests.latex_checks import balanced, shows_result

CLASSIC = np.array([2.0, 1.0, 0.1])


def one_hot(n, label):
    return np.eye(n)[label - 1]


def written(x, label):
    x = np.asarray(x, float)
    y = one_hot(x.size, label)
    return cross_entropy_tex.written_out(
        y, core.softmax(x), core.log_softmax(x), core.cross_entropy_from_logits(x, y)
    )


def test_definition_colours_labels_and_predictions_as_the_charts_do():
    text = cross_entropy_tex.definition()
    assert palette.tex_color(palette.Y, "y_{i}") in text
    assert palette.tex_color(palette.Y_HAT, r"\hat y_{i}") in text
    assert text.startswith(r"L = -\sum_{i=1}^{n}")
    assert balanced(text)


def test_written_out_strikes_every_zero_term_and_keeps_the_true_class():
    text = written(CLASSIC, 1)
    assert r"1 \cdot \log 0.659" in text
    assert r"\cancel{1" not in text
    assert rf"\textcolor{{{cross_entropy_tex.VANISHED}}}{{\cancel{{0 \cdot \log 0.242}}}}" in text
    assert rf"\textcolor{{{cross_entropy_tex.VANISHED}}}{{\cancel{{0 \cdot \log 0.0986}}}}" in text
    assert r"-\log 0.659" in text
    assert text.endswith(r"&= -\log 0.659 = 0.417\end{aligned}")
    assert balanced(text)


@pytest.mark.parametrize("label", [1, 2, 3])
def test_the_surviving_term_is_the_label_and_its_value_is_the_loss(label):
    text = written(CLASSIC, label)
    p = core.softmax(CLASSIC)[label - 1]
    assert text.count(r"\cancel{") == 2
    assert rf"1 \cdot \log {tex(p)}" in text
    assert shows_result(text, tex(-math.log(p)), at_end=True)


def test_a_tiny_true_probability_is_logged_in_parentheses():
    x = np.array([10.0, -10.0])
    text = written(x, 2)
    p = core.softmax(x)[1]
    assert rf"\log({tex(p)})" in text and r"\times 10^{-9}" in text
    assert shows_result(text, tex(20.0), at_end=True)
    assert balanced(text)


def test_ten_classes_wrap_into_short_lines():
    text = written(np.linspace(-3, 3, 10), 7)
    rows = text.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}").split(r" \\ ")
    symbol_rows = [r for r in rows if r"\hat y" in r and r"\cdot" not in r and r"-\log" not in r]
    number_rows = [r for r in rows if r"\cdot" in r]
    assert len(symbol_rows) == 4
    assert all(r.count(r"\log") <= cross_entropy_tex.SYMBOLS_PER_LINE for r in symbol_rows)
    assert len(number_rows) == 5
    assert all(r.count(r"\cdot") <= cross_entropy_tex.NUMBERS_PER_LINE for r in number_rows)
    assert text.count(r"\cancel{") == 9
    assert balanced(text)


def remark(x, label):
    x = np.asarray(x, float)
    y = one_hot(x.size, label)
    even = core.cross_entropy_from_logits(np.zeros(x.size), y)
    return cross_entropy_tex.confident_wrong(core.softmax(x), core.log_softmax(x), label, even)


def test_a_right_prediction_shows_the_cost_of_the_least_likely_class():
    text = remark(CLASSIC, 1)
    assert text.startswith("Your prediction is right")
    assert "$L = 0.417$" in text
    assert r"had the true class been 3" in text
    assert rf"-\log 0.0986 = {tex(-core.log_softmax(CLASSIC)[2])}" in text
    assert tex(-core.log_softmax(CLASSIC)[2]) == "2.317"
    assert r"$\log 3 = 1.099$" in text


def test_a_confident_wrong_prediction_costs_more_than_an_even_guess():
    x = np.array([6.0, 0.0, 0.0])
    text = remark(x, 2)
    p = core.softmax(x)
    assert text.startswith("Your prediction is wrong")
    assert rf"\hat y_{{1}} = {tex(p[0])}" in text and r"\hat y_{2} = 0.00247" in text
    assert rf"L = -\log 0.00247 \approx {tex(-math.log(p[1]))}$, more than knowing nothing" in text


def test_a_probability_below_one_percent_keeps_three_significant_digits():
    x = np.array([6.0, 0.0, 0.0])
    text = written(x, 2)
    assert tex(core.softmax(x)[1]) == "0.00247"
    assert r"1 \cdot \log 0.00247" in text and r"\cancel{0 \cdot \log 0.00247}" in text
    assert r"-\log 0.00247" in text and text.endswith(r"\approx 6.005\end{aligned}")


def test_a_slightly_wrong_prediction_can_cost_less_than_an_even_guess():
    x = np.log([0.45, 0.40, 0.15])
    assert "less than knowing nothing" in remark(x, 2)


def test_equal_probabilities_cost_log_n_whatever_the_label():
    text = remark(np.zeros(4), 3)
    assert r"$\log 4 = 1.386$" in text
    assert "right" not in text and "wrong" not in text
