"""The softmax vector-Jacobian product against the Jacobian built in full."""

import numpy as np
import pytest

import sce_core as core

RNG = np.random.default_rng(12)


def test_softmax_vjp_equals_the_jacobian_product_and_y_hat_minus_y():
    logits = RNG.standard_normal((5, 4))
    y_hat, g = core.softmax(logits), RNG.standard_normal((5, 4))
    J = core.softmax_jacobian(logits)
    np.testing.assert_allclose(
        core.softmax_vjp(y_hat, g), np.einsum("bij,bj->bi", J, g), atol=1e-15
    )
    row = core.softmax_jacobian_product(logits[0], g[0])
    np.testing.assert_allclose(row, core.softmax_vjp(y_hat[0], g[0]), atol=1e-15)
    assert core.softmax_vjp_costs(1) == (3, 1, 3, 1)
    assert core.softmax_vjp_costs(50_000)[2] == 3 * 50_000**2
    Y = core.one_hot([0, 1, 2, 3, 0], 4)
    np.testing.assert_allclose(core.softmax_vjp(y_hat, -Y / y_hat), y_hat - Y, atol=1e-15)


BAD = [
    (lambda: core.softmax_vjp([0.5, 0.5], [1.0, 2.0, 3.0]), "g must have the shape"),
    (lambda: core.softmax_jacobian_product([0.0, 1.0], [1.0]), "g must be a vector"),
    (lambda: core.softmax_vjp_costs(0), "n_classes"),
]


@pytest.mark.parametrize(("call", "match"), BAD)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()
