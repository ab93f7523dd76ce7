"""Training lab model: the choices, the limits of a run, and the words about it."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import fmt
from sce_ui.fmt import num
from sce_ui.models import training as training_model


def test_the_choices_are_the_derived_gradient_and_every_bug_of_the_core():
    assert list(training_model.CHOICES) == [training_model.CORRECT, *core.BUGS[1:]]
    assert [training_model.bug_of(c) for c in training_model.CHOICES] == list(core.BUGS)
    assert training_model.CHOICES[training_model.CORRECT].step == ""
    assert all(
        choice.step and choice.why
        for key, choice in training_model.CHOICES.items()
        if key != "correct"
    )


def test_learning_rates_run_from_tiny_to_absurd_on_a_log_scale():
    rates = training_model.LEARNING_RATES
    assert rates[0] == 1e-4 and rates[-1] == 1e3
    assert training_model.DEFAULT_LR in rates
    assert np.all(np.diff(rates) > 0)
    assert len(rates) == 22
    assert [training_model.lr_label(v) for v in rates[:4]] == [
        "0.0001",
        "0.0002",
        "0.0005",
        "0.001",
    ]
    assert training_model.UI_MAX_POINTS * training_model.UI_MAX_EPOCHS <= 2_000_000
    assert training_model.UI_MAX_EPOCHS <= core.MAX_EPOCHS


def test_the_gradient_check_of_the_core_passes_and_fails_as_the_texts_say():
    X, labels = core.make_blobs(60, 3, seed=2)
    Y, W, b = core.one_hot(labels, 3), np.zeros((2, 3)), np.zeros(3)
    for choice in training_model.CHOICES:
        error = core.gradient_check_model(W, b, X, Y, bug=training_model.bug_of(choice))
        assert training_model.check_passed(error) == (choice == training_model.CORRECT), (
            choice,
            error,
        )


def test_gradient_table_lists_every_parameter_with_its_numbers():
    X, labels = core.make_blobs(90, 4, seed=1)
    Y, W, b = core.one_hot(labels, 4), np.zeros((2, 4)), np.zeros(4)
    derived = core.model_loss_and_grad(W, b, X, Y)
    wrong = core.model_loss_and_grad(W, b, X, Y, bug="forget_batch_mean")
    table = training_model.gradient_table(derived, wrong)
    assert table["parameter"] == [
        *("W₁₁", "W₁₂", "W₁₃", "W₁₄", "W₂₁", "W₂₂", "W₂₃", "W₂₄"),
        *("b₁", "b₂", "b₃", "b₄"),
    ]
    assert table["derived (ŷ − y)/B"][5] == num(derived.dW[1, 1])
    assert table["derived (ŷ − y)/B"][-1] == num(derived.db[3])
    # Without the 1/B, every component is B = 90 times the derived one.
    np.testing.assert_allclose(wrong.dW, 90 * derived.dW, rtol=1e-12)
    assert table["your choice"][0] == num(wrong.dW[0, 0])
    assert "your choice" not in training_model.gradient_table(derived)


def test_texts_for_numbers():
    assert num(0.0271) == "0.0271"
    assert num(999_999.0) == "999999.000"
    assert num(5.67e74) == "5.67e74"
    assert fmt.percent(0.9933) == "99.3 %"
    assert training_model.rises([1.0, 0.5, 0.7, 0.6, 0.9]) == 2
    assert training_model.rises([1.0, 0.5, 0.2]) == 0
    assert training_model.rises([1.0]) == 0


def test_settings_summary_and_bug():
    s = training_model.Settings(5, 1000, 7, 1000.0, 2000, "use_dL_dyhat")
    assert s.bug == "use_dL_dyhat"
    assert s.summary() == (
        "5 classes, 1000 points, seed 7, η = 1000, 2000 epochs, Bug: use ∂L/∂ŷ as if it were ∂L/∂x"
    )
    assert training_model.Settings(3, 300, 0, 0.5, 200, training_model.CORRECT).bug is None


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
    text = training_model.diverged_message(
        training_model.Settings(3, 300, 0, 1000.0, 200, choice), 17
    )
    assert text.startswith("Training diverged at epoch 17 and stopped")
    assert words in text


def test_overshoot_and_check_caption_name_their_numbers():
    text = training_model.overshoot_message(
        training_model.Settings(3, 300, 0, 1000.0, 200, "correct"), 4
    )
    assert "went up on 4 of 200 epochs: η = 1000 overshoots" in text
    assert "all 15 parameters p" in training_model.check_caption(5)


def test_check_message_passes_quietly_and_fails_naming_the_step():
    passed = training_model.check_message(2.3e-10, training_model.CORRECT)
    assert passed.startswith("Passed: relative error 2.30e-10.")
    failed = training_model.check_message(0.345, "drop_off_diagonal")
    assert failed.startswith("Failed: relative error 0.345, not below 1e-6.")
    assert "breaks Step 5 · Chain rule" in failed
    assert "breaks the batch mean" in training_model.check_message(0.997, "forget_batch_mean")


def test_progress_text_names_the_first_and_last_loss_and_accuracy():
    X, labels = core.make_blobs(60, 3, seed=1)
    result = core.train(X, labels, 3, 0.5, 20, seed=1)
    text = training_model.progress_text(result)
    loss, accuracy = result.loss_history, result.accuracy_history
    assert text.startswith(f"Loss **{num(loss[0])}** at epoch 0 → **{num(loss[-1])}** at epoch 20")
    assert f"accuracy **{fmt.percent(accuracy[0])}** → **{fmt.percent(accuracy[-1])}**." in text
    assert loss[-1] < loss[0]
