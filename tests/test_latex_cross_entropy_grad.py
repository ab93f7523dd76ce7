"""LaTeX of step 4: ∂L/∂ŷᵢ = −yᵢ/ŷᵢ, symbolic and with the learner's numbers."""

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import tex
from sce_ui.latex import cross_entropy_grad as cross_entropy_grad_tex
from sce_ui.palette import SAME, Y_HAT, Y, tex_color
from tests.latex_checks import assert_well_formed, opening, shows_result

X = np.array([2.0, 1.0, 0.1])
Y1 = np.array([1.0, 0.0, 0.0])


def test_derivation_uses_the_log_rule_and_ends_in_minus_y_over_y_hat():
    latex = cross_entropy_grad_tex.derivation()
    assert_well_formed(latex)
    assert r"_{0 \text{ unless } k = i}" in latex
    assert r"(\log u)' = 1/u" in latex
    y_i, y_hat_i = tex_color(Y, "y_{i}"), tex_color(Y_HAT, r"\hat y_{i}")
    assert latex.endswith(rf"\boxed{{-\frac{{{y_i}}}{{{y_hat_i}}}}}\end{{aligned}}")


def test_per_class_is_zero_off_the_label_and_minus_one_over_y_hat_on_it():
    y_hat = core.softmax(X)
    latex = cross_entropy_grad_tex.per_class(y_hat, Y1)
    assert_well_formed(latex)
    rows = latex.split(r"\\[6pt]")
    assert len(rows) == 3
    one, zero = tex_color(Y, "1"), tex_color(Y, "0")
    assert rf"-\frac{{{one}}}{{{tex_color(Y_HAT, '0.659')}}} = -1.517" in rows[0]
    assert tex(-1 / y_hat[0]) == "-1.517"
    assert rf"-\frac{{{zero}}}{{{tex_color(Y_HAT, '0.242')}}} = 0" in rows[1]
    assert rows[2].endswith(tex_color(Y_HAT, "0.0986") + r"} = 0\end{aligned}")


@pytest.mark.parametrize("label", [1, 5, 10])
def test_per_class_follows_the_label_for_ten_classes(label):
    x = np.linspace(-10, 10, 10)
    y = np.eye(10)[label - 1]
    y_hat = core.softmax(x)
    rows = cross_entropy_grad_tex.per_class(y_hat, y).split(r"\\[6pt]")
    for k, row in enumerate(rows, start=1):
        value = tex(-1 / y_hat[k - 1]) if k == label else "0"
        assert shows_result(row, value, at_end=True)


def test_the_two_gradients_are_columns_of_their_own_numbers():
    y_hat = core.softmax(X)
    dl_dy_hat = cross_entropy_grad_tex.probability_gradient(y_hat, Y1)
    dl_dx = cross_entropy_grad_tex.logit_gradient(X, Y1)
    for latex in (dl_dy_hat, dl_dx):
        assert_well_formed(latex)
    assert r"\begin{pmatrix}-1.517 \\ 0 \\ 0\end{pmatrix}" in dl_dy_hat
    assert r"\begin{pmatrix}-0.341 \\ 0.242 \\ 0.0986\end{pmatrix}" in dl_dx
    np.testing.assert_allclose(core.logits_grad(X, Y1), y_hat - Y1, rtol=1e-15)


def test_chain_rule_and_limit_are_well_formed():
    assert_well_formed(cross_entropy_grad_tex.chain_rule())
    limit = cross_entropy_grad_tex.limit(3)
    assert_well_formed(limit)
    assert r"\lim_{\hat y_{3} \to 0^{+}}" in limit and limit.endswith(r"= -\infty")


def test_cancellation_shows_a_large_times_a_small_number():
    latex = cross_entropy_grad_tex.cancellation(X, Y1, 1)
    assert_well_formed(latex)
    assert r"\cancel{" in latex and opening(SAME) in latex
    assert r"&= -1.517 \cdot " + tex_color(SAME, "0.225") in latex
    assert latex.endswith(
        r"&= -1.517 \cdot " + tex_color(SAME, "0.225") + r" = -0.341\end{aligned}"
    )


def test_cancellation_breaks_a_product_too_long_for_a_phone():
    x = np.array([10.0, -10.0])
    y = np.array([0.0, 1.0])
    latex = cross_entropy_grad_tex.cancellation(x, y, 2)
    assert_well_formed(latex)
    g = core.cross_entropy_grad(core.softmax(x), y)[1]
    assert g < -1e8
    assert rf"&= {tex(g)} \\ &\qquad \cdot" in latex
    assert latex.endswith(r"\approx -1.000\end{aligned}")


def test_cancellation_keeps_four_figures_of_a_small_factor_so_the_product_checks():
    x, y = np.array([2.0, -3.0, 0.1]), np.array([0.0, 1.0, 0.0])
    latex = cross_entropy_grad_tex.cancellation(x, y, 2)
    p = core.softmax(x)[1]
    assert r"&= -171.611 \cdot " + tex_color(SAME, "0.00579") + " = -0.994" in latex
    np.testing.assert_allclose(-171.611 * 0.005793, -(1 - p), rtol=1e-4)
    assert latex.endswith(r"= -0.994\end{aligned}")
