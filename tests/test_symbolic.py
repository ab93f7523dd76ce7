"""sympy's derivative of the loss: the same numbers as sce_core, from an independent route."""

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sce_core as core
from sce_ui import symbolic
from tests.latex_checks import balanced


def one_hot(n: int, label: int) -> np.ndarray:
    y = np.zeros(n)
    y[label] = 1.0
    return y


def test_hand_checked_two_classes():
    np.testing.assert_array_equal(symbolic.gradient([0.0, 0.0], [1.0, 0.0]), [-0.5, 0.5])
    # ŷ = (e/(1+e), 1/(1+e)) for x = (1, 0); the label is class 2.
    e = math.e
    np.testing.assert_allclose(
        symbolic.gradient([1.0, 0.0], [0.0, 1.0]), [e / (1 + e), -e / (1 + e)], rtol=1e-15
    )


def test_keeps_gradients_that_float64_rounds_away():
    # (ŷ₁ − 1)/T = −ŷ₂/T with ŷ₂ = e^{-20/T}/(1 + e^{-20/T}): 1 − ŷ₁ is 1e-87. T is the
    # float nearest 0.1, so 20/T is 200 − 1.1e-14, which moves the result by 1.1e-14.
    grad = symbolic.gradient([10.0, -10.0], [1.0, 0.0], temperature=0.1)
    with mpmath.workdps(50):
        t = mpmath.mpf(0.1)
        tail = mpmath.exp(-20 / t)
        expected = float(tail / (1 + tail) / t)
    np.testing.assert_allclose(grad, [-expected, expected], rtol=1e-15)
    assert grad[1] != 10 * math.exp(-200)  # the exact 200 gives another last digit


def test_temperature_divides_the_gradient():
    x, y = [2.0, 1.0, 0.1], one_hot(3, 0)
    np.testing.assert_allclose(
        symbolic.gradient(x, y, temperature=2.0),
        (core.softmax(np.array(x) / 2.0) - y) / 2.0,
        rtol=1e-14,
    )


def test_soft_labels_follow_y_hat_times_sum_minus_y():
    x, y = np.array([0.5, -1.0, 2.0]), np.array([1.0, 0.5, 0.5])
    np.testing.assert_allclose(
        symbolic.gradient(x, y), core.softmax(x) * y.sum() - y, rtol=1e-14, atol=1e-16
    )


@settings(max_examples=40, deadline=None)
@given(
    data=st.data(),
    n=st.integers(2, 10),
    temperature=st.sampled_from([0.1, 0.5, 1.0, 3.0, 10.0]),
    loss=st.sampled_from(symbolic.LOSSES),
)
def test_agrees_with_the_formulas_in_sce_core(data, n, temperature, loss):
    x = np.array(data.draw(st.lists(st.floats(-10, 10), min_size=n, max_size=n)))
    y = one_hot(n, data.draw(st.integers(0, n - 1)))
    got = symbolic.gradient(x, y, temperature, loss)
    if loss == "cross_entropy":
        np.testing.assert_allclose(core.logits_grad(x, y, temperature), got, rtol=1e-12, atol=0)
    else:
        # The float64 formula subtracts O(1) terms: its error is absolute, about ε/T.
        np.testing.assert_allclose(
            core.squared_error_logits_grad(x, y, temperature),
            got,
            rtol=1e-9,
            atol=1e-14 / temperature,
        )


def test_squared_error_matches_mpmath_differentiating_the_loss():
    x, labels = [0.3, -0.7, 1.1], [0, 1, 0]

    def loss(v):
        e = [mpmath.exp(vi) for vi in v]
        return sum((ei / sum(e) - yi) ** 2 for ei, yi in zip(e, labels, strict=True))

    with mpmath.workdps(40):
        expected = [
            float(mpmath.diff(lambda u, j=j: loss([*x[:j], u, *x[j + 1 :]]), x[j]))
            for j in range(3)
        ]
    got = symbolic.gradient(x, labels, loss="squared_error")
    np.testing.assert_allclose(got, expected, rtol=1e-14)


def test_the_derivation_is_cached_per_n_and_loss():
    symbolic.gradient([1.0, 2.0, 3.0, 4.0], one_hot(4, 0))
    before = symbolic._derivation.cache_info()
    symbolic.gradient([-1.0, 0.0, 5.0, 2.0], one_hot(4, 2), temperature=0.5)
    after = symbolic._derivation.cache_info()
    assert after.hits == before.hits + 1
    assert after.misses == before.misses


@pytest.mark.parametrize(
    ("x", "y", "kwargs", "match"),
    [
        ([1.0], [1.0], {}, "x must be 2 to 10"),
        ([0.0] * 11, [1.0] + [0.0] * 10, {}, "x must be 2 to 10"),
        ([0.0, np.nan], [1.0, 0.0], {}, "finite logits"),
        ([0.0, 1.0], [1.0, 0.0, 0.0], {}, "y must be 2"),
        ([0.0, 1.0], [1.0, 0.0], {"temperature": 0.0}, "temperature"),
        ([0.0, 1.0], [1.0, 0.0], {"temperature": math.inf}, "temperature"),
        ([0.0, 1.0], [1.0, 0.0], {"loss": "hinge"}, "loss must be one of"),
    ],
)
def test_bad_input_raises_value_error(x, y, kwargs, match):
    with pytest.raises(ValueError, match=match):
        symbolic.gradient(x, y, **kwargs)


def test_derivative_latex_is_sympys_result_with_s_for_the_sum():
    loss_terms, derivative_terms = symbolic.derivative_latex(3, 2, 2)
    assert loss_terms == (r"- \log{\left(\frac{e^{\frac{x_{2}}{T}}}{S} \right)}",)
    assert derivative_terms == (r"- \frac{1}{T}", r"\frac{e^{\frac{x_{2}}{T}}}{S T}")
    # For a wrong class only the softmax term is left: ŷⱼ/T.
    assert symbolic.derivative_latex(3, 2, 1)[1] == (r"\frac{e^{\frac{x_{1}}{T}}}{S T}",)


def test_squared_error_latex_has_a_term_per_class():
    loss_terms, derivative_terms = symbolic.derivative_latex(10, 3, 3, "squared_error")
    assert len(loss_terms) == 10
    assert len(derivative_terms) == 10
    assert all(balanced(term) for term in loss_terms + derivative_terms)
    assert "x_{10}" in " ".join(derivative_terms)


def test_derivative_latex_checks_its_classes():
    with pytest.raises(ValueError, match="classes 1 to 3"):
        symbolic.derivative_latex(3, 4, 1)
    with pytest.raises(ValueError, match="n must be"):
        symbolic.derivative_latex(1, 1, 1)
