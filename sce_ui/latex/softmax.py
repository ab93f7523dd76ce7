r"""Step 1, softmax: the definition, the learner's exponentials and probabilities, a nudge
of one logit, and the shift that changes nothing.

Classes are numbered from 1. The nudged class j is the i = j case (:data:`palette.SAME`,
◆ drawn as ``\blacklozenge``); every other class is an i ≠ j case (:data:`palette.OTHER`,
● drawn as ``\bullet``), as in the charts.
"""

from __future__ import annotations

import numpy as np

import sce_core as core

from .. import arithmetic as ar
from .. import palette
from ..fmt import signed_tex, tex
from .common import exp_of, joined_lines

TERMS_PER_LINE = 3
"""Terms of a long sum on one line, so n = 10 wraps instead of running off the screen."""

SHIFT_DIGITS = 6
"""Decimals of the side-by-side probabilities: enough to see that the shift changes none."""

_SAME_MARK = r"\blacklozenge"
_OTHER_MARK = r"\bullet"


def _wrapped_sum(terms: list[str], per_line: int = TERMS_PER_LINE) -> list[str]:
    """``a + b + c ...`` cut into lines of ``per_line`` terms; later lines start with ``+``."""
    lines = joined_lines(terms, per_line)
    return [lines[0], *(f"+ {line}" for line in lines[1:])]


def _replace_last(text: str, old: str, new: str) -> str:
    """``text`` with its last ``old`` replaced by ``new``."""
    head, sep, tail = text.rpartition(old)
    return head + new + tail if sep else text


def _aligned(lhs: str, lines: list[str]) -> str:
    r"""``\begin{aligned}``: ``lhs &= lines[0]``, then each line under the ``=``.

    A line that starts with ``+`` continues the sum above it, indented past the ``=``.
    """
    rows = [rf"{lhs} &= {lines[0]}"]
    rows += [rf"&\quad {line}" if line.startswith("+") else rf"&= {line}" for line in lines[1:]]
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def definition() -> str:
    r"""The definition of softmax: ``\hat y_i = e^{x_i} / \sum_k e^{x_k}``."""
    return r"\hat y_i = \frac{e^{x_i}}{\sum_{k=1}^{n} e^{x_k}}"


@ar.collect
def exponential_sum(x, terms: core.SoftmaxTerms) -> str:
    """The sum ``S`` of the exponentials, term by term, with the learner's logits.

    Parameters
    ----------
    x : array_like, shape (n,)
        The logits.
    terms : SoftmaxTerms
        ``e^{x_i}`` and ``S``, as :func:`sce_core.softmax_terms` gives them.
    """
    x = np.asarray(x, float)
    powers = _wrapped_sum([exp_of(v) for v in x])
    values = _wrapped_sum([tex(v) for v in terms.exps])
    rel = ar.noted_sum(terms.exps, terms.total)
    rows = _aligned("S", [r"\sum_{k=1}^{n} e^{x_k}", *powers, *values, tex(terms.total)])
    return rows if rel == "=" else _replace_last(rows, "&= ", "&\\approx ")


@ar.collect
def probabilities(x, y_hat, terms: core.SoftmaxTerms) -> str:
    r"""Each probability as ``e^{x_i} / S``, one aligned row per class.

    Parameters
    ----------
    x, y_hat : array_like, shape (n,)
        The logits and their softmax.
    terms : SoftmaxTerms
        ``e^{x_i}`` and ``S``, as :func:`sce_core.softmax_terms` gives them.
    """
    x, y_hat = np.asarray(x, float), np.asarray(y_hat, float)
    rows = [
        rf"\hat y_{{{i}}} &= \frac{{{exp_of(v)}}}{{S}} = "
        + ar.equals(ar.over(ar.number(e), ar.number(terms.total)), p)
        for i, (v, e, p) in enumerate(zip(x, terms.exps, y_hat, strict=True), start=1)
    ]
    return r"\begin{aligned}" + r" \\[6pt] ".join(rows) + r"\end{aligned}"


@ar.collect
def nudge(chosen: int, old: float, delta: float, new: float) -> str:
    """The one logit that moves: ``x_j + δ = old + delta = new`` (``chosen`` is 1-based)."""
    step = ar.equals(ar.plus(ar.number(old), ar.number(delta)), new)
    body = rf"x_{{{chosen}}} + \delta = {step}"
    return palette.tex_color(palette.SAME, body)


def nudge_table(before, after, chosen: int) -> str:
    r"""Every probability before and after the nudge of ``x_chosen``, and its change.

    The row ``i = chosen`` (1-based) is coloured as the i = j case, the others as i ≠ j.
    """
    before, after = np.asarray(before, float), np.asarray(after, float)
    rows = []
    for i, (b, a) in enumerate(zip(before, after, strict=True), start=1):
        same = i == chosen
        color = palette.SAME if same else palette.OTHER
        cells = [rf"{_SAME_MARK if same else _OTHER_MARK}\ {i}", tex(b), tex(a), signed_tex(a - b)]
        rows.append(" & ".join(palette.tex_color(color, cell) for cell in cells))
    head = r"i & \hat y_i \text{ before} & \hat y_i \text{ after} & \Delta \hat y_i"
    return r"\begin{array}{c|rr|r} " + head + r" \\ \hline " + r" \\ ".join(rows) + r"\end{array}"


def shift_reason() -> str:
    r"""Why adding ``c`` to every logit leaves softmax unchanged: ``e^c`` cancels."""
    cancel = r"\cancel{e^{c}}"
    return (
        r"\frac{e^{x_i + c}}{\sum_k e^{x_k + c}}"
        rf" = \frac{{{cancel}\, e^{{x_i}}}}{{{cancel} \sum_k e^{{x_k}}}}"
        r" = \frac{e^{x_i}}{\sum_k e^{x_k}} = \hat y_i"
    )


@ar.collect
def shift_factor(c: float, e_c: float) -> str:
    """The common factor ``e^c`` with the learner's ``c`` and its value ``e_c``."""
    return rf"c = {tex(c)} \qquad e^{{c}} = " + ar.equals(ar.exp(ar.number(c)), e_c)


def shift_table(x, shifted, y_hat, y_hat_shifted, digits: int = SHIFT_DIGITS) -> str:
    """The logits and the probabilities before and after the shift, side by side."""
    columns = [np.asarray(a, float) for a in (x, shifted, y_hat, y_hat_shifted)]
    rows = [
        rf"{i} & {tex(v)} & {tex(w)} & {tex(p, digits)} & {tex(q, digits)}"
        for i, (v, w, p, q) in enumerate(zip(*columns, strict=True), start=1)
    ]
    head = r"i & x_i & x_i + c & \hat y_i(x) & \hat y_i(x + c)"
    return r"\begin{array}{c|rr|ll} " + head + r" \\ \hline " + r" \\ ".join(rows) + r"\end{array}"
