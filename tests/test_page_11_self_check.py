"""Lab · Self-check run headless: questions graded by sign and digits, scored by last answer."""

import math

import pytest

import sce_core as core
from sce_ui.latex.quiz import KIND_NAMES, MISTAKES, quiz_text

PAGE = "pages/11_Self_check.py"
DEFAULT = ((2.0, 1.0, 0.1), 0)


def expected(kind: str, seed: int, setting=DEFAULT) -> core.Question:
    logits, label = setting if setting else (None, None)
    return core.make_question(kind, seed, logits, label)


def shown_prompt(at) -> str:
    """The question's formula, without the ``$$`` st.latex adds."""
    return at.latex[0].value.strip("$\n")


def answer(at, text: str):
    at.text_input(key="quiz_answer").input(text)
    at.button(key="quiz_check").click().run()
    return at


def score(at) -> tuple[str, str]:
    return at.metric[0].value, at.metric[1].value


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_the_first_question_is_about_the_sidebars_numbers(run_page):
    at = run_page(PAGE)
    assert not at.exception
    question = expected(core.QUESTION_KINDS[0], 0)
    assert shown_prompt(at) == quiz_text(question).prompt_latex
    assert score(at) == ("0", "0")
    assert not at.success and not at.error


def test_the_page_states_the_tolerance_it_grades_with(run_page):
    at = run_page(PAGE)
    assert "within 1% of the answer" in captions(at)
    at.selectbox(key="quiz_kind").set_value("gradient_sign").run()
    assert "Graded exactly" in captions(at)


def test_a_right_answer_scores_and_shows_the_worked_answer(run_page):
    at = run_page(PAGE)
    question = expected(core.QUESTION_KINDS[0], 0)
    text = quiz_text(question)
    answer(at, f"{question.answer:.3g}")
    assert not at.exception
    assert text.answer_text in at.success[0].value
    shown = [el.value.strip("$\n") for el in at.latex]
    assert all(line in shown for line in text.solution)
    assert score(at) == ("1", "1 of 1")


def test_a_sign_flip_is_graded_wrong_and_named(run_page):
    # Issue 9: the fixed ±0.002 tolerance took a tiny value's sign error as right.
    at = run_page(PAGE, x1="0", x2="-6", x3="6")
    at.selectbox(key="quiz_kind").set_value("jacobian_entry").run()
    question = expected("jacobian_entry", 0, ((0.0, -6.0, 6.0), 0))
    answer(at, repr(-question.answer))
    assert "Not quite (the sign is wrong)" in at.error[0].value
    assert MISTAKES["sign"] in at.error[0].value
    assert score(at) == ("1", "0 of 1")


def test_a_tiny_value_needs_its_own_digits(run_page):
    # x = (0, -6, 6): d y_hat_2 / d x_2 = y_hat_2 (1 - y_hat_2) is about 6.1e-6.
    at = run_page(PAGE, x1="0", x2="-6", x3="6")
    at.selectbox(key="quiz_kind").set_value("jacobian_entry").run()
    for seed in range(30):
        q = expected("jacobian_entry", seed, ((0.0, -6.0, 6.0), 0))
        if abs(q.answer) < 1e-4:
            break
    else:
        pytest.fail("no tiny Jacobian entry drawn")
    at.number_input(key="quiz_seed").set_value(seed).run()
    for typed in ("0", math.copysign(0.001, q.answer), math.copysign(0.001, -q.answer)):
        answer(at, str(typed))
        assert at.error and not at.success, typed
    assert score(at) == ("1", "0 of 1")
    answer(at, f"{q.answer:.3g}")
    assert at.success and score(at) == ("1", "1 of 1")


def test_a_retry_counts_once_by_its_last_answer(run_page):
    at = run_page(PAGE)
    question = expected(core.QUESTION_KINDS[0], 0)
    answer(at, f"{question.answer:.3g}")
    assert score(at) == ("1", "1 of 1")
    answer(at, f"{question.answer * 1.5:.3g}")  # a wrong retry after a right answer
    assert "Not quite" in at.error[0].value
    assert score(at) == ("1", "0 of 1")
    answer(at, f"{question.answer:.3g}")
    assert at.success and score(at) == ("1", "1 of 1")


@pytest.mark.parametrize("typed", ["abc", "", "1/0", "nan"])
def test_an_answer_that_is_not_a_number_gets_a_friendly_message(run_page, typed):
    at = run_page(PAGE)
    answer(at, typed)
    assert not at.exception
    assert "answer must be a number" in at.warning[0].value
    assert score(at) == ("0", "0")
    assert len(at.latex) == 1  # no worked answer yet


def test_markup_typed_as_an_answer_is_shown_as_text(run_page):
    at = run_page(PAGE)
    answer(at, "**2** [x](javascript:alert(1))")
    (warning,) = at.warning
    assert r"\*\*2\*\* \[x\](javascript:alert(1))" in warning.value
    assert score(at) == ("0", "0")


def test_fractions_and_a_unicode_minus_are_read(run_page):
    at = run_page(PAGE, x1="0", x2="0", x3="0")
    question = expected(core.QUESTION_KINDS[0], 0, ((0.0, 0.0, 0.0), 0))
    # ŷ = 1/3 everywhere: a diagonal entry is 2/9, an off-diagonal one −1/9.
    answer(at, "2/9" if question.setting.i == question.setting.j else "−1/9")
    assert score(at) == ("1", "1 of 1")


def test_new_question_advances_the_seed_and_clears_the_box(run_page):
    at = run_page(PAGE)
    at.text_input(key="quiz_answer").input("0.5").run()
    at.button(key="quiz_new").click().run()
    assert not at.exception
    assert at.number_input(key="quiz_seed").value == 1
    assert at.text_input(key="quiz_answer").value == ""
    assert shown_prompt(at) == quiz_text(expected(core.QUESTION_KINDS[1], 1)).prompt_latex
    assert at.subheader[0].value == "Question 2"


def test_a_link_with_seed_and_kind_shows_the_same_question(run_page):
    kind = "temperature_gradient"
    at = run_page(PAGE, quiz_seed="7", quiz_kind=KIND_NAMES[kind], quiz_mine="false")
    assert not at.exception
    assert at.subheader[0].value == "Question 8"
    assert shown_prompt(at) == quiz_text(expected(kind, 7, setting=None)).prompt_latex


def test_a_fresh_setting_ignores_the_sidebar(run_page):
    at = run_page(PAGE)
    at.toggle(key="quiz_mine").set_value(False).run()
    question = expected(core.QUESTION_KINDS[0], 0, setting=None)
    assert shown_prompt(at) == quiz_text(question).prompt_latex
    answer(at, f"{question.answer:.3g}")
    assert score(at) == ("1", "1 of 1")


@pytest.mark.parametrize("kind", core.QUESTION_KINDS)
def test_every_kind_can_be_chosen_and_answered(run_page, kind):
    at = run_page(PAGE, n="4", x4="-3", label="2")
    at.selectbox(key="quiz_kind").set_value(kind).run()
    assert not at.exception
    question = expected(kind, 0, ((2.0, 1.0, 0.1, -3.0), 1))
    assert shown_prompt(at) == quiz_text(question).prompt_latex
    answer(at, f"{question.answer:+.4g}")
    assert score(at) == ("1", "1 of 1")


@pytest.mark.parametrize(
    ("kind", "mistake"),
    [
        ("temperature_gradient", "forgot_temperature"),
        ("batch_mean_gradient", "forgot_mean"),
        ("chain_rule_term", "dL_dyhat_only"),
    ],
)
def test_a_wrong_answer_names_the_usual_mistake(run_page, kind, mistake):
    at = run_page(PAGE)
    at.selectbox(key="quiz_kind").set_value(kind).run()
    question = expected(kind, 0)
    answer(at, repr(dict(question.mistakes)[mistake]))
    assert MISTAKES[mistake] in at.error[0].value


def test_two_classes_cannot_have_a_largest_push(run_page):
    at = run_page(PAGE, n="2")
    at.selectbox(key="quiz_kind").set_value("largest_push").run()
    assert not at.exception
    assert "at least 3" in at.info[0].value
    assert not at.text_input
    # "Any kind" at the seed of that kind moves on to the next kind instead.
    at.selectbox(key="quiz_kind").set_value("any")
    at.number_input(key="quiz_seed").set_value(2)
    at.run()
    assert shown_prompt(at) == quiz_text(expected("loss_value", 2, ((2.0, 1.0), 0))).prompt_latex


ALL = core.QUESTION_KINDS


@pytest.mark.parametrize(
    ("query", "setting"),
    [
        ({"n": "10", "label": "10"}, ((2.0, 1.0, 0.1, *[0.0] * 7), 9)),
        ({"x1": "10", "x2": "-10", "x3": "-10", "label": "3"}, ((10.0, -10.0, -10.0), 2)),
    ],
)
def test_big_and_extreme_settings_work_for_every_kind(run_page, query, setting):
    at = run_page(PAGE, **query)
    for seed, kind in enumerate(ALL):
        assert not at.exception
        assert shown_prompt(at) == quiz_text(expected(kind, seed, setting)).prompt_latex
        at.button(key="quiz_new").click().run()
