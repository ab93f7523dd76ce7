"""Shown arithmetic: one rule decides between = and ≈, and ≈ lines keep their digits."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sce_ui import arithmetic as ar
from sce_ui import fmt
from tests.arithmetic_checks import mismatches

values = st.floats(-1e3, 1e3, allow_nan=False).filter(lambda v: v == 0 or abs(v) > 1e-6)
positive = st.floats(1e-12, 1e3)


def test_hand_checked_lines():
    assert ar.equals(ar.minus(ar.number(0.19137), ar.number(0.14243))) == (
        r"0.191 - 0.142 \approx 0.0489"
    )
    assert ar.equals(ar.minus(ar.number(0.659), ar.exact(1))) == "0.659 - 1 = -0.341"
    assert ar.equals(ar.negative(ar.over(ar.exact(1), ar.number(0.0024665)))) == (
        r"-\frac{1}{0.00247} \approx -405.433"
    )
    assert ar.equals(ar.negative(ar.log(ar.number(2.0612e-9)))) == (
        r"-\log(2.06 \times 10^{-9}) \approx 20.000"
    )
    assert ar.equals(ar.plus(ar.number(0.5), ar.number(-0.25))) == "0.500 - 0.250 = 0.250"
    assert (
        ar.equals(ar.times(ar.number(-2.0), ar.number(-0.5)))
        == r"-2.000 \cdot \left(-0.500\right) = 1.000"
    )
    assert ar.render(ar.times(ar.number(0.3), ar.minus(ar.number(1.2), ar.exact(1)))) == (
        r"0.300 \cdot (1.200 - 1)"
    )


@settings(max_examples=100, deadline=None)
@given(values, values, st.sampled_from(["sub", "add", "mul"]))
def test_every_equals_line_redone_from_its_digits_gives_its_result(a, b, kind):
    term = {"sub": ar.minus, "add": ar.plus, "mul": ar.times}[kind](ar.number(a), ar.number(b))
    line = ar.equals(term)
    assert not mismatches(line), line
    assert ("=" in line.split()) == ar.agrees(ar.redo(term), fmt.tex(term.value))


@settings(max_examples=100, deadline=None)
@given(positive)
def test_a_quotient_and_a_log_say_approx_exactly_when_the_digits_fall_short(p):
    for term in (
        ar.negative(ar.over(ar.exact(1), ar.number(p))),
        ar.negative(ar.log(ar.number(p))),
    ):
        line = ar.equals(term)
        assert not mismatches(line), line
        shown = fmt.parse(fmt.tex(term.value))
        redone = ar.redo(term)
        if r"\approx" not in line:
            assert abs(redone - shown) <= fmt.unit(fmt.tex(term.value)) * (1 + 1e-9) + 1e-300


def test_a_writer_hands_on_its_approx_lines_with_more_digits():
    @ar.collect
    def writer(p):
        return ar.equals(ar.negative(ar.log(ar.number(p))))

    exact = writer(0.5)
    assert exact.help() is None and ar.help_of(exact) is None
    rough = writer(0.0024665)
    assert r"\approx" in rough
    (note,) = rough.more
    assert note.startswith(r"-\log 0.0024665") and "6.004955" in note
    assert "With more digits" in rough.help() and ar.help_of("plain text") is None


def test_nested_writers_pass_their_notes_outwards():
    @ar.collect
    def inner(p):
        return ar.equals(ar.negative(ar.log(ar.number(p))))

    @ar.collect
    def outer(p):
        return inner(p) + r" \\ " + inner(p / 2)

    assert len(outer(0.0024665).more) == 2


def test_derived_cells_mark_the_approximate_ones():
    cells, notes = ar.derived_cells(
        [ar.negative(ar.over(ar.exact(1), ar.number(p))) for p in (0.5, 0.0024665)],
        [-2.0, -1 / 0.0024665],
    )
    assert cells == ["-2.000", "≈ -405.433"] and len(notes) == 1
    assert ar.plain(notes[0]).startswith("-1/0.0024665")


def test_unknown_operations_are_refused():
    with pytest.raises(ValueError, match="kind"):
        ar.render(ar.Term("pow", (), 1.0))
    zero = ar.Term("div", (ar.exact(1), ar.exact(0)), math.inf)
    assert math.isinf(ar.redo(zero))


def test_relation_compares_the_shown_operands_of_a_pair():
    assert ar.relation(ar.minus(ar.exact(1.0), ar.number(0.659)), 0.341) == "="
    # 1/0.659 is 1.5175; shown as 0.659 the operand gives 1.517, not 1.518.
    assert ar.relation(ar.over(ar.exact(1), ar.number(0.65895)), 1 / 0.65895) == r"\approx"


def test_a_power_redoes_from_its_printed_base_and_parenthesizes_a_negative_one():
    assert ar.equals(ar.power(ar.number(0.75512), ar.typed(2.0))) == r"0.755^{2} = 0.570"
    # 0.756² is 0.5715: the printed base does not give 0.7556²'s 0.571.
    assert ar.equals(ar.power(ar.number(0.7556), ar.typed(2.0))) == r"0.756^{2} \approx 0.571"
    assert ar.render(ar.power(ar.number(-0.5), ar.typed(3.0))) == r"\left(-0.500\right)^{3}"
    assert ar.redo(ar.power(ar.number(-0.5), ar.typed(3.0))) == -0.125


def test_plain_text_has_no_latex_left_when_a_denominator_is_a_power_of_ten():
    """With ŷ₃ = 5.02e-5 the overview's caption redoes −1/ŷ₃; its denominator is written
    with a power of ten, whose braces once kept the fraction from being rewritten."""
    _, notes = ar.derived_cells(
        [ar.negative(ar.over(ar.exact(1), ar.number(5.0152e-5)))], [-1 / 5.0152e-5]
    )
    (line,) = notes
    assert r"\times 10^{" in line  # the case this is about
    text = ar.plain(line)
    assert "\\" not in text and "{" not in text, text
    assert text.startswith("-1/5.0152")


@pytest.mark.parametrize("more", [False, True])
def test_a_sum_in_a_product_gets_one_pair_of_parentheses(more):
    """σ(1 − σ) at σ = 2.06e-9 read (2.06 × 10⁻⁹) · ((1 − 2.06 × 10⁻⁹)): the sum came in
    parentheses from _grouped and got a second pair for its power of ten."""
    sigma = ar.number(2.06e-9)
    text = ar.render(ar.times(sigma, ar.minus(ar.exact(1), sigma)), more)
    assert "((" not in text and r"\left(\left(" not in text, text
    assert text.count(r"\left(") == text.count(r"\right)") == 2, text
    shifted = ar.times(ar.number(0.248), ar.plus(ar.number(-1.343), ar.number(0.333)))
    assert ar.render(shifted, more).count("(") == 1
