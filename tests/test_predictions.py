"""The question models of the steps (`sce_ui.models.predictions`), the slope view's model
(`sce_ui.models.slope`) and the progress summary (`sce_ui.progress.summarize`).

Each question's value is checked against mpmath at 40 digits, computed here from the
definitions; the grading against hand-picked answers.
"""

import math

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from sce_ui import fmt
from sce_ui.models import predictions as P
from sce_ui.models.slope import SWEEP_POINTS, slope_view
from sce_ui.progress import summarize

PROPERTY = settings(max_examples=40, deadline=None)
LOGITS = hnp.arrays(np.float64, st.integers(2, 10), elements=st.floats(-10, 10))
X = [2.0, 1.0, 0.1]


def exact_softmax(x) -> list[mpmath.mpf]:
    with mpmath.workdps(40):
        e = [mpmath.e ** mpmath.mpf(v) for v in x]
        return [v / mpmath.fsum(e) for v in e]


def exact(name: str, x, label: int, i: int, j: int, c: float = 5.0) -> float:
    """The value each question hides, from the definitions at 40 digits."""
    p = exact_softmax(x)
    with mpmath.workdps(40):
        delta = 1 if label == j else 0
        values = {
            "shift": exact_softmax([v + c for v in x])[label - 1],
            "loss": -mpmath.log(p[label - 1]),
            "entry": p[i - 1] * ((1 if i == j else 0) - p[j - 1]),
            "slope": -1 / p[label - 1],
            # T_cj = -(1/ŷ_c) ŷ_c (δ_cj - ŷ_j): the true class's term.
            "term": -(1 / p[label - 1]) * p[label - 1] * (delta - p[j - 1]),
            "gradient": p[j - 1] - delta,
        }
        return float(values[name])


def build(name: str, x, label: int, i: int, j: int, c: float = 5.0) -> P.Prediction:
    return {
        "shift": lambda: P.shift(x, c, label),
        "loss": lambda: P.loss(x, label),
        "entry": lambda: P.jacobian_entry(x, i, j),
        "slope": lambda: P.true_class_slope(x, label),
        "term": lambda: P.largest_term(x, label, j),
        "gradient": lambda: P.logit_gradient(x, label, j),
    }[name]()


NAMES = ["shift", "loss", "entry", "slope", "term", "gradient"]


@PROPERTY
@given(x=LOGITS, data=st.data())
@pytest.mark.parametrize("name", NAMES)
def test_every_question_hides_the_exact_value(name, x, data):
    n = x.size
    label, i, j = (data.draw(st.integers(1, n)) for _ in range(3))
    c = data.draw(st.floats(-10, 10))
    truth = exact(name, x, label, i, j, c)
    prediction = build(name, x, label, i, j, c)
    np.testing.assert_allclose(prediction.truth, truth, rtol=1e-9, atol=1e-300)


@pytest.mark.parametrize("name", NAMES)
def test_the_value_rounded_to_three_digits_is_right(name):
    prediction = build(name, X, 1, 2, 1)
    outcome = P.judge(prediction, f"{prediction.truth:.3g}")
    assert outcome.grade.right and outcome.mistake is None
    assert outcome.headline.startswith("Right")


@pytest.mark.parametrize("name", NAMES)
def test_the_explanation_ends_on_the_value(name):
    prediction = build(name, X, 1, 2, 1)
    assert fmt.tex(prediction.truth) in prediction.explanation
    assert prediction.symbol in prediction.explanation


def test_two_digits_can_be_too_few():
    # ∂L/∂ŷ₁ = -1/0.6590 = -1.5174: -1.5 is 1.1 % off, beyond the 1 % tolerance.
    outcome = P.judge(P.true_class_slope(X, 1), "-1.5")
    assert not outcome.grade.right and outcome.grade.sign_right
    assert outcome.headline == f"Right sign, but {fmt.percent(outcome.grade.relative_error)} off."


@pytest.mark.parametrize(
    ("prediction", "typed", "words"),
    [
        (P.shift(X, 5.0, 1), str(math.exp(5.0) * 0.659), "e^c"),
        (P.shift(X, 5.0, 1), "5.659", "adding c to the probability"),
        (P.loss(X, 1), "-0.417", "the sign"),
        (P.loss(X, 1), "0.1811", "base 10"),
        (P.jacobian_entry(X, 2, 1), "0.0827", "the i = j case"),
        (P.jacobian_entry(X, 1, 1), "0.659", "forgetting −ŷᵢ²"),
        (P.true_class_slope(X, 1), "0.417", "the loss −log ŷ itself"),
        (P.largest_term(X, 1, 2), "-0.1598", "∂ŷᵢ/∂xⱼ alone"),
        (P.logit_gradient(X, 1, 1), "-1.517", "with respect to ŷ"),
        (P.logit_gradient(X, 1, 2), "0", "the i ≠ j terms"),
        (P.logit_gradient(X, 1, 1), "0.659", "dropping yⱼ"),
    ],
)
def test_a_usual_mistake_is_named(prediction, typed, words):
    outcome = P.judge(prediction, typed)
    assert not outcome.grade.right
    assert outcome.mistake is not None and words in outcome.mistake


def test_a_slip_that_gives_the_right_value_is_not_a_mistake():
    # With j the true class, leaving out the i ≠ j terms (all 0) still gives ŷⱼ − 1.
    prediction = P.logit_gradient(X, 1, 1)
    same = next(m for m in prediction.mistakes if "i ≠ j" in m.name)
    assert P.matched_mistake(prediction, same.value) is None
    assert P.judge(prediction, str(same.value)).grade.right


def test_the_wrong_sign_and_exact_zero_have_their_own_words():
    assert P.judge(P.loss(X, 1), "-0.417").headline == "Wrong sign: the value is positive."
    zero = P.Prediction("q", "v", 0.0, "v = 0")
    assert P.judge(zero, "0.1").headline == "Not quite: the value is exactly 0."
    assert P.judge(P.loss(X, 1), "0").headline.startswith("Not quite: 0 has no sign")


def test_text_that_is_not_a_number_raises_naming_the_answer():
    with pytest.raises(ValueError, match="answer"):
        P.judge(P.loss(X, 1), "about a half")


def test_the_fingerprint_follows_the_numbers_and_the_class():
    base = P.logit_gradient(X, 1, 1).fingerprint
    assert P.logit_gradient(X, 1, 1).fingerprint == base
    assert P.logit_gradient(X, 1, 2).fingerprint != base
    assert P.logit_gradient([2.0, 1.0, 0.2], 1, 1).fingerprint != base


def test_the_tolerance_is_stated_from_the_one_used():
    assert "at most 1 %" in P.tolerance_text(0.01) and "at most 5 %" in P.tolerance_text(0.05)
    assert P.RTOL == 0.01


def test_the_slope_view_puts_the_nudge_beside_the_straight_line():
    view = slope_view(X, 1, 1.0, 3.0)
    # Hand-checked: J[:, 0] = (0.2247, -0.1598, -0.0650); softmax([3, 1, 0.1]) - softmax(X).
    assert view.table["straight line Jᵢⱼ·δ"] == [fmt.num(v) for v in (0.22472, -0.15976, -0.06496)]
    e = np.exp([3.0, 1.0, 0.1])
    actual = e / e.sum() - np.exp(X) / np.exp(X).sum()
    assert view.table["actual Δŷᵢ"] == [fmt.num(v) for v in actual]
    assert math.isclose(view.gap, actual[0] - 0.2247186378, rel_tol=1e-8)
    # The printed 0.181 - 0.225 is -0.044, not the gap's -0.0436: that cell says ≈.
    assert view.table["gap"][0] == f"≈ {fmt.num(view.gap)}" and len(view.notes) == 2
    assert view.deltas.shape == view.gaps.shape == (SWEEP_POINTS,)
    assert view.gaps[SWEEP_POINTS // 2] == 0.0  # no nudge, no gap


def test_progress_counts_the_steps_in_reading_order_and_each_question_once():
    summary = summarize(["pages/3_Softmax_derivative.py", "app.py", "1_Softmax.py"], {})
    assert summary.visited == ("Step 1 · Softmax", "Step 3 · Derivative of softmax")
    assert summary.steps == 6
    assert summary.lines() == ["Steps visited: 2 of 6", "No prediction made yet"]
    answers = {"a|1": True, "a|2": False, "b|1": True}
    assert summarize([], answers).lines()[1] == "3 predictions made, 2 right"
    assert summarize([], {"a|1": False}).lines()[1] == "1 prediction made, 0 right"
