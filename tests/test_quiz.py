"""Self-check questions (`sce_core.quiz`) and grading (`sce_core.grading`).

Hand-checked fixtures with logits whose softmax is exact (0, log 3) and (0, log 2, log 5),
properties over many seeds, and sympy, scipy.special, mpmath and finite differences as
oracles for the answers. The questions' text is tested in tests/test_latex_quiz.py.
"""

import math

import mpmath
import numpy as np
import pytest
import scipy.special
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from sce_core import (
    GRADE_RTOL,
    QUESTION_KINDS,
    VERDICTS,
    Grade,
    Question,
    check_answer,
    cross_entropy_from_logits,
    grade,
    make_question,
    numerical_grad,
    parse_answer,
    usual_mistake,
)

LOG2, LOG3, LOG5 = math.log(2.0), math.log(3.0), math.log(5.0)
PROPERTY = settings(max_examples=40, deadline=None)
SEEDS = st.integers(0, 2**32)
KINDS = st.sampled_from(QUESTION_KINDS)
NUMERIC = [k for k in QUESTION_KINDS if k not in ("gradient_sign", "largest_push")]
# softmax(0, log 2, log 5) = (1, 2, 5) / 8
P125 = np.array([1, 2, 5]) / 8


def onehot(n, t):
    return np.eye(n)[t]


# --- hand-checked fixtures --------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_jacobian_entry_fixture_two_classes(seed):
    # y_hat = (1/4, 3/4): every diagonal entry is 3/16, every other -3/16.
    q = make_question("jacobian_entry", seed, logits=[0.0, LOG3])
    s = q.setting
    assert s.label is None and s.y is None
    expected = 3 / 16 if s.i == s.j else -3 / 16
    assert q.answer == pytest.approx(expected, rel=1e-14)
    assert check_answer(q, f"{expected:.3f}").right
    assert q.rtol == GRADE_RTOL


@pytest.mark.parametrize("seed", range(10))
def test_jacobian_entry_fixture_three_classes(seed):
    q = make_question("jacobian_entry", seed, logits=[0.0, LOG2, LOG5])
    i, j = q.setting.i, q.setting.j
    expected = P125[i] * (1 - P125[i]) if i == j else -P125[i] * P125[j]
    assert q.answer == pytest.approx(expected, rel=1e-14)
    np.testing.assert_allclose(q.values["y_hat"], P125, rtol=1e-14)


@pytest.mark.parametrize("seed", range(6))
def test_gradient_sign_fixture(seed):
    # y_hat = (1/4, 3/4), true class 2: dL/dx = (1/4, -1/4).
    q = make_question("gradient_sign", seed, logits=[0.0, LOG3], label=1)
    j = q.setting.j
    assert q.answer == (1.0 if j == 0 else -1.0)
    assert q.values["grad"] == pytest.approx(0.25 if j == 0 else -0.25, rel=1e-14)
    assert q.rtol == 0.0


@pytest.mark.parametrize(("label", "expected"), [(0, 3.0), (1, 3.0), (2, 2.0)])
def test_largest_push_fixture(label, expected):
    # dL/dx = P125 - y: for label 0 (-7/8, 2/8, 5/8), label 2 (1/8, 2/8, -3/8). The largest
    # positive component, the hardest push down, is the largest wrong y_hat.
    q = make_question("largest_push", 0, logits=[0.0, LOG2, LOG5], label=label)
    assert q.answer == expected and q.rtol == 0.0
    np.testing.assert_allclose(q.values["grad"], P125 - onehot(3, label), atol=1e-15)
    assert usual_mistake(q, label + 1) == "true_class"


@pytest.mark.parametrize(("label", "expected"), [(0, math.log(4.0)), (1, math.log(4 / 3))])
def test_loss_value_fixture(label, expected):
    q = make_question("loss_value", 3, logits=[0.0, LOG3], label=label)
    assert q.answer == pytest.approx(expected, rel=1e-15)
    assert q.values["lse"] == pytest.approx(math.log(4.0), rel=1e-15)
    assert usual_mistake(q, f"{expected / math.log(10):.4f}") == "log10"


@pytest.mark.parametrize("seed", range(8))
def test_chain_rule_term_fixture(seed):
    # True class 3, y_hat = (1, 2, 5)/8: dL/dy_hat_3 = -8/5; the term of i = 3 is
    # -(1 - 5/8) = -3/8 for j = 3 and y_hat_j for j != 3.
    q = make_question("chain_rule_term", seed, logits=[0.0, LOG2, LOG5], label=2)
    j = q.setting.j
    assert q.answer == pytest.approx(-3 / 8 if j == 2 else P125[j], rel=1e-14)
    assert q.values["dL_dyhat"] == pytest.approx(-8 / 5, rel=1e-14)
    assert q.values["dL_dyhat"] * q.values["jacobian"] == pytest.approx(q.answer, rel=1e-14)
    assert usual_mistake(q, -1.6) == "dL_dyhat_only"
    assert usual_mistake(q, q.values["jacobian"]) == "jacobian_only"


@pytest.mark.parametrize("seed", range(8))
def test_soft_label_gradient_fixture(seed):
    q = make_question("soft_label_gradient", seed, logits=[0.0, LOG2, LOG5], label=1)
    y, j = np.array(q.setting.y), q.setting.j
    assert (y >= 0).all() and y[1] >= 0.5 and y.max() <= 1.0
    assert q.answer == pytest.approx(P125[j] * y.sum() - y[j], rel=1e-13, abs=1e-15)
    assert q.values["sum_y"] == pytest.approx(y.sum())
    if not math.isclose(y.sum(), 1.0):
        assert usual_mistake(q, P125[j] - y[j]) == "forgot_sum_y"


@pytest.mark.parametrize("seed", range(8))
def test_temperature_gradient_fixture(seed):
    q = make_question("temperature_gradient", seed, logits=[0.0, LOG2 * 2], label=0)
    T, j = q.setting.temperature, q.setting.j
    p = scipy.special.softmax(np.array([0.0, LOG2 * 2]) / T)
    assert T in (0.5, 2.0, 4.0)
    assert q.answer == pytest.approx((p[j] - (j == 0)) / T, rel=1e-13)
    assert usual_mistake(q, p[j] - (j == 0)) == "forgot_temperature"
    assert usual_mistake(q, -q.answer) == "sign"


@pytest.mark.parametrize("seed", range(8))
def test_batch_mean_gradient_fixture(seed):
    q = make_question("batch_mean_gradient", seed, logits=[0.0, LOG3], label=1)
    s = q.setting
    B, j = len(s.batch), s.j
    assert B in (2, 3) and s.row == 0 and s.batch[0] == (0.0, LOG3)
    assert s.batch_labels[0] == 1 and len(s.batch_labels) == B
    assert q.answer == pytest.approx(([0.25, 0.75][j] - (j == 1)) / B, rel=1e-14)
    assert usual_mistake(q, [0.25, -0.25][j]) == "forgot_mean"


# --- properties over seeds ----------------------------------------------------------------


@PROPERTY
@given(KINDS, SEEDS)
def test_same_seed_same_question(kind, seed):
    assert make_question(kind, seed) == make_question(kind, seed)


@PROPERTY
@given(KINDS, SEEDS)
def test_a_drawn_setting_is_in_range(kind, seed):
    s = make_question(kind, seed).setting
    n = len(s.logits)
    assert n in (3, 4)
    assert all(-2.0 <= v <= 2.0 and round(v * 10) == pytest.approx(v * 10) for v in s.logits)
    for index in (s.label, s.i, s.j, s.row):
        assert index is None or 0 <= index < n
    assert s.y is None or (len(s.y) == n and min(s.y) >= 0 and sum(s.y) > 0)


@PROPERTY
@given(KINDS, SEEDS)
def test_the_exact_answer_is_right_and_its_negation_is_not(kind, seed):
    q = make_question(kind, seed)
    assert check_answer(q, q.answer).right
    assert check_answer(q, repr(q.answer)).right
    if q.answer != 0:
        assert check_answer(q, -q.answer).verdict == "wrong sign"
    assert usual_mistake(q, q.answer) is None


@PROPERTY
@given(st.sampled_from(NUMERIC), SEEDS)
def test_three_significant_digits_are_right(kind, seed):
    q = make_question(kind, seed)
    assert check_answer(q, f"{q.answer:.2e}").right


@PROPERTY
@given(st.sampled_from(NUMERIC), SEEDS)
def test_a_named_mistake_is_never_the_right_answer(kind, seed):
    q = make_question(kind, seed)
    for _, value in q.mistakes:
        named = usual_mistake(q, value)
        if check_answer(q, value).right:
            assert named is None
        else:
            assert named is not None  # each mistake's own value is recognised
            assert grade(value, dict(q.mistakes)[named], rtol=q.rtol).right


# Wide logits make float64 ties (both wrong y_hat underflow to 0 behind a logit of 800);
# the few sampled values make exact ties.
GIVEN_LOGITS = st.lists(
    st.one_of(st.floats(-1000, 1000), st.sampled_from([0.0, 1.0, 800.0])), min_size=3, max_size=10
)


@PROPERTY
@given(SEEDS, GIVEN_LOGITS, st.data())
def test_largest_push_matches_mpmath_even_where_floats_tie(seed, logits, data):
    label = data.draw(st.integers(0, len(logits) - 1))
    # 400 digits tell e^0 from e^(5e-324): any two different float64 logits give
    # different probabilities, so a tie here is a tie of the logits themselves.
    with mpmath.workdps(400):
        e = [mpmath.exp(mpmath.mpf(v)) for v in logits]
        total = mpmath.fsum(e)
        g = {k: v / total for k, v in enumerate(e) if k != label}  # dL/dx_k = y_hat_k - 0
        assert all(v > 0 for v in g.values())
        first, second = sorted(g, key=g.get, reverse=True)[:2]
        tie = g[first] == g[second]
    if tie:
        with pytest.raises(ValueError, match="largest_push has no single answer"):
            make_question("largest_push", seed, logits=logits, label=label)
    else:
        assert make_question("largest_push", seed, logits=logits, label=label).answer == first + 1


@pytest.mark.parametrize(
    ("logits", "label", "expected"),
    [
        ([800.0, 0.0, 1.0], 0, 3),  # y_hat_2 = y_hat_3 = 0 in float64
        ([800.0, 1.0, -1.0, 0.0], 0, 2),
        ([-1.0, 0.0, 5e-324], 0, 3),  # e^0 == e^(5e-324) in float64
        ([-1.0, 1e-17, 0.0], 0, 2),  # 1 + 1e-17 rounds to 1
    ],
)
def test_largest_push_in_a_float_tie(logits, label, expected):
    q = make_question("largest_push", 0, logits=logits, label=label)
    assert q.answer == expected


@pytest.mark.parametrize(
    ("logits", "label", "classes"),
    [
        ([0.0, 1.0, 1.0], 0, "2 and 3"),
        ([2.0, -1.0, 0.5, 2.0], 1, "1 and 4"),
        ([0.5, 0.5, 0.5], 2, "1 and 2"),
    ],
)
def test_largest_push_with_tied_wrong_logits_has_no_single_answer(logits, label, classes):
    match = rf"no single answer .* true class {label + 1}: wrong classes {classes} tie"
    with pytest.raises(ValueError, match=match):
        make_question("largest_push", 0, logits=logits, label=label)


def test_largest_push_allows_the_true_class_to_tie_with_a_wrong_one():
    q = make_question("largest_push", 0, logits=[1.0, 1.0, 0.0], label=0)
    assert q.answer == 2.0


@PROPERTY
@given(SEEDS)
def test_a_drawn_largest_push_has_a_clear_winner_among_the_wrong_classes(seed):
    q = make_question("largest_push", seed)
    t = q.setting.label
    p = scipy.special.softmax(q.setting.logits)
    wrong = sorted((v, k + 1) for k, v in enumerate(p) if k != t)
    assert wrong[-1][1] == q.answer != t + 1
    assert wrong[-1][0] - wrong[-2][0] > 1e-3


def test_drawn_largest_push_answers_vary():
    qs = [make_question("largest_push", s) for s in range(60)]
    assert {q.answer for q in qs} == {1.0, 2.0, 3.0, 4.0}
    assert all(q.answer != q.setting.label + 1 for q in qs)
    # the answer is not the class with the largest logit overall either
    assert any(q.answer != np.argmax(q.setting.logits) + 1 for q in qs)


def test_drawn_questions_vary_and_cover_both_cases():
    jac = [make_question("jacobian_entry", s).setting for s in range(60)]
    signs = [make_question("gradient_sign", s).answer for s in range(60)]
    temps = {make_question("temperature_gradient", s).setting.temperature for s in range(30)}
    rows = {len(make_question("batch_mean_gradient", s).setting.batch) for s in range(30)}
    assert len({s.logits for s in jac}) > 50
    assert 10 < sum(s.i == s.j for s in jac) < 50  # about half on the diagonal
    assert 10 < signs.count(1.0) < 50 and 10 < signs.count(-1.0) < 50
    assert temps == {0.5, 2.0, 4.0} and rows == {2, 3}


# --- oracles ------------------------------------------------------------------------------


def _sympy_loss(q):
    """The question's loss as a sympy expression of its logits, with their exact values."""
    s = q.setting
    rows = s.batch or (s.logits,)
    labels = s.batch_labels or (s.label,)
    n = len(s.logits)
    sym = sympy.symbols(f"x0:{n}")
    values = [sympy.Rational(round(v * 10), 10) for v in s.logits]  # drawn: one decimal
    T = sympy.nsimplify(s.temperature)
    y = [sympy.nsimplify(v) for v in (s.y or onehot(n, s.label))]
    total = 0
    for b, (row, label) in enumerate(zip(rows, labels, strict=True)):
        xs = sym if b == 0 else [sympy.Rational(round(v * 10), 10) for v in row]
        yb = y if b == 0 else [int(k == label) for k in range(n)]
        lse = sympy.log(sum(sympy.exp(v / T) for v in xs))
        total += -sum(yk * (xk / T - lse) for yk, xk in zip(yb, xs, strict=True))
    return total / len(rows), sym, dict(zip(sym, values, strict=True))


@pytest.mark.parametrize(
    "kind",
    ["soft_label_gradient", "temperature_gradient", "batch_mean_gradient", "chain_rule_term"],
)
@pytest.mark.parametrize("seed", range(4))
def test_gradient_kinds_match_sympy(kind, seed):
    q = make_question(kind, seed)
    loss, sym, at = _sympy_loss(q)
    exact = sympy.diff(loss, sym[q.setting.j]).subs(at)
    assert q.answer == pytest.approx(float(sympy.N(exact, 30)), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("seed", range(8))
def test_jacobian_entry_matches_sympy(seed):
    q = make_question("jacobian_entry", seed)
    # Drawn logits have one decimal: exact as rationals.
    xs = [sympy.Rational(round(v * 10), 10) for v in q.setting.logits]
    sym = sympy.symbols(f"x0:{len(xs)}")
    y_i = sympy.exp(sym[q.setting.i]) / sum(sympy.exp(v) for v in sym)
    exact = sympy.diff(y_i, sym[q.setting.j]).subs(dict(zip(sym, xs, strict=True)))
    assert q.answer == pytest.approx(float(sympy.N(exact, 30)), rel=1e-13, abs=1e-16)


@pytest.mark.parametrize("seed", range(8))
def test_loss_value_matches_scipy(seed):
    q = make_question("loss_value", seed)
    expected = -scipy.special.log_softmax(q.setting.logits)[q.setting.label]
    assert q.answer == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("seed", range(8))
def test_gradient_sign_matches_finite_differences(seed):
    q = make_question("gradient_sign", seed)
    y = onehot(len(q.setting.logits), q.setting.label)
    fd = numerical_grad(lambda v: float(cross_entropy_from_logits(v, y)), q.setting.logits)
    assert q.answer == np.sign(fd[q.setting.j])


@pytest.mark.parametrize("seed", range(8))
def test_largest_push_matches_finite_differences(seed):
    q = make_question("largest_push", seed)
    t = q.setting.label
    y = onehot(len(q.setting.logits), t)
    fd = numerical_grad(lambda v: float(cross_entropy_from_logits(v, y)), q.setting.logits)
    wrong = np.delete(np.arange(fd.size), t)
    assert (fd[wrong] > 0).all()  # every wrong logit is pushed down
    assert q.answer == wrong[np.argmax(fd[wrong])] + 1


# --- checking answers ---------------------------------------------------------------------


@pytest.fixture
def log4_question():
    return make_question("loss_value", 0, logits=[0.0, LOG3], label=0)  # log 4 = 1.3863


@pytest.mark.parametrize(
    "answer", [1.386, "1.386", " 1.3863 ", "+1.386", 1.39, 1.375, "1386/1000", 1.386294]
)
def test_close_answers_are_accepted(log4_question, answer):
    g = check_answer(log4_question, answer)
    assert isinstance(g, Grade) and g.right and g.verdict == "right"


@pytest.mark.parametrize(
    ("answer", "verdict"),
    [
        (1.41, "too far"),
        (1.37, "too far"),
        ("-1.386", "wrong sign"),
        (0, "too far"),
        ("1/4", "too far"),
        (2 * math.log(4.0), "too far"),
    ],
)
def test_wrong_answers_are_rejected(log4_question, answer, verdict):
    assert check_answer(log4_question, answer).verdict == verdict


def test_a_tiny_value_is_graded_by_its_own_digits():
    # Issue 9: d y_hat_3 / d x_2 = -6.08e-6 took +0.001, and 0, under a fixed ±0.002.
    q = make_question("jacobian_entry", 0, logits=[0.0, 12.0])
    assert abs(q.answer) < 1e-5
    assert check_answer(q, q.answer).right
    assert check_answer(q, f"{q.answer:.2e}").right
    assert not check_answer(q, 0).right
    assert not check_answer(q, math.copysign(0.001, -q.answer)).right
    assert not check_answer(q, math.copysign(0.001, q.answer)).right


def test_discrete_answers_must_be_exact():
    q = make_question("gradient_sign", 0, logits=[0.0, LOG3], label=1)
    right = int(q.answer)
    for typed in (right, f"{right:+d}", float(right), f"{right}.0"):
        assert check_answer(q, typed).right
    assert check_answer(q, -right).verdict == "wrong sign"
    assert check_answer(q, right * 0.999).verdict == "too far"


def test_a_unicode_minus_is_read_as_minus():
    q = make_question("jacobian_entry", 0, logits=[0.0, LOG3])
    assert check_answer(q, f"{q.answer:.4f}".replace("-", "−")).right


@pytest.mark.parametrize(
    ("answer", "error", "match"),
    [
        ("abc", ValueError, "answer must be a number.*'abc' is not one"),
        ("", ValueError, "it is empty"),
        ("1/0", ValueError, "is not one"),
        ("nan", ValueError, "is not one"),
        (math.inf, ValueError, "answer must be finite"),
        (None, TypeError, "answer must be a real number"),
        (True, TypeError, "answer must be a real number"),
        ([1.0], TypeError, "answer must be a real number"),
    ],
)
def test_answers_that_are_not_numbers_raise_naming_the_answer(log4_question, answer, error, match):
    with pytest.raises(error, match=match):
        check_answer(log4_question, answer)


def test_check_answer_needs_a_question():
    with pytest.raises(TypeError, match="question must be a Question"):
        check_answer({"answer": 1.0}, 1.0)


def test_a_mistake_that_gives_the_truth_is_never_named():
    # Labels summing to 1: y_hat sum(y) - y = y_hat - y, so forgetting sum(y) is no mistake.
    for seed in range(40):
        q = make_question("soft_label_gradient", seed, logits=[0.0, 1.0, 2.0], label=2)
        if math.isclose(sum(q.setting.y), 1.0):
            assert (
                usual_mistake(q, q.values["y_hat"][q.setting.j] - q.setting.y[q.setting.j]) is None
            )
            break
    else:
        pytest.fail("no drawn soft label summed to 1")


# --- bad settings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: make_question("softmax_value", 0), "kind must be one of"),
        (lambda: make_question("loss_value", -1), "seed must be an integer in"),
        (lambda: make_question("loss_value", 0, logits=[1.0]), "logits must be one vector"),
        (lambda: make_question("loss_value", 0, logits=[0.0] * 11), "logits must be one vector"),
        (lambda: make_question("loss_value", 0, logits=[[0.0, 1.0]]), "logits must be one vector"),
        (lambda: make_question("loss_value", 0, logits=[0.0, np.nan]), "logits must be finite"),
        (lambda: make_question("loss_value", 0, logits=[0.0, 1.0], label=2), "label must be"),
        (lambda: make_question("gradient_sign", 0, logits=[0.0, 1.0], label=-1), "label must"),
        (lambda: make_question("largest_push", 0, logits=[0.0, 1.0]), "at least 3 logits"),
        (lambda: make_question("largest_push", 0, logits=[0.0, 1.0, 2.0], label=3), "label must"),
        (lambda: make_question("batch_mean_gradient", 0, logits=[0.0, 1.0], label=5), "label"),
    ],
)
def test_bad_settings_raise_value_error_naming_the_argument(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.mark.parametrize(
    "call",
    [
        lambda: make_question("loss_value", 1.5),
        lambda: make_question("loss_value", None),
        lambda: make_question("loss_value", 0, logits=[0.0, 1.0], label=1.0),
        lambda: make_question("loss_value", 0, logits=["a", "b"]),
    ],
)
def test_values_of_the_wrong_type_raise_type_error(call):
    with pytest.raises(TypeError):
        call()


def test_label_is_ignored_for_jacobian_entries():
    q = make_question("jacobian_entry", 2, logits=[0.0, LOG3], label=1)
    assert q.setting.label is None


@pytest.mark.parametrize("kind", QUESTION_KINDS)
def test_ten_classes_work_for_every_kind(kind):
    q = make_question(kind, 3, logits=[0.0, 1.0, 2.0, 0.5, 0.25, 1.5, 3.0, 0.5, 1.0, -1.0], label=9)
    assert isinstance(q, Question) and math.isfinite(q.answer)


# --- grading by sign and significant digits -------------------------------------------------


def test_a_positive_answer_to_a_tiny_negative_value_is_a_wrong_sign():
    # Issue 9: for d y_hat_3 / d x_2 = -6.08e-6 the answer +0.001 was graded right.
    g = grade(0.001, -6.08e-6)
    assert (g.right, g.sign_right, g.verdict) == (False, False, "wrong sign")
    assert g.relative_error == pytest.approx(1.00608e-3 / 6.08e-6)
    assert not grade(0.001, -6.08e-6, atol=1.0).right  # no floor forgives a sign


@pytest.mark.parametrize(
    ("answer", "truth", "right", "verdict"),
    [
        (-6.08e-6, -6.08e-6, True, "right"),
        (-6.1e-6, -6.08e-6, True, "right"),  # 0.33% off
        (-6e-6, -6.08e-6, False, "too far"),  # 1.3% off
        (0.0, -6.08e-6, False, "too far"),  # 0 has no sign and is 100% off
        (-0.0285, -0.028497, True, "right"),
        (0.028, -0.028497, False, "wrong sign"),
        (1.39, math.log(4.0), True, "right"),  # 0.27% off
        (1.40, math.log(4.0), True, "right"),  # 0.99% off
        (1.41, math.log(4.0), False, "too far"),  # 1.7% off
        (0.0, 0.0, True, "right"),
        (-0.0, 0.0, True, "right"),
        (1e-300, 0.0, False, "not zero"),
        (100.5, 100.0, True, "right"),
        (101.5, 100.0, False, "too far"),
    ],
)
def test_grade_fixtures(answer, truth, right, verdict):
    g = grade(answer, truth)
    assert (g.right, g.verdict) == (right, verdict)
    assert g.rtol == GRADE_RTOL == 0.01
    assert g.verdict in VERDICTS


def test_relative_error_where_the_truth_is_zero():
    assert grade(0.0, 0.0).relative_error == 0.0
    assert grade(0.5, 0.0).relative_error == math.inf
    assert not grade(0.5, 0.0).sign_right


def test_rtol_zero_asks_for_the_exact_value():
    assert grade(3.0, 3.0, rtol=0).right
    assert grade(3.0000001, 3.0, rtol=0).verdict == "too far"
    assert grade(1.0, -1.0, rtol=0).verdict == "wrong sign"


def test_the_absolute_floor_helps_only_with_the_right_sign():
    # 1e-6 off 6.08e-6 is 16%: too far by rtol, right under a floor of 2e-6.
    assert grade(7.08e-6, 6.08e-6).verdict == "too far"
    assert grade(7.08e-6, 6.08e-6, atol=2e-6).right
    assert grade(-7.08e-6, 6.08e-6, atol=1.0).verdict == "wrong sign"
    assert grade(0.0, 6.08e-6, atol=1.0).verdict == "too far"  # 0 is not a sign


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: grade(math.nan, 1.0), ValueError, "answer must be finite"),
        (lambda: grade(1.0, math.inf), ValueError, "truth must be finite"),
        (lambda: grade(1.0, 1.0, rtol=-0.1), ValueError, "rtol must be >= 0"),
        (lambda: grade(1.0, 1.0, rtol=math.nan), ValueError, "rtol must be finite"),
        (lambda: grade(1.0, 1.0, atol=-1e-9), ValueError, "atol must be >= 0"),
        (lambda: grade("1", 1.0), TypeError, "answer must be a real number"),
        (lambda: grade(1.0, None), TypeError, "truth must be a real number"),
        (lambda: grade(True, 1.0), TypeError, "answer must be a real number"),
    ],
)
def test_grade_refuses_bad_arguments_naming_them(call, error, match):
    with pytest.raises(error, match=match):
        call()


FINITE = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)
NONZERO = FINITE.filter(lambda v: abs(v) > 1e-300)


@PROPERTY
@given(NONZERO)
def test_any_three_significant_digit_rounding_is_right(truth):
    assert grade(float(f"{truth:.2e}"), truth).right


@PROPERTY
@given(NONZERO, FINITE)
def test_an_answer_of_the_other_sign_is_never_right(truth, answer):
    g = grade(answer, truth, atol=abs(answer) + abs(truth))
    if answer * truth < 0:
        assert (g.right, g.sign_right, g.verdict) == (False, False, "wrong sign")
    assert g.right == (g.verdict == "right")


@PROPERTY
@given(NONZERO, st.floats(0, 0.5))
def test_right_means_within_rtol_of_the_truth(truth, rtol):
    off = truth * (1 + 2 * rtol + 1e-9)
    assert not grade(off, truth, rtol=rtol).right
    g = grade(truth * (1 + rtol / 2), truth, rtol=rtol)
    assert g.right and g.relative_error <= rtol
    assert g.rtol == rtol


@PROPERTY
@given(FINITE, NONZERO)
def test_grade_agrees_with_mpmath(answer, truth):
    with mpmath.workdps(50):
        rel = abs(mpmath.mpf(answer) - mpmath.mpf(truth)) / abs(mpmath.mpf(truth))
    g = grade(answer, truth)
    assert g.relative_error == pytest.approx(float(rel), rel=1e-12)
    if rel < 0.0099:
        assert g.right == (answer != 0 and (answer > 0) == (truth > 0))
    if rel > 0.0101:
        assert not g.right


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.25", 0.25),
        ("-1", -1.0),
        ("1/4", 0.25),
        ("2.5e-3", 0.0025),
        ("6.08E-6", 6.08e-6),
        ("−0.1", -0.1),
        (" +2 ", 2.0),
        ("- 1 / 3", -1 / 3),
        ("0", 0.0),
    ],
)
def test_parse_answer_reads_what_a_learner_types(text, value):
    assert parse_answer(text) == value


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("", "answer must be a number.*it is empty"),
        ("  ", "answer must be a number.*it is empty"),
        ("abc", "answer must be a number.*'abc' is not one"),
        ("1,5", "'1,5' is not one"),
        ("1/0", "'1/0' is not one"),
        ("nan", "'nan' is not one"),
        ("inf", "'inf' is not one"),
        ("1e999", "answer must be a finite number"),
    ],
)
def test_parse_answer_refuses_what_is_not_a_number(text, match):
    with pytest.raises(ValueError, match=match):
        parse_answer(text)


def test_parse_answer_needs_text():
    with pytest.raises(TypeError, match="answer must be text"):
        parse_answer(0.25)


@PROPERTY
@given(FINITE)
def test_parse_answer_reads_back_what_repr_prints(value):
    assert parse_answer(repr(value)) == value
    assert parse_answer(repr(value).replace("-", "−")) == value
