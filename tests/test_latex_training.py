"""The training lab's formulas, choices and texts: shapes, bugs, verdicts and numbers."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import palette
from sce_ui.fmt import num
from sce_ui.latex import training as latex
from tests.latex_checks import balanced, opening


def test_the_choices_are_the_derived_gradient_and_every_bug_of_the_core():
    assert list(latex.CHOICES) == [latex.CORRECT, *core.BUGS[1:]]
    assert [latex.bug_of(c) for c in latex.CHOICES] == list(core.BUGS)
    assert latex.CHOICES[latex.CORRECT].step == ""
    assert all(
        choice.step and choice.why for key, choice in latex.CHOICES.items() if key != "correct"
    )


def test_learning_rates_run_from_tiny_to_absurd_on_a_log_scale():
    rates = latex.LEARNING_RATES
    assert rates[0] == 1e-4 and rates[-1] == 1e3
    assert latex.DEFAULT_LR in rates
    assert np.all(np.diff(rates) > 0)
    assert len(rates) == 22
    assert [latex.lr_label(v) for v in rates[:4]] == ["0.0001", "0.0002", "0.0005", "0.001"]
    assert latex.MAX_POINTS * latex.MAX_EPOCHS <= 2_000_000
    assert latex.MAX_EPOCHS <= core.MAX_EPOCHS


@pytest.mark.parametrize(("points", "classes"), [(30, 3), (300, 4), (1000, 5)])
def test_model_and_gradients_show_the_current_shapes(points, classes):
    model = latex.model(points, classes)
    grads = latex.gradients(points, classes)
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
    text = latex.update(1e-4, 2000)
    assert balanced(text)
    assert r"\eta &= 0.0001,\ \text{2000 times}" in text
    assert r"W &\leftarrow W - \eta" in text


def test_the_derived_gradient_is_y_hat_minus_y_over_b():
    text = latex.chosen_gradient(latex.CORRECT, 300)
    assert balanced(text)
    assert r"\cancel" not in text
    assert text.endswith("}{300}")


def test_dropping_the_off_diagonal_terms_strikes_the_i_ne_j_sum_in_its_colour():
    text = latex.chosen_gradient("drop_off_diagonal", 120)
    assert balanced(text)
    assert r"\cancel{" + opening(palette.OTHER) + r"\sum_{i \ne j}" in text
    assert palette.tex_color(palette.SAME, r"-y_j\,(1 - \hat y_j)") in text
    assert r"\frac{1}{120}" in text


def test_forgetting_the_mean_strikes_the_one_over_b():
    text = latex.chosen_gradient("forget_batch_mean", 300)
    assert balanced(text)
    assert r"\cancel{\frac{1}{300}}" in text
    assert r"&= 300 \times \frac{" in text


def test_using_dl_dy_hat_skips_the_jacobian():
    text = latex.chosen_gradient("use_dL_dyhat", 50)
    assert balanced(text)
    assert r"&\ne \frac{1}{50}\sum_i" in text
    assert r"\frac{\partial \hat y_i}{\partial z_j}" in text


@pytest.mark.parametrize(
    ("error", "verdict", "shown"),
    [
        (2.273e-10, "<", r"2.273 \times 10^{-10}"),
        (9.99e-7, "<", r"9.990 \times 10^{-7}"),
        (1e-6, r"\ge", r"1.000 \times 10^{-6}"),
        (0.345, r"\ge", "0.345"),
        (float("inf"), r"\ge", r"\infty"),
    ],
)
def test_check_result_shows_the_error_and_the_verdict(error, verdict, shown):
    text = latex.check_result(error)
    assert balanced(text)
    assert f"&= {shown} {verdict} 10^{{-6}}" in text
    assert latex.check_passed(error) == (verdict == "<")


def test_the_gradient_check_of_the_core_passes_and_fails_as_the_texts_say():
    X, labels = core.make_blobs(60, 3, seed=2)
    Y, W, b = core.one_hot(labels, 3), np.zeros((2, 3)), np.zeros(3)
    for choice in latex.CHOICES:
        error = core.gradient_check_model(W, b, X, Y, bug=latex.bug_of(choice))
        assert latex.check_passed(error) == (choice == latex.CORRECT), (choice, error)


def test_gradient_table_lists_every_parameter_with_its_numbers():
    X, labels = core.make_blobs(90, 4, seed=1)
    Y, W, b = core.one_hot(labels, 4), np.zeros((2, 4)), np.zeros(4)
    derived = core.model_loss_and_grad(W, b, X, Y)
    wrong = core.model_loss_and_grad(W, b, X, Y, bug="forget_batch_mean")
    table = latex.gradient_table(derived, wrong)
    assert table["parameter"] == [
        *("W₁₁", "W₁₂", "W₁₃", "W₁₄", "W₂₁", "W₂₂", "W₂₃", "W₂₄"),
        *("b₁", "b₂", "b₃", "b₄"),
    ]
    assert table["derived (ŷ − y)/B"][5] == num(derived.dW[1, 1])
    assert table["derived (ŷ − y)/B"][-1] == num(derived.db[3])
    # Without the 1/B, every component is B = 90 times the derived one.
    np.testing.assert_allclose(wrong.dW, 90 * derived.dW, rtol=1e-12)
    assert table["your choice"][0] == num(wrong.dW[0, 0])
    assert "your choice" not in latex.gradient_table(derived)


def test_texts_for_numbers():
    assert num(0.0271) == "0.027"
    assert num(999_999.0) == "999999.000"
    assert num(5.67e74) == "5.670e+74"
    assert latex.percent(0.9933) == "99.3 %"
    assert latex.rises([1.0, 0.5, 0.7, 0.6, 0.9]) == 2
    assert latex.rises([1.0, 0.5, 0.2]) == 0
    assert latex.rises([1.0]) == 0


def test_settings_summary_and_bug():
    s = latex.Settings(5, 1000, 7, 1000.0, 2000, "use_dL_dyhat")
    assert s.bug == "use_dL_dyhat"
    assert s.summary() == (
        "5 classes, 1000 points, seed 7, η = 1000, 2000 epochs, Bug: use ∂L/∂ŷ as if it were ∂L/∂x"
    )
    assert latex.Settings(3, 300, 0, 0.5, 200, latex.CORRECT).bug is None


@pytest.mark.parametrize(
    ("choice", "words"),
    [
        ("correct", "η = 1000 is too large"),
        ("drop_off_diagonal", "η = 1000 is too large"),
        ("forget_batch_mean", "B = 300 times too long, as if η were 300 times 1000"),
        ("use_dL_dyhat", "weights grow without end"),
    ],
)
def test_divergence_is_explained_for_the_gradient_used(choice, words):
    text = latex.diverged_message(latex.Settings(3, 300, 0, 1000.0, 200, choice), 17)
    assert text.startswith("Training diverged at epoch 17 and stopped")
    assert words in text


def test_overshoot_and_check_caption_name_their_numbers():
    text = latex.overshoot_message(latex.Settings(3, 300, 0, 1000.0, 200, "correct"), 4)
    assert "went up on 4 of 200 epochs: η = 1000 overshoots" in text
    assert "all 15 parameters p" in latex.check_caption(5)


def test_check_message_passes_quietly_and_fails_naming_the_step():
    passed = latex.check_message(2.3e-10, latex.CORRECT)
    assert passed.startswith("Passed: relative error 2.300e-10.")
    failed = latex.check_message(0.345, "drop_off_diagonal")
    assert failed.startswith("Failed: relative error 0.345, not below 1e-6.")
    assert "breaks Step 5 · Chain rule" in failed
    assert "breaks the batch mean" in latex.check_message(0.997, "forget_batch_mean")
