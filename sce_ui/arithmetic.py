r"""Shown arithmetic: an operation on printed numbers, and one rule for "=" or "≈".

A formula that shows ``0.191 - 0.142 = 0.049`` promises that a learner who redoes the
subtraction by hand gets the printed result. The operands are printed by
:mod:`sce_ui.fmt` and so rounded; their result is the true value, rounded too, and the
two need not agree in the last digit. Every such line is built here from one structured
source, an expression tree of the operands (:class:`Term`) and the true result:

- :func:`equals` writes ``expression = result`` when the expression, computed from the
  printed digits, rounds to the printed result (it lies within half a unit of the
  result's last printed place), and ``expression \approx result`` otherwise;
- :func:`more_digits` writes the ``≈`` lines again with :data:`MORE` significant digits,
  for a tooltip or a footnote, so the unrounded value is a click away.

The LaTeX writers and the Markdown download build their lines with these functions, and
``tests/test_shown_arithmetic.py`` redoes every line they print.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import NamedTuple

from . import fmt

MORE = 10
"""Significant digits of the results in :func:`more_digits`."""
MORE_OPERANDS = 15
"""Significant digits of the operands in :func:`more_digits`: enough that the result,
to :data:`MORE` digits, follows from them."""


class Term(NamedTuple):
    """A node of a printed expression: a number, or an operation on other terms."""

    kind: str
    """``"num"``, ``"exact"`` or an operation: ``"sub"``, ``"add"``, ``"mul"``, ``"div"``,
    ``"neg"``, ``"log"``, ``"exp"``, ``"power"``, ``"paren"``, ``"text"``."""
    args: tuple
    value: float
    """The true value of the term."""


def number(value: float, digits: int = fmt.DIGITS) -> Term:
    """A value printed by :func:`sce_ui.fmt.tex`."""
    return Term("num", (float(value), digits), float(value))


def typed(value: float) -> Term:
    """A value the learner typed or chose (T, h), printed as typed by :func:`sce_ui.fmt.typed`."""
    return Term("typed", (float(value),), float(value))


def exact(value: float) -> Term:
    """A value printed exactly: a whole number such as a label ``1``, or ``0``."""
    return Term("exact", (float(value),), float(value))


def operand(value: float) -> Term:
    """A shown operand: a whole number (a label's 0 or 1) exactly, any other as printed.

    >>> render(operand(1.0)), render(operand(0.25))
    ('1', '0.250')
    """
    v = float(value)
    return exact(v) if v.is_integer() and abs(v) < 1e6 else number(v)


def minus(a: Term, b: Term) -> Term:
    """``a - b``, with ``b`` in parentheses when it is negative."""
    return Term("sub", (a, b), a.value - b.value)


def plus(*terms: Term) -> Term:
    """``a + b - c``: the terms of a sum, each after the first with its own sign."""
    return Term("add", terms, math.fsum(t.value for t in terms))


def times(a: Term, b: Term) -> Term:
    r"""``a \cdot b``."""
    return Term("mul", (a, b), a.value * b.value)


def over(a: Term, b: Term) -> Term:
    r"""``\frac{a}{b}``."""
    return Term("div", (a, b), a.value / b.value)


def negative(a: Term) -> Term:
    """``-a``, ``-(-0.5)`` for a negative ``a``."""
    return Term("neg", (a,), -a.value)


def log(a: Term) -> Term:
    r"""``\log a``, with parentheses around a power of ten."""
    return Term("log", (a,), math.log(a.value) if a.value > 0 else -math.inf)


def exp(a: Term) -> Term:
    """``e^{a}``."""
    return Term("exp", (a,), math.exp(a.value))


def power(a: Term, b: Term) -> Term:
    """``a^{b}``, with ``a`` in parentheses when it is negative, a sum or a power of ten.

    >>> render(power(number(0.755), typed(2))), redo(power(number(0.755), typed(2)))
    ('0.755^{2}', 0.570025)
    """
    return Term("power", (a, b), a.value**b.value)


def styled(a: Term, wrap: Callable[[str], str]) -> Term:
    """``a`` drawn through ``wrap`` (a colour, a box), its value unchanged."""
    return Term("text", (a, wrap), a.value)


def _printed(t: Term, more: bool) -> str:
    value, digits = t.args
    return fmt.significant_tex(value, MORE_OPERANDS) if more else fmt.tex(value, digits)


def _negative_text(t: Term, more: bool) -> bool:
    return render(t, more).lstrip().startswith("-")


def _grouped(t: Term, more: bool) -> str:
    r"""A term as the operand of a product, a negation or a log: a sum in parentheses,
    grown to the height of a power of ten inside it.

    >>> _grouped(minus(exact(1), number(2.06e-9)), False)
    '\\left(1 - 2.06 \\times 10^{-9}\\right)'
    """
    text = render(t, more)
    if t.kind not in ("add", "sub"):
        return text
    return rf"\left({text}\right)" if r"\times" in text else f"({text})"


def render(t: Term, more: bool = False) -> str:
    """The LaTeX of a term; with ``more``, every number to :data:`MORE_OPERANDS` digits."""
    if t.kind == "num":
        return _printed(t, more)
    if t.kind == "exact":
        return fmt.num(t.args[0], 0)
    if t.kind == "typed":
        return fmt.typed(t.args[0])
    if t.kind == "text":
        inner, wrap = t.args
        return wrap(render(inner, more))
    if t.kind == "neg":
        (a,) = t.args
        if a.kind in ("add", "sub") or _negative_text(a, more):
            return f"-({render(a, more)})"
        return f"-{render(a, more)}"
    if t.kind == "sub":
        a, b = t.args
        right = render(b, more)
        return f"{render(a, more)} - " + (f"({right})" if _negative_text(b, more) else right)
    if t.kind == "add":
        first, *rest = t.args
        text = render(first, more)
        for r in rest:
            body = render(r, more)
            text += f" - {body.lstrip()[1:]}" if _negative_text(r, more) else f" + {body}"
        return text
    if t.kind == "mul":
        a, b = t.args
        parts = [_grouped(a, more), _grouped(b, more)]
        # A sum is in parentheses already (_grouped): only a lone number gets them here.
        lone = [term.kind not in ("add", "sub") for term in (a, b)]
        if lone[1] and (_negative_text(b, more) or r"\times" in parts[1]):
            parts[1] = rf"\left({parts[1]}\right)"
        if lone[0] and r"\times" in parts[0] and not parts[0].startswith(r"\left("):
            parts[0] = rf"\left({parts[0]}\right)"
        return rf"{parts[0]} \cdot {parts[1]}"
    if t.kind == "div":
        a, b = t.args
        return rf"\frac{{{render(a, more)}}}{{{render(b, more)}}}"
    if t.kind == "log":
        (a,) = t.args
        text = render(a, more)
        grouped = r"\times" in text or a.kind in ("add", "sub")
        return rf"\log({text})" if grouped else rf"\log {text}"
    if t.kind == "exp":
        (a,) = t.args
        return rf"e^{{{render(a, more)}}}"
    if t.kind == "power":
        a, b = t.args
        base = render(a, more)
        if a.kind in ("add", "sub") or _negative_text(a, more) or r"\times" in base:
            base = rf"\left({base}\right)"
        return rf"{base}^{{{render(b, more)}}}"
    if t.kind == "paren":
        (a,) = t.args
        return f"({render(a, more)})"
    raise ValueError(f"kind must be a known operation, got {t.kind!r}")


def redo(t: Term, more: bool = False) -> float:
    """The term computed from its printed digits, as a learner redoing it by hand would."""
    if t.kind == "num":
        return fmt.parse(_printed(t, more))
    if t.kind == "exact":
        return t.args[0]
    if t.kind == "typed":
        return float(fmt.typed(t.args[0]))
    if t.kind in ("text", "paren"):
        return redo(t.args[0], more)
    values = [redo(a, more) for a in t.args if isinstance(a, Term)]
    if t.kind == "neg":
        return -values[0]
    if t.kind == "sub":
        return values[0] - values[1]
    if t.kind == "add":
        return math.fsum(values)
    if t.kind == "mul":
        return values[0] * values[1]
    if t.kind == "div":
        return values[0] / values[1] if values[1] else math.copysign(math.inf, values[0])
    if t.kind == "log":
        return math.log(values[0]) if values[0] > 0 else -math.inf
    if t.kind == "exp":
        return math.exp(values[0]) if values[0] < 709 else math.inf
    if t.kind == "power":
        return values[0] ** values[1]
    raise ValueError(f"kind must be a known operation, got {t.kind!r}")


def agrees(computed: float, result_text: str) -> bool:
    """Whether ``computed`` rounds to ``result_text`` at the precision it is printed with.

    >>> agrees(0.049, "0.049"), agrees(0.0489, "0.049"), agrees(0.049, "0.048")
    (True, True, False)
    """
    shown = fmt.parse(result_text)
    if math.isinf(shown) or math.isinf(computed):
        return shown == computed
    slack = 1e-12 * max(abs(shown), abs(computed)) + 1e-300
    return abs(computed - shown) <= fmt.unit(result_text) * (1 + 1e-9) + slack


def relation(expression: Term, result: float, digits: int = fmt.DIGITS) -> str:
    r"""``=`` when the printed ``expression`` gives the printed ``result``, else ``\approx``."""
    return "=" if agrees(redo(expression), fmt.tex(result, digits)) else r"\approx"


_NOTES: ContextVar[list[str] | None] = ContextVar("arithmetic_notes", default=None)


def noted(expression: Term, result: float, digits: int = fmt.DIGITS) -> str:
    r"""The relation of :func:`relation` (``=`` or ``\approx``), a ``≈`` noted for :func:`collect`.

    For a writer that lays out the expression itself; its printed numbers must be those
    of ``expression``.
    """
    rel = relation(expression, result, digits)
    notes = _NOTES.get()
    if rel != "=" and notes is not None:
        notes.append(more_digits(expression, result))
    return rel


def noted_all(pairs) -> str:
    r"""One relation for a vector or matrix of results: ``=`` when every ``(expression,
    result)`` pair gives its printed result, else ``\approx``; each ``≈`` entry is noted,
    with more digits, as by :func:`noted`.

    >>> noted_all([(minus(number(0.5), exact(1)), -0.5), (number(1 / 3), 1 / 3)])
    '='
    """
    relations = [noted(expression, result) for expression, result in pairs]
    return "=" if all(rel == "=" for rel in relations) else r"\approx"


def noted_sum(values, total: float) -> str:
    r"""The relation of a printed ``total`` to the sum of the printed ``values`` above it
    (``=`` or ``\approx``), as :func:`noted`: a sum written out or a column added up.

    >>> noted_sum([1.0, 0.1353352832, 0.1353352832], 1.2706705664)
    '\\approx'
    >>> noted_sum([0.25, 0.5], 0.75)
    '='
    """
    return noted(plus(*(number(v) for v in values)), total)


def equals(expression: Term, result: float | None = None, digits: int = fmt.DIGITS) -> str:
    r"""``expression = result`` or ``expression \approx result``, by :func:`relation`.

    ``result`` defaults to the expression's true value. A line that says ``≈`` is noted,
    with more digits, for :func:`collect` to hand on.

    >>> equals(minus(number(0.19137), number(0.14243)))
    '0.191 - 0.142 \\approx 0.0489'
    >>> equals(minus(number(0.659), exact(1)))
    '0.659 - 1 = -0.341'
    """
    value = expression.value if result is None else float(result)
    return f"{render(expression)} {noted(expression, value, digits)} {fmt.tex(value, digits)}"


def more_digits(expression: Term, result: float | None = None) -> str:
    """The line of :func:`equals` with every number to :data:`MORE` significant digits."""
    value = expression.value if result is None else float(result)
    rel = "=" if agrees(redo(expression, True), fmt.significant_tex(value, MORE)) else r"\approx"
    return f"{render(expression, True)} {rel} {fmt.significant_tex(value, MORE)}"


def plain(latex: str) -> str:
    r"""A line of :func:`more_digits` as plain text, for a caption or a table.

    >>> plain(r"-\frac{1}{0.00247} \approx -4.05 \times 10^{2}")
    '-1/0.00247 ≈ -4.05e2'
    """
    # Powers of ten first: their braces would keep a fraction around them from matching.
    text = re.sub(r"\s*\\times 10\^\{(-?\d+)\}", r"e\1", latex)
    text = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", text)
    for macro, word in (
        (r"\approx", "≈"),
        (r"\cdot", "·"),
        (r"\log", "log"),
        (r"\left", ""),
        (r"\right", ""),
    ):
        text = text.replace(macro, word)
    return text


def derived_cells(terms: list[Term], results) -> tuple[list[str], list[str]]:
    """Cells of a column computed from other columns, and footnotes for the ≈ ones.

    A cell reads ``≈ -405.429`` where the rounded numbers of its row give the value only
    approximately (:func:`relation`); its footnote redoes it with more
    digits.
    """
    cells, notes = [], []
    for term, result in zip(terms, results, strict=True):
        if relation(term, result) == "=":
            cells.append(fmt.num(result))
        else:
            cells.append(f"≈ {fmt.num(result)}")
            notes.append(more_digits(term, result))
    return cells, notes


class Formula(str):
    """LaTeX for ``st.latex``, with its ``≈`` lines written again with more digits."""

    more: tuple[str, ...] = ()

    def help(self) -> str | None:
        """Markdown for a tooltip: the ``≈`` lines with more digits, or None if there are none."""
        if not self.more:
            return None
        lines = "\n".join(f"- ${line}$" for line in self.more)
        return "Rounded numbers give the ≈ lines only approximately. With more digits:\n" + lines


@contextmanager
def _collecting():
    token = _NOTES.set([])
    try:
        yield _NOTES.get()
    finally:
        _NOTES.reset(token)


def collect(writer: Callable[..., str]) -> Callable[..., Formula]:
    """Decorate a LaTeX writer so that its string carries the ``≈`` lines with more digits."""

    @wraps(writer)
    def wrapped(*args, **kwargs) -> Formula:
        outer = _NOTES.get()
        with _collecting() as notes:
            text = Formula(writer(*args, **kwargs))
        text.more = tuple(dict.fromkeys(notes))
        if outer is not None:  # a writer inside another: the outer one shows these too
            outer.extend(text.more)
        return text

    return wrapped


def help_of(text: str) -> str | None:
    """The tooltip of a writer's string: its ``≈`` lines with more digits, if any."""
    return text.help() if isinstance(text, Formula) else None
