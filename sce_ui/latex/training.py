r"""Lab · Train from scratch in formulas: the batch gradient of softmax regression, and its bugs.

The model is ``Z = X W + b`` with ``X`` of shape (B, 2), ``W`` (2, K), ``b`` (K,); ``Ŷ`` is
the softmax of each row of ``Z`` and the loss the mean cross-entropy. The formulas show
those shapes with the learner's B and K. ŷ is drawn in :data:`palette.Y_HAT` and y in
:data:`palette.Y`; in the bug that drops terms, the kept i = j term is in
:data:`palette.SAME` and the dropped i ≠ j terms in :data:`palette.OTHER`, as in Step 5.
The page's choices and the words about a run are in :mod:`sce_ui.models.training`.
"""

from __future__ import annotations

from .. import palette
from ..fmt import counted, tex
from ..models.training import check_passed, lr_label
from .common import labels, predictions


def _shape(body: str, rows: int | str, cols: int | str | None = None) -> str:
    """``body`` with its shape written under it: rows x cols, or a length."""
    size = str(rows) if cols is None else rf"{rows} \times {cols}"
    return rf"\underbrace{{{body}}}_{{{size}}}"


RESIDUAL = predictions(r"\hat Y") + " - " + labels("Y")
"""Ŷ − Y with each part in its colour."""


def model(points: int, classes: int) -> str:
    """The forward pass with the current shapes: Z = XW + b, Ŷ = softmax(Z), the mean loss."""
    b, k = points, classes
    return (
        r"\begin{aligned}"
        + _shape("Z", b, k)
        + " &= "
        + _shape("X", b, 2)
        + r"\,"
        + _shape("W", 2, k)
        + " + "
        + _shape(r"b^\top", 1, k)
        + r" \\ "
        + predictions(r"\hat Y")
        + r" &= \operatorname{softmax}(Z) \text{ in every row} \\ "
        + rf"L &= -\frac{{1}}{{{b}}} \sum_{{k=1}}^{{{b}}} \sum_{{j=1}}^{{{k}}} "
        + labels("Y_{kj}")
        + r"\log "
        + predictions(r"\hat Y_{kj}")
        + r"\end{aligned}"
    )


def gradients(points: int, classes: int) -> str:
    """∂L/∂Z, ∂L/∂W and ∂L/∂b of the batch, each with its shape under it."""
    b, k = points, classes
    per_row = rf"\frac{{{RESIDUAL}}}{{{b}}}"
    lines = [
        _shape(r"\frac{\partial L}{\partial Z}", b, k) + f" &= {per_row}",
        _shape(r"\frac{\partial L}{\partial W}", 2, k)
        + " &= "
        + _shape(r"X^\top", 2, b)
        + r"\,"
        + _shape(per_row, b, k),
        _shape(r"\frac{\partial L}{\partial b}", k)
        + rf" &= \sum_{{k=1}}^{{{b}}} \frac{{"
        + predictions(r"\hat y_k")
        + " - "
        + labels("y_k")
        + rf"}}{{{b}}}",
    ]
    return r"\begin{aligned}" + r" \\[6pt] ".join(lines) + r"\end{aligned}"


def update(lr: float, epochs: int) -> str:
    """One step of gradient descent with the learner's η, repeated for every epoch."""
    return (
        r"\begin{aligned}W &\leftarrow W - \eta\,\frac{\partial L}{\partial W} \\ "
        r"b &\leftarrow b - \eta\,\frac{\partial L}{\partial b} \\ "
        rf"\eta &= {lr_label(lr)},\ \text{{{counted(epochs, 'time')}}}\end{{aligned}}"
    )


def chosen_gradient(choice: str, points: int) -> str:
    """What the chosen gradient computes for one example's ∂L/∂zⱼ, the broken part marked."""
    dz, mean = r"\frac{\partial L}{\partial z_j}", rf"\frac{{1}}{{{points}}}"
    y_hat_j, y_j = predictions(r"\hat y_j"), labels("y_j")
    if choice == "drop_off_diagonal":
        # Plain symbols inside: the colour says which case of the chain rule a term is.
        kept = palette.tex_color(palette.SAME, r"-y_j\,(1 - \hat y_j)")
        dropped = palette.tex_color(palette.OTHER, r"\sum_{i \ne j} y_i\,\hat y_j")
        return (
            rf"{dz} = {mean}\Big(\underbrace{{{kept}}}_{{i = j}} + "
            rf"\underbrace{{\cancel{{{dropped}}}}}_{{i \ne j \text{{ dropped}}}}\Big)"
        )
    if choice == "forget_batch_mean":
        return (
            rf"\begin{{aligned}}{dz} &= \cancel{{{mean}}}\,({y_hat_j} - {y_j}) \\ "
            rf"&= {points} \times \frac{{{y_hat_j} - {y_j}}}{{{points}}}\end{{aligned}}"
        )
    if choice == "use_dL_dyhat":
        factor = rf"\frac{{\partial L}}{{\partial {y_hat_j}}}"
        chain = r"\frac{\partial L}{\partial \hat y_i}\,\frac{\partial \hat y_i}{\partial z_j}"
        return (
            rf"\begin{{aligned}}{dz} &= {mean}\,{factor} = -{mean}\,\frac{{{y_j}}}{{{y_hat_j}}}"
            rf" \\ &\ne {mean}\sum_i {chain}\end{{aligned}}"
        )
    return rf"{dz} = \frac{{{y_hat_j} - {y_j}}}{{{points}}}"


def check_result(relative_error: float) -> str:
    """The relative error of the gradient check, its value, and the verdict against 1e-6."""
    verdict = r"<" if check_passed(relative_error) else r"\ge"
    return (
        r"\begin{aligned}e &= "
        r"\frac{\max_p |a_p - n_p|}{\max_p \max(|a_p|,\, |n_p|)} \\ "
        + f"&= {tex(relative_error)} {verdict} "
        + r"10^{-6}\end{aligned}"
    )
