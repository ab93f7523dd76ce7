"""The training lab's choices and runs: the gradient to train with, the limits of a run,
what a finished run keeps, and the words and table the page shows about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

import sce_core as core
from sce_core.training import MAX_POINTS as CORE_MAX_POINTS

from ..fmt import counted, num, percent, typed

CORRECT = "correct"
"""The radio value of the derived gradient; the other values are :data:`sce_core.BUGS`."""

LEARNING_RATES = (*(float(f"{m}e{k}") for k in range(-4, 3) for m in (1, 2, 5)), 1000.0)
"""η on a log scale: 1, 2 and 5 in every decade from 1e-4 to 1e3."""

DEFAULT_LR = 0.5

UI_POINT_EPOCHS = 2_000_000
"""The work of the largest run the page allows, points × epochs: a few seconds on one core."""
UI_MAX_POINTS = min(1000, CORE_MAX_POINTS)
"""The page's cap on the points of the data set (the core accepts up to its MAX_POINTS)."""
UI_MAX_EPOCHS = min(UI_POINT_EPOCHS // UI_MAX_POINTS, core.MAX_EPOCHS)
"""The page's cap on the epochs: what :data:`UI_POINT_EPOCHS` leaves for the most points,
and never above the core's MAX_EPOCHS."""

LIMITS = (
    f"Training is capped at {UI_MAX_POINTS} points × {UI_MAX_EPOCHS} epochs. The largest run "
    "(5 classes too) took about 1 to 2 s on one core here, longer on a busy server. It runs "
    "in this browser session's own script thread: other tabs and other learners keep "
    "working meanwhile (sharing the CPU), and touching any control stops it at the next "
    "update of the progress bar."
)
"""The time bound of a run, as measured, and why a run does not block other sessions."""

PASS_BELOW = 1e-6
"""A gradient check passes when the relative error is below this."""


@dataclass(frozen=True)
class Choice:
    """One entry of the gradient choice: its label, and what a bug breaks in the derivation."""

    label: str
    step: str
    """The step of the derivation it breaks ("" for the derived gradient)."""
    why: str


CHOICES = {
    CORRECT: Choice(
        "Derived: (ŷ − y)/B",
        "",
        "The gradient of the derivation, averaged over the batch.",
    ),
    "drop_off_diagonal": Choice(
        "Bug: drop the i ≠ j terms",
        "Step 5 · Chain rule",
        "Only the i = j term of the chain-rule sum is kept. A logit also moves the "
        "probability of every other class, and those i ≠ j paths carry the +ŷⱼ that "
        "pushes wrong classes down.",
    ),
    "forget_batch_mean": Choice(
        "Bug: forget the 1/B",
        "the batch mean",
        "The loss is the mean of B losses, so each example's ŷ − y counts 1/B. Without "
        "it the gradient is B times too large: the same as a learning rate B times larger.",
    ),
    "use_dL_dyhat": Choice(
        "Bug: use ∂L/∂ŷ as if it were ∂L/∂x",
        "Step 4 → Step 5",
        "Step 4's ∂L/∂ŷ = −y/ŷ is only the first factor of the chain rule: the softmax "
        "Jacobian of Step 3 is never applied, so the cancellation of Step 6 never happens.",
    ),
}


def bug_of(choice: str) -> str | None:
    """The ``bug`` argument of :func:`sce_core.train` for a radio value."""
    return None if choice == CORRECT else choice


def choice_label(choice: str) -> str:
    return CHOICES[choice].label


def lr_label(lr: float) -> str:
    """η as the slider shows it: ``0.0001``, ``0.5``, ``1000``.

    >>> lr_label(1e-4), lr_label(0.5), lr_label(1000.0)
    ('0.0001', '0.5', '1000')
    """
    return typed(lr)


def rises(loss_history) -> int:
    """How many epochs ended with a higher loss than the one before."""
    return int(np.count_nonzero(np.diff(np.asarray(loss_history, float)) > 0))


def diverged_message(s: Settings, epoch: int) -> str:
    """Why a run diverged, in words that fit the gradient it used."""
    cause = {
        CORRECT: f"The learning rate η = {lr_label(s.lr)} is too large: steps overshoot.",
        "drop_off_diagonal": f"The learning rate η = {lr_label(s.lr)} is too large.",
        "forget_batch_mean": (
            f"Without the 1/B every step is B = {s.points} times too long, as if η were "
            f"{s.points} times {lr_label(s.lr)}."
        ),
        "use_dL_dyhat": (
            "−y/ŷ never shrinks below 1 for the true class, so the weights grow without end."
        ),
    }[s.choice]
    return (
        f"Training diverged at epoch {epoch} and stopped: the loss overflowed or passed 100 "
        f"times its starting value. {cause}"
    )


def overshoot_message(s: Settings, rose: int) -> str:
    """For a run that did not diverge although its loss went up on some epochs."""
    return (
        f"The loss went up on {rose} of {counted(s.epochs, 'epoch')}: η = {lr_label(s.lr)} "
        "overshoots. "
        "Cross-entropy forgives a lot here: its gradient is bounded (|ŷ − y| ≤ 1), so a huge "
        "step makes the model overconfident rather than infinite, and well-separated classes "
        "pull it back. With 5 classes the blobs sit closer and η = 1000 can diverge."
    )


def progress_text(result: core.TrainResult) -> str:
    """The loss and the training accuracy before the first epoch and after the last."""
    loss, accuracy = result.loss_history, result.accuracy_history
    return (
        f"Loss **{num(loss[0])}** at epoch 0 → **{num(loss[-1])}** "
        f"at epoch {result.epochs_run}; training accuracy **{percent(accuracy[0])}** → "
        f"**{percent(accuracy[-1])}**."
    )


def check_passed(relative_error: float) -> bool:
    return relative_error < PASS_BELOW


def check_message(relative_error: float, choice: str) -> str:
    """The verdict of the gradient check in words; a failure names the step it breaks."""
    why = CHOICES[choice].why
    if check_passed(relative_error):
        return f"Passed: relative error {num(relative_error)}. {why}"
    return (
        f"Failed: relative error {num(relative_error)}, not below 1e-6. This gradient breaks "
        f"{CHOICES[choice].step}. {why}"
    )


def check_caption(classes: int) -> str:
    """Where and how the gradient check runs, and how to read its table."""
    return (
        "The check compares the chosen gradient a with central differences n of the loss "
        f"for all {3 * classes} parameters p of W and b (e is the relative error), at W = 0, "
        "b = 0, where every class has ŷ = 1/K. A buggy gradient can still lower the loss; "
        "only the check proves it wrong. "
        "Values near 1e-17 are rounding of 0."
    )


def _subscript(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def parameter_names(classes: int) -> list[str]:
    """W₁₁ … W₂K row by row, then b₁ … b_K: the order of :func:`gradient_table`'s rows."""
    weights = [f"W{_subscript(r)}{_subscript(c)}" for r in (1, 2) for c in range(1, classes + 1)]
    return weights + [f"b{_subscript(c)}" for c in range(1, classes + 1)]


def gradient_table(derived: core.LossAndGrad, chosen: core.LossAndGrad | None = None) -> dict:
    """One row per parameter: the derived gradient and, for a bug, the bug's gradient."""
    classes = derived.db.size
    table = {
        "parameter": parameter_names(classes),
        "derived (ŷ − y)/B": [num(v) for v in np.concatenate([derived.dW.ravel(), derived.db])],
    }
    if chosen is not None:
        values = np.concatenate([chosen.dW.ravel(), chosen.db])
        table["your choice"] = [num(v) for v in values]
    return table


class Settings(NamedTuple):
    """What the learner chose for one run: the data, the training and the gradient."""

    classes: int
    points: int
    seed: int
    lr: float
    epochs: int
    choice: str

    @property
    def bug(self) -> str | None:
        """The ``bug`` argument of :func:`sce_core.train`."""
        return bug_of(self.choice)

    def summary(self) -> str:
        """The settings in one line, for the caption above a run's result.

        >>> Settings(3, 300, 0, 0.5, 200, CORRECT).summary()
        '3 classes, 300 points, seed 0, η = 0.5, 200 epochs, Derived: (ŷ − y)/B'
        >>> Settings(3, 300, 0, 0.5, 1, CORRECT).summary()
        '3 classes, 300 points, seed 0, η = 0.5, 1 epoch, Derived: (ŷ − y)/B'
        """
        return (
            f"{self.classes} classes, {self.points} points, seed {self.seed}, "
            f"η = {lr_label(self.lr)}, {counted(self.epochs, 'epoch')}, {choice_label(self.choice)}"
        )


class Run(NamedTuple):
    """One finished run, kept in the session so the page shows it again after any rerun."""

    settings: Settings
    X: np.ndarray
    labels: np.ndarray
    result: core.TrainResult
    check: float
    """The gradient check's relative error at W = 0, b = 0."""
    derived: core.LossAndGrad
    """Loss and the derived gradient at W = 0, b = 0."""
    chosen: core.LossAndGrad | None
    """The bug's gradient at W = 0, b = 0 (None for the derived gradient)."""
