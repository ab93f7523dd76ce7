"""Softmax regression from scratch (`sce_core.training`).

Hand-checked fixtures, invariants as hypothesis properties, and finite differences
(`sce_core.numerical_grad`) and scipy.special as the oracles the code does not use.
The test the issue asks for: every planted bug fails the gradient check.
"""

import math

import numpy as np
import pytest
import scipy.special
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sce_core import (
    BUGS,
    MAX_EPOCHS,
    decision_grid,
    gradient_check_model,
    make_blobs,
    model_loss_and_grad,
    numerical_grad,
    one_hot,
    predict,
    train,
    train_with_full_jacobian,
)

PROPERTY = settings(max_examples=30, deadline=None)
WRONG_BUGS = [bug for bug in BUGS if bug is not None]


def small_problem(seed, batch=8, n_classes=3, scale=1.0):
    """A random model and batch: W (2, K), b (K,), X (B, 2), one-hot Y (B, K)."""
    rng = np.random.default_rng(seed)
    W = scale * rng.standard_normal((2, n_classes))
    b = scale * rng.standard_normal(n_classes)
    X = rng.standard_normal((batch, 2))
    Y = one_hot(rng.integers(n_classes, size=batch), n_classes)
    return W, b, X, Y


# --- data -------------------------------------------------------------------------------


def test_make_blobs_shapes_dtypes_and_balance():
    X, labels = make_blobs(10, n_classes=3, seed=0)
    assert X.shape == (10, 2)
    assert X.dtype == np.float64
    assert labels.shape == (10,)
    assert labels.dtype == np.int64
    assert np.bincount(labels).tolist() == [4, 3, 3]


def test_make_blobs_is_reproducible_from_the_seed():
    a, la = make_blobs(50, seed=3)
    b, lb = make_blobs(50, seed=3)
    c, _ = make_blobs(50, seed=4)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(la, lb)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize("n_classes", [2, 3, 5])
def test_make_blobs_centres_lie_on_the_circle_of_radius_two(n_classes):
    X, labels = make_blobs(6000, n_classes=n_classes, seed=1, spread=0.5)
    for k in range(n_classes):
        angle = math.pi / 2 + 2 * math.pi * k / n_classes
        centre = [2 * math.cos(angle), 2 * math.sin(angle)]
        points = X[labels == k]
        # The mean of ~1000+ normal points with sd 0.5 lies within 0.1 of the centre.
        np.testing.assert_allclose(points.mean(axis=0), centre, atol=0.1)
        np.testing.assert_allclose(points.std(axis=0), 0.5, rtol=0.1)


@pytest.mark.parametrize(
    ("labels", "n_classes", "expected"),
    [
        ([2, 0], 3, [[0, 0, 1], [1, 0, 0]]),
        ([0], 1, [[1]]),
        (np.array([1.0, 1.0]), 2, [[0, 1], [0, 1]]),  # whole-number floats are class indices
    ],
)
def test_one_hot_fixtures(labels, n_classes, expected):
    np.testing.assert_array_equal(one_hot(labels, n_classes), expected)


@PROPERTY
@given(hnp.arrays(np.int64, st.integers(1, 20), elements=st.integers(0, 6)))
def test_one_hot_rows_sum_to_one_at_the_label(labels):
    Y = one_hot(labels, 7)
    np.testing.assert_array_equal(Y.sum(axis=1), 1.0)
    np.testing.assert_array_equal(Y.argmax(axis=1), labels)


# --- loss and gradient ------------------------------------------------------------------


def test_model_loss_and_grad_fixture():
    # W = 0: logits 0, y_hat = (1/2, 1/2), L = log 2; G = (y_hat - y) / B with B = 2.
    X = [[1.0, 0.0], [0.0, 2.0]]
    Y = [[1, 0], [0, 1]]
    r = model_loss_and_grad(np.zeros((2, 2)), np.zeros(2), X, Y)
    assert r.loss == pytest.approx(math.log(2.0), rel=1e-15)
    # G = [[-1/4, 1/4], [1/4, -1/4]]; dW = X^T G; db = column sums of G.
    np.testing.assert_allclose(r.dW, [[-0.25, 0.25], [0.5, -0.5]], rtol=1e-15)
    np.testing.assert_allclose(r.db, [0.0, 0.0], atol=1e-16)


def test_model_loss_matches_scipy_log_softmax():
    W, b, X, Y = small_problem(0, batch=5)
    expected = -np.mean(np.sum(Y * scipy.special.log_softmax(X @ W + b, axis=1), axis=1))
    assert model_loss_and_grad(W, b, X, Y).loss == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("seed", range(4))
def test_model_grad_matches_finite_differences(seed):
    W, b, X, Y = small_problem(seed, batch=6, n_classes=4)
    r = model_loss_and_grad(W, b, X, Y)

    def loss_w(w):
        return model_loss_and_grad(w, b, X, Y).loss

    def loss_b(v):
        return model_loss_and_grad(W, v, X, Y).loss

    np.testing.assert_allclose(r.dW, numerical_grad(loss_w, W, eps=1e-5), rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(r.db, numerical_grad(loss_b, b, eps=1e-5), rtol=1e-7, atol=1e-10)


def test_each_bug_computes_the_wrong_gradient_it_names():
    W, b, X, Y = small_problem(1, batch=5)
    B = X.shape[0]
    p = scipy.special.softmax(X @ W + b, axis=1)
    right = model_loss_and_grad(W, b, X, Y)
    expected_g = {
        "drop_off_diagonal": -Y * (1 - p) / B,
        "forget_batch_mean": p - Y,
        "use_dL_dyhat": -Y / p / B,
    }
    for bug, g in expected_g.items():
        r = model_loss_and_grad(W, b, X, Y, bug=bug)
        assert r.loss == right.loss  # only the gradient is wrong
        np.testing.assert_allclose(r.dW, X.T @ g, rtol=1e-12, err_msg=bug)
        np.testing.assert_allclose(r.db, g.sum(axis=0), rtol=1e-12, atol=1e-15, err_msg=bug)


# --- the gradient check -----------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_gradient_check_passes_for_the_right_gradient(seed):
    assert gradient_check_model(*small_problem(seed)) < 1e-6


@PROPERTY
@given(st.integers(0, 10_000), st.integers(2, 12), st.integers(2, 5))
def test_gradient_check_passes_for_the_right_gradient_property(seed, batch, n_classes):
    problem = small_problem(seed, batch=batch, n_classes=n_classes)
    assert gradient_check_model(*problem) < 1e-6


@pytest.mark.parametrize("bug", WRONG_BUGS)
@pytest.mark.parametrize("seed", range(5))
def test_every_bug_fails_the_gradient_check(bug, seed):
    assert gradient_check_model(*small_problem(seed), bug=bug) > 1e-2


@PROPERTY
@given(st.integers(0, 10_000), st.integers(2, 12), st.sampled_from(WRONG_BUGS))
def test_every_bug_fails_the_gradient_check_property(seed, batch, bug):
    assert gradient_check_model(*small_problem(seed, batch=batch), bug=bug) > 1e-2


def test_forgetting_the_batch_mean_is_invisible_with_one_example():
    # Documented limitation: with B = 1 the missing 1/B is a factor of 1.
    assert gradient_check_model(*small_problem(0, batch=1), bug="forget_batch_mean") < 1e-6


def test_gradient_check_of_an_underflowed_probability_is_inf_not_nan():
    # The true class is 2000 below the other: y_hat underflows and -y / y_hat = -inf.
    W, b = np.zeros((2, 2)), np.array([0.0, 2000.0])
    err = gradient_check_model(W, b, [[0.0, 0.0], [1.0, 1.0]], [[1, 0], [1, 0]], "use_dL_dyhat")
    assert err == math.inf


# --- training ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blobs():
    return make_blobs(150, n_classes=3, seed=0, spread=0.5)


def test_train_learns_the_blobs(blobs):
    X, labels = blobs
    r = train(X, labels, 3, lr=0.5, epochs=150)
    assert r.status == "ok"
    assert r.diverged_at is None
    assert r.epochs_run == 150
    assert r.loss_history.shape == r.accuracy_history.shape == (151,)
    assert r.loss_history[0] == pytest.approx(math.log(3.0), rel=0.05)  # W ~ 0.01 N(0, 1)
    assert r.loss_history[-1] < 0.1
    assert np.all(np.diff(r.loss_history) < 0)  # small lr on a convex loss: monotone
    assert r.accuracy_history[-1] > 0.95
    assert np.mean(predict(r.W, r.b, X) == labels) == r.accuracy_history[-1]


def test_train_history_matches_the_returned_parameters(blobs):
    X, labels = blobs
    r = train(X, labels, 3, lr=0.3, epochs=20)
    final = model_loss_and_grad(r.W, r.b, X, one_hot(labels, 3)).loss
    assert r.loss_history[-1] == pytest.approx(final, rel=1e-14)


def test_train_is_reproducible_and_the_seed_sets_the_start(blobs):
    X, labels = blobs
    a = train(X, labels, 3, lr=0.5, epochs=5, seed=1)
    b = train(X, labels, 3, lr=0.5, epochs=5, seed=1)
    c = train(X, labels, 3, lr=0.5, epochs=5, seed=2)
    np.testing.assert_array_equal(a.W, b.W)
    assert not np.array_equal(a.W, c.W)


def test_train_calls_back_after_every_epoch(blobs):
    X, labels = blobs
    calls = []
    r = train(X, labels, 3, lr=0.5, epochs=7, callback=lambda e, loss: calls.append((e, loss)))
    assert [e for e, _ in calls] == list(range(1, 8))
    np.testing.assert_array_equal([loss for _, loss in calls], r.loss_history[1:])


def test_train_reports_a_blow_up_and_keeps_that_finite_step():
    X, labels = make_blobs(150, seed=0, spread=2.0)  # overlapping classes
    r = train(X, labels, 3, lr=1e3, epochs=100)
    assert r.status == "diverged"
    assert r.diverged_at == r.epochs_run == 1
    assert r.loss_history[-1] > 100 * r.loss_history[0]
    assert np.isfinite(r.loss_history).all() and np.isfinite(r.W).all()


def test_train_stops_before_a_non_finite_step_and_returns_no_nan(blobs):
    X, labels = blobs
    calls = []
    r = train(X, labels, 3, lr=1e308, epochs=10, callback=lambda e, loss: calls.append(e))
    assert (r.status, r.diverged_at, r.epochs_run) == ("diverged", 1, 0)
    assert calls == []
    assert np.isfinite(r.W).all() and np.isfinite(r.b).all()
    assert np.isfinite(r.loss_history).all() and np.isfinite(r.accuracy_history).all()


def test_training_with_dl_dyhat_as_the_gradient_diverges_on_overlapping_classes():
    # Points deep in another class have a tiny y_hat_true, and -1 / y_hat_true explodes.
    X, labels = make_blobs(150, seed=0, spread=1.0)
    r = train(X, labels, 3, lr=0.5, epochs=300, bug="use_dL_dyhat")
    assert r.status == "diverged"
    assert np.isfinite(r.loss_history).all()
    assert train(X, labels, 3, lr=0.5, epochs=300).status == "ok"


@pytest.mark.parametrize("bug", WRONG_BUGS)
def test_train_accepts_every_bug_and_never_returns_nan(blobs, bug):
    X, labels = blobs
    r = train(X, labels, 3, lr=0.5, epochs=30, bug=bug)
    assert r.status in {"ok", "diverged"}
    assert np.isfinite(r.loss_history).all() and np.isfinite(r.W).all()


@pytest.mark.parametrize(("lr", "epochs", "seed"), [(0.5, 40, 0), (3.0, 25, 5)])
def test_full_jacobian_training_matches_train(blobs, lr, epochs, seed):
    X, labels = blobs
    a = train(X, labels, 3, lr=lr, epochs=epochs, seed=seed)
    b = train_with_full_jacobian(X, labels, 3, lr=lr, epochs=epochs, seed=seed)
    assert a.status == b.status == "ok"
    np.testing.assert_allclose(b.W, a.W, rtol=0, atol=1e-10)
    np.testing.assert_allclose(b.b, a.b, rtol=0, atol=1e-10)
    np.testing.assert_allclose(b.loss_history, a.loss_history, rtol=0, atol=1e-10)
    np.testing.assert_array_equal(b.accuracy_history, a.accuracy_history)


def test_train_does_not_mutate_its_input(blobs):
    X, labels = blobs
    X0, labels0 = X.copy(), labels.copy()
    train(X, labels, 3, lr=0.5, epochs=3)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(labels, labels0)


# --- prediction and decision regions ----------------------------------------------------


def test_predict_fixture():
    W, b = np.eye(2), np.array([0.0, 0.5])
    np.testing.assert_array_equal(predict(W, b, [[1.0, 0.0], [0.0, 0.0], [2.0, 2.0]]), [0, 1, 1])


def test_decision_grid_fixture():
    xs, ys, classes = decision_grid(np.eye(2), np.zeros(2), (-1, 1), (-1, 1), 3)
    np.testing.assert_array_equal(xs, [-1, 0, 1])
    np.testing.assert_array_equal(ys, [-1, 0, 1])
    # class 1 where y > x (row i is y = ys[i]); ties go to class 0, the first argmax.
    np.testing.assert_array_equal(classes, [[0, 0, 0], [1, 0, 0], [1, 1, 0]])


@PROPERTY
@given(st.integers(0, 1000), st.integers(2, 12))
def test_decision_grid_agrees_with_predict_point_by_point(seed, resolution):
    W, b, _, _ = small_problem(seed, n_classes=4)
    xs, ys, classes = decision_grid(W, b, (-3, 2), (-1, 4), resolution)
    assert classes.shape == (resolution, resolution)
    i, j = seed % resolution, (seed // 7) % resolution
    assert classes[i, j] == predict(W, b, [[xs[j], ys[i]]])[0]


# --- bad input ------------------------------------------------------------------------

X3, L3 = make_blobs(9, seed=0)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: make_blobs(2, n_classes=3), "n_points must be an integer in"),
        (lambda: make_blobs(10, n_classes=1), "n_classes must be an integer in"),
        (lambda: make_blobs(10, seed=-1), "seed must be an integer in"),
        (lambda: make_blobs(10, spread=0.0), "spread must be a finite number > 0"),
        (lambda: make_blobs(10, spread=math.nan), "spread must be a finite number > 0"),
        (lambda: one_hot([0, 3], 3), r"labels must lie in \[0, 2\], got 3"),
        (lambda: one_hot([-1], 3), "labels must lie in"),
        (lambda: one_hot([0.5], 3), "labels must be whole numbers"),
        (lambda: one_hot([[0, 1]], 3), "labels must be a non-empty vector"),
        (lambda: one_hot([], 3), "labels must be a non-empty vector"),
        (lambda: one_hot([0], 0), "n_classes must be an integer in"),
        (lambda: model_loss_and_grad(np.zeros((2, 3)), np.zeros(2), X3, one_hot(L3, 3)), "b must"),
        (lambda: model_loss_and_grad(np.zeros(3), np.zeros(3), X3, one_hot(L3, 3)), "W must"),
        (lambda: model_loss_and_grad(np.zeros((3, 3)), np.zeros(3), X3, one_hot(L3, 3)), "X must"),
        (lambda: model_loss_and_grad(np.zeros((2, 3)), np.zeros(3), X3, one_hot(L3, 4)), "Y must"),
        (lambda: model_loss_and_grad(np.zeros((2, 2)), [0, np.nan], X3, 0), "b must be finite"),
        (lambda: model_loss_and_grad(np.zeros((2, 3)), np.zeros(3), X3, 0, bug="x"), "bug must"),
        (
            lambda: gradient_check_model(np.zeros((2, 2)), np.zeros(2), [[1, 2]], [[1, 0]], eps=0),
            "eps",
        ),
        (lambda: train(X3, L3, 3, lr=0.0, epochs=5), "lr must be a finite number > 0"),
        (lambda: train(X3, L3, 3, lr=-1.0, epochs=5), "lr must be a finite number > 0"),
        (lambda: train(X3, L3, 3, lr=math.inf, epochs=5), "lr must be a finite number > 0"),
        (lambda: train(X3, L3, 3, lr=math.nan, epochs=5), "lr must be a finite number > 0"),
        (lambda: train(X3, L3, 3, lr=0.1, epochs=0), "epochs must be an integer in"),
        (lambda: train(X3, L3, 3, lr=0.1, epochs=MAX_EPOCHS + 1), "epochs must be an integer in"),
        (lambda: train(X3, L3, 2, lr=0.1, epochs=5), r"labels must lie in \[0, 1\]"),
        (lambda: train(X3, L3[:5], 3, lr=0.1, epochs=5), "labels must have one entry per row"),
        (lambda: train(X3, L3, 3, lr=0.1, epochs=5, bug="typo"), "bug must be one of"),
        (lambda: train(X3[:, 0], L3, 3, lr=0.1, epochs=5), "X must be a matrix"),
        (lambda: train_with_full_jacobian(X3, L3, 3, lr=0.0, epochs=5), "lr must be"),
        (lambda: predict(np.zeros((2, 3)), np.zeros(3), [[1.0, 2.0, 3.0]]), "X must have 2"),
        (lambda: decision_grid(np.zeros((3, 2)), np.zeros(2)), "W must have 2 rows"),
        (lambda: decision_grid(np.zeros((2, 2)), np.zeros(2), (1, 0)), "x_range must be finite"),
        (lambda: decision_grid(np.zeros((2, 2)), np.zeros(2), resolution=1), "resolution must"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: train(X3, L3, 3, lr="0.1", epochs=5),
        lambda: train(X3, L3, 3, lr=True, epochs=5),
        lambda: train(X3, L3, 3, lr=0.1, epochs=2.5),
        lambda: train(X3, L3, 3, lr=0.1, epochs=5, callback="print"),
        lambda: make_blobs(10.0),
        lambda: one_hot(["a"], 3),
        lambda: one_hot([True, False], 2),
    ],
)
def test_values_of_the_wrong_type_raise_type_error(call):
    with pytest.raises(TypeError):
        call()
