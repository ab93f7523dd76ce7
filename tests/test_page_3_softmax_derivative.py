"""Step 3 page, run headless: the quotient-rule cases and the entry the learner picks."""

import math

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import sce_core as core
from sce_ui.fmt import num, tex
from sce_ui.palette import OTHER, SAME, tex_color
from tests.app_checks import EDGE_QUERIES, only_formula, open_revealed
from tests.latex_checks import shows_result

PAGE = "pages/3_Softmax_derivative.py"


def open_page(**query: str) -> AppTest:
    """The page as a learner reaches it: inside the app, with ``query`` in the URL."""
    return open_revealed(PAGE, "Step 3 · Derivative of softmax", "predict_entry", 30, **query)


def latex_with(at: AppTest, marker: str) -> str:
    """The one formula on the page that contains ``marker``, without its ``$$`` fences."""
    return only_formula(at, marker).strip("$\n")


def entry_formula(at: AppTest) -> str:
    return latex_with(at, "S &=")


def assert_entry_shown(at: AppTest, x, i: int, j: int) -> None:
    """The picked entry's derivation uses e^{x_i}, e^{x_j}, S and ends in J[i, j]."""
    x = np.asarray(x, float)
    latex = entry_formula(at)
    color = SAME if i == j else OTHER
    assert latex.startswith(rf"\begin{{aligned}}e^{{x_{i}}} &= {tex(math.exp(x[i - 1]))}")
    assert f"e^{{x_{j}}} &= {tex(math.exp(x[j - 1]))}" in latex
    assert f"= {tex(math.fsum(math.exp(v) for v in x))}" in latex
    lhs = tex_color(color, rf"\frac{{\partial \hat y_{{{i}}}}}{{\partial x_{{{j}}}}}") + " &="
    assert lhs in latex
    value = core.softmax_jacobian(x)[i - 1, j - 1]
    assert latex.endswith(rf"\boxed{{{tex_color(color, tex(value))}}}\end{{aligned}}")


def test_defaults_show_both_cases_and_the_entry_one_two():
    at = open_page()
    assert r"\hat y_i\,(1 - \hat y_i)}}\end{aligned}" in latex_with(at, r"\partial x_i}\,\frac")
    assert r"-\,\hat y_i\,\hat y_j}}\end{aligned}" in latex_with(at, r"\partial x_j}\,\frac")
    assert [s.value for s in at.selectbox] == [1, 2]
    assert_entry_shown(at, [2.0, 1.0, 0.1], 1, 2)
    assert tex_color(OTHER, "-0.160") in entry_formula(at)
    assert shows_result(latex_with(at, r"\sum_{j=1}^{3}"), r"0\end{aligned}")


@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)
def test_the_entry_and_the_row_sums_follow_the_logits(edge):
    x = edge.x
    at = open_page(**edge.query)
    assert_entry_shown(at, x, 1, 2)
    jac = core.softmax_jacobian(x)
    row = latex_with(at, rf"\sum_{{j=1}}^{{{len(x)}}}")
    for value in jac[0]:
        assert tex(abs(value)) in row
    sums = latex_with(at, "_{i=1}^{")
    assert sums.count("0,") + sums.count("0)") == len(x)


def test_picking_a_diagonal_entry_shows_the_i_equals_j_derivation():
    at = open_page()
    at.selectbox(key="jac_i").set_value(3).run()
    at.selectbox(key="jac_j").set_value(3).run()
    assert not at.exception
    assert_entry_shown(at, [2.0, 1.0, 0.1], 3, 3)
    latex = entry_formula(at)
    assert r"\hat y_3\,(1 - \hat y_3) = 0.0986\,(1 - 0.0986)" in latex
    assert OTHER not in latex
    assert tex(core.softmax_jacobian([2.0, 1.0, 0.1])[2, 2]) == "0.0889"


def test_moving_a_logit_changes_the_picked_entry():
    at = open_page()
    before = entry_formula(at)
    at.slider(key="x2").set_value(3.0).run()
    assert entry_formula(at) != before
    assert_entry_shown(at, [2.0, 3.0, 0.1], 1, 2)


def test_symmetry_shows_the_pair_of_the_picked_entry():
    at = open_page()
    at.selectbox(key="jac_j").set_value(3).run()
    pair = latex_with(at, r"\partial x_{3}}} = ")
    value = core.softmax_jacobian([2.0, 1.0, 0.1])[0, 2]
    assert f"= {tex(value)} =" in pair
    np.testing.assert_allclose(value, core.softmax_jacobian([2.0, 1.0, 0.1])[2, 0], rtol=0)


def test_the_picked_class_is_clamped_when_n_shrinks():
    at = open_page(n="4")
    at.selectbox(key="jac_i").set_value(4).run()
    at.selectbox(key="jac_j").set_value(3).run()
    at.slider(key="n").set_value(2).run()
    assert not at.exception
    assert [s.value for s in at.selectbox] == [2, 2]
    assert [s.options for s in at.selectbox] == [["1", "2"], ["1", "2"]]
    assert_entry_shown(at, [2.0, 1.0], 2, 2)


def jacobian_shown(at: AppTest) -> list[list[str]]:
    (table,) = at.table
    return table.value.to_numpy().tolist()


def test_the_jacobian_table_follows_the_logits_and_marks_the_diagonal():
    at = open_page()
    assert jacobian_shown(at)[0] == ["◆ 0.225", "● -0.160", "● -0.0650"]
    at.slider(key="x2").set_value(3.0).run()
    jac = core.softmax_jacobian([2.0, 3.0, 0.1])
    shown = jacobian_shown(at)
    for i in range(3):
        for j in range(3):
            mark = "◆" if i == j else "●"
            assert shown[i][j] == f"{mark} {tex(jac[i, j])}"


def test_ten_classes_get_a_ten_by_ten_table():
    at = open_page(n="10", x1="10", x2="-10")
    shown = jacobian_shown(at)
    assert len(shown) == 10 and all(len(row) == 10 for row in shown)
    # A vanishing entry keeps its digits in scientific notation.
    value = core.softmax_jacobian([10.0, -10.0, 0.1] + [0.0] * 7)[1, 0]
    assert shown[1][0] == f"● {num(value)}" == "● -2.06e-9"
