"""LaTeX of step 3: the quotient-rule derivation and one Jacobian entry with numbers."""

import math
import re

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import tex
from sce_ui.latex import jacobian as jacobian_tex
from sce_ui.palette import OTHER, SAME, tex_color
from tests.latex_checks import assert_well_formed

X = np.array([2.0, 1.0, 0.1])


@pytest.mark.parametrize(
    "writer",
    [
        jacobian_tex.softmax_definition,
        jacobian_tex.quotient_rule,
        jacobian_tex.numerator_derivative,
        jacobian_tex.sum_derivative,
        jacobian_tex.same_case,
        jacobian_tex.other_case,
        jacobian_tex.summary,
        jacobian_tex.matrix_form,
    ],
)
def test_symbolic_formulas_are_well_formed(writer):
    assert_well_formed(writer())


def test_the_cases_end_in_their_results_in_their_colours():
    same, other = jacobian_tex.same_case(), jacobian_tex.other_case()
    assert same.endswith(r"\hat y_i\,(1 - \hat y_i)}}\end{aligned}")
    assert tex_color(SAME, r"\hat y_i\,(1 - \hat y_i)") in same
    assert tex_color(OTHER, r"-\,\hat y_i\,\hat y_j") in other
    assert OTHER not in same and SAME not in other
    # The only difference at the start: the numerator's derivative, e^{x_i} or 0.
    assert r"\underbrace{e^{x_i}}_{\partial e^{x_i}/\partial x_i}" in same
    assert r"\underbrace{0}_{\partial e^{x_i}/\partial x_j}" in other
    assert r"\underbrace{e^{x_j}}_{\partial S/\partial x_j}" in other


def test_an_entry_on_the_diagonal_substitutes_the_exponentials_and_the_sum():
    latex = jacobian_tex.entry(X, 2, 2)
    assert_well_formed(latex)
    e2, s = tex(math.exp(1.0)), tex(sum(math.exp(v) for v in X))
    assert (e2, s) == ("2.718", "11.213")
    assert rf"\frac{{{e2}\cdot {s} - {e2}\cdot {e2}}}{{{s}^{{2}}}}" in latex
    assert r"\hat y_2\,(1 - \hat y_2) = 0.242\,(1 - 0.242)" in latex
    value = core.softmax_jacobian(X)[1, 1]
    assert latex.endswith(rf"\boxed{{{tex_color(SAME, tex(value))}}}\end{{aligned}}")
    assert tex(value) == "0.184"
    assert OTHER not in latex


def test_an_entry_off_the_diagonal_has_a_zero_first_term_and_a_minus_sign():
    latex = jacobian_tex.entry(X, 1, 2)
    assert_well_formed(latex)
    assert r"e^{x_1} &= 7.389" in latex and r"e^{x_2} &= 2.718" in latex
    assert r"\frac{0 - 7.389\cdot 2.718}{11.213^{2}}" in latex
    assert r"-\,\hat y_1\,\hat y_2 = -\,0.659\cdot 0.242" in latex
    assert tex_color(OTHER, "-0.160") in latex
    assert SAME not in latex


@pytest.mark.parametrize(
    "x", [[0.0, 0.0], [10.0, -10.0, -10.0], [-10.0] * 10, np.linspace(-10, 10, 10)]
)
def test_every_entry_closes_with_the_jacobian_value(x):
    jac = core.softmax_jacobian(x)
    n = len(x)
    for i, j in [(1, 1), (1, n), (n, 1), (n, n)]:
        latex = jacobian_tex.entry(x, i, j)
        assert_well_formed(latex)
        assert f"{{{tex(jac[i - 1, j - 1])}}}}}\\end{{aligned}}" in latex


def test_tiny_exponentials_are_parenthesised_where_they_multiply():
    latex = jacobian_tex.entry([-10.0, 10.0], 1, 2)
    assert r"\left(4.54 \times 10^{-5}\right)\cdot 22026.466" in latex


def test_symmetry_names_the_pair_only_off_the_diagonal():
    jac = core.softmax_jacobian(X)
    pair = jacobian_tex.symmetry(jac, 1, 3)
    assert_well_formed(pair)
    assert f"= {tex(jac[0, 2])} =" in pair and tex(jac[0, 2]) == "-0.0650"
    assert r"\partial x_{1}" in pair and r"\partial x_{3}" in pair
    diagonal = jacobian_tex.symmetry(jac, 1, 1)
    assert_well_formed(diagonal)
    assert not re.search(r"\d\.\d{3}", diagonal)


def test_a_row_sum_shows_each_entry_in_its_case_colour_and_zero():
    jac = core.softmax_jacobian(X)
    latex = jacobian_tex.row_sum(jac, 2)
    assert_well_formed(latex)
    assert (
        f"{tex_color(OTHER, '-0.160')} {tex_color(SAME, '+ 0.184')} {tex_color(OTHER, '- 0.0239')}"
    ) in latex
    assert latex.endswith(r"&\approx 0\end{aligned}")


def test_a_long_row_is_broken_into_lines():
    jac = core.softmax_jacobian(np.linspace(-10, 10, 10))
    latex = jacobian_tex.row_sum(jac, 1)
    assert_well_formed(latex)
    numbers = latex.split(r"\partial x_{j}}} &= ")[-1]
    assert numbers.count(r"\\ &\quad") >= 2


def test_row_sums_are_zero_for_every_row():
    jac = core.softmax_jacobian(np.linspace(-3, 3, 10))
    latex = jacobian_tex.row_sums(jac)
    assert_well_formed(latex)
    assert latex.count("0,") + latex.count("0)") == 10
    assert "times" not in latex  # no 1e-17 rounding leftovers
    assert "_{i=1}^{10}" in latex
