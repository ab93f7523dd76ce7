"""Lab · Self-check as plain data: an attempt, the feedback it gets, and the score.

The score counts each question once, by its last answer: a right answer followed by a
wrong retry counts wrong, a wrong one followed by a right retry counts right.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass

import sce_core as core

from ..fmt import num
from ..latex.quiz import MISTAKES, QuizText


def question(
    seed: int, kinds, logits=None, label: int | None = None
) -> tuple[core.Question | None, str | None]:
    """The question of the seed's kind among ``kinds`` or, if it cannot fit the numbers, of
    the next kind that can; else None and why the last one could not."""
    reason = None
    for step in range(len(kinds)):
        kind = kinds[(seed + step) % len(kinds)]
        try:
            return core.make_question(kind, seed, logits, label), None
        except ValueError as err:
            reason = str(err)
    return None, reason


def markdown_text(text: str) -> str:
    """Plain text shown through st.markdown without markdown or math taking it over."""
    for ch in "\\_*$`[]":
        text = text.replace(ch, "\\" + ch)
    return text


def question_key(question: core.Question) -> str:
    """One key per distinct question: its kind and every number it is about."""
    return f"{question.kind}|{question.setting!r}"


@dataclass(frozen=True)
class Attempt:
    """One checked answer."""

    typed: str
    grade: core.Grade
    mistake: str | None
    """The usual mistake the answer matches (a key of :data:`MISTAKES`), or None."""


def attempt(question: core.Question, typed: str) -> Attempt:
    """Grade what the learner typed; ValueError (naming ``answer``) if it is not a number."""
    value = core.parse_answer(typed)
    return Attempt(
        typed.strip(), core.check_answer(question, value), core.usual_mistake(question, value)
    )


def record(results: MutableMapping[str, bool], question: core.Question, tried: Attempt) -> None:
    """Keep the last answer's verdict of ``question``: each question counts once."""
    results[question_key(question)] = tried.grade.right


def tally(results: Mapping[str, bool]) -> tuple[int, int]:
    """(questions answered, questions whose last answer is right)."""
    return len(results), sum(bool(v) for v in results.values())


def score_text(results: Mapping[str, bool]) -> str:
    answered, correct = tally(results)
    return f"{correct} of {answered}" if answered else "0"


def _how_far(question: core.Question, grade: core.Grade) -> str:
    if question.kind == "largest_push":  # a class number has no sign to get wrong
        return "not that class"
    if grade.verdict == "wrong sign":
        return "the sign is wrong"
    if grade.verdict == "not zero":
        return "the answer is exactly 0"
    if question.rtol == 0:
        return "not the exact value"
    return f"{num(100 * grade.relative_error)}% off, more than the {num(100 * grade.rtol)}% allowed"


def feedback(question: core.Question, text: QuizText, tried: Attempt) -> tuple[bool, str]:
    """(right, message): the verdict in words, the answer, and the usual mistake if named."""
    answer = markdown_text(text.answer_text)
    if tried.grade.right:
        return True, f"Right: {answer}."
    message = (
        f"Not quite ({_how_far(question, tried.grade)}): you answered "
        f"{markdown_text(tried.typed)}; it is {answer}."
    )
    if tried.mistake:
        message += f" The usual mistake: {markdown_text(MISTAKES[tried.mistake])}."
    return False, message
