"""The overview page, run headless: it works, and it follows the learner's numbers."""

from functools import partial

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import num
from sce_ui.tables import SCROLL_NOTE
from tests.app_checks import CLASSIC, one_hot, open_checked

TITLE = "Why the gradient of softmax + cross-entropy is ŷ − y"


@pytest.fixture
def open_page():
    """The overview, with keyword arguments as URL query parameters."""
    return partial(open_checked, "app.py", TITLE, 30)


def _column(at, name):
    """A column of the class-by-class table, as the strings it shows."""
    (table,) = [t.value for t in at.table if name in t.value.columns]
    return list(table[name])


def test_default_page_runs_and_shows_the_classic_example(open_page):
    at = open_page()
    y_hat = core.softmax([2.0, 1.0, 0.1])
    assert _column(at, "ŷᵢ") == [num(v) for v in y_hat]
    assert _column(at, "∂L/∂xᵢ = ŷᵢ − yᵢ") == [num(v) for v in y_hat - [1, 0, 0]]
    assert any(
        num(core.cross_entropy_from_logits([2, 1, 0.1], [1, 0, 0])) in el.value for el in at.latex
    )


def test_moving_a_logit_changes_the_numbers(open_page):
    at = open_page()
    before = _column(at, "ŷᵢ")
    at.slider(key="x2").set_value(5.0).run()
    after = _column(at, "ŷᵢ")
    assert after != before
    assert after == [num(v) for v in core.softmax([2.0, 5.0, 0.1])]


def test_the_url_sets_n_logits_and_label(open_page):
    at = open_page(n="4", x4="3", label="4")
    x = np.array([*CLASSIC, 3.0])
    assert _column(at, "∂L/∂xᵢ = ŷᵢ − yᵢ") == [num(v) for v in core.softmax(x) - [0, 0, 0, 1]]


@pytest.mark.parametrize(
    "query",
    [{"n": "99"}, {"label": "7"}, {"x1": "nan"}, {"x2": "abc"}, {"n": "-3", "label": "0"}],
)
def test_bad_url_values_fall_back_to_defaults_with_a_notice(open_page, query):
    at = open_page(**query)
    assert _column(at, "ŷᵢ") == [num(v) for v in core.softmax(CLASSIC)]
    assert any("could not be used" in w.value for w in at.warning)


def test_the_jacobian_and_chain_rule_tables_carry_both_cases(open_page):
    at = open_page(x2="-3")
    x, y = np.array([2.0, -3.0, 0.1]), one_hot(3, 1)
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
def test_the_matrix_tables_stand_side_by_side_up_to_eight_classes(open_page, n, side_by_side):
    at = open_page(n=n)
    in_columns = [t for column in at.columns for t in column.table]
    assert len(at.table) == 3  # the two matrices and the class table
    assert len(in_columns) == (2 if side_by_side else 0)


@pytest.mark.parametrize(("query", "scrolls"), [({}, 0), ({"n": "10"}, 2), ({"x1": "10"}, 0)])
def test_a_table_wider_than_a_phone_says_it_scrolls(open_page, query, scrolls):
    # Ten columns of a matrix pass 390 px; the class table fits, powers of ten included
    # (tests/browser/test_phone_tables.py measures both), so it claims no scrolling.
    notes = [c for c in at_captions(open_page(**query)) if SCROLL_NOTE in c]
    assert len(notes) == scrolls


def at_captions(at) -> list[str]:
    """Every caption, the tables' own captions included."""
    own = [t.proto.arrow_data.styler.caption for t in at.table]
    return [c.value for c in at.caption] + own
