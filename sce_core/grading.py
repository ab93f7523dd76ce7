"""Grading a learner's number by its sign and significant digits.

A fixed absolute tolerance grades tiny values by their size rather than their digits:
with ±0.002, +0.001 would pass for -6.08e-6. :func:`grade` asks for the sign first
and then a relative error, so a value is judged on its own scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from numbers import Real

GRADE_RTOL = 0.01
"""The relative tolerance of :func:`grade`: 1%, so any answer rounded to 3 significant
digits is right (rounding moves a value by at most 0.5% of itself) and 2 digits may not be."""

VERDICTS = ("right", "wrong sign", "too far", "not zero")
"""The verdicts of :class:`Grade`, in the order a page may list them."""

_ANSWER_HINT = "such as 0.25, -1, 1/4 or 2.5e-3"


@dataclass(frozen=True)
class Grade:
    """How an answer compares with the truth, by sign and significant digits."""

    right: bool
    """Sign right (or an exact 0 where the truth is 0) and within tolerance."""
    sign_right: bool
    """The answer has the sign of the truth; an answer of 0 has no sign unless the truth is 0."""
    relative_error: float
    """``|answer - truth| / |truth|``; 0 or inf where the truth is 0 (answer 0 or not)."""
    rtol: float
    """The relative tolerance used, for the page to state."""
    verdict: str
    """One of :data:`VERDICTS`: "right", "wrong sign", "too far", "not zero"."""


def parse_answer(text: str) -> float:
    """Read a number as a learner types it.

    Parameters
    ----------
    text : str
        A decimal (``"0.25"``, ``"+2"``, ``" -1 "``), a fraction (``"1/4"``), scientific
        notation (``"2.5e-3"``, ``"6.08E-6"``); a Unicode minus (``"−0.1"``) reads as ``-``
        and spaces are ignored.

    Returns
    -------
    float
        The finite value typed.

    Raises
    ------
    ValueError
        If the text is empty, not a number, or not finite; the message names ``answer``
        and can be shown to the learner as it is.
    TypeError
        If ``text`` is not a string.

    Notes
    -----
    Read through :class:`fractions.Fraction`, so ``"1/3"`` is the float nearest to 1/3
    and not a rounded decimal; ``"nan"`` and ``"inf"`` are refused.

    Examples
    --------
    >>> parse_answer("1/4"), parse_answer("−0.1"), parse_answer(" 2.5e-3 ")
    (0.25, -0.1, 0.0025)
    """
    if not isinstance(text, str):
        raise TypeError(f"answer must be text, got {text!r}")
    cleaned = "".join(text.replace("\u2212", "-").split())
    if not cleaned:
        raise ValueError(f"answer must be a number, {_ANSWER_HINT}; it is empty")
    try:
        exact = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise ValueError(
            f"answer must be a number, {_ANSWER_HINT}; {text.strip()!r} is not one"
        ) from None
    try:
        return float(exact)
    except OverflowError:
        raise ValueError(f"answer must be a finite number, got {text.strip()!r}") from None


def _finite(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return v


def _tolerance(value, name: str) -> float:
    v = _finite(value, name)
    if v < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return v


def grade(
    answer: float, truth: float, rtol: float = GRADE_RTOL, atol: float | None = None
) -> Grade:
    """Grade an answer by its sign and its significant digits.

    Parameters
    ----------
    answer : float
        The learner's number (see :func:`parse_answer` for typed text).
    truth : float
        The exact value.
    rtol : float, default 0.01
        Relative tolerance, >= 0; 0 asks for the exact value (a class number, a sign).
    atol : float, optional
        An absolute floor, >= 0, for a value whose float result is noise around a
        larger scale; keep it far below ``|truth|``. None (the default) means no floor.

    Returns
    -------
    Grade
        ``right``, ``sign_right``, ``relative_error``, the ``rtol`` used and a verdict.

    Raises
    ------
    ValueError
        If a value is not finite or a tolerance is negative, naming the argument.
    TypeError
        If a value is not a real number.

    Notes
    -----
    The rule, in order:

    1. truth = 0: right only for an exact 0 (verdict "not zero" otherwise), since no
       relative error exists (it is inf for any other answer).
    2. Otherwise the answer needs the sign of the truth: opposite sign is "wrong sign",
       and an answer of 0 has no sign (``sign_right`` is False) and is "too far".
    3. With the sign right, it is right when
       ``|answer - truth| <= max(rtol * |truth|, atol)``, else "too far".

    The absolute floor never forgives a wrong sign, so +0.001 is wrong for
    -6.08e-6 whatever ``atol`` is; and with the default (no floor) a tiny value is
    graded by its own digits: 6.1e-6 is right for 6.08e-6, 6e-6 is too far (1.3%).
    A 1% ``rtol`` accepts any rounding to 3 significant digits (at most 0.5% off).

    Examples
    --------
    >>> grade(0.001, -6.08e-6).verdict, grade(-6.1e-6, -6.08e-6).right
    ('wrong sign', True)
    >>> g = grade(0.25, 0.2486)
    >>> g.right, round(g.relative_error, 4), g.rtol
    (True, 0.0056, 0.01)
    >>> grade(0.0, 0.0).verdict, grade(1e-9, 0.0).verdict
    ('right', 'not zero')
    """
    a, t = _finite(answer, "answer"), _finite(truth, "truth")
    tol = _tolerance(rtol, "rtol")
    floor = 0.0 if atol is None else _tolerance(atol, "atol")
    if t == 0:
        zero = a == 0
        return Grade(zero, zero, 0.0 if zero else math.inf, tol, "right" if zero else "not zero")
    error = abs(a - t)
    relative = error / abs(t)
    sign_right = math.copysign(1.0, a) == math.copysign(1.0, t) and a != 0
    close = error <= max(tol * abs(t), floor)
    if sign_right and close:
        verdict = "right"
    elif a != 0 and not sign_right:
        verdict = "wrong sign"
    else:
        verdict = "too far"
    return Grade(sign_right and close, sign_right, relative, tol, verdict)
