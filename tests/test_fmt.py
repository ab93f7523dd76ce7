"""One number format for the whole app: every value with at least three significant digits."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sce_ui import fmt
from tests.arithmetic_checks import significant_digits

finite = st.floats(allow_nan=False, allow_infinity=False, max_value=1e308, min_value=-1e308)
"""Short of the largest floats, whose three-digit mantissa would round up to inf."""


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.5, "0.500"),
        (-0.0, "0"),
        (0.0, "0"),
        (1.25e-5, "1.25e-5"),
        (-3.0, "-3.000"),
        (np.inf, "inf"),
        (-np.inf, "-inf"),
        (np.nan, "nan"),
        (0.0024665, "0.00247"),
        (-6.08e-6, "-6.08e-6"),
        (0.0247, "0.0247"),
        (405.429, "405.429"),
        (999999.9996, "1.00e6"),
        (2.5e12, "2.50e12"),
        (0.001, "0.00100"),
        (0.00099999, "1.00e-3"),
    ],
)
def test_num_by_hand(value, text):
    assert fmt.num(value) == text


def test_extra_digits_only_add_digits():
    assert fmt.num(1.0, 0) == "1" and fmt.num(0.0, 0) == "0" and fmt.num(0.5, 0) == "0.500"
    assert fmt.num(0.123456789, 6) == "0.123457"
    assert fmt.num(1.23456e-8, 6) == "1.23456e-8"


def test_tex_writes_scientific_notation_as_powers_of_ten():
    assert fmt.tex(-3.5e-7) == r"-3.50 \times 10^{-7}"
    assert fmt.tex(2.5e12) == r"2.50 \times 10^{12}"
    assert fmt.tex(np.inf) == r"\infty" and fmt.tex(-np.inf) == r"-\infty"
    assert fmt.tex(np.nan) == r"\text{NaN}"
    assert fmt.signed_tex(-0.25) == "- 0.250"
    assert fmt.paren_tex(-0.25) == "(-0.250)"
    assert fmt.paren_tex(-6.08e-6) == r"(-6.08 \times 10^{-6})"


@settings(max_examples=100, deadline=None)
@given(finite)
def test_reading_back_gives_the_value_to_the_stated_precision(v):
    text = fmt.num(v)
    back = float(text)
    assert abs(back - v) <= fmt.RELATIVE_PRECISION * abs(v) * (1 + 1e-12)
    assert abs(back - v) <= fmt.unit(text) * (1 + 1e-9)
    assert (back == 0) == (v == 0)
    if v != 0:
        assert math.copysign(1, back) == math.copysign(1, v)
        assert significant_digits(text) >= fmt.SIGNIFICANT


@settings(max_examples=100, deadline=None)
@given(finite, st.integers(0, 8))
def test_tex_and_num_print_the_same_value(v, digits):
    assert fmt.parse(fmt.tex(v, digits)) == float(fmt.num(v, digits))
    assert fmt.parse(fmt.paren_tex(v, digits)) == float(fmt.num(v, digits))
    sign, body = fmt.signed_tex(v, digits).split(" ", 1)
    assert (-1 if sign == "-" else 1) * fmt.parse(body) == float(fmt.num(v, digits))


@settings(max_examples=100, deadline=None)
@given(finite)
def test_scientific_exactly_outside_the_fixed_range(v):
    text = fmt.num(v)
    if v != 0:
        assert ("e" in text) == (
            not fmt.SMALL <= abs(float(text)) < fmt.LARGE or abs(v) < fmt.SMALL
        )


@settings(max_examples=100, deadline=None)
@given(finite)
def test_unit_is_half_the_last_place(v):
    text = fmt.num(v)
    if v != 0:
        last = fmt.unit(text) * 2
        # One more unit in the last place changes the printed digits.
        assert fmt.num(float(text) + last) != text or float(text) + last == float(text)
