"""Step 6's numbers: the true gradient beside the shortcut ŷ − y, and digits that agree.

:func:`shortcut_check` gathers what the page compares for labels of any sum;
:func:`digits_table` and :func:`soft_label_table` are its tables as text.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

import sce_core as core

from .. import arithmetic as ar
from ..fmt import num, significant

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


def all_digits(value: float) -> str:
    """A float with the 17 significant digits that identify it, e.g. ``-0.3409988611140321``."""
    return significant(value, DIGITS)


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
    """One row per class: yᵢ, ŷᵢ, the true gradient, the shortcut and their difference.

    A derived cell reads ``≈ …`` where the rounded numbers of its row give it only
    approximately (:func:`sce_ui.arithmetic.derived_cells`).
    """
    y = np.asarray(y, float)
    return {
        "i": [str(k) for k in range(1, check.y_hat.size + 1)],
        "yᵢ": [num(v) for v in np.asarray(y, float)],
        "ŷᵢ": [num(v) for v in check.y_hat],
        "true ∂L/∂xᵢ": [num(v) for v in check.gradient],
        "ŷᵢ − yᵢ": ar.derived_cells(
            [ar.minus(ar.number(p), ar.number(t)) for p, t in zip(check.y_hat, y, strict=True)],
            check.shortcut,
        )[0],
        "difference": ar.derived_cells(
            [
                ar.minus(ar.number(g), ar.number(c))
                for g, c in zip(check.gradient, check.shortcut, strict=True)
            ],
            check.difference,
        )[0],
        "ŷᵢ(Σy − 1)": ar.derived_cells(
            [
                ar.times(ar.number(p), ar.minus(ar.number(check.label_sum), ar.exact(1)))
                for p in check.y_hat
            ],
            check.predicted,
        )[0],
    }
