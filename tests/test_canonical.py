"""Output/loss pairs, their gradients in z, and the Hessian in the logits (`sce_core.canonical`).

Hand-checked fixtures, then invariants as hypothesis properties, then independent
oracles the code does not use: autograd (reverse-mode derivatives of plain formulas),
central differences, and sympy for the closed forms at n = 2 and 3.
"""

import math

import autograd
import autograd.numpy as anp
import numpy as np
import pytest
import sympy
from autograd.scipy.special import logsumexp as a_logsumexp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sce_core import (
    PAIRS,
    SOFTMAX_PAIRS,
    cross_entropy_along,
    cross_entropy_from_logits,
    cross_entropy_hessian,
    focal_weights,
    gradient_size_curve,
    hessian_spectrum,
    most_concave_point,
    pair_grad,
    pair_loss,
    sigmoid,
    softmax,
    softmax_jacobian,
    squared_error_hessian,
    true_class_log_odds,
)

PROPERTY = settings(max_examples=60, deadline=None)
ONE_OUTPUT = [k for k in PAIRS if k not in SOFTMAX_PAIRS]
GAMMAS = [0.0, 1.0, 2.0, 3.5]


# --- oracles: the plain formulas, differentiated by autograd ----------------------------


def _a_log_softmax(z):
    return z - a_logsumexp(z)


def _a_loss(kind, t, gamma=2.0):
    """The loss of ``kind`` as a function of z alone, in autograd's numpy."""
    t = np.asarray(t, float)
    forms = {
        "softmax_ce": lambda z: -anp.sum(t * _a_log_softmax(z)),
        "sigmoid_bce": lambda z: anp.sum(anp.logaddexp(0.0, z) - t * z),
        "identity_half_se": lambda z: 0.5 * anp.sum((z - t) ** 2),
        "exp_poisson": lambda z: anp.sum(anp.exp(z) - t * z),
        "softmax_se": lambda z: anp.sum((anp.exp(_a_log_softmax(z)) - t) ** 2),
        "softmax_focal": lambda z: (
            -anp.sum(t * (1.0 - anp.exp(_a_log_softmax(z))) ** gamma * _a_log_softmax(z))
        ),
    }
    return forms[kind]


def central_grad(f, z, h=1e-6):
    z = np.asarray(z, float)
    out = np.zeros_like(z)
    for i in np.ndindex(z.shape):
        e = np.zeros_like(z)
        e[i] = h
        out[i] = (f(z + e) - f(z - e)) / (2 * h)
    return out


def random_case(kind, rng, n=4, scale=3.0):
    z = rng.normal(0, scale, n)
    if kind in SOFTMAX_PAIRS:
        t = rng.dirichlet(np.ones(n))
    elif kind == "sigmoid_bce":
        t = rng.uniform(0, 1, n)
    elif kind == "identity_half_se":
        t = rng.normal(0, 3, n)
    else:
        t = rng.poisson(2.0, n).astype(float)
    return z, t


# --- fixtures -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "z", "t", "loss", "grad"),
    [
        ("softmax_ce", [0.0, 0.0], [1, 0], math.log(2), [-0.5, 0.5]),
        ("softmax_ce", [0.0, math.log(3)], [0, 1], math.log(4 / 3), [0.25, -0.25]),
        ("sigmoid_bce", 0.0, 1, math.log(2), -0.5),
        ("sigmoid_bce", [0.0, 0.0], [0, 1], 2 * math.log(2), [0.5, -0.5]),
        ("identity_half_se", [1.0, -2.0], [3.0, 0.0], 0.5 * (4 + 4), [-2.0, -2.0]),
        ("exp_poisson", 0.0, 2, 1.0, -1.0),
        ("exp_poisson", math.log(2), 2, 2 - 2 * math.log(2), 0.0),
        ("softmax_se", [0.0, 0.0], [1, 0], 0.5, [-0.5, 0.5]),
        # (1/2)^2 * log 2; weight 1/4 + 2 * 1/2 * 1/2 * log 2, times (p - t) = (-1/2, 1/2)
        ("softmax_focal", [0.0, 0.0], [1, 0], 0.25 * math.log(2), None),
    ],
)
def test_fixtures(kind, z, t, loss, grad):
    assert float(pair_loss(kind, z, t)) == pytest.approx(loss, rel=1e-14, abs=1e-15)
    if grad is None:
        w = 0.25 + 0.5 * math.log(2)
        grad = [-0.5 * w, 0.5 * w]
    np.testing.assert_allclose(pair_grad(kind, z, t), grad, rtol=1e-14, atol=1e-15)


def test_focal_with_gamma_zero_is_cross_entropy():
    z, t = [1.0, -2.0, 0.5], [0.0, 1.0, 0.0]
    assert pair_loss("softmax_focal", z, t, gamma=0.0) == pair_loss("softmax_ce", z, t)
    np.testing.assert_allclose(
        pair_grad("softmax_focal", z, t, gamma=0.0), pair_grad("softmax_ce", z, t), rtol=1e-15
    )


def test_shapes_batches_and_scalars():
    rng = np.random.default_rng(0)
    for kind in PAIRS:
        z, t = random_case(kind, rng, n=5)
        batch_z, batch_t = np.stack([z, z[::-1]]), np.stack([t, t[::-1]])
        losses = pair_loss(kind, batch_z, batch_t)
        assert losses.shape == (2,)
        np.testing.assert_allclose(losses[1], pair_loss(kind, z[::-1], t[::-1]), rtol=1e-14)
        assert pair_grad(kind, batch_z, batch_t).shape == (2, 5)
    for kind in ONE_OUTPUT:
        assert np.ndim(pair_loss(kind, 0.5, 1.0)) == 0
        assert np.ndim(pair_grad(kind, 0.5, 1.0)) == 0


def test_extreme_logits_stay_finite_and_accurate():
    z = np.array([1000.0, -1000.0, 0.0])
    for kind in SOFTMAX_PAIRS:
        for t in ([1.0, 0.0, 0.0], [0.0, 1.0, 0.0]):
            assert np.isfinite(pair_loss(kind, z, t)), kind
            assert np.all(np.isfinite(pair_grad(kind, z, t))), kind
    assert float(pair_loss("softmax_ce", z, [0, 1, 0])) == 2000.0
    assert float(pair_loss("sigmoid_bce", 1000.0, 0)) == 1000.0
    # A near-certain right prediction keeps its tiny gradient to full relative precision:
    # p - 1 = -(e^-40 + e^-40) / (1 + 2 e^-40).
    g = pair_grad("softmax_ce", [40.0, 0.0, 0.0], [1, 0, 0])
    assert g[0] == pytest.approx(-2 * math.exp(-40) / (1 + 2 * math.exp(-40)), rel=1e-14)
    # Poisson up to where exp(z) is finite.
    assert np.isfinite(pair_grad("exp_poisson", 709.0, 1.0))


# --- autograd and central differences ------------------------------------------------------


@pytest.mark.parametrize("kind", PAIRS)
@pytest.mark.parametrize("seed", range(4))
def test_grad_matches_autograd_and_central_differences(kind, seed):
    rng = np.random.default_rng(seed)
    z, t = random_case(kind, rng)
    for gamma in GAMMAS if kind == "softmax_focal" else [2.0]:
        f = _a_loss(kind, t, gamma)
        ours = pair_grad(kind, z, t, gamma)
        np.testing.assert_allclose(ours, autograd.grad(f)(z), rtol=1e-11, atol=1e-13)
        np.testing.assert_allclose(float(pair_loss(kind, z, t, gamma)), f(z), rtol=1e-13)
        central = central_grad(lambda v, g=gamma: float(pair_loss(kind, v, t, g)), z)
        np.testing.assert_allclose(ours, central, rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize("kind", PAIRS)
def test_grad_matches_autograd_at_extreme_inputs(kind):
    if kind in SOFTMAX_PAIRS:
        cases = [
            ([1000.0, -1000.0, 0.0], [0.0, 1.0, 0.0]),
            ([1000.0, -1000.0, 0.0], [1.0, 0.0, 0.0]),
            ([-1000.0, 30.0, 29.0], [0.2, 0.3, 0.5]),
        ]
    elif kind == "exp_poisson":
        cases = [([700.0, -1000.0, 0.0], [3.0, 0.0, 1.0])]
    elif kind == "sigmoid_bce":
        cases = [([1000.0, -1000.0, 30.0], [0.0, 1.0, 0.5])]
    else:
        cases = [([1000.0, -1000.0, 1e-12], [-1000.0, 1000.0, 0.0])]
    for z, t in cases:
        z = np.array(z)
        for gamma in [0.0, 1.0, 2.0] if kind == "softmax_focal" else [2.0]:
            expect = autograd.grad(_a_loss(kind, t, gamma))(z)
            ours = pair_grad(kind, z, t, gamma)
            scale = max(1.0, float(np.max(np.abs(expect))))
            np.testing.assert_allclose(ours, expect, rtol=1e-12, atol=1e-15 * scale)


def test_hessians_match_autograd_and_central_differences():
    rng = np.random.default_rng(7)
    for n in (2, 3, 6):
        for scale in (1.0, 5.0):
            x = rng.normal(0, scale, n)
            y = rng.dirichlet(np.ones(n)) * rng.uniform(0.5, 2)
            ce = autograd.hessian(_a_loss("softmax_ce", y))(x)
            np.testing.assert_allclose(cross_entropy_hessian(x, y), ce, rtol=1e-10, atol=1e-14)
            y1 = np.eye(n)[rng.integers(n)]
            se = autograd.hessian(_a_loss("softmax_se", y1))(x)
            np.testing.assert_allclose(squared_error_hessian(x, y1), se, rtol=1e-9, atol=1e-14)
            for kind, hess in (("softmax_ce", cross_entropy_hessian(x, y1)),):
                rows = [
                    central_grad(lambda v, j=j, k=kind, y1=y1: pair_grad(k, v, y1)[j], x)
                    for j in range(n)
                ]
                np.testing.assert_allclose(hess, np.array(rows), rtol=1e-5, atol=1e-8)
            rows = [
                central_grad(lambda v, j=j, y1=y1: pair_grad("softmax_se", v, y1)[j], x)
                for j in range(n)
            ]
            np.testing.assert_allclose(
                squared_error_hessian(x, y1), np.array(rows), rtol=1e-5, atol=1e-8
            )


def test_hessians_at_extreme_logits_match_autograd():
    x = np.array([1000.0, -1000.0, 0.0, 2.0])
    for y in (np.eye(4)[0], np.eye(4)[1], np.full(4, 0.25)):
        ce = autograd.hessian(_a_loss("softmax_ce", y))(x)
        np.testing.assert_allclose(cross_entropy_hessian(x, y), ce, rtol=1e-12, atol=1e-300)
        se = autograd.hessian(_a_loss("softmax_se", y))(x)
        np.testing.assert_allclose(squared_error_hessian(x, y), se, rtol=1e-9, atol=1e-300)


def test_temperature_divides_the_hessian_by_t_squared():
    x, y = np.array([1.0, -0.5, 2.0]), np.array([0.0, 1.0, 0.0])

    def loss(v):
        return cross_entropy_from_logits(v, y, temperature=2.5)

    rows = [central_grad(lambda v, j=j: central_grad(loss, v, 1e-4)[j], x, 1e-4) for j in range(3)]
    np.testing.assert_allclose(cross_entropy_hessian(x, y, 2.5), rows, atol=1e-6)


# --- sympy: the closed forms at n = 2 and 3 -----------------------------------------------


def _sympy_softmax(zs):
    e = [sympy.exp(v) for v in zs]
    return [v / sum(e) for v in e]


@pytest.mark.parametrize("n", [2, 3])
def test_closed_forms_match_sympy(n):
    zs = sympy.symbols(f"z1:{n + 1}", real=True)
    ts = sympy.symbols(f"t1:{n + 1}", nonnegative=True)
    p = _sympy_softmax(zs)
    gam = sympy.Rational(3, 2)
    losses = {
        "softmax_ce": -sum(t * sympy.log(q) for t, q in zip(ts, p, strict=True)),
        "softmax_se": sum((q - t) ** 2 for t, q in zip(ts, p, strict=True)),
        "softmax_focal": -sum(
            t * (1 - q) ** gam * sympy.log(q) for t, q in zip(ts, p, strict=True)
        ),
    }
    rng = np.random.default_rng(n)
    for _ in range(3):
        z = rng.normal(0, 2, n)
        t = rng.dirichlet(np.ones(n))
        at = {**dict(zip(zs, z, strict=True)), **dict(zip(ts, t, strict=True))}
        for kind, loss in losses.items():
            grad = [float(sympy.diff(loss, v).evalf(30, subs=at)) for v in zs]
            np.testing.assert_allclose(pair_grad(kind, z, t, 1.5), grad, rtol=1e-12)
        for kind, ours in (
            ("softmax_ce", cross_entropy_hessian(z, t)),
            ("softmax_se", squared_error_hessian(z, t)),
        ):
            hess = [
                [float(sympy.diff(losses[kind], a, b).evalf(30, subs=at)) for b in zs] for a in zs
            ]
            np.testing.assert_allclose(ours, hess, rtol=1e-11, atol=1e-15)


def test_one_output_closed_forms_match_sympy():
    z, t = sympy.symbols("z t", real=True)
    mu = {
        "sigmoid_bce": 1 / (1 + sympy.exp(-z)),
        "identity_half_se": z,
        "exp_poisson": sympy.exp(z),
    }
    losses = {
        "sigmoid_bce": -(
            t * sympy.log(mu["sigmoid_bce"]) + (1 - t) * sympy.log(1 - mu["sigmoid_bce"])
        ),
        "identity_half_se": (z - t) ** 2 / 2,
        "exp_poisson": sympy.exp(z) - t * z,
    }
    for kind, loss in losses.items():
        # The canonical pairs: the derivative simplifies to prediction - target exactly.
        assert sympy.simplify(sympy.diff(loss, z) - (mu[kind] - t)) == 0
        for zv, tv in ((0.3, 0.7), (-2.0, 1.0)):
            expect = float(sympy.diff(loss, z).evalf(30, subs={z: zv, t: tv}))
            assert float(pair_grad(kind, zv, tv)) == pytest.approx(expect, rel=1e-13)


# --- properties ----------------------------------------------------------------------------

SHAPES = st.one_of(st.tuples(st.integers(2, 7)), st.tuples(st.integers(1, 3), st.integers(2, 7)))
LOGITS = hnp.arrays(np.float64, SHAPES, elements=st.floats(-50, 50))


def _one_hot(x, seed):
    y = np.zeros_like(x)
    idx = np.random.default_rng(seed).integers(x.shape[-1], size=x.shape[:-1])
    np.put_along_axis(y, np.asarray(idx)[..., None], 1.0, axis=-1)
    return y


def _soft(x, seed):
    w = np.random.default_rng(seed).dirichlet(np.ones(x.shape[-1]), size=x.shape[:-1])
    return np.asarray(w).reshape(x.shape)


@PROPERTY
@given(LOGITS, st.integers(0, 2**32 - 1), st.floats(0, 3))
def test_hessian_is_symmetric_psd_and_annihilates_ones(x, seed, scale):
    y = _soft(x, seed) * scale
    h = cross_entropy_hessian(x, y)
    np.testing.assert_allclose(h, np.swapaxes(h, -1, -2), rtol=0, atol=1e-17)
    np.testing.assert_allclose(h @ np.ones(x.shape[-1]), 0.0, atol=1e-15)
    lowest = np.linalg.eigvalsh(h).min()
    assert lowest >= -1e-15 * max(1.0, float(np.abs(h).max()))


@PROPERTY
@given(LOGITS, st.integers(0, 2**32 - 1))
def test_hessian_is_the_softmax_jacobian_for_one_hot_labels(x, seed):
    np.testing.assert_array_equal(cross_entropy_hessian(x, _one_hot(x, seed)), softmax_jacobian(x))


@PROPERTY
@given(LOGITS, st.integers(0, 2**32 - 1))
def test_spectrum_is_an_eigendecomposition_with_the_flat_direction_first(x, seed):
    y = _soft(x, seed)
    spec = hessian_spectrum(x, y)
    n = x.shape[-1]
    h = cross_entropy_hessian(x, y)
    assert np.all(spec.values[..., 0] == 0.0)
    np.testing.assert_allclose(spec.vectors[..., :, 0], 1 / math.sqrt(n), rtol=1e-14)
    np.testing.assert_allclose(
        h @ spec.vectors, spec.vectors * spec.values[..., None, :], atol=1e-14
    )
    eye = np.broadcast_to(np.eye(n), h.shape)
    np.testing.assert_allclose(np.swapaxes(spec.vectors, -1, -2) @ spec.vectors, eye, atol=1e-13)
    assert np.all(np.diff(spec.values[..., 1:], axis=-1) >= 0)
    assert np.all(spec.values >= -1e-16)
    np.testing.assert_allclose(
        np.sort(spec.values, axis=-1), np.sort(np.linalg.eigvalsh(h), axis=-1), atol=1e-14
    )


@PROPERTY
@given(LOGITS, st.integers(0, 2**32 - 1), st.sampled_from(["one-hot", "soft"]))
def test_canonical_gradients_equal_prediction_minus_target(x, seed, labels):
    t = _one_hot(x, seed) if labels == "one-hot" else _soft(x, seed)
    np.testing.assert_allclose(pair_grad("softmax_ce", x, t), softmax(x) - t, atol=1e-15)
    u = np.clip(t, 0, 1)
    np.testing.assert_allclose(pair_grad("sigmoid_bce", x, u), sigmoid(x) - u, atol=1e-15)
    np.testing.assert_array_equal(pair_grad("identity_half_se", x, 3 * t), x - 3 * t)
    np.testing.assert_allclose(pair_grad("exp_poisson", x, 3 * t), np.exp(x) - 3 * t, rtol=1e-15)


@PROPERTY
@given(LOGITS, st.integers(0, 2**32 - 1), st.floats(0, 4))
def test_focal_gradient_is_a_weighted_cross_entropy_gradient_for_one_hot(x, seed, gamma):
    t = _one_hot(x, seed)
    w = np.sum(t * focal_weights(x, gamma), axis=-1, keepdims=True)
    expect = w * pair_grad("softmax_ce", x, t)
    np.testing.assert_allclose(pair_grad("softmax_focal", x, t, gamma), expect, atol=1e-15)


@PROPERTY
@given(LOGITS, st.integers(0, 2**32 - 1))
def test_softmax_pairs_are_shift_invariant_and_sum_to_zero(x, seed):
    t = _soft(x, seed)
    for kind in SOFTMAX_PAIRS:
        g = pair_grad(kind, x, t)
        np.testing.assert_allclose(g.sum(axis=-1), 0.0, atol=1e-14)
        np.testing.assert_allclose(pair_grad(kind, x + 7.0, t), g, atol=1e-13)


# --- the curve, the log-odds and the line ------------------------------------------------


@pytest.mark.parametrize("kind", PAIRS)
def test_curve_passes_through_the_learners_real_point(kind):
    x, k = np.array([6.0, 0.0, -1.5, 2.0]), 1
    y = np.eye(4)[k]
    p = softmax(x)[k]
    if kind in SOFTMAX_PAIRS:
        real = np.linalg.norm(pair_grad(kind, x, y))
    else:
        real = abs(float(pair_grad(kind, true_class_log_odds(x, k), 1.0)))
    curve = gradient_size_curve(kind, p, np.delete(x, k))
    assert float(curve) == pytest.approx(real, rel=1e-9)


def test_curve_with_equal_shares_matches_the_formula():
    p = np.array([0.1, 0.5, 0.9])
    n = 3
    np.testing.assert_allclose(
        gradient_size_curve("softmax_ce", p, (0.0, 0.0)), (1 - p) * math.sqrt(n / (n - 1))
    )
    # Squared error vanishes for a confident mistake; cross-entropy does not.
    low = gradient_size_curve("softmax_se", 1e-6)
    assert low < 1e-5 < gradient_size_curve("softmax_ce", 1e-6)


def test_true_class_log_odds_gives_the_softmax_probability():
    x = np.array([2.0, 1.0, 0.1])
    for k in range(3):
        assert float(sigmoid(true_class_log_odds(x, k))) == pytest.approx(softmax(x)[k], rel=1e-15)


def test_loss_along_the_flat_direction_is_constant_and_along_the_top_one_convex():
    x, y = np.array([2.0, 1.0, 0.1]), np.array([0.0, 1.0, 0.0])
    spec = hessian_spectrum(x, y)
    s = np.linspace(-3, 3, 61)
    flat = cross_entropy_along(x, y, spec.vectors[:, 0], s)
    np.testing.assert_allclose(flat, cross_entropy_from_logits(x, y), rtol=1e-14)
    top = cross_entropy_along(x, y, spec.vectors[:, -1], s)
    assert np.all(np.diff(top, 2) > 0)
    # Its curvature at s = 0 is the top eigenvalue.
    h = s[1] - s[0]
    assert (top[29] - 2 * top[30] + top[31]) / h**2 == pytest.approx(spec.values[-1], rel=1e-3)


def test_squared_error_has_negative_curvature_where_confidently_wrong():
    # Two classes: L = 2 s^2 with s = sigmoid(x2 - x1), so along (1, -1)/sqrt(2) the
    # curvature is 2 f''(u) = 8 s (1 - s)(2 s - 3 s^2), negative once s > 2/3.
    s = 1 / (1 + math.exp(-4.0))
    values = np.linalg.eigvalsh(squared_error_hessian([-2.0, 2.0], [1, 0]))
    np.testing.assert_allclose(values, [8 * s * (1 - s) * (2 * s - 3 * s**2), 0.0], atol=1e-15)
    assert values[0] < -0.1


def test_most_concave_point_is_the_lowest_curvature_on_the_grid():
    point = most_concave_point(1, (0.1,), (-4.0, 4.0), 9)
    lowest = min(
        np.linalg.eigvalsh(squared_error_hessian([a, b, 0.1], [0, 1, 0])[:2, :2])[0]
        for a in np.linspace(-4, 4, 9)
        for b in np.linspace(-4, 4, 9)
    )
    assert point.squared_error[0] == pytest.approx(lowest, rel=1e-12)
    assert point.squared_error[0] < 0 <= point.cross_entropy[0]
    assert point.logits[2] == 0.1
    h = squared_error_hessian(point.logits, [0, 1, 0])
    np.testing.assert_allclose(np.linalg.eigvalsh(h[:2, :2]), point.squared_error, rtol=1e-12)


# --- every bad input its own error --------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: pair_loss("softmax_mse", [0.0, 1.0], [1, 0]), "kind must be one of"),
        (lambda: pair_grad("softmax_focal", [0.0, 1.0], [1, 0], gamma=-1.0), "gamma must be"),
        (lambda: pair_loss("softmax_ce", [0.0, 1.0], [1, 0], gamma=math.nan), "gamma must be"),
        (lambda: pair_grad("softmax_ce", [0.0, 1.0], [1, 1]), "t must sum to 1"),
        (lambda: pair_grad("softmax_se", [0.0, 1.0], [1.5, -0.5]), "t must be non-negative"),
        (lambda: pair_grad("softmax_ce", [0.0, 1.0], [1, 0, 0]), "t must have the shape"),
        (lambda: pair_grad("softmax_ce", 0.5, 1.0), "z must be a vector"),
        (lambda: pair_grad("softmax_ce", [0.0, math.inf], [1, 0]), "z must be finite"),
        (lambda: pair_grad("sigmoid_bce", 0.0, 1.5), r"t must lie in \[0, 1\]"),
        (lambda: pair_grad("sigmoid_bce", [0.0, 1.0], [1.0]), "t must have the shape of z"),
        (lambda: pair_grad("identity_half_se", 0.0, math.nan), "t must be finite"),
        (lambda: pair_grad("identity_half_se", 1e308, -1e308), "gradient beyond"),
        (lambda: pair_loss("identity_half_se", 1e200, 0.0), "loss beyond"),
        (lambda: pair_grad("exp_poisson", 0.0, -1.0), "t must be non-negative"),
        (lambda: pair_loss("exp_poisson", 710.0, 1.0), "z must be at most 709.78"),
        (lambda: cross_entropy_hessian([0.0, 1.0], [-1, 0]), "labels must be non-negative"),
        (lambda: cross_entropy_hessian([0.0, 1.0], [1, 0, 0]), "labels must have the shape"),
        (lambda: cross_entropy_hessian([0.0, 1.0], [1, 0], temperature=0), "temperature"),
        (lambda: hessian_spectrum([[[0.0]]], [[[1.0]]]), "logits must be a vector"),
        (lambda: squared_error_hessian([0.0, 1.0], [1]), "labels must have the shape"),
        (lambda: true_class_log_odds([1.0], 0), "n >= 2"),
        (lambda: true_class_log_odds([1.0, 2.0], 2), r"label must be an integer in \[0, 1\]"),
        (lambda: gradient_size_curve("softmax_ce", [0.0, 0.5]), r"strictly inside \(0, 1\)"),
        (lambda: gradient_size_curve("softmax_ce", [[0.5]]), "scalar or a vector"),
        (lambda: gradient_size_curve("softmax_ce", 0.5, [[0.0]]), "rest_logits must be a vector"),
        (lambda: gradient_size_curve("nope", 0.5), "kind must be one of"),
        (lambda: cross_entropy_along([0.0, 1.0], [1, 0], [1.0], [0.0]), "direction must have"),
        (lambda: cross_entropy_along([[0.0, 1.0]], [[1, 0]], [1.0, 1.0], [0.0]), "x must be a"),
        (lambda: focal_weights([0.0, 1.0], gamma=-0.5), "gamma must be"),
        (lambda: most_concave_point(2), r"label must be an integer in \[0, 1\]"),
        (lambda: most_concave_point(0, n_points=1), "n_points must be"),
        (lambda: most_concave_point(0, x_range=(1.0, -1.0)), "x_range must be"),
        (lambda: most_concave_point(0, fixed_logits=[math.nan]), "fixed_logits must be finite"),
    ],
)
def test_bad_input_raises_value_error(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: pair_grad("softmax_focal", [0.0, 1.0], [1, 0], gamma="2"),
        lambda: pair_grad("softmax_focal", [0.0, 1.0], [1, 0], gamma=True),
        lambda: pair_loss("identity_half_se", "a", 0.0),
        lambda: true_class_log_odds([0.0, 1.0], 0.5),
    ],
)
def test_non_numbers_raise_type_error(call):
    with pytest.raises(TypeError):
        call()
