"""Display models of the prediction-minus-target lab: derivation numbers, rows, curves, verdicts."""

import math
import re

import numpy as np
import pytest

import sce_core as core
from sce_ui import fmt
from sce_ui.fmt import num
from sce_ui.models import canonical as canonical_model

CASES = [
    (np.array([2.0, 1.0, 0.1]), 0),
    (np.array([6.0, 0.0, 0.0]), 1),
    (np.array([10.0, -10.0, *[0.0] * 8]), 1),
]


@pytest.mark.parametrize(("x", "k"), CASES)
@pytest.mark.parametrize("kind", core.PAIRS)
def test_derivation_numbers_multiply_out_to_the_core_gradient(x, k, kind):
    d = canonical_model.derivation(kind, x, k, 2.0)
    z, t = canonical_model.pair_input(kind, x, k)
    grad = np.atleast_1d(core.pair_grad(kind, z, t, 2.0))
    assert d.grad == (grad[k] if kind in core.SOFTMAX_PAIRS else grad[0])
    assert d.minus == pytest.approx(d.prediction - d.target, abs=1e-15)
    if kind in core.CANONICAL:
        assert d.factor is None
        assert d.dloss * d.dprediction == pytest.approx(d.grad, rel=1e-9)
        assert d.grad == pytest.approx(d.minus, rel=1e-12)
    elif kind == "softmax_se":
        assert d.factor == core.softmax(x)[k]
        assert d.factor * 2 * (d.minus - d.inner) == pytest.approx(d.grad, rel=1e-9, abs=1e-300)
    else:
        assert d.factor * d.minus == pytest.approx(d.grad, rel=1e-12)


def test_one_output_pairs_read_the_log_odds_with_target_one():
    x = np.array([2.0, 1.0, 0.1])
    z, t = canonical_model.pair_input("sigmoid_bce", x, 2)
    assert t == 1.0
    assert float(core.sigmoid(z)) == pytest.approx(core.softmax(x)[2], rel=1e-15)
    d = canonical_model.derivation("sigmoid_bce", x, 2)
    assert d.prediction == pytest.approx(core.softmax(x)[2], rel=1e-15)


def test_pairs_rows_give_ratio_one_exactly_for_the_canonical_pairs():
    x, k = np.array([6.0, 0.0, 0.0]), 1
    rows = canonical_model.pairs_rows(x, k)
    assert len(rows["pair"]) == len(core.PAIRS)
    for row, kind in enumerate(core.PAIRS):
        ratio = rows["∂L/∂z ÷ (μ − t)"][row]
        if kind in core.CANONICAL:
            assert ratio == num(1.0)
            assert "✗" not in rows["pair"][row]
        else:
            assert ratio != num(1.0)
            assert rows["pair"][row].endswith("✗")
    z, t = canonical_model.pair_input("exp_poisson", x, k)
    assert rows["loss L"][3] == num(core.pair_loss("exp_poisson", z, t))


def test_identity_at_its_target_has_no_ratio():
    # z = 1 exactly: ŷₖ = σ(1), so the identity's z − t is 0 and the ratio is undefined.
    x = np.array([1.0, 0.0])
    rows = canonical_model.pairs_rows(x, 0)
    assert rows["μ − t"][2] == num(0.0)
    assert rows["∂L/∂z ÷ (μ − t)"][2] == "—"


@pytest.mark.parametrize(("x", "k"), CASES)
def test_each_curve_passes_through_the_learners_real_point(x, k):
    grid = canonical_model.size_grid(x, k)
    curves = canonical_model.size_curves(x, k)
    points = canonical_model.learner_sizes(x, k)
    for kind in core.PAIRS:
        p, size = points[kind]
        at = int(np.flatnonzero(grid == p)[0])
        assert curves[kind][at] == pytest.approx(size, rel=1e-8)
    # At x = (6, 0, 0) with class 2 the real norms are not the equal-shares ones.
    if k == 1 and x.size == 3:
        equal = core.gradient_norm_vs_confidence(points["softmax_se"][0], 3, "squared_error")
        assert points["softmax_se"][1] != pytest.approx(equal, rel=1e-3)


def test_ends_caption_reads_both_ends_of_the_curves():
    x, k = np.array([6.0, 0.0, 0.0]), 1
    grid, curves = canonical_model.size_grid(x, k), canonical_model.size_curves(x, k)
    text = canonical_model.ends_caption(grid, curves)
    assert f"squared error with {num(curves['softmax_se'][0])}" in text
    assert f"focal loss's {num(curves['softmax_focal'][-1])}" in text
    # The numbers it reads: squared error pushes less than cross-entropy on a mistake.
    assert curves["softmax_se"][0] < curves["softmax_ce"][0]


@pytest.mark.parametrize("x", [[2.0, 1.0, 0.1], [10.0, -10.0, 0.1, *[0.0] * 7], [10.0, -10.0]])
def test_the_sizes_caption_prints_apart_the_three_y_hats_it_gives_three_pushes_for(x):
    """At x1 = 10 the caption read 'your ŷₖ = 1.000' and 'at ŷₖ = 1.000' beside two
    different pushes of cross-entropy: 0.99963 and the curve's end 0.9999."""
    x = np.asarray(x)
    sizes = canonical_model.learner_sizes(x, 0)
    grid = canonical_model.size_grid(x, 0)
    text = canonical_model.sizes_caption(sizes, grid, canonical_model.size_curves(x, 0))
    shown = [float(v) for v in re.findall(r"ŷₖ = ([-0-9.e]+)", text)]
    exact = [sizes["softmax_ce"][0], grid[0], grid[-1]]
    assert len(shown) == 3 and len(set(shown)) == len(set(exact)), text
    for value, printed in zip(exact, shown, strict=True):
        assert printed == pytest.approx(value, rel=fmt.RELATIVE_PRECISION), text


def test_size_verdict_names_the_extremes():
    sizes = {"softmax_ce": (0.5, 2.0), "softmax_se": (0.5, 0.001), "sigmoid_bce": (0.5, 1.0)}
    text = canonical_model.size_verdict(sizes)
    assert f"largest push is softmax + cross-entropy's ({num(2.0)})" in text
    assert f"smallest softmax + squared error's ({num(0.001)})" in text


def test_convexity_lines_and_verdicts():
    x, k = np.array([2.0, 1.0, 0.1]), 1
    c = canonical_model.convexity(x, k)
    assert c.values[0] == 0.0
    np.testing.assert_allclose(c.flat, c.flat[0], rtol=1e-14)
    assert "1 eigenvalue is exactly 0" in canonical_model.eigen_verdict(c.values)
    assert f"the smallest {num(c.values[1])}" in canonical_model.eigen_verdict(c.values)
    line = canonical_model.line_verdict(c)
    assert f"stays {num(c.flat[0])}" in line and "curves upward at every step" in line
    assert "round-off" in canonical_model.eigen_verdict([0.0, -1e-18, 0.5])
    assert "2 eigenvalues are exactly 0" in canonical_model.eigen_verdict([0.0, 0.0, 0.5])


def test_hessian_rows_are_the_matrix_as_text():
    h = core.cross_entropy_hessian([2.0, 1.0, 0.1], [1, 0, 0])
    rows = canonical_model.hessian_rows(h)
    assert rows[""] == ["x1", "x2", "x3"]
    assert rows["x2"] == [num(v) for v in h[:, 1]]


def test_surfaces_mark_a_point_inside_the_square_where_squared_error_bends_down():
    s = canonical_model.surfaces([2.0, 1.0, 0.1], 0)
    assert (
        s.cross_entropy.shape
        == s.squared_error.shape
        == (canonical_model.SURFACE_POINTS, canonical_model.SURFACE_POINTS)
    )
    low, high = canonical_model.SEARCH_RANGE
    assert low <= s.point.logits[0] <= high and low <= s.point.logits[1] <= high
    assert s.point.squared_error[0] < 0 <= s.point.cross_entropy[0]
    assert math.isclose(s.point.logits[2], 0.1)


@pytest.mark.parametrize("gamma", [2.0, 5.0])
def test_the_factor_note_prints_the_gradient_apart_from_prediction_minus_target(gamma):
    """At x1 = 10 with class 2 true, focal loss's weight is 1.0000002: the note read 'the
    gradient is -1.000 instead of prediction − target = -1.000'."""
    d = canonical_model.derivation("softmax_focal", np.array([10.0, -10.0, 0.1]), 1, gamma)
    level, text = canonical_model.factor_note(d)
    grad, minus = re.findall(r"gradient is (\S+) instead of prediction − target = (\S+)\.", text)[0]
    assert level == "warning" and grad != minus
    assert float(grad) == pytest.approx(d.grad, rel=1e-7)
    assert float(minus) == pytest.approx(d.minus, rel=1e-7)
    factor = re.findall(r"a factor, (\S+) now", text)[0]
    assert factor != num(1.0) and float(factor) == pytest.approx(d.factor, rel=1e-7)
