"""Formulas of the prediction-minus-target lab: well formed, live numbers, honest = and ≈."""

import re

import numpy as np
import pytest

import sce_core as core
from sce_ui.fmt import num, tex, typed
from sce_ui.latex import canonical as canonical_tex
from sce_ui.models import canonical as canonical_model
from tests.latex_checks import assert_well_formed

NUMBER = r"-?\d+\.\d+(?: \\times 10\^\{-?\d+\})?|\d+"
OPEN, CLOSE = r"(?:\\left)?\(?", r"(?:\\right)?\)?"
PRODUCT = re.compile(
    rf"&= {OPEN}({NUMBER}){CLOSE} ?\\cdot {OPEN}({NUMBER}){CLOSE}(?: \\\\ &| )"
    rf"(=|\\approx) ({NUMBER})"
)
MINUS = re.compile(
    rf"&(=|\\approx) \\underbrace\{{({NUMBER})\}}_\{{\\text\{{prediction\}}\}} - "
    rf"\\underbrace\{{({NUMBER})\}}_\{{\\text\{{target\}}\}} (=|\\approx) ({NUMBER})"
)
CASES = [
    (np.array([2.0, 1.0, 0.1]), 0),
    (np.array([6.0, 0.0, 0.0]), 1),
    (np.array([0.0, 0.0]), 0),
    (np.array([10.0, -10.0, *[0.0] * 8]), 1),
    (np.array([10.0, -10.0, *[0.0] * 8]), 0),
    (np.array([6.0, 0.0, 0.0]), 0),
]


def value(text: str) -> float:
    """A number as :func:`sce_ui.fmt.tex` wrote it, back as a float."""
    mantissa, _, exponent = text.partition(r" \times 10^")
    return float(mantissa) * (10.0 ** int(exponent.strip("{}")) if exponent else 1.0)


def check(sign: str, shown_result: str, recomputed: float) -> None:
    """``=`` only when the shown operands give the shown result; ``≈`` only when they do not."""
    agrees = num(recomputed) == num(value(shown_result))
    assert (sign == "=") == agrees, (sign, shown_result, recomputed)


@pytest.mark.parametrize(("x", "k"), CASES)
@pytest.mark.parametrize("kind", core.CANONICAL)
def test_canonical_derivation_ends_in_prediction_minus_target(x, k, kind):
    d = canonical_model.derivation(kind, x, k)
    text = canonical_tex.derivation(d)
    assert_well_formed(text)
    assert r"\cancel" in text or kind == "identity_half_se"
    product = PRODUCT.search(text)
    assert product, text
    a, b, sign, result = product.groups()
    assert result == tex(d.grad)
    check(sign, result, value(a) * value(b))
    minus = MINUS.search(text)
    assert minus, text
    before, p, t, sign, result = minus.groups()
    assert (p, result) == (tex(d.prediction), tex(d.minus))
    check(sign, result, value(p) - value(t))
    # The gradient printed on the line above, as prediction − target: at x1 = 10 it read
    # "= -3.68e-4 = 1.000 − 1", where 1.000 − 1 is 0.
    check(before, tex(d.grad), value(p) - value(t))


@pytest.mark.parametrize(("x", "k"), CASES)
def test_squared_error_boxes_the_jacobian_factor(x, k):
    d = canonical_model.derivation("softmax_se", x, k)
    text = canonical_tex.derivation(d)
    assert_well_formed(text)
    assert rf"\boxed{{{tex(d.factor)}}}" in text
    assert rf"\ne \hat y_k - y_k = {tex(d.minus)}" in text
    assert text.count(tex(d.grad)) >= 1


@pytest.mark.parametrize("gamma", [0.0, 2.0, 3.5])
def test_focal_derivation_shows_the_weight_and_gamma(gamma):
    x = np.array([2.0, 1.0, 0.1])
    d = canonical_model.derivation("softmax_focal", x, 1, gamma)
    text = canonical_tex.derivation(d, gamma)
    assert_well_formed(text)
    assert rf"\boxed{{{tex(d.factor)}}}" in text
    assert rf"\gamma = {typed(gamma)}" in text
    assert d.factor == pytest.approx(core.focal_weights(x, gamma)[1])


def test_eigenvalues_wrap_and_keep_every_value():
    values = core.hessian_spectrum(np.r_[10.0, -10.0, np.zeros(8)], np.eye(10)[1]).values
    text = canonical_tex.eigenvalues(values)
    assert_well_formed(text)
    assert all(tex(v) in text for v in values)
    assert text.count(r"\\") == 4  # two scientific values to a line: five lines
    short = canonical_tex.eigenvalues([0.0, 0.25, 0.5])
    assert r"\\" not in short


def test_static_formulas_are_well_formed():
    for text in (
        canonical_tex.family(),
        canonical_tex.family_table(),
        canonical_tex.hessian_symbolic(),
        canonical_tex.curvature_pair([-0.5, 0.1], [0.0, 0.2]),
    ):
        assert_well_formed(text)
    assert r"\cancel{V(\mu)}" in canonical_tex.family()
    assert canonical_tex.family_table().count(r"\\") == 4
