"""The gradient-check lab's numbers and formulas: three routes to ∂L/∂x and the error of one."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import fmt, symbolic
from sce_ui.arithmetic import agrees
from sce_ui.fmt import tex
from sce_ui.latex import gradcheck as gradcheck_tex
from sce_ui.models import gradcheck as gradcheck_model
from tests.latex_checks import balanced
from tests.test_models_gradcheck import X, Y, ce


def test_central_difference_is_the_quotient_numerical_grad_takes():
    h = 1e-12
    parts = gradcheck_model.central_difference(X, Y, 1.0, "cross_entropy", h, 0)
    shift = np.array([h, 0.0, 0.0])
    assert parts.up == ce(X + shift) and parts.down == ce(X - shift)
    assert parts.step == (2.0 + h) - (2.0 - h) != 2 * h
    assert parts.value == core.numerical_grad(ce, X, h)[0]
    assert gradcheck_model.shared_digits(parts) == 11
    text = gradcheck_tex.central_difference_numbers(0, h, parts)
    assert balanced(text)
    assert f"{parts.up:.17g}" in text and f"{parts.down:.17g}" in text
    assert f"{parts.value:.17g}" in text
    assert r"h &= 10^{-12}" in text
    assert r"2.000177801164682 \times 10^{-12}" in text


def test_formulas_carry_the_numbers_and_balance():
    y_hat, grad = core.softmax(X / 2.0), core.logits_grad(X, Y, 2.0)
    text = gradcheck_tex.cross_entropy_formula(y_hat, Y, 2.0, grad)
    assert balanced(text)
    assert r"\frac{1}{2}" in text
    assert all(tex(v) in text for v in (*y_hat, *grad))
    assert balanced(gradcheck_tex.squared_error_formula())
    assert r"\ne" in gradcheck_tex.squared_error_formula()
    mismatch = gradcheck_tex.squared_error_mismatch(2, -0.25, 0.125)
    assert r"x_{3}" in mismatch and "-0.250" in mismatch and "0.125" in mismatch
    assert balanced(gradcheck_tex.central_difference_symbolic())


@pytest.mark.parametrize(
    ("x", "t", "relation"),
    [
        ([2.0, 1.0, 0.1], 1.0, "="),
        ([10.0, -10.0, 0.1], 1.0, r"\approx"),
        ([2.0, 1.0, 0.1], 0.3, r"\approx"),
    ],
)
def test_the_formula_says_equals_only_where_its_printed_numbers_give_the_result(x, t, relation):
    """At x1 = 10, ŷ1 prints 1.000 and 1.000 − 1 = 0, not the −5.02e-5 printed after the
    vectors: that line said '='; now '≈', with the entries redone in the tooltip."""
    x, y = np.asarray(x), np.array([1.0, 0.0, 0.0])
    y_hat, grad = core.softmax(x / t), core.logits_grad(x, y, t)
    text = gradcheck_tex.cross_entropy_formula(y_hat, y, t, grad)
    assert rf"\right] {relation} \begin{{pmatrix}}" in text
    printed = [fmt.parse(tex(v)) for v in y_hat]
    redone = [(p - target) / t for p, target in zip(printed, y, strict=True)]
    agree = all(agrees(r, tex(g)) for r, g in zip(redone, grad, strict=True))
    assert agree is (relation == "=")
    assert (text.help() is None) is agree


def test_error_model_shows_its_constants_and_the_best_step():
    curve = gradcheck_model.ErrorCurve(
        gradcheck_model.SWEEP, gradcheck_model.SWEEP, 0.016, 9.26e-17, 1.43e-5
    )
    text = gradcheck_tex.error_model(curve)
    assert balanced(text)
    assert r"0.0160\,h^2" in text and r"9.26 \times 10^{-17}" in text
    assert r"1.43 \times 10^{-5}" in text
    assert "smallest" not in gradcheck_tex.error_model(curve._replace(best_h=None))


def test_sympy_lines_break_long_sums():
    loss_terms, derivative_terms = symbolic.derivative_latex(10, 1, 1, "squared_error")
    text = gradcheck_tex.sympy_lines(loss_terms, derivative_terms, 0, per_line=3)
    assert balanced(text)
    # 10 terms each: 4 lines each, plus the line defining S.
    assert text.count(r"\\[4pt]") + 1 == 1 + 4 + 4
    assert r"\frac{\partial L}{\partial x_{1}} &=" in text
    short = gradcheck_tex.sympy_lines((r"- \log{x}",), (r"- \frac{1}{T}", r"\frac{a}{S T}"), 1)
    assert r"&= - \frac{1}{T} + \frac{a}{S T}" in short
