"""Lab · Self-check run headless: seeded questions, answers checked, worked answers, a score."""

import pytest

import sce_core as core

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


def test_the_first_question_is_about_the_sidebars_numbers(run_page):
    at = run_page(PAGE)
    assert not at.exception
    question = expected(core.QUESTION_KINDS[0], 0)
    assert shown_prompt(at) == question.prompt_latex
    assert "Logits x = (2, 1, 0.1)" in at.markdown[1].value
    assert score(at) == ("0", "0")
    assert not at.success and not at.error


def test_a_right_answer_scores_and_shows_the_worked_answer(run_page):
    at = run_page(PAGE)
    question = expected(core.QUESTION_KINDS[0], 0)
    answer(at, f"{question.answer:.3f}")
    assert not at.exception
    assert question.answer_text in at.success[0].value
    shown = [el.value.strip("$\n") for el in at.latex]
    assert all(line in shown for line in question.solution)
    assert score(at) == ("1", "1 of 1")


def test_a_wrong_answer_counts_once_however_often_it_is_retried(run_page):
    at = run_page(PAGE)
    question = expected(core.QUESTION_KINDS[0], 0)
    answer(at, f"{question.answer + 0.5:.3f}")
    assert "Not quite" in at.error[0].value
    assert question.answer_text in at.error[0].value
    assert score(at) == ("1", "0 of 1")
    answer(at, f"{question.answer:.3f}")
    assert score(at) == ("1", "0 of 1")
    assert at.success  # the new try is still checked and shown


@pytest.mark.parametrize("typed", ["abc", "", "1/0", "nan"])
def test_an_answer_that_is_not_a_number_gets_a_friendly_message(run_page, typed):
    at = run_page(PAGE)
    answer(at, typed)
    assert not at.exception
    assert "Please enter a number" in at.warning[0].value
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
    text = "2/9" if question.setting.i == question.setting.j else "−1/9"
    answer(at, text)
    assert score(at) == ("1", "1 of 1")


def test_new_question_advances_the_seed_and_clears_the_box(run_page):
    at = run_page(PAGE)
    at.text_input(key="quiz_answer").input("0.5").run()
    at.button(key="quiz_new").click().run()
    assert not at.exception
    assert at.session_state["quiz_seed"] == 1
    assert at.text_input(key="quiz_answer").value == ""
    assert shown_prompt(at) == expected(core.QUESTION_KINDS[1], 1).prompt_latex
    assert at.subheader[0].value == "Question 2"


def test_a_fresh_setting_ignores_the_sidebar(run_page):
    at = run_page(PAGE)
    at.toggle(key="quiz_mine").set_value(False).run()
    question = expected(core.QUESTION_KINDS[0], 0, setting=None)
    assert shown_prompt(at) == question.prompt_latex
    answer(at, f"{question.answer:.3f}")
    assert score(at) == ("1", "1 of 1")


@pytest.mark.parametrize("kind", core.QUESTION_KINDS)
def test_every_kind_can_be_chosen(run_page, kind):
    at = run_page(PAGE, n="4", x4="-3", label="2")
    at.selectbox(key="quiz_kind").set_value(kind).run()
    assert not at.exception
    question = expected(kind, 0, ((2.0, 1.0, 0.1, -3.0), 1))
    assert shown_prompt(at) == question.prompt_latex
    answer(at, f"{question.answer:+.4f}")
    assert score(at) == ("1", "1 of 1")


def test_two_classes_cannot_have_a_largest_push(run_page):
    at = run_page(PAGE, n="2")
    at.selectbox(key="quiz_kind").set_value("largest_push").run()
    assert not at.exception
    assert "at least 3" in at.info[0].value
    assert not at.text_input
    # "Any kind" at the seed of that kind moves on to the next kind instead.
    at.selectbox(key="quiz_kind").set_value("any")
    at.session_state["quiz_seed"] = 2
    at.run()
    assert shown_prompt(at) == expected("loss_value", 2, ((2.0, 1.0), 0)).prompt_latex


ALL = core.QUESTION_KINDS
# Equal wrong logits tie for the largest push: "any kind" moves on to the loss there.
TIED = ("jacobian_entry", "gradient_sign", "loss_value", "loss_value")


@pytest.mark.parametrize(
    ("query", "setting", "kinds"),
    [
        ({"n": "10", "label": "10"}, ((2.0, 1.0, 0.1, *[0.0] * 7), 9), ALL),
        ({"x1": "10", "x2": "-10", "x3": "-10", "label": "3"}, ((10.0, -10.0, -10.0), 2), ALL),
        ({"x1": "0.5", "x2": "0.5", "x3": "0.5"}, ((0.5, 0.5, 0.5), 0), TIED),
    ],
)
def test_big_and_extreme_settings_work_for_every_kind(run_page, query, setting, kinds):
    at = run_page(PAGE, **query)
    for seed, kind in enumerate(kinds):
        assert not at.exception
        assert shown_prompt(at) == expected(kind, seed, setting).prompt_latex
        at.button(key="quiz_new").click().run()
