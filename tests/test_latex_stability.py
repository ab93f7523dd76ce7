"""Lab formulas, numerical stability: failures named in the table, log-sum-exp with its numbers."""

import math

import numpy as np
import pytest

import sce_core as core
from sce_ui import fmt
from sce_ui.latex import stability as stability_tex
from sce_ui.models import stability as stability_model
from tests.latex_checks import balanced


@pytest.mark.parametrize(
    ("value", "text", "tex"),
    [
        (0.0902, "0.0902", "0.0902"),
        (math.inf, "inf", r"\infty"),
        (-math.inf, "-inf", r"-\infty"),
        (math.nan, "nan", r"\text{NaN}"),
        (0.0, "0", "0"),
        (-1000.0, "-1000.000", "-1000.000"),
        (math.exp(700), "1.01e304", r"1.01 \times 10^{304}"),
        (2.5e-7, "2.50e-7", r"2.50 \times 10^{-7}"),
    ],
)
def test_values_are_written_short_whatever_their_size(value, text, tex):
    assert fmt.num(value) == text
    assert fmt.tex(value) == tex


def test_naive_lse_shows_the_overflowed_sum():
    text = stability_tex.naive_lse(stability_model.compare([1000.0, 1001.0, 1002.0], "float64"))
    assert balanced(text)
    assert r"\log\big(e^{1000} + e^{1001} + e^{1002}\big)" in text
    assert r"\log\big(\infty + \infty + \infty\big)" in text
    assert text.endswith(r"= \log \infty = \infty\end{aligned}")
    low = stability_tex.naive_lse(stability_model.compare([-1000.0, -1001.0, -1002.0], "float64"))
    assert r"\log 0 = -\infty" in low


@pytest.mark.parametrize("dtype", stability_model.DTYPES)
def test_lse_steps_show_every_intermediate_number(dtype):
    x = [1000.0, 1001.0, 1002.0]
    c = stability_model.compare(x, dtype)
    text = stability_tex.lse_steps(c)
    assert balanced(text)
    assert r"m &= \max_k x_k = 1002" in text
    assert r"x - m &= \big(-2,\ -1,\ 0\big)" in text
    assert r"e^{x - m} &= \big(0.135,\ 0.368,\ 1.000\big)" in text
    assert r"e^{x_k - m} &= 1.503" in text
    result = float(core.logsumexp(np.array(x)))
    assert f"= 1002 + 0.408 = {result:.3f}" in text
    assert r"\big(-2.408,\ -1.408,\ -0.408\big)" in text


def test_definitions_show_the_shift_cancelling():
    text = stability_tex.definitions()
    assert balanced(text)
    assert r"\frac{e^{-m}\, e^{x_i}}{e^{-m} \sum_k e^{x_k}}" in text
    assert r"m = \max_k x_k" in text


def test_temperature_gradient_is_finite_at_extreme_logits():
    x, y, t = np.array([-1000.0, 0.0, 1000.0]), np.array([1.0, 0.0, 0.0]), 0.05
    grad = core.logits_grad(x, y, t)
    loss = core.cross_entropy_from_logits(x, y, t)
    text = stability_tex.temperature_gradient(core.softmax(x, temperature=t), y, t, grad, loss)
    assert balanced(text)
    assert "T = 0.05" in text
    assert r"L &= -\log \hat y_{1} = 40000.000" in text
    assert r"&= \frac{0 - 1}{0.05} = -20.000" in text
    assert r"&= \frac{1.000 - 0}{0.05} = 20.000" in text
    assert "nan" not in text.lower() and r"\infty" not in text


@pytest.mark.parametrize(
    ("x", "sum_relation", "log_relation"),
    [([-2.0, -4.0, -4.0], r"\approx", "="), ([1000.0, 1001.0, 1002.0], "=", r"\approx")],
)
def test_the_shifted_sum_and_its_log_say_approx_where_their_printed_numbers_miss(
    x, sum_relation, log_relation
):
    """At x = (−2, −4, −4) the entries 1.000, 0.135, 0.135 add up to 1.270 and the sum
    read '= 1.271'; at x = (1000, 1001, 1002) the sum reads 1.503 and its log '= 0.408',
    where log 1.503 = 0.4075. Each line says ≈ there, and the tooltip redoes it."""
    c = stability_model.compare(x, "float64")
    text = stability_tex.lse_steps(c)
    sum_line = rf"e^{{x_k - m}} &{sum_relation} {fmt.tex(c.steps.sum_exp)}"
    log_line = rf"\log \textstyle\sum_k e^{{x_k - m}} &{log_relation} {fmt.tex(c.steps.log_sum)}"
    assert sum_line in text and log_line in text
    assert text.help() is not None
    redone = r"\log 1.503" if log_relation != "=" else "1 + 0.135335283236613 + 0.135335283236613"
    assert redone in text.help()
