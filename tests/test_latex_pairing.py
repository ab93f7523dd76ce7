"""Lab formulas, why this pairing: both losses, the gradient sizes, and the two-class identity."""

import math

import numpy as np
import pytest

import sce_core as core
from sce_ui import palette
from sce_ui.fmt import num, tex
from sce_ui.latex import pairing as pairing_tex
from sce_ui.models import pairing as pairing_model
from tests.arithmetic_checks import mismatches
from tests.latex_checks import balanced, shows_result


def full(value: float) -> str:
    return f"{float(value) + 0.0:.17g}"


def test_symbolic_losses_keep_the_factor_y_hat_j_only_for_squared_error():
    text = pairing_tex.losses_symbolic()
    assert balanced(text)
    y_hat_j = palette.tex_color(palette.Y_HAT, r"\hat y_{j}")
    y_j = palette.tex_color(palette.Y, "y_{j}")
    ce, se = text.split(r"L_{SE} &=")
    assert ce.rstrip(r" \[6pt]").endswith(f"= {y_hat_j} - {y_j}")
    assert r"\boxed" not in ce
    assert rf"2\,\boxed{{{y_hat_j}}}" in se


@pytest.mark.parametrize(("x", "label"), [([2.0, 1.0, 0.1], 1), ([6.0, 0.0, 0.0], 2)])
def test_your_numbers_show_both_losses_and_the_true_class_component(x, label):
    x = np.asarray(x)
    y = np.eye(3)[label - 1]
    p = core.softmax(x)[label - 1]
    ce, se = core.cross_entropy_from_logits(x, y), core.squared_error(core.softmax(x), y)
    g_ce = core.logits_grad(x, y)[label - 1]
    g_se = core.squared_error_logits_grad(x, y)[label - 1]
    text = pairing_tex.your_numbers(label, p, (ce, se), (g_ce, g_se))
    assert balanced(text)
    for value in (ce, se, g_ce, g_se):
        assert shows_result(text, tex(value))
    assert rf"\partial x_{{{label}}}" in text


def test_your_numbers_put_a_tiny_probability_in_parentheses_inside_the_log():
    x, y = np.array([-10.0, 10.0, 10.0]), np.array([1.0, 0.0, 0.0])
    p = core.softmax(x)[0]
    text = pairing_tex.your_numbers(1, p, (1.0, 1.0), (0.0, 0.0))
    assert rf"-\log({tex(p)})" in text
    assert r"\times 10^{-9}" in text
    assert core.cross_entropy_from_logits(x, y) > 20


def test_gradient_sizes_print_both_norms_and_the_limits():
    p = 0.25
    norms = tuple(core.gradient_norm_vs_confidence(p, 4, kind) for kind in core.LOSS_KINDS)
    text = pairing_tex.gradient_sizes(4, p, norms)
    assert balanced(text)
    assert r"\hat y_k = 0.250" in text
    assert f"& {tex(norms[0])} &" in text and f"& {tex(norms[1])} &" in text
    assert rf"\sqrt{{4/3}} = {tex(math.sqrt(4 / 3))}" in text
    assert text.startswith(r"\begin{array}{r|c|c}")


def test_gradient_sizes_without_a_point_show_only_the_limits():
    text = pairing_tex.gradient_sizes(2, 1.0, None)
    assert balanced(text)
    assert text.startswith(r"\begin{array}{r|c}")
    assert rf"\sqrt{{2/1}} = {tex(math.sqrt(2))}" in text
    assert r"\hat y_k =" not in text


def test_the_cross_entropy_limit_matches_the_gradient_at_a_tiny_probability():
    for n in (2, 3, 10):
        tiny = core.gradient_norm_vs_confidence(1e-12, n, "cross_entropy")
        assert f"= {tex(tiny)}" in pairing_tex.gradient_sizes(n, None, None)


def test_two_class_formulas_are_balanced_and_name_the_sigmoid():
    identity = pairing_tex.sigmoid_identity()
    assert balanced(identity)
    assert r"= \sigma(a - b)" in identity
    assert r"(1 - t) \log(1 - \sigma(z))" in identity
    grad = core.logits_grad([0.0, 0.0], [1.0, 0.0])
    half = pairing_tex.fifty_fifty(0.5, math.log(2), grad)
    assert balanced(half)
    assert r"\sigma(0) = 0.500" in half and r"\log 2 = 0.693" in half
    assert "(-0.500,\\ 0.500)" in half


def test_two_class_numbers_and_table_show_both_ways():
    check = pairing_model.two_class_check(3.7, -1.2, 2)
    text = pairing_tex.two_class_numbers(check)
    assert balanced(text)
    assert r"\operatorname{softmax}(3.7,\ -1.2)_1" in text
    assert r"\sigma(3.7 - (-1.2))" in text
    assert "t = 0" in text
    # ŷ₂ = 1 − 0.993 as printed gives −log 0.007 = 4.962, not the 4.907 printed: ≈
    assert rf"\hat y_{{2}}$}} &\approx {tex(check.cross_entropy)}" in text
    table = pairing_model.two_class_table(check)
    assert table["softmax + CE"][0] == full(check.softmax_first)
    assert table["sigmoid + BCE"][1] == full(check.binary_cross_entropy)
    assert table["difference"] == [
        full(check.softmax_first - check.sigmoid),
        full(check.cross_entropy - check.binary_cross_entropy),
        full(check.grad_first - check.bce_grad),
    ]
    assert all(abs(float(d)) <= 2e-16 for d in table["difference"])


@pytest.mark.parametrize(("a", "b", "label"), [(1.1, 2.8, 1), (2.8, 1.1, 2), (3.7, -1.2, 2)])
def test_two_class_losses_and_gradients_are_redone_from_the_printed_probability(a, b, label):
    """At (1.1, 2.8) ŷ₁ reads 0.154 and the loss read '= 1.868', where −log 0.154 = 1.871:
    each loss and gradient says ≈ where the printed ŷ₁ (or σ) misses it, and = only where
    it gives the printed value."""
    check = pairing_model.two_class_check(a, b, label)
    text = pairing_tex.two_class_numbers(check)
    p = float(num(check.softmax_first))
    true_p = p if label == 1 else 1 - p
    for shown, redone in [
        (check.cross_entropy, -np.log(true_p)),
        (check.grad_first, p - check.t),
    ]:
        relation = "=" if num(redone) == num(shown) else r"\approx"
        assert f"&{relation} {tex(shown)}" in text
    assert (text.help() is None) == (r"\approx" not in text)
    assert not mismatches(text)
