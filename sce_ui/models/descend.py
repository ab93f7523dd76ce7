"""Lab · Descend on your logits as plain data: the table of steps and what the run shows.

Every sentence is read off the numbers of :func:`sce_core.descent_report`: a page says
a large η overshoots only when a step did, and names the step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import sce_core as core

from ..fmt import apart, counted, num, typed
from ..latex.descend import sub, vector_text

LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0, 4.0, 5.0, 10.0, 30.0, 100.0)
"""η on a rough log scale, with the safe bound 4 of one-hot labels (T = 1) among them."""
DEFAULT_LR = 1.0
SMOOTHING = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5)
"""Label smoothing ε: the share of the target spread evenly over the classes."""
STEP_COUNTS = (1, 2, 5, 10, 20, 50, 100, 200, 500)
DEFAULT_COUNT = 20
MAX_PRESSED = 1000
"""The most steps the step-by-step mode counts up to (a link may ask for any of them)."""
MODES = ("fixed", "press")
MODE_NAMES = {"fixed": "A fixed number of steps", "press": "One step per press"}


@dataclass(frozen=True)
class Choices:
    """The lab's own controls: step size η, label smoothing ε, steps, the surface's two logits."""

    lr: float
    smoothing: float
    steps: int
    pair: tuple[int, int]
    """0-based indices of the logits across and up the surface."""


TABLE_ENDS = 6
"""A long run's table shows this many steps at each end, with a row that says what it skips."""


def table_columns(report: core.DescentReport, y) -> dict[str, list[str]]:
    """The columns step, x, ŷ, L and ŷ − y; a long run keeps its first and last steps."""
    count = report.losses.size
    rows = list(range(count))
    if count > 2 * TABLE_ENDS + 1:
        rows = [*range(TABLE_ENDS), -1, *range(count - TABLE_ENDS, count)]
    gap = report.y_hat - np.asarray(y, float)
    skipped = f"… {count - 2 * TABLE_ENDS} steps …"
    # The key results first: on a phone the table scrolls, and these stay in view.
    columns = {"step": [], "L": [], "ŷ − y": [], "ŷ": [], "x": []}
    for k in rows:
        if k < 0:
            for name in columns:
                columns[name].append(skipped if name == "step" else "…")
            continue
        columns["step"].append(str(k))
        columns["x"].append(vector_text(report.logits[k]))
        columns["ŷ"].append(vector_text(report.y_hat[k]))
        columns["L"].append(num(report.losses[k]))
        columns["ŷ − y"].append(vector_text(gap[k]))
    return columns


def overshoot_text(report: core.DescentReport, y, lr: float, smoothing: float) -> str:
    """Whether η overshot, with the first step that did; or why it could not."""
    bound = f"4/Σy = {num(report.safe_lr)}"
    if report.crossed.any() or report.rose.any():
        parts = []
        if report.crossed.any():
            k = int(np.argmax(report.crossed))
            before, after = report.y_hat[k] - y, report.y_hat[k + 1] - y
            c = int(np.argmax(np.sign(before) * np.sign(after) < 0))
            parts.append(
                f"step {k + 1} carried ŷ{sub(c)} from {num(report.y_hat[k, c])} past its "
                f"target y{sub(c)} = {num(y[c])} to {num(report.y_hat[k + 1, c])}"
            )
        if report.rose.any():
            parts.append(
                f"the loss rose at {int(report.rose.sum())} of the {report.rose.size} steps "
                f"(first at step {int(np.argmax(report.rose)) + 1})"
            )
        words = [f"η = {typed(lr)} overshoots: " + ", and ".join(parts)]
        tail = (
            f". η is above {bound}, the bound below which no step can raise the loss."
            if lr > report.safe_lr
            else f". η is below {bound}, so the loss still never rises: ŷ swings past y and back."
        )
        return "".join(words) + tail
    if smoothing == 0:
        return (
            f"No step overshoots at η = {typed(lr)}, and with a one-hot target none can: a step "
            "widens every margin xₜ − xₖ by η(1 − ŷₜ + ŷₖ) > 0, so the loss falls whatever "
            "η is. A large η only takes longer strides; set label smoothing above 0 to see "
            "one overshoot."
        )
    return f"No step overshoots at η = {typed(lr)}; with this target, any η above {bound} can."


def push_text(report: core.DescentReport, y, label: int) -> str:
    """Which class the first step pushes hardest, and why.

    With a one-hot target the true class always gets the largest push, near y as far from
    it; with a smoothed target ``y`` another class may.
    """
    g = report.grads[0]
    c = int(report.largest_push[0])
    # With two classes (or a tie) the true class is pushed as hard as the winner: name it.
    c = label if abs(g[label]) >= abs(g[c]) * (1 - 1e-12) else c
    size = f"|ŷ{sub(c)} − y{sub(c)}| = {num(abs(g[c]))}"
    if c != label:
        return (
            f"The largest push of the first step goes to class {c + 1} ({size}), not the true "
            f"class {label + 1}: ŷ{sub(c)} is further from its target than ŷ{sub(label)} is."
        )
    if float(np.asarray(y, float)[label]) == 1.0:
        return (
            f"The largest push goes to the true class {label + 1} ({size}), and with a one-hot "
            f"target it always does: ŷ{sub(label)} − 1 is minus the sum of every wrong ŷ, at "
            "least as large as any one of them."
        )
    return (
        f"The largest push of the first step goes to the true class {label + 1} ({size}): "
        f"ŷ{sub(label)} is further from its target y{sub(label)} = {num(float(y[label]))} "
        "than any other ŷ is from its own."
    )


def shrink_text(report: core.DescentReport, y, label: int, smoothing: float) -> str:
    """How the gradient shrinks as ŷ approaches y, and whether y can be reached."""
    steps = report.losses.size - 1
    if steps == 0:
        return "Take a step to see the gradient shrink as ŷ approaches y."
    start, end = report.grad_norms[0], report.grad_norms[-1]
    # With the digits that tell them apart: at x1 = 10, η = 0.01 it read 0.474 to 0.474.
    first, last = apart([start, end])
    if end == start:
        change = f"stayed at {first} over {counted(steps, 'step')}"
    else:
        trend = "shrank" if end < start else "grew"
        change = f"{trend} from {first} to {last} in {counted(steps, 'step')}"
    text = f"The gradient's size ‖ŷ − y‖ {change}: the closer ŷ is to y, the smaller each step"
    text += (
        " (not steadily here: the overshoots throw ŷ away from y). " if report.rose.any() else ". "
    )
    if smoothing == 0:
        return text + (
            f"ŷ{sub(label)} is now {num(report.y_hat[-1, label])}. The one-hot target 1 is "
            "reached only in the limit (ŷ = 1 needs an infinite gap between logits), so "
            "the gradient never becomes 0 and the logits keep growing."
        )
    return text + (
        f"With label smoothing ε = {typed(smoothing)} the target y{sub(label)} = "
        f"{num(y[label])} lies inside (0, 1): finite logits reach it, the gradient is 0 "
        "there and the logits stop growing, which is why smoothing is used."
    )


def curves_caption(report: core.DescentReport) -> str:
    """The loss and the gradient's size at the first and the last step, in words: the
    numbers of the chart of both, for a reader who cannot see it.

    >>> run = core.descent_report([2.0, 1.0, 0.1], [1.0, 0.0, 0.0], 1.0, 2)
    >>> curves_caption(run)  # doctest: +NORMALIZE_WHITESPACE
    'Loss L: 0.417 at step 0, 0.191 at step 2. Gradient size ‖ŷ − y‖: 0.430 at step 0,
    0.216 at step 2.'
    """
    last = report.losses.size - 1

    def ends(values) -> str:
        start = f"{num(values[0])} at step 0"
        return start if last == 0 else f"{start}, {num(values[-1])} at step {last}"

    return f"Loss L: {ends(report.losses)}. Gradient size ‖ŷ − y‖: {ends(report.grad_norms)}."


def window(values, margin: float = 1.0) -> tuple[float, float]:
    """An axis range holding every value of a path, with at least ``margin`` on both sides
    and whole-number ends: a small move of the start mostly leaves it as it was, so the
    surface stays put under the path and its axes do not jump. (The browser is sent the
    same contours, but plotly still lays the chart out again for the new path: about the
    same keypress latency, measured with ``bench/bench_latency.py``.)"""
    v = np.asarray(values, float)
    return float(np.floor(v.min() - margin)), float(np.ceil(v.max() + margin))
