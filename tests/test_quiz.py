"""Self-check questions (`sce_core.quiz`).

Hand-checked fixtures with logits whose softmax is exact (0, log 3) and (0, log 2, log 5),
properties over many seeds, and sympy, scipy.special and finite differences as oracles
for the answers.
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
    QUESTION_KINDS,
    Question,
    check_answer,
    cross_entropy_from_logits,
    make_question,
    numerical_grad,
)

LOG2, LOG3, LOG5 = math.log(2.0), math.log(3.0), math.log(5.0)
PROPERTY = settings(max_examples=40, deadline=None)
SEEDS = st.integers(0, 2**32)
KINDS = st.sampled_from(QUESTION_KINDS)
# softmax(0, log 2, log 5) = (1, 2, 5) / 8
P125 = np.array([1, 2, 5]) / 8


def balanced(latex):
    depth = 0
    for ch in latex.replace(r"\{", "").replace(r"\}", ""):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0 and latex.count(r"\left") == latex.count(r"\right")


# --- hand-checked fixtures --------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_jacobian_entry_fixture_two_classes(seed):
    # y_hat = (1/4, 3/4): every diagonal entry is 3/16, every other -3/16.
    q = make_question("jacobian_entry", seed, logits=[0.0, LOG3])
    s = q.setting
    assert s.label is None
    expected = 3 / 16 if s.i == s.j else -3 / 16
    assert q.answer == pytest.approx(expected, rel=1e-14)
    assert check_answer(q, f"{expected:.3f}")


@pytest.mark.parametrize("seed", range(10))
def test_jacobian_entry_fixture_three_classes(seed):
    q = make_question("jacobian_entry", seed, logits=[0.0, LOG2, LOG5])
    i, j = q.setting.i, q.setting.j
    expected = P125[i] * (1 - P125[i]) if i == j else -P125[i] * P125[j]
    assert q.answer == pytest.approx(expected, rel=1e-14)
    assert f"∂ŷ_{i + 1}/∂x_{j + 1}" in q.prompt
    assert f"row {i + 1}, column {j + 1}" in q.prompt


@pytest.mark.parametrize("seed", range(6))
def test_gradient_sign_fixture(seed):
    # y_hat = (1/4, 3/4), true class 2: dL/dx = (1/4, -1/4).
    q = make_question("gradient_sign", seed, logits=[0.0, LOG3], label=1)
    j = q.setting.j
    assert q.answer == (1.0 if j == 0 else -1.0)
    assert q.tolerance == 0.0
    assert "true class 2" in q.prompt
    assert f"∂L/∂x_{j + 1}" in q.prompt


@pytest.mark.parametrize(("label", "expected"), [(0, 1.0), (1, 2.0), (2, 3.0)])
def test_largest_push_fixture(label, expected):
    # dL/dx = P125 - y: for label 0 (-7/8, 1/4, 5/8), label 2 (1/8, 1/4, -3/8). The true
    # class always has the largest |.| and goes up.
    q = make_question("largest_push", 0, logits=[0.0, LOG2, LOG5], label=label)
    assert q.answer == expected
    assert q.answer_text.startswith(f"+{int(expected)}: class {int(expected)}")


@pytest.mark.parametrize(("label", "expected"), [(0, math.log(4.0)), (1, math.log(4 / 3))])
def test_loss_value_fixture(label, expected):
    q = make_question("loss_value", 3, logits=[0.0, LOG3], label=label)
    assert q.answer == pytest.approx(expected, rel=1e-15)
    assert f"{expected:.4f}" in q.solution[-1]


def test_the_prompt_shows_the_logits_and_one_based_classes():
    q = make_question("loss_value", 0, logits=[1.5, -0.25, 2.0], label=2)
    assert q.prompt.startswith("Logits x = (1.5, -0.25, 2), true class 3.")
    assert r"\left(1.5,\ -0.25,\ 2\right)" in q.prompt_latex
    assert r"y = \left(0,\ 0,\ 1\right)" in q.prompt_latex
    assert q.setting.logits == (1.5, -0.25, 2.0)
    assert q.setting.label == 2


def test_worked_solution_of_an_off_diagonal_jacobian_entry():
    q = make_question("jacobian_entry", 1, logits=[0.0, 1.0, 1.8])
    assert (q.setting.i, q.setting.j) == (1, 0)
    assert q.solution == (
        r"\hat y = \operatorname{softmax}(x) = \left(0.1024,\ 0.2783,\ 0.6193\right)",
        r"\frac{\partial \hat y_{2}}{\partial x_{1}} = -\hat y_{2}\,\hat y_{1} \qquad (i \ne j)",
        r"= -0.2783 \times 0.1024 = -0.0285",
    )


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
    for index in (s.label, s.i, s.j):
        assert index is None or 0 <= index < n


@PROPERTY
@given(KINDS, SEEDS)
def test_the_exact_answer_and_the_shown_answer_are_accepted(kind, seed):
    q = make_question(kind, seed)
    assert check_answer(q, q.answer)
    assert check_answer(q, str(q.answer))
    assert check_answer(q, q.answer_text.split()[0].rstrip(":"))


@PROPERTY
@given(KINDS, SEEDS)
def test_the_solution_is_balanced_latex_ending_in_the_answer(kind, seed):
    q = make_question(kind, seed)
    assert isinstance(q, Question) and q.kind == kind
    assert len(q.solution) >= 2
    assert all(balanced(line) for line in (*q.solution, q.prompt_latex))
    shown = f"{q.answer:.4f}" if q.tolerance else f"{q.answer:+.0f}"
    assert shown in q.solution[-1]


@PROPERTY
@given(SEEDS, st.lists(st.floats(-30, 30), min_size=3, max_size=10), st.data())
def test_largest_push_matches_mpmath_even_where_floats_tie(seed, logits, data):
    # At 60 digits, (30, 0, -7, -7) with true class 2 is no tie: |y_hat_2 - 1| exceeds
    # y_hat_1 by the two e^-37 terms, which float64 rounds away.
    label = data.draw(st.integers(0, len(logits) - 1))
    q = make_question("largest_push", seed, logits=logits, label=label)
    with mpmath.workdps(60):
        e = [mpmath.exp(mpmath.mpf(v)) for v in logits]
        total = mpmath.fsum(e)
        g = [v / total - (1 if k == label else 0) for k, v in enumerate(e)]
        # Inside the context: abs() rounds to the working precision.
        k = max(range(len(g)), key=lambda i: abs(g[i]))
    assert q.answer == -mpmath.sign(g[k]) * (k + 1)


@pytest.mark.parametrize(
    ("logits", "label"), [([30.0, 0.0, -7.0, -7.0], 1), ([12.0, -25.0, -1.0], 2)]
)
def test_largest_push_in_a_float_tie(logits, label):
    # In float64 the true class's |y_hat - y| ties with, or rounds below, the dominant wrong one.
    q = make_question("largest_push", 0, logits=logits, label=label)
    assert q.answer == label + 1


def test_drawn_questions_vary_and_cover_both_cases():
    jac = [make_question("jacobian_entry", s).setting for s in range(60)]
    signs = [make_question("gradient_sign", s).answer for s in range(60)]
    assert len({s.logits for s in jac}) > 50
    assert 10 < sum(s.i == s.j for s in jac) < 50  # about half on the diagonal
    assert 10 < signs.count(1.0) < 50 and 10 < signs.count(-1.0) < 50


# --- oracles ------------------------------------------------------------------------------


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
    y = np.eye(len(q.setting.logits))[q.setting.label]
    fd = numerical_grad(lambda v: float(cross_entropy_from_logits(v, y)), q.setting.logits)
    assert q.answer == np.sign(fd[q.setting.j])


@pytest.mark.parametrize("seed", range(8))
def test_largest_push_matches_finite_differences(seed):
    q = make_question("largest_push", seed)
    y = np.eye(len(q.setting.logits))[q.setting.label]
    fd = numerical_grad(lambda v: float(cross_entropy_from_logits(v, y)), q.setting.logits)
    k = int(np.argmax(np.abs(fd)))
    assert q.answer == -np.sign(fd[k]) * (k + 1)


# --- checking answers ---------------------------------------------------------------------


@pytest.fixture
def log4_question():
    return make_question("loss_value", 0, logits=[0.0, LOG3], label=0)  # log 4 = 1.3863


@pytest.mark.parametrize(
    "answer", [1.386, "1.386", " 1.3863 ", "+1.386", 1.3885, 1.3840, "1386/1000", 1.386294]
)
def test_close_answers_are_accepted(log4_question, answer):
    assert check_answer(log4_question, answer)


@pytest.mark.parametrize("answer", [1.39, 1.382, "-1.386", 0, "1/4", 2 * math.log(4.0)])
def test_wrong_answers_are_rejected(log4_question, answer):
    assert not check_answer(log4_question, answer)


def test_tolerance_is_relative_for_large_answers_and_absolute_for_small():
    big = make_question("loss_value", 0, logits=[0.0, 10.0], label=0)  # about 10.00005
    assert check_answer(big, big.answer + 0.015)  # 2e-3 * 10 = 0.02
    assert not check_answer(big, big.answer + 0.025)
    small = make_question("jacobian_entry", 0, logits=[0.0, -8.0])
    assert abs(small.answer) < 1e-3
    assert check_answer(small, 0)  # within the absolute 2e-3
    assert not check_answer(small, 0.003)


def test_discrete_answers_must_be_exact():
    q = make_question("gradient_sign", 0, logits=[0.0, LOG3], label=1)
    right = int(q.answer)
    assert (
        check_answer(q, right) and check_answer(q, f"{right:+d}") and check_answer(q, float(right))
    )
    assert check_answer(q, f"{right}.0")
    assert not check_answer(q, -right)
    assert not check_answer(q, right * 0.999)


def test_a_unicode_minus_is_read_as_minus():
    q = make_question("jacobian_entry", 0, logits=[0.0, LOG3])
    assert check_answer(q, f"{q.answer:.4f}".replace("-", "−"))


@pytest.mark.parametrize(
    ("answer", "match"),
    [
        ("abc", "Please enter a number.*'abc' is not a number"),
        ("", "the answer is empty"),
        ("   ", "the answer is empty"),
        ("1/0", "is not a number"),
        ("1,5", "is not a number"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        (math.inf, "not a finite number"),
        (math.nan, "not a finite number"),
        (None, "Please enter a number"),
        (True, "Please enter a number"),
        ([1.0], "Please enter a number"),
    ],
)
def test_answers_that_are_not_numbers_raise_a_friendly_value_error(log4_question, answer, match):
    with pytest.raises(ValueError, match=match):
        check_answer(log4_question, answer)


def test_check_answer_needs_a_question():
    with pytest.raises(TypeError, match="question must be a Question"):
        check_answer({"answer": 1.0}, 1.0)


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
