"""Numbers as the learner reads them: in tables and in LaTeX."""

from __future__ import annotations

import math

DIGITS = 3


def num(value: float, digits: int = DIGITS) -> str:
    """Plain text: fixed point with ``digits`` decimals, scientific where that would hide
    the value (below ``10**-digits``) or bury it in digits (from a million up).

    >>> num(0.5), num(-1.25e-5), num(0.0), num(12345.678), num(2.5e12)
    ('0.500', '-1.250e-05', '0.000', '12345.678', '2.500e+12')
    """
    v = float(value)
    if not math.isfinite(v):
        return {math.inf: "inf", -math.inf: "-inf"}.get(v, "nan")
    if v != 0 and not 10.0 ** (-digits) <= abs(v) < 1e6:
        return f"{v:.{digits}e}"
    return f"{v + 0.0:.{digits}f}"


def tex(value: float, digits: int = DIGITS) -> str:
    r"""LaTeX: as :func:`num`, with ``a \times 10^{k}`` for scientific notation.

    >>> tex(0.25), tex(-3.5e-7), tex(float("inf"))
    ('0.250', '-3.500 \\times 10^{-7}', '\\infty')
    """
    v = float(value)
    if math.isinf(v):
        return r"\infty" if v > 0 else r"-\infty"
    text = num(v, digits)
    if "e" not in text:
        return text
    mantissa, exponent = text.split("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}"


def signed_tex(value: float, digits: int = DIGITS) -> str:
    r"""``+ 0.250`` or ``- 0.250``: a term to append to a sum in LaTeX.

    >>> signed_tex(0.25), signed_tex(-0.25)
    ('+ 0.250', '- 0.250')
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
