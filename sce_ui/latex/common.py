r"""What every LaTeX writer shares: the symbols y and ŷ, vectors, numbers and wrapping.

One meaning per name. A name ending in ``_sub`` takes a subscript (an index such as
``2`` or ``"i"``); :func:`labels` and :func:`predictions` colour any LaTeX body.
Numbers come from :mod:`sce_ui.fmt`, so a value reads the same in every formula.
"""

from __future__ import annotations

import numpy as np

from .. import palette
from ..fmt import tex


def labels(body: str) -> str:
    """``body`` in the colour of the labels y (:data:`palette.Y`): ``labels("Y")``."""
    return palette.tex_color(palette.Y, body)


def predictions(body: str) -> str:
    r"""``body`` in the colour of the predictions ŷ (:data:`palette.Y_HAT`)."""
    return palette.tex_color(palette.Y_HAT, body)


def y_sub(index: int | str) -> str:
    """The label ``y_{index}``, coloured: ``y_sub(2)``, ``y_sub("i")``."""
    return labels(f"y_{{{index}}}")


def y_hat_sub(index: int | str) -> str:
    r"""The prediction ``\hat y_{index}``, coloured."""
    return predictions(rf"\hat y_{{{index}}}")


def dl_dx(j: str | int) -> str:
    r"""``\frac{\partial L}{\partial x_{j}}`` for a symbol or a 1-based class number."""
    return rf"\frac{{\partial L}}{{\partial x_{{{j}}}}}"


def exp_of(value: float) -> str:
    r"""A logit as an exponent of e: ``e^{2.000}``, ``e^{-1.000}``."""
    return rf"e^{{{tex(value)}}}"


def power_of_ten(value: float) -> str:
    r"""A step such as ``1e-5`` or ``2e-16`` as ``10^{-5}`` or ``2 \times 10^{-16}``."""
    mantissa, exponent = f"{value:.0e}".split("e")
    power = rf"10^{{{int(exponent)}}}"
    return power if mantissa == "1" else rf"{mantissa} \times {power}"


def log_of(p: float) -> str:
    r"""``\log 0.659``, or ``\log(2.06 \times 10^{-9})`` where a bare number would be ambiguous."""
    text = tex(p)
    return rf"\log({text})" if r"\times" in text else rf"\log {text}"


def column(values, color: str | None = None, digits: int | None = None) -> str:
    """A column vector of numbers (``pmatrix``), each optionally in ``color``.

    ``digits`` as :func:`sce_ui.fmt.tex` takes it; ``0`` for labels that are whole numbers.
    """
    cells = [tex(v) if digits is None else tex(v, digits) for v in np.ravel(values)]
    if color:
        cells = [palette.tex_color(color, c) for c in cells]
    return r"\begin{pmatrix}" + r" \\ ".join(cells) + r"\end{pmatrix}"


def matrix(values) -> str:
    """A matrix of numbers (``pmatrix``), row by row."""
    rows = [" & ".join(tex(v) for v in row) for row in np.asarray(values, float)]
    return r"\begin{pmatrix}" + r" \\ ".join(rows) + r"\end{pmatrix}"


def row_vector(texts, bracket: str = r"\big") -> str:
    r"""Already written entries as ``\big( a,\ b \big)``."""
    return bracket + "(" + r",\ ".join(texts) + bracket + ")"


def aligned(rows: list[str], gap: str = "") -> str:
    r"""Rows of an ``aligned`` block, separated by ``\\`` and an optional ``gap`` (``[6pt]``)."""
    return r"\begin{aligned}" + (r" \\" + gap + " ").join(rows) + r"\end{aligned}"


def joined_lines(terms: list[str], per_line: int) -> list[str]:
    """``terms`` joined by ``+``, ``per_line`` to a line: the lines of a long sum."""
    return [" + ".join(terms[k : k + per_line]) for k in range(0, len(terms), per_line)]


def sum_lines(terms: list[str], per_line: int, first: str = "&= ") -> list[str]:
    r"""``terms`` joined by ``+`` into lines of an ``aligned`` block, ``per_line`` to a line.

    The first line starts with ``first``; the lines after it with ``&\quad +``.
    """
    lines = joined_lines(terms, per_line)
    return [(first if k == 0 else r"&\quad + ") + line for k, line in enumerate(lines)]
