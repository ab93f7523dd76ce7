"""Step 6 model: the shortcut check for labels of any sum, and digits that agree."""

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import num
from sce_ui.models import simplification as simplification_model

X = np.array([2.0, 1.0, 0.1])


ONE_HOT = np.array([1.0, 0.0, 0.0])


def test_shortcut_check_against_finite_differences():
    y = np.array([0.7, 0.5, 0.0])
    check = simplification_model.shortcut_check(X, y)
    oracle = core.numerical_grad(lambda z: core.cross_entropy_from_logits(z, y), X)
    np.testing.assert_allclose(check.gradient, oracle, rtol=1e-6, atol=1e-8)
    assert check.label_sum == pytest.approx(1.2, abs=1e-15)
    np.testing.assert_allclose(check.shortcut, core.softmax(X) - y, rtol=0, atol=0)
    np.testing.assert_allclose(check.difference, check.predicted, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(check.predicted, 0.2 * core.softmax(X), rtol=1e-12)


def test_with_one_hot_labels_the_shortcut_is_the_gradient():
    check = simplification_model.shortcut_check(X, ONE_HOT)
    assert check.label_sum == 1.0
    np.testing.assert_allclose(check.gradient, check.shortcut, rtol=1e-15, atol=1e-16)
    np.testing.assert_array_equal(check.predicted, 0.0)


def test_all_digits_identify_the_float():
    for v in (0.1, -0.3409988611140321, 4.122307227883698e-09, 0.0, -0.0):
        assert float(simplification_model.all_digits(v)) == v
    assert simplification_model.all_digits(-0.0) == "0"


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
    assert simplification_model.agreeing_digits(a, b) == digits


def test_digits_table_compares_every_class():
    x = np.array([10.0, -10.0, -10.0])
    grad = core.logits_grad(x, ONE_HOT)
    table = simplification_model.digits_table(grad, core.softmax(x) - ONE_HOT)
    assert table["j"] == ["1", "2", "3"]
    assert table["digits agree"][1:] == ["17 of 17", "17 of 17"]
    assert table["digits agree"][0] != "17 of 17"  # 1 - y_hat loses digits when subtracted
    assert table["Step 5 sum"][0] == simplification_model.all_digits(grad[0])


def test_soft_label_table():
    y = np.array([0.0, 2.0, 0.0])
    check = simplification_model.shortcut_check(X, y)
    table = simplification_model.soft_label_table(y, check)
    y_hat = core.softmax(X)
    assert table["true ∂L/∂xᵢ"] == [num(v) for v in 2 * y_hat - y]
    assert table["ŷᵢ − yᵢ"] == [num(v) for v in y_hat - y]
    assert table["ŷᵢ(Σy − 1)"] == [num(v) for v in y_hat]
    assert [c.removeprefix("≈ ") for c in table["difference"]] == [
        c.removeprefix("≈ ") for c in table["ŷᵢ(Σy − 1)"]
    ]
