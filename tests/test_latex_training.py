"""The training lab's formulas, choices and texts: shapes, bugs, verdicts and numbers."""

import pytest

from sce_ui import palette
from sce_ui.latex import training as training_tex
from sce_ui.models import training as training_model
from tests.latex_checks import balanced, opening


@pytest.mark.parametrize(("points", "classes"), [(30, 3), (300, 4), (1000, 5)])
def test_model_and_gradients_show_the_current_shapes(points, classes):
    model = training_tex.model(points, classes)
    grads = training_tex.gradients(points, classes)
    assert balanced(model) and balanced(grads)
    assert rf"\underbrace{{Z}}_{{{points} \times {classes}}}" in model
    assert rf"\underbrace{{X}}_{{{points} \times 2}}" in model
    assert rf"\underbrace{{W}}_{{2 \times {classes}}}" in model
    assert rf"-\frac{{1}}{{{points}}} \sum_{{k=1}}^{{{points}}} \sum_{{j=1}}^{{{classes}}}" in model
    assert rf"\underbrace{{X^\top}}_{{2 \times {points}}}" in grads
    assert rf"_{{{points} \times {classes}}}" in grads
    assert rf"\underbrace{{\frac{{\partial L}}{{\partial b}}}}_{{{classes}}}" in grads
    assert grads.count(rf"}}{{{points}}}") == 3  # the 1/B in all three gradients
    assert opening(palette.Y_HAT) in grads and opening(palette.Y) in grads


def test_update_shows_the_learning_rate_and_the_epochs():
    text = training_tex.update(1e-4, 2000)
    assert balanced(text)
    assert r"\eta &= 0.0001,\ \text{2000 times}" in text
    assert r"W &\leftarrow W - \eta" in text
    assert r"\text{1 time}" in training_tex.update(1e-4, 1)  # it read "1 times"


def test_the_derived_gradient_is_y_hat_minus_y_over_b():
    text = training_tex.chosen_gradient(training_model.CORRECT, 300)
    assert balanced(text)
    assert r"\cancel" not in text
    assert text.endswith("}{300}")


def test_dropping_the_off_diagonal_terms_strikes_the_i_ne_j_sum_in_its_colour():
    text = training_tex.chosen_gradient("drop_off_diagonal", 120)
    assert balanced(text)
    assert r"\cancel{" + opening(palette.OTHER) + r"\sum_{i \ne j}" in text
    assert palette.tex_color(palette.SAME, r"-y_j\,(1 - \hat y_j)") in text
    assert r"\frac{1}{120}" in text


def test_forgetting_the_mean_strikes_the_one_over_b():
    text = training_tex.chosen_gradient("forget_batch_mean", 300)
    assert balanced(text)
    assert r"\cancel{\frac{1}{300}}" in text
    assert r"&= 300 \times \frac{" in text


def test_using_dl_dy_hat_skips_the_jacobian():
    text = training_tex.chosen_gradient("use_dL_dyhat", 50)
    assert balanced(text)
    assert r"&\ne \frac{1}{50}\sum_i" in text
    assert r"\frac{\partial \hat y_i}{\partial z_j}" in text


@pytest.mark.parametrize(
    ("error", "verdict", "shown"),
    [
        (2.273e-10, "<", r"2.27 \times 10^{-10}"),
        (9.99e-7, "<", r"9.99 \times 10^{-7}"),
        (1e-6, r"\ge", r"1.00 \times 10^{-6}"),
        (0.345, r"\ge", "0.345"),
        (float("inf"), r"\ge", r"\infty"),
    ],
)
def test_check_result_shows_the_error_and_the_verdict(error, verdict, shown):
    text = training_tex.check_result(error)
    assert balanced(text)
    assert f"&= {shown} {verdict} 10^{{-6}}" in text
    assert training_model.check_passed(error) == (verdict == "<")
