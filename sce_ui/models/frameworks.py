"""Lab · In PyTorch, as plain values: the batch the learner typed, PyTorch's numbers, verdicts.

The batch is the sidebar's row first (row 0: rows count from 0, as PyTorch's indices
do), then the rows of one text field, so the whole batch lives in the URL. A row reads
``x1, x2, ... : target``; rows are separated by ``;``. A logit may be ``-inf`` (a masked
class). With class-index targets the target is a class
index as PyTorch counts (0-based) or the ignore_index; with probability targets it is a
class index (a one-hot row) or n probabilities. Every parse error is a ``ValueError``
whose message the page shows as it is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

import sce_core as core

from ..fmt import apart, num

INTRO = (
    "`F.cross_entropy` takes options the derivation never met: class weights, an "
    "ignore_index, a reduction, label smoothing, probability targets. Each turns the label "
    "into an effective target q and the batch into a divisor D, and the gradient stays "
    "(ŷ·Σq − q)/D: it is ŷ − y exactly when Σq = 1 and D = B."
)
"""What the lab is about, under its title."""
TARGET_KINDS = ("index", "probabilities")
"""PyTorch's two kinds of target: class indices (B,) or class probabilities (B, C)."""
DEFAULT_ROWS = "0.5, 2.5, -1 : 1; 1, 0, 3 : -100"
MAX_ROWS = 6
LOGIT_LIMIT = 100.0
IGNORE_RANGE = (-100, 9)
SCROLL_NOTE = "On a narrow screen the tables scroll sideways; the key columns come first."
# What a link's value for each of PyTorch's options must be, by its URL key.
LINK_RULES = {
    "pt_targets": f"the targets must be {' or '.join(TARGET_KINDS)}",
    "pt_reduction": f"reduction must be {', '.join(core.REDUCTIONS)}",
    "pt_smoothing": "ε must be a number from 0 to 1",
    "pt_ignore": f"ignore_index must be a whole number {IGNORE_RANGE[0]} to {IGNORE_RANGE[1]}",
}


@dataclass(frozen=True)
class Options:
    """The page's controls, as PyTorch's arguments (weight already parsed)."""

    targets: str = "index"
    weight: tuple[float, ...] | None = None
    ignore_index: int = -100
    reduction: str = "mean"
    label_smoothing: float = 0.0

    def kwargs(self) -> dict:
        return {
            "weight": self.weight,
            "ignore_index": self.ignore_index,
            "reduction": self.reduction,
            "label_smoothing": self.label_smoothing,
        }


@dataclass(frozen=True)
class Batch:
    """Logits (B, n) and PyTorch's target, with what the page had to do to the text."""

    logits: np.ndarray
    target: np.ndarray
    notes: tuple[str, ...] = ()


def _number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{what} must be a number, got {text.strip()[:20]!r}") from None
    if math.isnan(value):
        raise ValueError(f"{what} must be a number, got nan")
    return value


def parse_weight(text: str, n: int) -> tuple[float, ...] | None:
    """``""`` for no weight, else n non-negative numbers separated by commas.

    >>> parse_weight("", 3), parse_weight("1, 2, 0.5", 3)
    (None, (1.0, 2.0, 0.5))
    """
    if not text.strip():
        return None
    values = tuple(_number(v, "a weight") for v in text.split(","))
    if len(values) != n:
        raise ValueError(f"the weight needs one number per class, n = {n}, got {len(values)}")
    if any(not (math.isfinite(v) and v >= 0) for v in values):
        raise ValueError("every weight must be a finite number ≥ 0")
    return values


def _logits(text: str, n: int, row: int, notes: list[str]) -> list[float]:
    values = [_number(v, f"a logit of row {row}") for v in text.split(",")]
    if any(v > LOGIT_LIMIT or (v < -LOGIT_LIMIT and v != -math.inf) for v in values):
        raise ValueError(f"logits of row {row} must lie in [−100, 100] or be -inf")
    if len(values) != n:
        notes.append(
            f"row {row} had {len(values)} logits for n = {n}: "
            + ("padded with 0, as the sidebar's x4…x10 start at 0" if len(values) < n else "cut")
        )
    return (values + [0.0] * n)[:n]


def _target(text: str, n: int, row: int, options: Options) -> int | list[float] | None:
    """A class index, or (probability targets) n probabilities; None for a dropped row."""
    parts = [p for p in text.split(",") if p.strip()]
    if len(parts) == 1 and _number(parts[0], f"the target of row {row}").is_integer():
        index = int(float(parts[0]))
        if options.targets == "index":
            return index
        if index == options.ignore_index:
            return None
        if not 0 <= index < n:
            raise ValueError(f"the target of row {row} must be a class 0 to {n - 1}, got {index}")
        return [float(k == index) for k in range(n)]
    if options.targets == "index":
        raise ValueError(f"the target of row {row} must be one whole class index")
    values = [_number(p, f"a probability of row {row}") for p in parts]
    if len(values) != n:
        raise ValueError(f"the target of row {row} needs {n} probabilities, got {len(values)}")
    return values


def parse_batch(text: str, first: tuple[float, ...], label: int, options: Options) -> Batch:
    """The sidebar's row (``first``, true class ``label`` 1-based) and the rows of ``text``."""
    n = len(first)
    rows = [r for r in text.split(";") if r.strip()]
    if not 1 <= len(rows) <= MAX_ROWS - 1:
        raise ValueError(f"the batch needs 1 to {MAX_ROWS - 1} rows besides yours, got {len(rows)}")
    notes: list[str] = []
    first_target = label - 1 if options.targets == "index" else np.eye(n)[label - 1].tolist()
    logits, targets = [list(first)], [first_target]
    for row, part in enumerate(rows, start=1):
        if part.count(":") != 1:
            raise ValueError(f"row {row} must read 'logits : target', got {part.strip()[:30]!r}")
        left, right = part.split(":")
        x, t = _logits(left, n, row, notes), _target(right, n, row, options)
        if t is None:
            notes.append(f"row {row} (ignore_index) left out: probability targets have none")
            continue
        logits.append(x)
        targets.append(t)
    return Batch(np.array(logits), np.array(targets), tuple(notes))


def report(batch: Batch, options: Options) -> core.CrossEntropyParts:
    """PyTorch's loss, q, D and gradient for the batch, and the plain ŷ − y of each row."""
    return core.cross_entropy_parts(batch.logits, batch.target, **options.kwargs())


PER_LINE = 5
"""Entries of a vector per table line: ten classes fit a 1280 px screen."""


def _vector(values) -> list[str]:
    """``(a, b, c)`` as the lines of a cell, :data:`PER_LINE` entries each."""
    text = [num(v) for v in values]
    lines = [", ".join(text[k : k + PER_LINE]) for k in range(0, len(text), PER_LINE)]
    lines = [line + "," for line in lines[:-1]] + lines[-1:]
    lines[0] = "(" + lines[0]
    lines[-1] += ")"
    return lines


def _lines(columns: dict[str, list]) -> dict[str, list[str]]:
    """A table whose long vectors go on to further table rows, blank in the other columns.

    A cell's text never wraps (a phone scrolls instead), so a vector of ten classes is
    split into lines here, each line a table row of its own.
    """
    cells = list(zip(*columns.values(), strict=True))
    out: dict[str, list[str]] = {name: [] for name in columns}
    for row in cells:
        parts = [cell if isinstance(cell, list) else [cell] for cell in row]
        for k in range(max(len(p) for p in parts)):
            for name, p in zip(columns, parts, strict=True):
                out[name].append(p[k] if k < len(p) else "")
    return out


def _target_text(batch: Batch, i: int, options: Options) -> str | list[str]:
    t = batch.target[i]
    if batch.target.ndim == 2:
        return _vector(t)
    return f"{int(t)} (ignored)" if int(t) == options.ignore_index else str(int(t))


def row_table(batch: Batch, rep: core.CrossEntropyParts, options: Options) -> dict[str, list[str]]:
    """Per row: target, effective target q, Σq and the row's term lᵢ = −Σ q log ŷ."""
    rows = range(len(batch.logits))
    return _lines(
        {
            "row": [str(i) for i in rows],
            "target": [_target_text(batch, i, options) for i in rows],
            "Σq": [num(q.sum()) for q in rep.target.q],
            "lᵢ = −Σ q log ŷ": [num(v) for v in rep.rows],
            "q": [_vector(q) for q in rep.target.q],
            "logits x": [_vector(x) for x in batch.logits],
        }
    )


def gradient_table(rep: core.CrossEntropyParts) -> dict[str, list[str]]:
    """Per row: PyTorch's gradient (ŷ·Σq − q)/D beside the plain ŷ − y."""
    return _lines(
        {
            "row": [str(i) for i in range(len(rep.grad))],
            "∂loss/∂x = (ŷ·Σq − q)/D": [_vector(g) for g in rep.grad],
            "plain ŷ − y": [
                "— (ignored)" if ignored else _vector(p)
                for p, ignored in zip(rep.plain, rep.target.ignored, strict=True)
            ],
            "ŷ": [_vector(p) for p in rep.y_hat],
        }
    )


def verdicts(batch: Batch, rep: core.CrossEntropyParts, options: Options) -> list[str]:
    """Which options move PyTorch's gradient away from (ŷ − y)/B, and how."""
    size, sums = len(batch.logits), rep.target.q.sum(axis=1)
    out = []
    if options.weight is not None and any(w != 1 for w in options.weight):
        out.append("The weight multiplies each row's q by its weights: Σq is no longer 1.")
    if rep.target.ignored.any():
        rows = ", ".join(str(i) for i in np.flatnonzero(rep.target.ignored))
        out.append(f"ignore_index empties q on row {rows}: Σq = 0, and so is its gradient.")
    if batch.target.ndim == 2 and not np.allclose(batch.target.sum(axis=1), 1.0):
        out.append("Probabilities that do not sum to 1 give Σq ≠ 1; PyTorch does not check.")
    if options.label_smoothing > 0:
        out.append(
            f"Label smoothing moves ε = {num(options.label_smoothing)} of each target onto "
            "all n classes, ε/n each: q is no longer one-hot; Σq stays 1 only without weights."
        )
    if options.reduction == "mean" and rep.target.divisor != size:
        out.append(f"The mean divides by D = {num(rep.target.divisor)}, not by B = {size}.")
    if options.reduction != "mean":
        out.append(
            f"reduction='{options.reduction}' divides by nothing (D = 1): the gradient is "
            f"B = {size} times the mean's."
        )
    broken = ~np.isclose(sums, 1.0) & ~rep.target.ignored
    if broken.any():
        rows = ", ".join(str(i) for i in np.flatnonzero(broken))
        out.append(f"Where Σq ≠ 1 (row {rows}) the gradient is not ŷ − y even before D.")
    if len(out) == 0:
        out.append(
            f"Every Σq is 1 and D = B = {size}: the gradient is (ŷ − y)/B, the derivation's."
        )
    return out


def twice_table(twice: core.SoftmaxTwice) -> dict[str, list[str]]:
    """The loss and gradient of softmax once (right) and twice (the bug), side by side."""
    return _lines(
        {
            "": ["softmax once (right)", "softmax twice (bug)"],
            "loss": [num(twice.loss), num(twice.loss_twice)],
            "∂loss/∂x": [_vector(twice.grad), _vector(twice.grad_twice)],
            "target seen": [_vector(twice.y_hat), _vector(twice.y_hat_twice)],
        }
    )


def log_caption(logs: core.LogOfSoftmax) -> str:
    """What the float32 comparison shows at these logits."""
    lost = [str(k + 1) for k in np.flatnonzero(np.isneginf(logs.naive))]
    if not lost:
        return (
            "At these logits no probability rounds to 0 in float32, so both forms agree; "
            "spread your logits further apart to see the naive one fail."
        )
    return (
        f"softmax rounds class {', '.join(lost)} to 0 in float32 and its log is −inf: any "
        "loss that weighs it (label smoothing, soft targets) becomes inf and its gradient "
        "nan. The fused form never forms that 0."
    )


def step_table(step: core.OneStep) -> dict[str, list[str]]:
    """The loss before one step and after it, with the right sign and the flipped one."""
    return {
        "": ["your row", "after x − (ŷ − y)", "after x − (y − ŷ), sign flipped"],
        # As many digits as it takes to see the step descend and the flipped one climb.
        "loss": apart([step.loss, step.loss_right, step.loss_flipped]),
        "verdict": ["", "descends", "climbs: the flipped step makes it worse"],
    }


def plain_batch(setting, size: int) -> tuple[np.ndarray, list[int]]:
    """``size`` copies of the sidebar's row and class: a batch where only B varies."""
    return np.tile(setting.x, (size, 1)), [setting.true_index] * size


def divided_table(d: core.DividedTwice) -> dict[str, list[str]]:
    """Row 0's gradient from the mean, and divided by B once more."""
    return _lines(
        {
            "": ["F.cross_entropy (mean)", f"then divided by B = {d.batch_size} again"],
            "∂loss/∂x, row 0": [_vector(d.grad[0]), _vector(d.grad_twice[0])],
            "step with learning rate η": ["η", f"η/{d.batch_size}, silently"],
        }
    )


def masked_class(setting) -> int:
    """The class masked in the example: the last class that is not the true one (0-based)."""
    return setting.n - 1 if setting.true_index != setting.n - 1 else setting.n - 2
