"""The In PyTorch lab's LaTeX and code writers: well formed, and PyTorch's call exactly."""

from __future__ import annotations

import ast
import math

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import tex
from sce_ui.latex import frameworks as latex
from sce_ui.models.frameworks import Options
from tests.latex_checks import problems

X = np.array([[2.0, 1.0, 0.1], [0.5, -np.inf, -1.0]])


@pytest.mark.parametrize("targets", ["index", "probabilities"])
@pytest.mark.parametrize("reduction", core.REDUCTIONS)
def test_definition_is_well_formed_and_names_its_divisor(targets, reduction):
    text = latex.definition(targets, reduction)
    assert problems(text) == []
    assert (r"D &= B\\" in text) == (targets == "probabilities" and reduction == "mean")
    assert (r"D &= 1\ " in text) == (reduction != "mean")


@pytest.mark.parametrize("reduction", core.REDUCTIONS)
def test_loss_numbers_show_numerator_and_divisor(reduction):
    parts = core.cross_entropy_parts(X, [0, 2], reduction=reduction)
    text = latex.loss_numbers(parts.rows, parts.numerator, 2.0, parts.loss, reduction)
    assert problems(text) == [] and all(tex(v) in text for v in parts.rows)
    if reduction == "mean":
        assert rf"\frac{{{tex(parts.numerator)}}}{{{tex(2.0)}}} \approx {tex(parts.loss)}" in text


@pytest.mark.parametrize(
    ("target", "options", "present"),
    [
        ([0, 2], Options(), ["target = torch.tensor([0, 2])", "loss.backward()"]),
        ([0, -100], Options(reduction="none"), ['reduction="none"', "loss.sum().backward()"]),
        ([0, 2], Options(weight=(1.0, 2.0, 0.5), ignore_index=1, label_smoothing=0.25),
         ["weight=torch.tensor([1.0, 2.0, 0.5]", "ignore_index=1", "label_smoothing=0.25"]),
        ([[1.0, 0.0, 0.0], [0.3, 0.0, 0.7]], Options(targets="probabilities"),
         ["[0.3, 0.0, 0.7]], dtype=torch.float64)"]),
    ],
)  # fmt: skip
def test_snippet_is_python_with_every_option(target, options, present):
    code = latex.torch_snippet(X, np.array(target), options)
    ast.parse(code)
    assert all(p in code for p in present)
    assert 'float("-inf")' in code
    assert ("ignore_index=" in code) == (options.ignore_index != -100)


def test_snippet_literals_read_back_exactly():
    x = np.array([[0.1 + 0.2, -1e-300, 7.0]])
    code = latex.torch_snippet(x, np.array([0]), Options())
    assert "0.30000000000000004" in code and "-1e-300" in code


def test_bug_formulas_are_well_formed():
    t = core.softmax_twice([3.5, 6.0, 4.0], 1)
    assert problems(latex.softmax_twice([3.5, 6.0, 4.0], t.y_hat, t.y_hat_twice)) == []
    logs = core.log_of_softmax([2.0, 1.0, 0.1])
    text = latex.log_of_softmax(logs.scaled, logs.naive, logs.fused)
    assert problems(text) == [] and r"-\infty" in text
    m = core.masked_logit([2.0, 1.0, 0.1], 0, 2)
    text = latex.masked(m.logits, m.naive_loss, m.loss, m.grad)
    assert problems(text) == [] and r"\text{nan}" in text and math.isnan(m.naive_loss)


def test_printed_lists_rows_for_none():
    assert latex.printed(np.array([0.5, 0.25]), np.zeros((2, 2))).startswith(
        "loss        = [0.500, 0.250]"
    )


def test_ten_classes_continue_on_a_second_aligned_line():
    x = np.arange(10.0)
    t = core.softmax_twice(x, 0)
    text = latex.softmax_twice(x, t.y_hat, t.y_hat_twice)
    assert problems(text) == [] and text.count(r"\\ &\qquad") == 3
    assert rf"{{{tex(4.0)}}},\\ &\qquad {{{tex(5.0)}}}" in text
