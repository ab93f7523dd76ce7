"""Step 5's formulas: the right numbers in the right colours, wrapped for n = 10."""

import numpy as np
import pytest

import sce_core as core
from sce_ui import palette
from sce_ui.fmt import paren_tex, tex
from sce_ui.latex import chain_rule as chain_rule_tex
from tests.latex_checks import balanced, opening


def written(x, label: int, j: int) -> str:
    """The written-out sum of column ``j`` (0-based) for logits ``x`` and a 1-based label."""
    x = np.asarray(x, float)
    y = np.eye(x.size)[label - 1]
    parts = core.chain_rule_parts(x, y)
    return chain_rule_tex.written_out_sum(
        j,
        y,
        core.softmax(x),
        core.softmax_jacobian(x)[:, j],
        core.chain_rule_terms(x, y)[:, j],
        (parts.same[j], parts.other[j]),
        core.logits_grad(x, y)[j],
    )


def test_symbolic_chain_rule_splits_into_the_two_coloured_cases():
    text = chain_rule_tex.chain_rule_symbolic()
    assert balanced(text)
    assert opening(palette.SAME) + r"-\frac{y_j}{\hat y_j}" in text
    assert opening(palette.OTHER) + r"\sum_{i \ne j}" in text
    assert r"\sum_{i=1}^{n}" in text


def test_every_term_of_the_classic_example_shows_its_factor_entry_and_value():
    x = np.array([2.0, 1.0, 0.1])
    text = written(x, label=1, j=1)
    assert balanced(text)
    y_hat, jac = core.softmax(x), core.softmax_jacobian(x)
    # Hand-checked: y_hat = (0.659, 0.242, 0.099); only the true class's factor is non-zero.
    assert r"\Big(-\frac{1}{0.659}\Big)\cdot (-0.160) \approx 0.242" in text
    assert r"\Big(-\frac{0}{0.242}\Big)\cdot 0.184 = 0" in text
    for i in range(3):
        assert rf"\frac{{{1 if i == 0 else 0}}}{{{tex(y_hat[i])}}}" in text
        assert paren_tex(jac[i, 1]) in text
    assert text.endswith(r"&= 0.242\end{aligned}")
    assert tex(y_hat[1]) == "0.242"


def test_the_i_equals_j_term_is_vermillion_and_the_others_blue():
    text = written([2.0, 1.0, 0.1], label=1, j=2)
    assert palette.tex_color(palette.SAME, r"T_{3,3}") in text
    assert palette.tex_color(palette.OTHER, r"T_{1,3}") in text
    assert palette.tex_color(palette.OTHER, r"T_{2,3}") in text
    assert rf"\underbrace{{{palette.tex_color(palette.SAME, '0')}}}_{{i = j}}" in text


def test_the_sum_equals_the_column_sum_and_the_gradient():
    x = np.array([0.5, -1.0, 2.0, 0.0])
    for j in range(4):
        text = written(x, label=3, j=j)
        column_sum = core.chain_rule_terms(x, np.eye(4)[2])[:, j].sum()
        expected = core.softmax(x)[j] - (1.0 if j == 2 else 0.0)
        np.testing.assert_allclose(column_sum, expected, rtol=1e-12, atol=1e-15)
        assert text.endswith(rf"&= {tex(expected)}\end{{aligned}}")


def test_ten_classes_wrap_into_short_lines():
    text = written(np.linspace(-2, 2, 10), label=4, j=0)
    assert balanced(text)
    lines = text.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}")
    lines = [line for chunk in lines.split(r"\\[6pt]") for line in chunk.split(r"\\")]
    assert sum(line.count("T_{") for line in lines) == 10
    # Row 10 of column 1 reads T_{10,1}: with a thin space it read as T₁₀₁.
    assert r"T_{10,1}" in text and r"T_{10\,1}" not in text
    value_lines = [line for line in lines if r"\quad +" in line]
    assert len(value_lines) == 2  # ten values, four to a line
    assert all(line.count(" + ") <= 4 for line in value_lines)


def test_long_numbers_put_each_piece_on_its_own_line():
    text = written([10.0, -10.0, -10.0], label=1, j=0)
    assert balanced(text)
    assert r"2.06 \times 10^{-9}" in text
    row = text.split(r"\\[6pt]")[1]
    assert row.count(r"\\") == 2  # factor, Jacobian entry, value


@pytest.mark.parametrize(("value", "text"), [(1.0, "1"), (0.0, "0"), (0.25, "0.250")])
def test_labels_read_as_whole_numbers_when_they_are(value, text):
    assert chain_rule_tex.label_tex(value) == text
