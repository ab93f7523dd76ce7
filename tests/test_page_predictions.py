"""Every step's prediction round, run headless: right, wrong sign, too far, a usual slip
and "Show me", each with the learner's default numbers (x = 2, 1, 0.1, true class 1).

The true values are worked out here from the exponentials, not taken from the app.
"""

import math

import numpy as np
import pytest

from sce_ui.fmt import percent, tex
from tests.app_checks import EDGE_QUERIES, open_checked, run_app_page, show_me
from tests.runs import spread

E = [math.exp(2.0), math.exp(1.0), math.exp(0.1)]
P1, P2 = E[0] / sum(E), E[1] / sum(E)

# page, title, widget key, the value it hides, a usual slip with its name, and a formula
# that the page shows only once the value is revealed.
ROUNDS = {
    "shift": (
        "pages/1_Softmax.py", "Step 1 · Softmax", "predict_shift", P1,
        (math.exp(5.0) * P1, "numerator by e^c"), r"\hat y_i(x + c)",
    ),
    "loss": (
        "pages/2_Cross_entropy.py", "Step 2 · Cross-entropy", "predict_loss", -math.log(P1),
        (1 - P1, "1 − ŷ"), r"\begin{aligned}L &=",
    ),
    "entry": (
        "pages/3_Softmax_derivative.py", "Step 3 · Derivative of softmax", "predict_entry",
        -P1 * P2, (P1 * P2, "raising another logit"), r"S &= \textstyle\sum_k",
    ),
    "slope": (
        "pages/4_Cross_entropy_derivative.py", "Step 4 · Derivative of cross-entropy",
        "predict_slope", -1 / P1, (P1 - 1, "with respect to the logit x"),
        r"\sum_{i=1}^{n} \underbrace",
    ),
    "term": (
        "pages/5_Chain_rule.py", "Step 5 · Chain rule", "predict_term", P1 - 1,
        (-1 / P1, "the first factor"), r"T_{i,1} = \underbrace",
    ),
    "gradient": (
        "pages/6_Simplification.py", "Step 6 · Simplification", "predict_gradient", P1 - 1,
        (1 - P1, "sign of ŷ − y"), r"\boxed{\begin{aligned}",
    ),
}  # fmt: skip


def text(value: float) -> str:
    """The answer as a learner types it: 4 significant digits."""
    return f"{value:.4g}"


def hidden_shown(at, marker: str) -> bool:
    return any(marker in el.value for el in at.latex)


def answer(name: str, typed: str, **query: str):
    page, title, key, *_ = ROUNDS[name]
    at = open_checked(page, title, 30, **query)
    at.text_input(key=key).input(typed)
    at.button(key=f"{key}_check").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def value_shown(at, truth: float) -> bool:
    return any(el.value.strip("$\n").endswith(f"= {tex(truth)}") for el in at.latex)


@pytest.mark.parametrize("name", ROUNDS)
def test_the_value_is_hidden_until_asked(name):
    page, title, key, truth, _, marker = ROUNDS[name]
    at = open_checked(page, title, 30)
    assert at.text_input(key=key).label == "Your prediction"
    assert not hidden_shown(at, marker) and not value_shown(at, truth)


@pytest.mark.parametrize("name", ROUNDS)
def test_a_right_answer_is_graded_right_and_reveals(name):
    *_, truth, _, marker = ROUNDS[name]
    at = answer(name, text(truth))
    (verdict,) = at.success
    assert verdict.value.startswith("You predicted") and "Right:" in verdict.value
    assert not at.error
    assert value_shown(at, truth) and hidden_shown(at, marker)
    assert any("relative error is at most 1" in c.value for c in at.caption)


@pytest.mark.parametrize("name", ROUNDS)
def test_the_wrong_sign_is_said(name):
    *_, truth, _, marker = ROUNDS[name]
    at = answer(name, text(-truth))
    (verdict,) = at.error
    side = "positive" if truth > 0 else "negative"
    assert f"Wrong sign: the value is {side}" in verdict.value and not at.success
    assert value_shown(at, truth) and hidden_shown(at, marker)


@pytest.mark.parametrize("name", ROUNDS)
def test_a_right_sign_too_far_off_says_how_far(name):
    *_, truth, _, _ = ROUNDS[name]
    typed = text(1.5 * truth)
    at = answer(name, typed)
    (verdict,) = at.error
    off = abs(float(typed) - truth) / abs(truth)
    assert 0.49 < off < 0.51
    assert f"Right sign, but {percent(off)} off." in verdict.value


@pytest.mark.parametrize("name", ROUNDS)
def test_a_usual_slip_is_named(name):
    *_, (slip, words), _ = ROUNDS[name]
    at = answer(name, text(slip))
    assert at.error
    named = [m.value for m in at.markdown if "usual slip" in m.value]
    assert len(named) == 1 and words in named[0]


@pytest.mark.parametrize("name", ROUNDS)
def test_show_me_skips_the_prediction(name):
    page, title, key, truth, _, marker = ROUNDS[name]
    at = show_me(open_checked(page, title, 30), key)
    assert value_shown(at, truth) and hidden_shown(at, marker)
    assert not at.success and not at.error
    assert not any("relative error" in c.value for c in at.caption)


def test_an_unreadable_answer_asks_for_a_number_and_keeps_the_value_hidden():
    *_, truth, _, marker = ROUNDS["loss"]
    at = answer("loss", "$\\href{javascript:alert(1)}{x}$")
    (notice,) = at.warning
    assert "Type a number" in notice.value and "href" not in notice.value
    assert not hidden_shown(at, marker) and not value_shown(at, truth)


def test_the_question_follows_the_learners_numbers():
    # x = (0, 0, 0): ŷ₁ = 1/3 and L = log 3.
    at = answer("loss", "1.099", x1="0", x2="0", x3="0")
    assert at.success and value_shown(at, math.log(3.0))


def test_new_numbers_ask_again_but_keep_the_page_open():
    *_, marker = ROUNDS["gradient"]
    at = answer("gradient", text(P1 - 1))
    at.slider(key="x1").set_value(0.0).run()
    assert not at.exception
    assert any("predict again" in c.value for c in at.caption)
    assert not at.success and hidden_shown(at, marker)


def test_another_class_on_step_6_asks_about_that_class():
    at = answer("gradient", "0")  # j = 1 first, then class 2, where ∂L/∂x₂ = ŷ₂
    at.radio(key="simp_j").set_value(2).run()
    at.text_input(key="predict_gradient").input("0")
    at.button(key="predict_gradient_check").click().run()
    named = [m.value for m in at.markdown if "usual slip" in m.value]
    assert value_shown(at, P2) and "i ≠ j terms" in named[0]


def test_the_sidebar_counts_steps_and_predictions_for_the_session():
    at = run_app_page("pages/1_Softmax.py")
    progress = at.get("progress")
    assert "Steps visited: 1 of 6" in progress[0].proto.text
    assert "No prediction made yet" in progress[0].proto.text
    at.text_input(key="predict_shift").input(text(P1))
    at.button(key="predict_shift_check").click().run()
    at.switch_page("pages/2_Cross_entropy.py").run()
    at.text_input(key="predict_loss").input("0.1")
    at.button(key="predict_loss_check").click().run()
    assert not at.exception
    shown = at.get("progress")[0].proto.text
    assert "Steps visited: 2 of 6" in shown and "2 predictions made, 1 right" in shown
    # Checking the same question again counts it once, by its last answer.
    at.text_input(key="predict_loss").input(text(-math.log(P1)))
    at.button(key="predict_loss_check").click().run()
    assert "2 predictions made, 2 right" in at.get("progress")[0].proto.text


def test_step_6_asks_before_it_collapses_the_sum():
    page, title, key, *_ = ROUNDS["gradient"]
    at = open_checked(page, title, 30)
    assert not any(r"\cancel" in el.value for el in at.latex)
    assert any(r"\cancel" in el.value for el in show_me(at, key).latex)


def hidden_value(name: str, x, label: int) -> float:
    """What each step asks at the defaults of its own controls (c = 5, entry (1, 2), j = 1)."""
    x = np.asarray(x, float)
    m = x.max()
    log_p = x - m - math.log(np.exp(x - m).sum())
    p = np.exp(log_p)
    first = 1.0 if label == 1 else 0.0
    return {
        "shift": p[label - 1],
        "loss": -log_p[label - 1],
        "entry": -p[0] * p[1],
        "slope": -1.0 / p[label - 1],
        "term": p[0] - first,
        "gradient": p[0] - first,
    }[name]


@pytest.mark.parametrize(
    ("name", "edge"),
    [
        pytest.param(name, edge, id=f"{name}-{edge}")
        for name, edge in spread(list(ROUNDS), EDGE_QUERIES)
    ],
)
def test_every_prediction_holds_at_the_edges(name, edge):
    truth = hidden_value(name, edge.x, edge.label)
    at = answer(name, text(truth), **edge.query)
    assert at.success and not at.error, [e.value for e in at.error]
    assert value_shown(at, truth)


def test_a_link_brings_the_typed_answer_back_but_not_yet_checked():
    page, title, key, truth, _, marker = ROUNDS["loss"]
    at = open_checked(page, title, 30, predict_loss="0.417")
    assert at.text_input(key=key).value == "0.417"
    assert not hidden_shown(at, marker) and not at.success
    at.button(key=f"{key}_check").click().run()
    assert at.success and value_shown(at, truth)
