"""Step 5 run headless: every term of the chosen column, with the learner's numbers."""

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import num, paren_tex, tex
from tests.app_checks import EDGE_QUERIES, open_revealed

PAGE = "pages/5_Chain_rule.py"


@pytest.fixture
def run_page():
    """The page with its prediction skipped by "Show me", so every number is in view."""

    def run(page: str, **query: str):
        return open_revealed(page, "Step 5 · Chain rule", "predict_term", 30, **query)

    return run


def terms_latex(at) -> str:
    """The written-out sum: the formula that lists the terms T_{i j}."""
    (text,) = [el.value for el in at.latex if "T_{1" in el.value and r"\Big(" in el.value]
    return text.strip("$\n")


def expect_column(at, x, label: int, j: int) -> None:
    """The page shows column ``j`` (1-based) for logits ``x`` and a 1-based label."""
    x = np.asarray(x, float)
    y_hat = core.softmax(x)
    y = np.zeros(x.size)
    y[label - 1] = 1.0
    text = terms_latex(at)
    assert rf"\partial x_{{{j}}}" in text
    jac = core.softmax_jacobian(x)[:, j - 1]
    for i in range(x.size):
        assert rf"-\frac{{{int(y[i])}}}{{{tex(y_hat[i])}}}" in text
        assert paren_tex(jac[i]) in text
    grad = y_hat[j - 1] - y[j - 1]
    assert text.endswith(rf"&= {tex(grad)}\end{{aligned}}")


def test_default_page_shows_column_one_of_the_classic_example(run_page):
    at = run_page(PAGE)
    assert not at.exception
    text = terms_latex(at)
    # Hand-checked: y_hat = (0.659, 0.242, 0.099); the true class is 1.
    assert r"\Big(-\frac{1}{0.659}\Big)\cdot 0.225 = -0.341" in text
    assert r"\Big(-\frac{0}{0.242}\Big)\cdot (-0.160) = 0" in text
    expect_column(at, [2.0, 1.0, 0.1], 1, 1)
    assert any("yᵢ = 0 is zero" in md.value for md in at.markdown)


@pytest.mark.parametrize("edge", EDGE_QUERIES, ids=str)
def test_page_runs_and_shows_the_right_numbers(run_page, edge):
    at = run_page(PAGE, **edge.query)
    assert not at.exception
    expect_column(at, edge.x, edge.label, 1)


def test_choosing_another_column_shows_its_terms(run_page):
    at = run_page(PAGE)
    before = terms_latex(at)
    at.radio(key="chain_j").set_value(3).run()
    assert not at.exception
    assert terms_latex(at) != before
    expect_column(at, [2.0, 1.0, 0.1], 1, 3)
    assert r"T_{3,3}" in terms_latex(at)


def test_a_chosen_column_beyond_n_is_clamped(run_page):
    at = run_page(PAGE, n="5")
    at.radio(key="chain_j").set_value(5).run()
    at.slider(key="n").set_value(2).run()
    assert not at.exception
    assert at.radio(key="chain_j").value == 2
    expect_column(at, [2.0, 1.0], 1, 2)


def test_ten_classes_wrap_the_sum(run_page):
    at = run_page(PAGE, n="10", label="4")
    text = terms_latex(at)
    value_lines = text.split(r"\\[12pt]")[1].split(r"\\")
    assert sum(r"\quad +" in line for line in value_lines) == 2


def test_the_term_table_holds_every_term_and_follows_the_label(run_page):
    at = run_page(PAGE, label="2")
    (table,) = at.table
    shown = table.value.to_numpy().tolist()
    terms = core.chain_rule_terms([2.0, 1.0, 0.1], [0.0, 1.0, 0.0])
    for i in range(3):
        for j in range(3):
            mark = "◆" if i == j else "●"
            assert shown[i][j] == f"{mark} {num(terms[i, j])}"
    # Only the true class's row is not zero, and its column sums give ŷ − y.
    assert shown[1] == ["● 0.659", "◆ -0.758", "● 0.0986"]
    assert all(cell.endswith(" 0") for row in (shown[0], shown[2]) for cell in row)
