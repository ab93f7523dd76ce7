r"""Step 2, cross-entropy: the definition, the sum written out with the learner's numbers
(every term with ``y_i = 0`` struck out), and what a confident wrong prediction costs.

Classes are numbered from 1. Labels are coloured :data:`palette.Y` and predictions
:data:`palette.Y_HAT`, as in the bar chart of ŷ beside y.
"""

from __future__ import annotations

import numpy as np

from .. import arithmetic as ar
from .. import palette
from ..fmt import num, tex
from .common import joined_lines, log_of, y_hat_sub, y_sub

SYMBOLS_PER_LINE = 3
"""Symbolic terms ``y_i log ŷ_i`` on one line, so n = 10 wraps instead of running off."""
NUMBERS_PER_LINE = 2
"""Terms with numbers on one line: wider than the symbols, so fewer fit a phone screen."""

VANISHED = "#757575"
"""Grey of the struck-out terms, the ones multiplied by ``y_i = 0``."""


def _wrapped(terms: list[str], per_line: int) -> list[str]:
    r"""``-\Big( a + b + ... \Big)`` cut into lines of ``per_line`` terms."""
    lines = joined_lines(terms, per_line)
    lines = [lines[0], *(rf"\quad + {line}" for line in lines[1:])]
    lines[0] = rf"-\Big( {lines[0]}"
    lines[-1] = rf"{lines[-1]} \Big)"
    return lines


def definition() -> str:
    """The definition of the cross-entropy, with its labels and predictions coloured."""
    return rf"L = -\sum_{{i=1}}^{{n}} {y_sub('i')} \log {y_hat_sub('i')}"


def _numeric_term(y_i: float, p: float) -> str:
    """One term ``y_i · log ŷ_i`` with numbers; struck out and grey when ``y_i = 0``."""
    body = rf"{num(y_i, 0)} \cdot {log_of(p)}"
    if y_i == 0:
        return palette.tex_color(VANISHED, rf"\cancel{{{body}}}")
    return body


def _cost(p: float, loss: float) -> str:
    r"""``-\log p = L``, or ``\approx`` where the printed p gives L only approximately."""
    return ar.equals(ar.negative(ar.log(ar.number(p))), loss)


@ar.collect
def written_out(y, y_hat, log_y_hat, loss: float) -> str:
    r"""The whole sum for the learner's numbers, down to ``L = -\log \hat y_{label}``.

    Parameters
    ----------
    y : array_like, shape (n,)
        The one-hot label.
    y_hat, log_y_hat : array_like, shape (n,)
        The probabilities and their logs (from :func:`sce_core.log_softmax`, which stays
        finite where a probability underflows).
    loss : float
        The cross-entropy, as :func:`sce_core.cross_entropy_from_logits` gives it.
    """
    y, y_hat, log_y_hat = (np.asarray(a, float) for a in (y, y_hat, log_y_hat))
    label = int(np.argmax(y)) + 1
    symbols = [rf"{y_sub(i)} \log {y_hat_sub(i)}" for i in range(1, y.size + 1)]
    numbers = [_numeric_term(a, p) for a, p in zip(y, y_hat, strict=True)]
    lines = [
        *_wrapped(symbols, SYMBOLS_PER_LINE),
        *_wrapped(numbers, NUMBERS_PER_LINE),
        rf"-\log {y_hat_sub(label)}",
        _cost(y_hat[label - 1], loss),
    ]
    rows = [rf"L &= {lines[0]}"]
    rows += [rf"& {line}" if line.startswith(r"\quad") else rf"&= {line}" for line in lines[1:]]
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


@ar.collect
def confident_wrong(y_hat, log_y_hat, label: int, uniform_loss: float) -> str:
    """Markdown on what a confident wrong prediction costs, with the learner's numbers.

    Parameters
    ----------
    y_hat : array_like, shape (n,)
        The probabilities.
    log_y_hat : array_like, shape (n,)
        ``log ŷ``; ``-log ŷ_k`` is the loss if class k were the true one.
    label : int
        The true class, 1-based.
    uniform_loss : float
        The loss of equal probabilities, ``log n``.
    """
    y_hat, losses = np.asarray(y_hat, float), -np.asarray(log_y_hat, float)
    n = y_hat.size
    top, low = int(np.argmax(y_hat)) + 1, int(np.argmin(y_hat)) + 1
    guess = f"an even guess $\\hat y_i = 1/{n}$ costs $\\log {n} = {tex(uniform_loss)}$"
    if y_hat[top - 1] == y_hat[low - 1]:
        return (
            f"Every class gets the same $\\hat y_i$: whichever class is true, the loss is "
            f"$\\log {n} = {tex(uniform_loss)}$. Pushing the logits apart makes it smaller "
            "if the true class leads, and larger, without limit, if another class does."
        )

    def cost(k: int) -> str:
        return f"$L = {_cost(y_hat[k - 1], losses[k - 1])}$"

    def prediction(k: int) -> str:
        return f"$\\hat y_{{{k}}} = {tex(y_hat[k - 1])}$"

    if y_hat[label - 1] >= y_hat[top - 1]:
        return (
            f"Your prediction is right: class {label} has the largest probability, and "
            f"$L = {tex(losses[label - 1])}$.\n\n"
            f"- **Confidently wrong:** had the true class been {low}, the one it believes "
            f"least with {prediction(low)}, the same prediction would cost {cost(low)}.\n"
            f"- **No knowledge:** {guess}.\n"
            "- **No ceiling:** as $\\hat y \\to 0$, $-\\log \\hat y \\to \\infty$."
        )
    compared = "more" if losses[label - 1] > uniform_loss else "less"
    return (
        f"Your prediction is wrong: its largest probability, {prediction(top)}, is on class "
        f"{top}, and the true class {label} gets only {prediction(label)}.\n\n"
        f"- **What it costs:** {cost(label)}, {compared} than knowing nothing.\n"
        f"- **No knowledge:** {guess}.\n"
        "- **No ceiling:** the more confident the wrong prediction, the closer the true "
        "class's probability gets to 0, and $-\\log \\hat y \\to \\infty$."
    )
