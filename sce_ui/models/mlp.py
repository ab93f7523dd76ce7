"""What the network labs show: their settings, the runs, the check's verdicts, the graph's nodes.

Plain functions from settings and :mod:`sce_core` results to values, rows and sentences;
the pages draw them, :mod:`sce_ui.latex.mlp` writes their formulas.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import sce_core as core

from ..fmt import apart, counted, num, typed
from . import MAX_SEED

DATASETS = {"blobs": "Blobs", "moons": "Two moons", "spirals": "Spirals"}
CORRECT = "correct"
"""The bug choice of the derived backward pass; the others are :data:`sce_core.MLP_BUGS`."""
FULL = 0
"""The batch-size choice that takes every point: full-batch gradient descent."""
BATCH_SIZES = (1, 8, 16, 32, 64, 128, FULL)
LEARNING_RATES = (0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
CHECK_POINTS = 16
"""The gradient check runs on this many points: two forward passes per parameter entry."""
MAX_STEPS = 100_000
"""Most gradient steps (epochs × batches per epoch) a run may take: about 10 s here."""
LINEAR_LR = 0.5
"""η of the linear model drawn beside the network: its failure is its shape, not its η."""


@dataclass(frozen=True)
class Bug:
    """A planted mistake: its label, the wrong line of code, the right one, and why."""

    label: str
    line: str
    why: str
    right: str = ""


BUGS = {
    CORRECT: Bug("None: the derived backward pass", "", ""),
    "forget_activation_grad": Bug(
        "Forget f′: dZ = dA",
        "dZ = dA",
        "the gradient skips the activation's slope, so it flows through units that relu "
        "switched off or tanh flattened",
        "dZ = dA * f_prime(Z)",
    ),
    "z_instead_of_a": Bug(
        "Z in place of A in dW",
        "dW = Z_prev.T @ dZ",
        "a layer's weights multiply its input A = f(Z), not the pre-activation Z",
        "dW = A_prev.T @ dZ",
    ),
    "reshape_not_transpose": Bug(
        "W.reshape for Wᵀ",
        "dA_prev = dZ @ W.reshape(W.shape[::-1])",
        "reshape gives Wᵀ's shape but not its entries, so the error reaches the wrong units",
        "dA_prev = dZ @ W.T",
    ),
    "batch_mean_twice": Bug(
        "Divide by B twice",
        "dW = A_prev.T @ dZ / B",
        "dZ_L = (Ŷ − Y)/B already holds the mean's 1/B; a second 1/B shrinks every step B times",
        "dW = A_prev.T @ dZ",
    ),
    "softmax_twice": Bug(
        "Softmax twice",
        "dZ = (softmax(Y_hat) - Y) / B",
        "probabilities fed to softmax as if they were logits: softmax(Ŷ) is flat, never ŷ",
        "dZ = (Y_hat - Y) / B",
    ),
}


NOT_TRAINED = (
    "Nothing trained yet: press **Train**. A link to this page keeps every control above; "
    "opened elsewhere, it shows the same run once **Train** is pressed (same seed, same "
    "numbers)."
)
"""What the lab says before its first run."""


def lr_label(lr: float) -> str:
    """η as the slider shows it.

    >>> lr_label(0.003), lr_label(10.0)
    ('0.003', '10')
    """
    return typed(lr)


def batch_label(batch: int) -> str:
    """The batch size as the slider shows it.

    >>> batch_label(0), batch_label(32)
    ('all (full batch)', '32')
    """
    return "all (full batch)" if batch == FULL else str(batch)


@dataclass(frozen=True)
class Settings:
    """The lab's choices, as plain values."""

    data: str = "spirals"
    classes: int = 3
    points: int = 300
    layers: int = 2
    units: int = 32
    activation: str = "relu"
    lr: float = 0.3
    epochs: int = 200
    batch: int = 32
    seed: int = 0
    bug: str = CORRECT

    @property
    def hidden(self) -> tuple[int, ...]:
        return (self.units,) * self.layers

    @property
    def n_classes(self) -> int:
        return 2 if self.data == "moons" else self.classes

    @property
    def batch_size(self) -> int | None:
        return None if self.batch == FULL else self.batch

    @property
    def core_bug(self) -> str | None:
        return None if self.bug == CORRECT else self.bug

    def summary(self) -> str:
        """One line naming every setting of the run.

        >>> Settings().summary().split(" · ")[:2]
        ['Spirals, 3 classes, 300 points', 'hidden layers 32 × 32, relu']
        """
        net = " × ".join(map(str, self.hidden)) if self.layers else "none (linear)"
        return (
            f"{DATASETS[self.data]}, {self.n_classes} classes, {self.points} points · "
            f"hidden layers {net}, {self.activation} · η = {lr_label(self.lr)}, "
            f"{self.epochs} epochs, batches of {batch_label(self.batch)}, seed {self.seed} · "
            f"backward pass: {BUGS[self.bug].label}"
        )


def bug_label(bug: str) -> str:
    """The backward pass as its list shows it, and as a link writes it.

    >>> bug_label(CORRECT)
    'None: the derived backward pass'
    """
    return BUGS[bug].label


_WHOLE = "must be a whole number"
# What a link's value for each control of the network lab must be, by the field of
# Settings it sets (the URL key is ``nn_`` and the field), with how the URL spells an
# option (None: a number, any spelling of it).
LINK_RULES = {
    "data": ("the data must be one of the three listed", DATASETS.get),
    "classes": (f"K {_WHOLE} 2 to 5", None),
    "points": (f"the points {_WHOLE} 60 to 600, a step of 30", None),
    "layers": (f"the hidden layers {_WHOLE} 0 to 3", None),
    "units": (f"the units {_WHOLE} 2 to 32", None),
    "activation": (f"f must be {' or '.join(core.ACTIVATIONS)}", str),
    "lr": ("η must be one of the slider's steps", lr_label),
    "epochs": (f"the epochs {_WHOLE} 10 to 1000, a step of 10", None),
    "batch": ("the batch size must be one of the slider's steps", batch_label),
    "seed": (f"the seed {_WHOLE} 0 to {MAX_SEED}", None),
    "bug": ("the backward pass must be one of those listed", bug_label),
}
SNAPSHOT_RULE = "the epoch shown must be one of this run's snapshots"


def steps(s: Settings) -> int:
    """The gradient steps a run takes: epochs × batches per epoch.

    >>> steps(Settings(points=300, batch=32, epochs=200)), steps(Settings(batch=FULL))
    (2000, 200)
    """
    per_epoch = 1 if s.batch == FULL else -(-s.points // min(s.batch, s.points))
    return s.epochs * per_epoch


def too_many_steps_text(s: Settings) -> str | None:
    """Why settings cannot be trained here (more gradient steps than :data:`MAX_STEPS`), or None."""
    count = steps(s)
    if count <= MAX_STEPS:
        return None
    return (
        f"These settings ask for {count} gradient steps; a run here takes at most "
        f"{MAX_STEPS}. Raise the batch size or lower the epochs."
    )


def make_data(s: Settings) -> tuple[np.ndarray, np.ndarray]:
    """The points and labels of the chosen data set, seeded by the lab's seed."""
    if s.data == "moons":
        return core.make_moons(s.points, seed=s.seed)
    if s.data == "spirals":
        return core.make_spirals(s.points, s.classes, seed=s.seed)
    return core.make_blobs(s.points, s.classes, seed=s.seed)


def plane(X) -> tuple[float, float]:
    """A square range around every point, half a unit of margin, for both axes."""
    reach = float(np.max(np.abs(np.asarray(X, float)))) + 0.5
    return (-reach, reach)


@dataclass(frozen=True)
class Run:
    """One training run of the lab, with the linear model and the check beside it."""

    settings: Settings
    X: np.ndarray
    labels: np.ndarray
    result: core.MLPTrainResult
    linear: core.TrainResult
    errors: dict
    """Per-parameter relative error of the chosen backward pass at the start weights."""
    analytic: dict
    numeric: dict


def run(s: Settings, report=None) -> Run:
    """Make the data, train the network and the linear model, and check the chosen gradient.

    The check uses the first :data:`CHECK_POINTS` points and the network's starting
    weights, the ones :func:`sce_core.mlp_train` starts from.
    """
    X, labels = make_data(s)
    result = core.mlp_train(
        X,
        labels,
        s.n_classes,
        s.hidden,
        s.activation,
        s.lr,
        s.epochs,
        s.batch_size,
        bug=s.core_bug,
        seed=s.seed,
        callback=report,
    )
    linear = core.train(X, labels, s.n_classes, LINEAR_LR, s.epochs, seed=s.seed)
    start = core.mlp_init((2, *s.hidden, s.n_classes), seed=s.seed, activation=s.activation)
    Xc, lc = X[:CHECK_POINTS], labels[:CHECK_POINTS]
    _, analytic = core.mlp_loss_and_grads(start, Xc, lc, s.activation, s.core_bug)
    numeric = core.mlp_numerical_grads(start, Xc, lc, s.activation)
    errors = {k: _error(analytic[k], numeric[k]) for k in analytic}
    return Run(s, X, labels, result, linear, errors, analytic, numeric)


def _error(a: np.ndarray, n: np.ndarray) -> float:
    """As :func:`sce_core.mlp_gradient_check` scales it: the worst gap over the largest entry."""
    if not np.isfinite(a).all():
        return float("inf")
    scale = max(float(np.max(np.abs(a))), float(np.max(np.abs(n))))
    return 0.0 if scale == 0 else float(np.max(np.abs(a - n)) / scale)


def result_line(run_: Run) -> str:
    """The run in one line: the network's loss and accuracy, the linear model's accuracy."""
    result, linear = run_.result, run_.linear
    return (
        f"Network: loss **{num(result.loss_history[0])}** → **{num(result.loss_history[-1])}**"
        f", training accuracy **{accuracy_text(result.accuracy_history[-1])}** after "
        f"{counted(result.epochs_run, 'epoch')}. Linear model (η = {lr_label(LINEAR_LR)}, "
        "same epochs): "
        f"**{accuracy_text(linear.accuracy_history[-1])}**."
    )


def diverged_text(run_: Run) -> str | None:
    """Why training stopped early, or None when it ran every epoch."""
    if run_.result.status != "diverged":
        return None
    return (
        f"Training diverged at epoch {run_.result.diverged_at} and stopped: the loss "
        f"overflowed or passed 100 times its start. η = {lr_label(run_.settings.lr)} is too "
        "large for this network and data."
    )


def rose_text(run_: Run) -> str | None:
    """For a run that ran every epoch yet ended with a higher loss than it started with;
    None otherwise."""
    history = run_.result.loss_history
    if run_.result.status == "diverged" or not history[-1] > history[0]:
        return None
    start, end = apart([history[0], history[-1]])
    s = run_.settings
    if s.bug != CORRECT:
        cause = (
            "this backward pass is wrong, so its steps need not go downhill; the gradient "
            "check below names the layer"
        )
    else:
        cause = (
            f"steps of η = {lr_label(s.lr)} are too large for this network and data and "
            "overshoot: try a smaller η"
        )
    return f"The loss ended higher than it started, {start} → {end}: {cause}."


GRID_POINTS = 120
"""Grid points per axis of a decision-region picture."""


def network_view(run_: Run, epoch: int) -> tuple:
    """The network's decision grid, predictions and title at a saved epoch."""
    s, params, span = run_.settings, snapshot(run_.result, epoch), plane(run_.X)
    grid = core.mlp_decision_grid(params, s.activation, span, span, GRID_POINTS)
    predicted = core.mlp_predict(params, run_.X, s.activation)
    accuracy = accuracy_text(float(np.mean(predicted == run_.labels)))
    return grid, run_.X, run_.labels, predicted, f"Network after epoch {epoch}: {accuracy}"


def linear_view(run_: Run) -> tuple:
    """The linear model's decision grid, predictions and title after its last epoch."""
    linear, span = run_.linear, plane(run_.X)
    grid = core.decision_grid(linear.W, linear.b, span, span, GRID_POINTS)
    predicted = core.predict(linear.W, linear.b, run_.X)
    accuracy = accuracy_text(linear.accuracy_history[-1])
    title = f"Linear model after epoch {linear.epochs_run}: {accuracy}"
    return grid, run_.X, run_.labels, predicted, title


def regions_caption(run_: Run, epoch: int) -> str:
    """What the decision-region pictures show, with their counts of wrong points."""
    predicted = network_view(run_, epoch)[3]
    wrong = int(np.count_nonzero(predicted != run_.labels))
    lin = int(np.count_nonzero(linear_view(run_)[3] != run_.labels))
    return (
        "The tint is the class each model predicts there; colours and symbols name classes. "
        f"A black ring marks a point predicted wrong: {wrong} of {run_.labels.size} for the "
        f"network at epoch {epoch}, {lin} for the linear model, whose borders are straight."
    )


def loss_caption(run_: Run) -> str:
    """Both loss curves' ends in words, and the axis they are drawn on."""
    net, lin = run_.result.loss_history, run_.linear.loss_history
    axis = "a log axis" if log_axis(net, lin) else "a linear axis"
    return (
        f"Mean loss on {axis}: the network from {num(net[0])} to {num(net[-1])}, the linear "
        f"model from {num(lin[0])} to {num(lin[-1])}."
    )


def wrong_keys(errors: dict) -> list[str]:
    """The parameters whose gradient fails the check, in layer order."""
    return [key for key, e in errors.items() if not e < core.CHECK_TOLERANCE]


def check_rows(errors: dict, analytic: dict) -> dict[str, list[str]]:
    """The per-parameter check as table columns: layer, parameter, shape, error, verdict."""
    keys = list(errors)
    return {
        "layer": [key[1:] for key in keys],
        "parameter": [key for key in keys],
        "shape": [" × ".join(map(str, analytic[key].shape)) for key in keys],
        "relative error": [num(errors[key]) for key in keys],
        "verdict": [
            "✔ passes" if errors[key] < core.CHECK_TOLERANCE else "✘ WRONG" for key in keys
        ],
    }


def worst_entry(analytic: dict, numeric: dict, key: str) -> tuple[tuple[int, ...], float, float]:
    """The entry of ``key`` where the two gradients differ most, and both values there."""
    gap = np.abs(analytic[key] - numeric[key])
    index = tuple(int(i) for i in np.unravel_index(int(np.argmax(gap)), gap.shape))
    return index, float(analytic[key][index]), float(numeric[key][index])


def _entry_name(key: str, index: tuple[int, ...]) -> str:
    return f"{key}[{', '.join(str(i + 1) for i in index)}]"


def debug_line(run_: Run) -> str:
    """One line: which parameters the check lights, the mistake, and its numbers."""
    s = run_.settings
    wrong = wrong_keys(run_.errors)
    tol = num(core.CHECK_TOLERANCE)
    if s.bug == CORRECT:
        worst = max(run_.errors.values())
        return f"Every parameter passes: the largest relative error is {num(worst)} < {tol}."
    bug = BUGS[s.bug]
    if not wrong:
        return (
            f"The check passes: in this network the mistake `{bug.line}` changes nothing "
            f"({_why_invisible(s)}). Add a hidden layer to see it."
        )
    key = max(wrong, key=lambda k: run_.errors[k])
    index, a, n = worst_entry(run_.analytic, run_.numeric, key)
    return (
        f"Wrong: {', '.join(wrong)}. The code says `{bug.line}` where it should say "
        f"`{bug.right}`: {bug.why}. At "
        f"{_entry_name(key, index)} the backward pass gives {num(a)} where central "
        f"differences give {num(n)}."
    )


def _why_invisible(s: Settings) -> str:
    if s.bug == "batch_mean_twice":
        return "a batch of one point divides by B = 1"
    return "with no hidden layer there is no activation and no A below the top layer"


def accuracy_text(fraction: float) -> str:
    """An accuracy in [0, 1] as a percentage, one decimal (a point of 1000 is 0.1 %).

    >>> accuracy_text(0.9733)
    '97.3 %'
    """
    return f"{num(100 * float(fraction), 1)} %"


def log_axis(*histories) -> bool:
    """Whether loss curves want a log axis: all positive and spanning more than a decade."""
    values = np.concatenate([np.asarray(h, float) for h in histories])
    values = values[np.isfinite(values)]
    return bool(values.size and values.min() > 0 and values.max() > 10 * values.min())


def snapshot_epochs(result: core.MLPTrainResult) -> list[int]:
    return [epoch for epoch, _ in result.snapshots]


def snapshot(result: core.MLPTrainResult, epoch: int) -> dict:
    """The parameters saved at ``epoch`` (the last snapshot if it is not one)."""
    saved = dict(result.snapshots)
    return saved.get(epoch, result.snapshots[-1][1])


def debug_intro(errors: dict) -> str:
    """What the gradient check compares, where, and a badge per layer (:func:`layer_badges`)."""
    return (
        f"The chosen backward pass against central differences, at the starting weights, on "
        f"the first {CHECK_POINTS} points. " + layer_badges(errors)
    )


def layer_badges(errors: dict) -> str:
    """Markdown badges, one per layer: green ✔ where both W and b pass, red ✘ naming the wrong.

    >>> layer_badges({"W1": 0.5, "b1": 0.0, "W2": 0.0, "b2": 0.0})
    ':red-badge[✘ layer 1: W1 wrong] :green-badge[✔ layer 2]'
    """
    layers = sorted({int(key[1:]) for key in errors})
    parts = []
    for layer in layers:
        bad = [key for key in (f"W{layer}", f"b{layer}") if not errors[key] < core.CHECK_TOLERANCE]
        if bad:
            parts.append(f":red-badge[✘ layer {layer}: {', '.join(bad)} wrong]")
        else:
            parts.append(f":green-badge[✔ layer {layer}]")
    return " ".join(parts)
