r"""Numbers as the learner reads them, in tables, formulas, captions and downloads alike.

One rule for the whole app, so that a value reads the same on every page:

- An exact zero is ``0``; ``inf``, ``-inf`` and ``nan`` are named. Asked for with
  ``digits=0``, a whole number is exact too and prints as one: a label ``1``.
- From 0.001 up to a million, fixed point with ``digits`` decimals (3 by default), and
  more decimals where needed for :data:`SIGNIFICANT` significant digits:
  ``0.500``, ``12.346``, ``0.0247``, ``0.00247``.
- Below 0.001 or from a million up, scientific notation with ``max(digits, SIGNIFICANT)``
  significant digits and a plain exponent: ``6.08e-6``, ``-2.06e-9``, ``2.50e12``;
  in LaTeX ``6.08 \times 10^{-6}``.

So every non-zero value shows at least three significant digits, and reading a printed
value back gives it to a relative precision of :data:`RELATIVE_PRECISION` (half a unit
in the third significant digit, at worst ``0.005`` of the value, at ``1.00…``). The
``digits`` argument only ever adds digits.
"""

from __future__ import annotations

import math

DIGITS = 3
"""Decimals of a fixed-point number."""
SIGNIFICANT = 3
"""Significant digits every non-zero value shows, at least."""
RELATIVE_PRECISION = 0.5 * 10.0 ** (1 - SIGNIFICANT)
"""``|read back − value| <= RELATIVE_PRECISION · |value|`` for every printed value."""
SMALL, LARGE = 1e-3, 1e6
"""Fixed point for ``SMALL <= |v| < LARGE``; scientific notation outside."""


def decimals(value: float, digits: int = DIGITS) -> int:
    """The decimals :func:`num` prints a fixed-point ``value`` with.

    >>> decimals(0.5), decimals(0.0247), decimals(0.00247), decimals(12.3), decimals(0.5, 0)
    (3, 4, 5, 3, 3)
    """
    v = abs(float(value))
    exponent = math.floor(math.log10(v)) if v > 0 else 0
    return max(digits, SIGNIFICANT - 1 - exponent)


def _scientific(v: float, digits: int) -> str:
    mantissa, exponent = f"{v:.{max(digits, SIGNIFICANT) - 1}e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def num(value: float, digits: int = DIGITS) -> str:
    """Plain text, by the rule of this module.

    >>> num(0.5), num(-1.25e-5), num(0.0), num(12345.678), num(2.5e12), num(0.00247)
    ('0.500', '-1.25e-5', '0', '12345.678', '2.50e12', '0.00247')
    >>> num(1.0, 0), num(0.25, 0), num(float("-inf"))
    ('1', '0.250', '-inf')
    """
    v = float(value)
    if not math.isfinite(v):
        return {math.inf: "inf", -math.inf: "-inf"}.get(v, "nan")
    if v == 0:
        return "0"
    if digits == 0 and v.is_integer() and abs(v) < LARGE:
        return f"{v:.0f}"
    if not SMALL <= abs(v) < LARGE:
        return _scientific(v, digits)
    places = decimals(v, digits)
    text = f"{v:.{places}f}"
    if abs(float(text)) >= LARGE:  # rounded up into the next decade: 999999.9996
        return _scientific(v, digits)
    return text


def tex(value: float, digits: int = DIGITS) -> str:
    r"""LaTeX: as :func:`num`, with ``a \times 10^{k}`` for scientific notation.

    >>> tex(0.25), tex(-3.5e-7), tex(float("inf")), tex(float("nan"))
    ('0.250', '-3.50 \\times 10^{-7}', '\\infty', '\\text{NaN}')
    """
    v = float(value)
    if math.isnan(v):
        return r"\text{NaN}"
    if math.isinf(v):
        return r"\infty" if v > 0 else r"-\infty"
    text = num(v, digits)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return rf"{mantissa} \times 10^{{{exponent}}}"


def signed_tex(value: float, digits: int = DIGITS) -> str:
    r"""``+ 0.250`` or ``- 0.250``: a term to append to a sum in LaTeX.

    >>> signed_tex(0.25), signed_tex(-0.25), signed_tex(0.0)
    ('+ 0.250', '- 0.250', '+ 0')
    """
    v = float(value)
    return f"- {tex(-v, digits)}" if v < 0 else f"+ {tex(v, digits)}"


def paren_tex(value: float, digits: int = DIGITS) -> str:
    r"""A number ready to multiply in LaTeX: negative numbers in parentheses.

    >>> paren_tex(0.5), paren_tex(-0.5)
    ('0.500', '(-0.500)')
    """
    text = tex(value, digits)
    return f"({text})" if float(value) < 0 else text


def parse(text: str) -> float:
    r"""The value of a number printed by :func:`num` or :func:`tex` (also ``−`` as minus).

    >>> parse("0.00247"), parse(r"-6.08 \times 10^{-6}"), parse("2.50e12"), parse(r"\infty")
    (0.00247, -6.08e-06, 2500000000000.0, inf)
    """
    t = text.strip().replace("−", "-").replace(" ", "").strip("()")
    t = t.replace(r"\infty", "inf").replace(r"\text{NaN}", "nan")
    if r"\times10^{" in t:
        mantissa, exponent = t.removesuffix("}").split(r"\times10^{")
        t = f"{mantissa}e{exponent}"
    return float(t)


def unit(text: str) -> float:
    r"""Half a unit in the last printed place of ``text``: how far it may be from its value.

    >>> unit("0.500"), unit("-405"), unit(r"6.08 \times 10^{-6}"), unit("0")
    (0.0005, 0.5, 5e-09, 0.0)
    """
    t = text.strip().replace("−", "-").replace(" ", "").strip("()")
    exponent = 0
    if r"\times10^{" in t:
        t, power = t.removesuffix("}").split(r"\times10^{")
        exponent = int(power)
    elif "e" in t:
        t, power = t.split("e")
        exponent = int(power)
    if float(t) == 0 and "." not in t:
        return 0.0
    places = len(t.split(".")[1]) if "." in t else 0
    return 0.5 * 10.0 ** (exponent - places)


def apart(values, digits: int = DIGITS) -> list[str]:
    """Each of ``values`` by :func:`num`, all with the fewest added digits at which values
    that differ print differently (17 significant digits at most, which tell every
    float64 apart): a table that says one loss is lower than another shows it.

    >>> apart([3.6788e-4, 3.6787e-4, 3.6789e-4])
    ['3.6788e-4', '3.6787e-4', '3.6789e-4']
    >>> apart([0.5, 0.25, 0.5]), apart([0.41703, 0.41702])
    (['0.500', '0.250', '0.500'], ['0.41703', '0.41702'])
    """
    values = [float(v) for v in values]
    texts = [num(v, digits) for v in values]
    for more in range(digits + 1, 18):
        if all(
            (texts[i] == texts[k]) == (values[i] == values[k])
            for i in range(len(values))
            for k in range(i)
        ):
            break
        texts = [num(v, more) for v in values]
    return texts


def typed(value: float) -> str:
    """A value the learner chose or typed (a logit, h, η, T), as typed: ``2``, ``-0.5``,
    ``1000``, ``1e-5``; up to six significant digits, so float32's ``1000.09998`` reads
    ``1000.1``. These are exact inputs, not results, so they carry no trailing zeros.

    >>> typed(2.0), typed(-0.5), typed(1e-5), typed(2e-16), typed(0.002), typed(-0.0)
    ('2', '-0.5', '1e-5', '2e-16', '0.002', '0')
    """
    return significant(value, 6)


def significant(value: float, count: int) -> str:
    """``value`` to ``count`` significant digits, trailing zeros dropped, for comparing
    routes digit by digit (17 identify a float64): ``-0.3409988611140321``.

    >>> significant(-0.3409988611140321, 17), significant(0.0, 10), significant(2.5e-20, 3)
    ('-0.3409988611140321', '0', '2.5e-20')
    """
    v = float(value) + 0.0
    if v == 0 or not math.isfinite(v):
        return num(v)
    text = f"{v:.{count}g}"
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return f"{mantissa}e{int(exponent)}"


def significant_tex(value: float, count: int) -> str:
    r"""As :func:`significant`, in LaTeX: ``1.2345678901234567 \times 10^{-9}``."""
    text = significant(value, count)
    if "e" not in text:
        return tex(float(value)) if text in ("inf", "-inf", "nan") else text
    mantissa, exponent = text.split("e")
    return rf"{mantissa} \times 10^{{{exponent}}}"


def counted(count: int, noun: str) -> str:
    """A whole number and its noun, singular for one: ``1 epoch``, ``200 epochs``, ``0 times``.

    >>> counted(1, "epoch"), counted(200, "epoch"), counted(0, "time")
    ('1 epoch', '200 epochs', '0 times')
    """
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def percent(fraction: float) -> str:
    """A fraction in [0, 1] as a percentage with one decimal: ``97.3 %``.

    >>> percent(0.973), percent(1.0)
    ('97.3 %', '100.0 %')
    """
    return f"{100 * float(fraction):.1f} %"
