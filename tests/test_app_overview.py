"""The overview page, run headless: it works, and it follows the learner's numbers."""

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import num


def _column(at, name):
    """A column of the class-by-class table, as the strings it shows."""
    (table,) = [t.value for t in at.table if name in t.value.columns]
    return list(table[name])


def test_default_page_runs_and_shows_the_classic_example(run_page):
    at = run_page("app.py")
    assert not at.exception
    y_hat = core.softmax([2.0, 1.0, 0.1])
    assert _column(at, "ŷᵢ") == [num(v) for v in y_hat]
    assert _column(at, "∂L/∂xᵢ = ŷᵢ − yᵢ") == [num(v) for v in y_hat - [1, 0, 0]]
    assert any(
        num(core.cross_entropy_from_logits([2, 1, 0.1], [1, 0, 0])) in el.value for el in at.latex
    )


def test_moving_a_logit_changes_the_numbers(run_page):
    at = run_page("app.py")
    before = _column(at, "ŷᵢ")
    at.slider(key="x2").set_value(5.0).run()
    after = _column(at, "ŷᵢ")
    assert after != before
    assert after == [num(v) for v in core.softmax([2.0, 5.0, 0.1])]


def test_the_url_sets_n_logits_and_label(run_page):
    at = run_page("app.py", n="4", x4="3", label="4")
    assert not at.exception
    x = np.array([2.0, 1.0, 0.1, 3.0])
    assert _column(at, "∂L/∂xᵢ = ŷᵢ − yᵢ") == [num(v) for v in core.softmax(x) - [0, 0, 0, 1]]


@pytest.mark.parametrize(
    "query",
    [{"n": "99"}, {"label": "7"}, {"x1": "nan"}, {"x2": "abc"}, {"n": "-3", "label": "0"}],
)
def test_bad_url_values_fall_back_to_defaults_with_a_notice(run_page, query):
    at = run_page("app.py", **query)
    assert not at.exception
    assert _column(at, "ŷᵢ") == [num(v) for v in core.softmax([2.0, 1.0, 0.1])]
    assert any("could not be used" in w.value for w in at.warning)


def test_the_jacobian_and_chain_rule_tables_carry_both_cases(run_page):
    at = run_page("app.py", x2="-3")
    x, y = np.array([2.0, -3.0, 0.1]), np.array([1.0, 0.0, 0.0])
    jacobian, terms = (t.value for t in at.table[1:3])  # after the class-by-class table
    for table, matrix in (
        (jacobian, core.softmax_jacobian(x)),
        (terms, core.chain_rule_terms(x, y)),
    ):
        for i in range(3):
            for j in range(3):
                mark = "◆" if i == j else "●"
                assert table.iloc[i, j] == f"{mark} {num(matrix[i, j])}"


@pytest.mark.parametrize(("n", "side_by_side"), [("8", True), ("10", False)])
def test_the_matrix_tables_stand_side_by_side_up_to_eight_classes(run_page, n, side_by_side):
    at = run_page("app.py", n=n)
    in_columns = [t for column in at.columns for t in column.table]
    assert len(at.table) == 3  # the two matrices and the class table
    assert len(in_columns) == (2 if side_by_side else 0)
