r"""Step 6 in formulas: the cancellations that turn the chain rule into ŷⱼ − yⱼ.

The i = j part is drawn in :data:`palette.SAME`, the i ≠ j part in :data:`palette.OTHER`
and the labels' sum in :data:`palette.Y`. The ``j`` arguments are the 0-based column
index; the strings show 1-based class numbers. Besides the formulas, this module holds
the few numbers the page compares (:func:`shortcut_check`) and the text of its tables.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

import sce_core as core

from .. import palette
from ..fmt import num, paren_tex, tex
from .chain_rule import dl_dx, label_tex, sum_lines

DIGITS = 17
"""Significant digits that identify a float64 exactly."""


class ShortcutCheck(NamedTuple):
    """The true gradient beside the shortcut ŷ − y, for labels of any sum."""

    y_hat: np.ndarray
    label_sum: float
    """Σᵢ yᵢ."""
    gradient: np.ndarray
    """∂L/∂x = ŷ·Σy − y, from :func:`sce_core.logits_grad`."""
    shortcut: np.ndarray
    """ŷ − y, the result of the derivation, which assumed Σy = 1."""
    difference: np.ndarray
    """gradient − shortcut."""
    predicted: np.ndarray
    """ŷ·(Σy − 1): what the difference must be."""


def shortcut_check(x, y) -> ShortcutCheck:
    """The numbers that show when ŷ − y is the gradient: only when Σy = 1.

    Examples
    --------
    >>> check = shortcut_check([0.0, 0.0], [1.0, 1.0])
    >>> check.label_sum, check.gradient.tolist(), check.shortcut.tolist()
    (2.0, [0.0, 0.0], [-0.5, -0.5])
    """
    y_hat = core.softmax(x)
    y = np.asarray(y, float)
    label_sum = math.fsum(y)
    gradient = core.logits_grad(x, y)
    shortcut = y_hat - y
    return ShortcutCheck(
        y_hat, label_sum, gradient, shortcut, gradient - shortcut, y_hat * (label_sum - 1.0)
    )


def _same(body: str) -> str:
    return palette.tex_color(palette.SAME, body)


def _other(body: str) -> str:
    return palette.tex_color(palette.OTHER, body)


def _labels(body: str) -> str:
    return palette.tex_color(palette.Y, body)


SIGMA_Y = _labels(r"\sum_i y_i")
"""Σᵢ yᵢ in the labels' colour."""


def cancellation() -> str:
    r"""The derivation in symbols: ``\cancel`` ŷᵢ and both minus signs, recombine, use Σy = 1."""
    same_cancelled = _same(r"-\frac{y_j}{\cancel{\hat y_j}}\cdot \cancel{\hat y_j}\,(1 - \hat y_j)")
    other_cancelled = _other(
        r"\sum_{i \ne j} \Big(\cancel{-}\,\frac{y_i}{\cancel{\hat y_i}}\Big)"
        r"\big(\cancel{-}\,\cancel{\hat y_i}\, \hat y_j\big)"
    )
    other = _other(r"\sum_{i \ne j} y_i\, \hat y_j")
    minus_yj, yj_pj = _same("-y_j"), _same(r"y_j\, \hat y_j")
    joins = r"_{\sum_i y_i\, \hat y_j}"
    lines = [
        dl_dx("j") + f" &= {same_cancelled}",
        rf"&\quad + {other_cancelled}",
        "&= " + _same(r"-y_j\,(1 - \hat y_j)") + f" + {other}",
        f"&= {minus_yj} + {yj_pj} + {other}",
        f"&= {minus_yj} + " + r"\underbrace{" + f"{yj_pj} + {other}" + "}" + joins,
        r"&= -y_j + \hat y_j\, " + SIGMA_Y,
        r"&= \hat y_j - y_j \qquad \text{because } \boxed{" + SIGMA_Y + " = 1}",
    ]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def label_sum_terms(y, j: int | None = None) -> list[str]:
    """The labels y₁ … yₙ as summands in :data:`palette.Y`, yⱼ in :data:`palette.SAME`."""
    return [
        (_same if i == j else _labels)(label_tex(v)) for i, v in enumerate(np.asarray(y, float))
    ]


def label_sum_block(y, label_sum: float, j: int | None = None) -> str:
    r"""Σᵢ yᵢ = y₁ + … + yₙ = s as an ``aligned`` block that wraps to fit a phone.

    It ends with ``= 1``, or with the sum and ``\ne 1``; yⱼ is drawn in :data:`palette.SAME`.
    Whole-number labels go five to a line, soft labels (three decimals) three.
    """
    y = np.asarray(y, float)
    per_line = 5 if all(float(v).is_integer() for v in y) else 3
    total = "1" if label_sum == 1.0 else _labels(label_tex(label_sum)) + r" \ne 1"
    lines = sum_lines(label_sum_terms(y, j), per_line, first=SIGMA_Y + " &= ")
    lines.append(f"&= {total}")
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def simplification_numbers(
    j: int,
    y,
    y_hat,
    parts: tuple[float, float],
    label_sum: float,
    result: float,
    *,
    per_line: int = 3,
) -> str:
    """The derivation of :func:`cancellation` with the learner's numbers for column ``j``.

    Parameters
    ----------
    j : int
        The 0-based column (the logit xⱼ).
    y, y_hat : array_like, shape (n,)
        Labels and probabilities.
    parts : (float, float)
        The i = j part −yⱼ(1 − ŷⱼ) and the i ≠ j part Σ_{i≠j} yᵢŷⱼ.
    label_sum : float
        Σᵢ yᵢ.
    result : float
        ŷⱼ − yⱼ.
    per_line : int
        Products yᵢ·ŷⱼ to a line: the i ≠ j sum of n = 10 wraps.
    """
    y, y_hat = np.asarray(y, float), np.asarray(y_hat, float)
    yj, pj = label_tex(y[j]), tex(y_hat[j])
    same, other = parts
    minus_yj, yj_pj = _same(f"-{yj}"), _same(f"{yj} " + r"\cdot " + pj)
    dot = r" \cdot "
    products = [_other(label_tex(v) + dot + pj) for i, v in enumerate(y) if i != j]
    other_lines = sum_lines(products, per_line, first=r"&\quad + \Big(")
    other_lines[-1] += r"\Big)"
    other_value = _other(paren_tex(other))
    box = r"\boxed{" + label_sum_block(y, label_sum, j) + "}"
    lines = [
        dl_dx(j + 1) + " &= " + _same(f"-{yj}" + r"\," + f"(1 - {pj})"),
        *other_lines,
        f"&= {_same(tex(same))} + {other_value}",
        f"&= {minus_yj} + {yj_pj} + {other_value}",
        f"&= {minus_yj} + {pj}{dot}{SIGMA_Y}",
        r"&\qquad " + box,
        f"&= {minus_yj} + {pj}{dot}{_labels(label_tex(label_sum))}",
        f"&= {pj} - {yj} = {tex(result)}",
    ]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def soft_label_rule() -> str:
    """The gradient for labels of any sum, and how far the shortcut ŷ − y is from it."""
    return (
        r"\begin{aligned}\frac{\partial L}{\partial x} &= \hat y\, " + SIGMA_Y + r" - y \\"
        r" \frac{\partial L}{\partial x} - (\hat y - y) &= \hat y\,(" + SIGMA_Y + r" - 1)"
        r"\end{aligned}"
    )


def soft_label_gap(j: int, y, check: ShortcutCheck) -> str:
    """For soft labels: the true ∂L/∂xⱼ, the shortcut ŷⱼ − yⱼ, and their difference ŷⱼ(Σy − 1)."""
    k = j + 1
    yj, pj, s = label_tex(np.asarray(y, float)[j]), tex(check.y_hat[j]), tex(check.label_sum)
    shortcut = rf"(\hat y_{{{k}}} - y_{{{k}}})"
    lines = [
        dl_dx(k) + rf" &= \hat y_{{{k}}}\, {SIGMA_Y} - y_{{{k}}}",
        rf"&= {pj} \cdot {_labels(s)} - {yj}",
        rf"&= {tex(check.gradient[j])}",
        rf"\hat y_{{{k}}} - y_{{{k}}} &= {pj} - {yj} = {tex(check.shortcut[j])}",
        rf"{dl_dx(k)} - {shortcut} &= {tex(check.gradient[j])} - {paren_tex(check.shortcut[j])}",
        rf"&= {tex(check.difference[j])}",
        rf"\hat y_{{{k}}}\,({SIGMA_Y} - 1) &= {pj}\,({_labels(s)} - 1)",
        rf"&= {tex(check.predicted[j])}",
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(lines) + r"\end{aligned}"


def all_digits(value: float) -> str:
    """A float with the 17 significant digits that identify it, e.g. ``-0.34099886111403209``."""
    return f"{float(value) + 0.0:.{DIGITS}g}"


def agreeing_digits(a: float, b: float) -> int:
    """How many leading significant digits two floats share when written with 17 digits.

    >>> agreeing_digits(0.25, 0.25), agreeing_digits(1.0, 1.0 + 2**-52), agreeing_digits(1.0, -1.0)
    (17, 16, 0)
    """
    a, b = float(a) + 0.0, float(b) + 0.0
    if a == b:
        return DIGITS
    sa, sb = f"{a:.{DIGITS - 1}e}", f"{b:.{DIGITS - 1}e}"
    mantissa_a, exp_a = sa.split("e")
    mantissa_b, exp_b = sb.split("e")
    if exp_a != exp_b or (a < 0) != (b < 0):
        return 0
    digits_a, digits_b = (
        mantissa_a.lstrip("-").replace(".", ""),
        mantissa_b.lstrip("-").replace(".", ""),
    )
    count = 0
    for da, db in zip(digits_a, digits_b, strict=True):
        if da != db:
            break
        count += 1
    return count


def digits_table(term_by_term, shortcut) -> dict[str, list[str]]:
    """One row per class j: the term-by-term sum and ŷⱼ − yⱼ to all digits, and how many agree."""
    return {
        "j": [str(k) for k in range(1, len(term_by_term) + 1)],
        "digits agree": [
            f"{agreeing_digits(a, b)} of {DIGITS}"
            for a, b in zip(term_by_term, shortcut, strict=True)
        ],
        "Step 5 sum": [all_digits(v) for v in term_by_term],
        "ŷⱼ − yⱼ": [all_digits(v) for v in shortcut],
    }


def soft_label_table(y, check: ShortcutCheck) -> dict[str, list[str]]:
    """One row per class: yᵢ, ŷᵢ, the true gradient, the shortcut and their difference."""
    return {
        "i": [str(k) for k in range(1, check.y_hat.size + 1)],
        "yᵢ": [num(v) for v in np.asarray(y, float)],
        "ŷᵢ": [num(v) for v in check.y_hat],
        "true ∂L/∂xᵢ": [num(v) for v in check.gradient],
        "ŷᵢ − yᵢ": [num(v) for v in check.shortcut],
        "difference": [num(v) for v in check.difference],
        "ŷᵢ(Σy − 1)": [num(v) for v in check.predicted],
    }
