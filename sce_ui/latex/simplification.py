r"""Step 6 in formulas: the cancellations that turn the chain rule into ŷⱼ − yⱼ.

The i = j part is drawn in :data:`palette.SAME`, the i ≠ j part in :data:`palette.OTHER`
and the labels' sum in :data:`palette.Y`. The ``j`` arguments are the 0-based column
index; the strings show 1-based class numbers. The numbers the page compares come
from :mod:`sce_ui.models.simplification`.
"""

from __future__ import annotations

import numpy as np

from .. import arithmetic as ar
from .. import palette
from ..fmt import paren_tex, tex
from ..models.simplification import ShortcutCheck
from .chain_rule import label_tex
from .common import dl_dx, sum_lines


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


def _label(value: float) -> ar.Term:
    """A label as :func:`label_tex` prints it: whole numbers exactly, soft ones rounded."""
    return ar.exact(value) if float(value).is_integer() else ar.number(value)


@ar.collect
def label_sum_block(y, label_sum: float, j: int | None = None) -> str:
    r"""Σᵢ yᵢ = y₁ + … + yₙ = s as an ``aligned`` block that wraps to fit a phone.

    It ends with ``= 1``, or with the sum and ``\ne 1``; yⱼ is drawn in :data:`palette.SAME`.
    Whole-number labels go five to a line, soft labels (three decimals) three.
    """
    y = np.asarray(y, float)
    per_line = 5 if all(float(v).is_integer() for v in y) else 3
    total = "1" if label_sum == 1.0 else _labels(label_tex(label_sum)) + r" \ne 1"
    lines = sum_lines(label_sum_terms(y, j), per_line, first=SIGMA_Y + " &= ")
    lines.append(f"&{ar.noted(ar.plus(*(_label(v) for v in y)), label_sum)} {total}")
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


@ar.collect
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
        f"&= {pj} - {yj} "
        + ar.noted(ar.minus(ar.number(y_hat[j]), _label(y[j])), result)
        + f" {tex(result)}",
    ]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def soft_label_rule() -> str:
    """The gradient for labels of any sum, and how far the shortcut ŷ − y is from it."""
    return (
        r"\begin{aligned}\frac{\partial L}{\partial x} &= \hat y\, " + SIGMA_Y + r" - y \\"
        r" \frac{\partial L}{\partial x} - (\hat y - y) &= \hat y\,(" + SIGMA_Y + r" - 1)"
        r"\end{aligned}"
    )


@ar.collect
def soft_label_gap(j: int, y, check: ShortcutCheck) -> str:
    """For soft labels: the true ∂L/∂xⱼ, the shortcut ŷⱼ − yⱼ, and their difference ŷⱼ(Σy − 1)."""
    k = j + 1
    yj, pj, s = label_tex(np.asarray(y, float)[j]), tex(check.y_hat[j]), tex(check.label_sum)
    shortcut = rf"(\hat y_{{{k}}} - y_{{{k}}})"
    p, label, total = (
        ar.number(check.y_hat[j]),
        _label(np.asarray(y, float)[j]),
        ar.number(check.label_sum),
    )
    g, cut = ar.number(check.gradient[j]), ar.number(check.shortcut[j])
    by_label_sum = ar.noted(ar.minus(ar.times(p, total), label), check.gradient[j])
    by_difference = ar.noted(ar.minus(g, cut), check.difference[j])
    by_prediction = ar.noted(ar.times(p, ar.minus(total, ar.exact(1))), check.predicted[j])
    lines = [
        dl_dx(k) + rf" &= \hat y_{{{k}}}\, {SIGMA_Y} - y_{{{k}}}",
        rf"&= {pj} \cdot {_labels(s)} - {yj}",
        rf"&{by_label_sum} {tex(check.gradient[j])}",
        rf"\hat y_{{{k}}} - y_{{{k}}} &= {pj} - {yj} "
        + ar.noted(ar.minus(p, label), check.shortcut[j])
        + f" {tex(check.shortcut[j])}",
        rf"{dl_dx(k)} - {shortcut} &= {tex(check.gradient[j])} - {paren_tex(check.shortcut[j])}",
        rf"&{by_difference} {tex(check.difference[j])}",
        rf"\hat y_{{{k}}}\,({SIGMA_Y} - 1) &= {pj}\,({_labels(s)} - 1)",
        rf"&{by_prediction} {tex(check.predicted[j])}",
    ]
    return r"\begin{aligned}" + r" \\[4pt] ".join(lines) + r"\end{aligned}"
