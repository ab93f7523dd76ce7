"""The self-check's text (`sce_ui.latex.quiz`) and display model (`sce_ui.models.quiz`)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sce_core as core
from sce_ui.arithmetic import help_of
from sce_ui.fmt import num, tex
from sce_ui.latex.quiz import MISTAKES, quiz_text, tolerance_text
from sce_ui.models import quiz as quiz_model
from tests.arithmetic_checks import mismatches
from tests.latex_checks import balanced

PROPERTY = settings(max_examples=40, deadline=None)
KINDS = st.sampled_from(core.QUESTION_KINDS)
SEEDS = st.integers(0, 2**32)
LOG3 = math.log(3.0)


@PROPERTY
@given(KINDS, SEEDS)
def test_every_formula_is_balanced_and_the_solution_ends_in_the_shown_answer(kind, seed):
    q = core.make_question(kind, seed)
    text = quiz_text(q)
    assert all(balanced(line) for line in (*text.solution, text.prompt_latex))
    assert len(text.solution) >= 2
    shown = str(int(q.answer)) if kind == "largest_push" else tex(q.answer)
    if kind == "gradient_sign":
        shown = {1.0: "+1", -1.0: "-1", 0.0: "0"}[q.answer]
    assert shown in text.solution[-1]
    assert "_" not in text.prompt


@pytest.mark.parametrize("kind", core.QUESTION_KINDS)
def test_the_question_stands_on_its_own_line_after_the_givens(kind):
    q = core.make_question(
        kind, 3, logits=[0.0, 1.0, 2.0, 0.5, 0.25, 1.5, 3.0, 0.5, 1.0, -1.0], label=1
    )
    body = (
        quiz_text(q).prompt_latex.removeprefix(r"\begin{gathered}").removesuffix(r"\end{gathered}")
    )
    lines = body.split(r" \\ ")
    assert lines[0].startswith("x") and lines[-1].endswith(r"= \;?")


def test_a_tiny_jacobian_entry_is_shown_with_its_digits_not_as_zero():
    # Issue 9: the worked answer read "−0.0025 × 0.0025 = −0.0000".
    q = core.make_question("jacobian_entry", 0, logits=[0.0, 12.0])
    text = quiz_text(q)
    assert abs(q.answer) < 1e-5
    assert tex(q.answer) in text.solution[-1]
    assert "0.0000" not in text.solution[-1] and r"= -0.000" not in text.solution[-1]
    assert text.answer_text == num(q.answer)


def test_the_prompt_shows_the_logits_with_the_apps_formatter_and_one_based_classes():
    q = core.make_question("loss_value", 0, logits=[1.5, -0.25, 2.0], label=2)
    text = quiz_text(q)
    assert text.prompt.startswith(
        f"Logits x = ({num(1.5)}, {num(-0.25)}, {num(2.0)}), true class 3."
    )
    assert rf"\left({tex(1.5)},\ {tex(-0.25)},\ {tex(2.0)}\right)" in text.prompt_latex


def test_prompt_writes_two_digit_class_numbers_as_subscripts():
    prompts = {
        quiz_text(core.make_question("gradient_sign", seed, logits=[0.0] * 10, label=9)).prompt
        for seed in range(40)
    }
    assert any("∂L/∂x₁₀," in p for p in prompts)


def test_every_named_mistake_has_its_words():
    names = {
        name
        for kind in core.QUESTION_KINDS
        for seed in range(5)
        for name, _ in core.make_question(kind, seed).mistakes
    }
    assert names <= set(MISTAKES)


def test_the_tolerance_is_stated():
    assert "within 1% of the answer" in tolerance_text(0.01)
    assert "exact" in tolerance_text(0.0)


# --- the display model ---------------------------------------------------------------------


@pytest.fixture
def q():
    return core.make_question("jacobian_entry", 0, logits=[0.0, LOG3])  # ±3/16 = ±0.1875


def test_the_score_counts_each_question_once_by_its_last_answer(q):
    results = {}
    quiz_model.record(results, q, quiz_model.attempt(q, repr(q.answer)))
    assert quiz_model.tally(results) == (1, 1)
    quiz_model.record(results, q, quiz_model.attempt(q, repr(-q.answer)))  # a wrong retry
    assert quiz_model.tally(results) == (1, 0) and quiz_model.score_text(results) == "0 of 1"
    quiz_model.record(results, q, quiz_model.attempt(q, repr(q.answer)))
    assert quiz_model.tally(results) == (1, 1)
    other = core.make_question("loss_value", 0, logits=[0.0, LOG3], label=0)
    quiz_model.record(results, other, quiz_model.attempt(other, "7"))
    assert quiz_model.tally(results) == (2, 1) and quiz_model.score_text(results) == "1 of 2"
    assert quiz_model.score_text({}) == "0"


def test_feedback_names_the_verdict_and_the_usual_mistake(q):
    text = quiz_text(q)
    right, message = quiz_model.feedback(q, text, quiz_model.attempt(q, repr(-q.answer)))
    assert not right and "the sign is wrong" in message and MISTAKES["sign"] in message
    right, message = quiz_model.feedback(q, text, quiz_model.attempt(q, repr(q.answer * 1.1)))
    assert not right and "% off, more than the" in message
    right, message = quiz_model.feedback(q, text, quiz_model.attempt(q, repr(q.answer)))
    assert right and message == f"Right: {text.answer_text}."


def test_typed_markup_is_escaped(q):
    tried = quiz_model.Attempt("**2** [x](y)", core.grade(2.0, q.answer), None)
    _, message = quiz_model.feedback(q, quiz_text(q), tried)
    assert r"\*\*2\*\* \[x\](y)" in message


def test_a_typo_is_a_value_error_naming_the_answer(q):
    with pytest.raises(ValueError, match="answer must be a number"):
        quiz_model.attempt(q, "abc")


@PROPERTY
@given(KINDS, SEEDS)
def test_every_worked_line_adds_up_or_says_approximately_with_more_digits(kind, seed):
    text = quiz_text(core.make_question(kind, seed))
    for line in text.solution:
        assert not mismatches(line), line
        if r"\approx" in line:
            assert help_of(line), line


def test_a_kind_that_cannot_fit_the_numbers_gives_way_to_the_next():
    assert quiz_model.question(0, ("largest_push", "loss_value"), [1.0, 2.0], 0)[0].kind == (
        "loss_value"
    )
    question, reason = quiz_model.question(0, ("largest_push",), [1.0, 2.0], 0)
    assert question is None and "at least 3 logits" in reason


@pytest.mark.parametrize("typed", ["-3", "-0.000368", "2"])
def test_a_wrong_class_number_is_not_called_a_wrong_sign(typed):
    """Asked which class one step pushes down hardest, -3.68e-4 drew 'Not quite (the sign
    is wrong)': a class number has no sign."""
    q = core.make_question("largest_push", 2, logits=[10.0, -10.0, 0.1], label=0)
    assert q.answer == 3
    right, message = quiz_model.feedback(q, quiz_text(q), quiz_model.attempt(q, typed))
    assert not right and message.startswith("Not quite (not that class)"), message
