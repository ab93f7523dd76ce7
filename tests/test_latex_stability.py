"""Lab formulas, numerical stability: failures named in the table, log-sum-exp with its numbers."""

import math

import numpy as np
import pytest

import sce_core as core
from sce_ui.latex import stability as latex
from tests.latex_checks import balanced


@pytest.mark.parametrize(
    ("value", "text", "tex"),
    [
        (0.0902, "0.090", "0.090"),
        (math.inf, "inf", r"\infty"),
        (-math.inf, "-inf", r"-\infty"),
        (math.nan, "nan", r"\text{NaN}"),
        (0.0, "0", "0"),
        (-1000.0, "-1000.000", "-1000.000"),
        (math.exp(700), "1.014e+304", r"1.014 \times 10^{304}"),
        (2.5e-7, "2.500e-07", r"2.500 \times 10^{-7}"),
    ],
)
def test_values_are_written_short_whatever_their_size(value, text, tex):
    assert latex.value_text(value) == text
    assert latex.value_tex(value) == tex


def test_a_cell_names_its_failure_and_only_then():
    assert latex.cell(0.25, "ok") == "0.250"
    assert latex.cell(math.inf, "overflow (inf)") == "inf · overflow"
    assert latex.cell(0.0, "underflow (0)") == "0 · underflow"
    assert latex.cell(math.nan, "nan") == "nan · not a number"
    assert latex.cell(-math.inf, "-inf") == "-inf · log of 0"
    assert set(latex.STATUS_WORDS) == set(core.FLOAT_STATUSES)


def test_compare_keeps_the_dtype_and_agrees_with_the_core():
    c = latex.compare([90.0, 91.0, 92.0], "float32")
    assert c.x.dtype == np.float32 and c.softmax.dtype == np.float32
    assert np.isinf(c.exps).all() and math.isinf(c.total) and math.isinf(c.log_total)
    assert np.isnan(c.naive_softmax).all()
    np.testing.assert_allclose(c.softmax, core.softmax([0.0, 1.0, 2.0]), rtol=1e-6)
    c64 = latex.compare([90.0, 91.0, 92.0], "float64")
    np.testing.assert_allclose(c64.naive_softmax, c64.softmax, rtol=1e-14)
    assert c64.log_total == pytest.approx(float(core.logsumexp([90.0, 91.0, 92.0])), rel=1e-15)


def test_compare_refuses_an_unknown_dtype():
    with pytest.raises(ValueError, match="dtype must be one of float64, float32"):
        latex.compare([1.0, 2.0, 3.0], "float16")


def test_report_table_for_huge_logits_names_overflow_and_nan():
    c = latex.compare([1000.0, 1001.0, 1002.0], "float64")
    frame = latex.report_table(c)
    assert list(frame.columns) == ["class 1", "class 2", "class 3"]
    assert list(frame.loc["naive e^xᵢ"]) == ["inf · overflow"] * 3
    assert list(frame.loc["naive ŷᵢ = e^xᵢ / Σe^x"]) == ["nan · not a number"] * 3
    assert list(frame.loc["stable ŷᵢ"]) == ["0.090", "0.245", "0.665"]
    assert list(frame.loc["stable log ŷᵢ = xᵢ − m − log Σe^(x − m)"]) == [
        "-2.408",
        "-1.408",
        "-0.408",
    ]


def test_report_table_for_spread_logits_names_every_failure_kind():
    c = latex.compare([-1000.0, 0.0, 1000.0], "float64")
    frame = latex.report_table(c)
    assert list(frame.loc["naive e^xᵢ"]) == ["0 · underflow", "1.000", "inf · overflow"]
    assert list(frame.loc["naive log ŷᵢ"]) == [
        "-inf · log of 0",
        "-inf · log of 0",
        "nan · not a number",
    ]
    # The stable log-softmax is exact where the probability itself underflows.
    assert list(frame.loc["stable log ŷᵢ = xᵢ − m − log Σe^(x − m)"]) == [
        "-2000.000",
        "-1000.000",
        "0",
    ]


def test_styled_tints_exactly_the_failed_cells():
    c = latex.compare([-1000.0, 0.0, 1000.0], "float64")
    frame = latex.report_table(c)
    html = latex.styled(frame).to_html()
    for status, tint in latex.STATUS_TINTS.items():
        if tint:
            assert tint.lower() in html.lower(), status
    tame = latex.styled(latex.report_table(latex.compare([2.0, 1.0, 0.1], "float64"))).to_html()
    assert "background-color" not in tame


def test_naive_lse_shows_the_overflowed_sum():
    text = latex.naive_lse(latex.compare([1000.0, 1001.0, 1002.0], "float64"))
    assert balanced(text)
    assert r"\log\big(e^{1000} + e^{1001} + e^{1002}\big)" in text
    assert r"\log\big(\infty + \infty + \infty\big)" in text
    assert text.endswith(r"= \log \infty = \infty\end{aligned}")
    low = latex.naive_lse(latex.compare([-1000.0, -1001.0, -1002.0], "float64"))
    assert r"\log 0 = -\infty" in low


@pytest.mark.parametrize("dtype", latex.DTYPES)
def test_lse_steps_show_every_intermediate_number(dtype):
    x = [1000.0, 1001.0, 1002.0]
    c = latex.compare(x, dtype)
    text = latex.lse_steps(c)
    assert balanced(text)
    assert r"m &= \max_k x_k = 1002" in text
    assert r"x - m &= \big(-2,\ -1,\ 0\big)" in text
    assert r"e^{x - m} &= \big(0.135,\ 0.368,\ 1.000\big)" in text
    assert r"e^{x_k - m} &= 1.503" in text
    result = float(core.logsumexp(np.array(x)))
    assert f"= 1002 + 0.408 = {result:.3f}" in text
    assert r"\big(-2.408,\ -1.408,\ -0.408\big)" in text


def test_definitions_show_the_shift_cancelling():
    text = latex.definitions()
    assert balanced(text)
    assert r"\frac{e^{-m}\, e^{x_i}}{e^{-m} \sum_k e^{x_k}}" in text
    assert r"m = \max_k x_k" in text


def test_temperature_gradient_is_finite_at_extreme_logits():
    x, y, t = np.array([-1000.0, 0.0, 1000.0]), np.array([1.0, 0.0, 0.0]), 0.05
    grad = core.logits_grad(x, y, t)
    loss = core.cross_entropy_from_logits(x, y, t)
    text = latex.temperature_gradient(core.softmax(x, temperature=t), y, t, grad, loss)
    assert balanced(text)
    assert "T = 0.05" in text
    assert r"L &= -\log \hat y_{1} = 40000.000" in text
    assert r"&= \frac{0 - 1}{0.05} = -20.000" in text
    assert r"&= \frac{1.000 - 0}{0.05} = 20.000" in text
    assert "nan" not in text.lower() and r"\infty" not in text
