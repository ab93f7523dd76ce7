"""Gradient-check lab model: the three routes, the verdict, the error curve and the table."""

import mpmath
import numpy as np
import pytest

import sce_core as core
from sce_ui import fmt, symbolic
from sce_ui.models import gradcheck as gradcheck_model

X = np.array([2.0, 1.0, 0.1])
Y = np.array([1.0, 0.0, 0.0])


def ce(z, y=Y, t=1.0):
    return core.cross_entropy_from_logits(z, y, t)


def third_by_mpmath(x, label, temperature, loss):
    """∂³L/∂xⱼ³ from mpmath differentiating the loss at 50 digits: the oracle."""

    def value(v):
        e = [mpmath.exp(vi / temperature) for vi in v]
        p = [ei / sum(e) for ei in e]
        if loss == "cross_entropy":
            return -mpmath.log(p[label])
        return sum((pi - (k == label)) ** 2 for k, pi in enumerate(p))

    with mpmath.workdps(50):
        return np.array(
            [
                float(mpmath.diff(lambda u, j=j: value([*x[:j], u, *x[j + 1 :]]), x[j], 3))
                for j in range(len(x))
            ]
        )


def test_the_steps_run_on_a_log_scale_from_1e_16_to_1():
    steps = np.array(gradcheck_model.H_STEPS)
    assert steps[0] == 1e-16 and steps[-1] == 1.0
    assert np.all(np.diff(np.log10(steps)) > 0)
    assert gradcheck_model.DEFAULT_H in gradcheck_model.H_STEPS
    assert [gradcheck_model.h_label(h) for h in (1e-16, 2e-5, 5e-3, 1.0)] == [
        "1e-16",
        "2e-5",
        "0.005",
        "1",
    ]


def test_gradient_check_gathers_every_route():
    check = gradcheck_model.gradient_check(X, Y, 1.0, "cross_entropy", 1e-5)
    np.testing.assert_array_equal(check.formula, core.logits_grad(X, Y))
    np.testing.assert_array_equal(check.central, core.numerical_grad(ce, X, 1e-5))
    np.testing.assert_allclose(check.reference, core.softmax(X) - Y, rtol=1e-15, atol=1e-17)
    np.testing.assert_array_equal(check.shortcut, core.logits_grad(X, Y))
    assert check.value == ce(X)
    assert check.problem is None


def test_squared_error_uses_its_own_gradient_and_keeps_the_shortcut_apart():
    check = gradcheck_model.gradient_check(X, Y, 0.5, "squared_error", 1e-5)
    np.testing.assert_array_equal(check.formula, core.squared_error_logits_grad(X, Y, 0.5))
    np.testing.assert_allclose(check.shortcut, (core.softmax(X / 0.5) - Y) / 0.5, rtol=1e-15)
    np.testing.assert_allclose(check.central, check.formula, rtol=1e-8)
    assert np.all(core.relative_error(check.shortcut, check.formula) > 0.1)
    assert check.value == pytest.approx(float(np.sum((core.softmax(X / 0.5) - Y) ** 2)))


def test_a_step_below_the_float_spacing_is_explained_not_raised():
    check = gradcheck_model.gradient_check(X, Y, 1.0, "cross_entropy", 1e-16)
    assert check.central is None
    # 2 ± 1e-16 both round to 2 (floats near 2 are 4.4e-16 apart); 0.1 ± 1e-16 do not.
    assert "x1 = 2" in check.problem and "4.44e-16" in check.problem
    assert gradcheck_model.too_small_message([0.0, 10.0], 1e-16).startswith(
        "h = 1e-16 is too small for x2"
    )
    assert gradcheck_model.too_small_message([0.0, 0.1], 1e-16) is None
    assert gradcheck_model.largest_error(check) is None
    assert gradcheck_model.verdict(check, 1e-5) is None


def test_verdicts_name_the_cause():
    ok = gradcheck_model.verdict(
        gradcheck_model.gradient_check(X, Y, 1.0, "cross_entropy", 1e-5), 1.4e-5
    )
    assert ok.level == "success" and "passes" in ok.text
    big = gradcheck_model.verdict(
        gradcheck_model.gradient_check(X, Y, 1.0, "cross_entropy", 1.0), 1.4e-5
    )
    assert big.level == "warning" and "truncation" in big.text
    small = gradcheck_model.verdict(
        gradcheck_model.gradient_check(X, Y, 1.0, "cross_entropy", 1e-14), 1.4e-5
    )
    assert small.level == "warning" and "round-off" in small.text


def test_a_tiny_component_is_named_but_does_not_fail_the_check():
    # Confidently wrong: ∂L/∂x3 is 2.3e-6 beside two components near ±1, and rounding
    # adds about ε·L/h = 2.2e-10 to each.
    x, y = np.array([10.0, 0.0, -3.0]), np.array([0.0, 1.0, 0.0])
    check = gradcheck_model.gradient_check(x, y, 1.0, "cross_entropy", 1e-6)
    rel = core.relative_error(check.central, check.reference)
    assert rel[2] > gradcheck_model.PASS > max(rel[0], rel[1])
    result = gradcheck_model.verdict(check, None)
    assert result.level == "success"
    assert "class 3" in result.text and "2.26e-6" in result.text


@pytest.mark.parametrize("loss", ["cross_entropy", "squared_error"])
@pytest.mark.parametrize(
    ("x", "label", "temperature"),
    [([2.0, 1.0, 0.1], 0, 1.0), ([0.0, 0.0, 0.0], 1, 1.0), ([2.0, 1.0, 0.1], 2, 0.2)],
)
def test_third_derivatives_match_mpmath(x, label, temperature, loss):
    y = np.eye(len(x))[label]
    expected = third_by_mpmath(x, label, temperature, loss)
    got = gradcheck_model.third_derivatives(x, y, temperature, loss)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-9 / temperature**3)


def test_the_h_squared_term_vanishes_at_one_half():
    # n = 2 with equal logits: ŷ = 1/2 and ∂³L/∂x³ = ŷ(1 − ŷ)(1 − 2ŷ) = 0.
    y = np.array([1.0, 0.0])
    assert gradcheck_model.third_derivatives([0.0, 0.0], y, 1.0, "cross_entropy").tolist() == [
        0.0,
        0.0,
    ]
    curve = gradcheck_model.error_curve([0.0, 0.0], y, 1.0, "cross_entropy", np.array([-0.5, 0.5]))
    assert curve.truncation == 0 and curve.best_h is None
    assert "vanishes" in gradcheck_model.error_caption(curve)


def test_error_curve_follows_the_model_on_both_arms():
    reference = symbolic.gradient(X, Y)
    curve = gradcheck_model.error_curve(X, Y, 1.0, "cross_entropy", reference)
    assert curve.steps.size == 41
    # h = 1e-16 is below the spacing at x1 = 2; every larger step works.
    assert np.isnan(curve.errors[0]) and not np.isnan(curve.errors[1:]).any()
    # Truncation arm: error ≈ a h² between 1e-3 and 1e-1.
    arm = (curve.steps >= 1e-3) & (curve.steps <= 1e-1)
    np.testing.assert_allclose(
        curve.errors[arm], curve.truncation * curve.steps[arm] ** 2, rtol=0.05
    )
    # a = max |ŷ(1 − ŷ)(1 − 2ŷ)| / 6 for cross-entropy at T = 1.
    p = core.softmax(X)
    assert curve.truncation == pytest.approx(np.max(np.abs(p * (1 - p) * (1 - 2 * p))) / 6, 1e-5)
    assert curve.roundoff == gradcheck_model.EPS * ce(X)
    assert 1e-6 < curve.best_h < 1e-4
    best = np.argmin(curve.errors[1:]) + 1
    assert 1e-7 < curve.steps[best] < 1e-3
    caption = gradcheck_model.error_caption(curve)
    assert "1.43e-5" in caption and "shaded band" in caption


def test_comparison_table_shows_every_route_to_ten_digits():
    check = gradcheck_model.gradient_check(X, Y, 1.0, "cross_entropy", 1e-5)
    table = gradcheck_model.comparison_table(check)
    assert table["class j"] == ["1", "2", "3"]
    assert table["formula"] == [f"{v:.10g}" for v in core.logits_grad(X, Y)]
    central = core.numerical_grad(ce, X, 1e-5)
    assert table["central diff. (h = 1e-5)"] == [f"{v:.10g}" for v in central]
    rel = core.relative_error(central, check.reference)
    assert table["rel. error, central diff."] == [fmt.num(v) for v in rel]
    assert "(ŷⱼ − yⱼ)/T" not in table
    failed = gradcheck_model.comparison_table(
        gradcheck_model.gradient_check(X, Y, 1.0, "cross_entropy", 1e-16)
    )
    assert failed["central diff. (h = 1e-16)"] == ["—"] * 3


def test_squared_error_table_adds_the_shortcut():
    check = gradcheck_model.gradient_check(X, Y, 1.0, "squared_error", 1e-5)
    table = gradcheck_model.comparison_table(check)
    assert table["(ŷⱼ − yⱼ)/T"] == [f"{v:.10g}" for v in core.softmax(X) - Y]
    assert all(float(v) > 0.1 for v in table["rel. error, (ŷ − y)/T"])


def test_cancellation_caption_counts_the_digits_the_subtraction_loses():
    # At x1 = 2 with h = 1e-12 the two losses agree to 11 digits (step 2's example).
    parts = gradcheck_model.central_difference(X, Y, 1.0, "cross_entropy", 1e-12, 0)
    caption = gradcheck_model.cancellation_caption(parts)
    assert "share their first 11 of 17 significant digits" in caption
    assert "keeps only about 6 meaningful digits" in caption
    same = gradcheck_model.CentralDifference(0.25, 0.25, 0.0, 0.0)
    assert "keeps only about 0 meaningful" in gradcheck_model.cancellation_caption(same)
