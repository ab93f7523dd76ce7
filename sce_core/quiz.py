"""Self-check questions drawn reproducibly from a seed: their numbers, answers and grading.

Every question carries its exact answer, the relative tolerance it is graded with, the
intermediate numbers of its worked solution and the values the usual mistakes give,
so a page only has to write the text (``sce_ui``), read a number and call
:func:`check_answer`. Classes are 0-based here, as everywhere in :mod:`sce_core`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ._validation import as_float_array, check_choice, check_int, check_seed
from .grading import GRADE_RTOL, VERDICTS, Grade, grade, parse_answer
from .losses import cross_entropy_from_logits, logits_grad
from .softmax import logsumexp, softmax, softmax_jacobian

__all__ = [
    "GRADE_RTOL",
    "QUESTION_KINDS",
    "VERDICTS",
    "Grade",
    "Question",
    "QuizSetting",
    "check_answer",
    "grade",
    "make_question",
    "parse_answer",
    "usual_mistake",
]

QUESTION_KINDS = (
    "jacobian_entry",
    "gradient_sign",
    "largest_push",
    "loss_value",
    "chain_rule_term",
    "soft_label_gradient",
    "temperature_gradient",
    "batch_mean_gradient",
)
"""The kinds :func:`make_question` can draw."""

TEMPERATURES = (0.5, 2.0, 4.0)
"""The temperatures a "temperature_gradient" question draws from."""
_MAX_CLASSES = 10
_MIN_MARGIN = 1e-3
"""How far a drawn "largest_push" question's answer must lead the runner-up in y_hat."""


@dataclass(frozen=True)
class QuizSetting:
    """The numbers a question is about; indices are 0-based."""

    logits: tuple[float, ...]
    """The example asked about (for a batch, its row ``row``)."""
    label: int | None
    """The true class, or None for a question that does not need one (Jacobian entries)."""
    i: int | None = None
    """Row of the Jacobian entry, or the chain-rule term's ŷ index; else None."""
    j: int | None = None
    """The logit asked about (Jacobian column, gradient component), or None."""
    y: tuple[float, ...] | None = None
    """The target vector (one-hot or soft), or None where no target is used."""
    temperature: float = 1.0
    batch: tuple[tuple[float, ...], ...] = ()
    """Every row's logits, for a batch question; else empty."""
    batch_labels: tuple[int, ...] = ()
    """Every row's true class, for a batch question; else empty."""
    row: int | None = None
    """The row of the batch asked about, or None."""


@dataclass(frozen=True)
class Question:
    """A self-check question: its setting, answer, tolerance and worked numbers."""

    kind: str
    setting: QuizSetting
    answer: float
    """The exact answer."""
    rtol: float
    """Relative tolerance of :func:`grade`; 0 asks for the exact value (a sign, a class)."""
    values: dict[str, float | tuple[float, ...]] = field(default_factory=dict)
    """The numbers of the worked solution, by name (``y_hat``, ``lse``, ...)."""
    mistakes: tuple[tuple[str, float], ...] = ()
    """``(name, value)``: what a usual mistake gives, for :func:`usual_mistake`."""


def _floats(values) -> tuple[float, ...]:
    return tuple(float(v) for v in np.asarray(values, dtype=float).ravel())


def _draw_logits(rng: np.random.Generator, n: int | None = None) -> tuple[float, ...]:
    n = int(rng.integers(3, 5)) if n is None else n
    return tuple(float(v) / 10 for v in rng.integers(-20, 21, size=n))


def _given_logits(logits) -> tuple[float, ...]:
    arr = as_float_array(logits, "logits").astype(np.float64)
    if arr.ndim != 1 or not 2 <= arr.size <= _MAX_CLASSES:
        raise ValueError(f"logits must be one vector of 2 to 10 logits, got shape {arr.shape}")
    return tuple(float(v) for v in arr)


def _label(rng: np.random.Generator, label, n: int) -> int:
    return int(rng.integers(n)) if label is None else check_int(label, "label", 0, n - 1)


def _one_hot(n: int, t: int) -> tuple[float, ...]:
    return tuple(1.0 if k == t else 0.0 for k in range(n))


def _other(rng: np.random.Generator, t: int, n: int) -> int:
    """``t`` or, half the time, another index: both cases of the Jacobian come up."""
    return t if rng.random() < 0.5 else (t + int(rng.integers(1, n))) % n


def _setting(kind: str, rng: np.random.Generator, logits, label) -> QuizSetting:
    """The given logits and label, checked, or a fresh draw; then what the kind needs."""
    if kind == "largest_push":
        return _largest_push_setting(rng, logits, label)
    x = _draw_logits(rng) if logits is None else _given_logits(logits)
    n = len(x)
    if kind == "jacobian_entry":
        i = int(rng.integers(n))
        return QuizSetting(logits=x, label=None, i=i, j=_other(rng, i, n))
    t = _label(rng, label, n)
    j = _other(rng, t, n)
    if kind == "soft_label_gradient":
        y = rng.integers(0, 4, size=n) / 10
        y[t] = rng.integers(5, 11) / 10
        return QuizSetting(logits=x, label=t, j=j, y=_floats(y))
    if kind == "temperature_gradient":
        temperature = TEMPERATURES[int(rng.integers(len(TEMPERATURES)))]
        return QuizSetting(logits=x, label=t, j=j, y=_one_hot(n, t), temperature=temperature)
    if kind == "batch_mean_gradient":
        return _batch_setting(rng, x, t, j)
    return QuizSetting(logits=x, label=t, i=t, j=j, y=_one_hot(n, t))


def _batch_setting(rng: np.random.Generator, x, t: int, j: int) -> QuizSetting:
    """A batch of 2 or 3 rows, the given (or drawn) example first; the question asks row 0."""
    n, rows = len(x), int(rng.integers(2, 4))
    batch = (x, *(_draw_logits(rng, n) for _ in range(rows - 1)))
    labels = (t, *(int(rng.integers(n)) for _ in range(rows - 1)))
    return QuizSetting(
        logits=x, label=t, j=j, y=_one_hot(n, t), batch=batch, batch_labels=labels, row=0
    )


def _wrong_classes_by_logit(x: tuple[float, ...], t: int) -> list[int]:
    """The classes other than ``t``, largest logit (so largest ``y_hat``) first."""
    return sorted((k for k in range(len(x)) if k != t), key=lambda k: -x[k])


def _largest_push_setting(rng: np.random.Generator, logits, label) -> QuizSetting:
    """Given logits whose largest wrong logit is unique, or a draw whose winner is clear.

    A draw is repeated until the largest wrong ``y_hat`` leads the next by more than
    ``_MIN_MARGIN``, so the answer can be read off the rounded numbers of the solution.
    """
    if logits is None:
        while True:
            x = _draw_logits(rng)
            t = _label(rng, label, len(x))
            p = np.sort(np.delete(softmax(x), t))
            if p[-1] - p[-2] > _MIN_MARGIN:
                return QuizSetting(logits=x, label=t, y=_one_hot(len(x), t))
    x = _given_logits(logits)
    if len(x) < 3:
        raise ValueError("largest_push needs at least 3 logits: with 2 there is one wrong class")
    t = _label(rng, label, len(x))
    first, second = _wrong_classes_by_logit(x, t)[:2]
    if x[first] == x[second]:
        shown = ", ".join(f"{v:g}" for v in x)
        raise ValueError(
            f"largest_push has no single answer for logits ({shown}) and true class "
            f"{t + 1}: wrong classes {first + 1} and {second + 1} tie for the largest logit"
        )
    return QuizSetting(logits=x, label=t, y=_one_hot(len(x), t))


def _jacobian_entry(s: QuizSetting) -> Question:
    i, j = s.i, s.j
    p = softmax(s.logits)
    answer = float(softmax_jacobian(s.logits)[i, j])
    other_case = -p[i] * p[j] if i == j else p[i] * (1 - p[i])
    return Question(
        "jacobian_entry",
        s,
        answer,
        GRADE_RTOL,
        {"y_hat": _floats(p)},
        (("other_jacobian_case", float(other_case)), ("sign", -answer)),
    )


def _gradient_sign(s: QuizSetting) -> Question:
    g = float(logits_grad(s.logits, s.y)[s.j])
    answer = float(np.sign(g))
    return Question(
        "gradient_sign", s, answer, 0.0, {"y_hat": _floats(softmax(s.logits)), "grad": g}
    )


def _largest_push(s: QuizSetting) -> Question:
    """The wrong class with the largest ``y_hat_k``: its ``dL/dx_k = y_hat_k`` is largest.

    Softmax keeps the order of the logits, so the answer is the wrong class with the
    largest logit. Taking it from the logits rather than from an argmax of ``y_hat``
    keeps it exact where float64 rounds two wrong probabilities to the same number
    (both underflow to 0 behind a logit of 800, say).
    """
    k = _wrong_classes_by_logit(s.logits, s.label)[0]
    values = {"y_hat": _floats(softmax(s.logits)), "grad": _floats(logits_grad(s.logits, s.y))}
    return Question(
        "largest_push", s, float(k + 1), 0.0, values, (("true_class", float(s.label + 1)),)
    )


def _loss_value(s: QuizSetting) -> Question:
    answer = float(cross_entropy_from_logits(s.logits, s.y))
    values = {"lse": float(logsumexp(s.logits)), "y_hat": _floats(softmax(s.logits))}
    return Question(
        "loss_value",
        s,
        answer,
        GRADE_RTOL,
        values,
        (("log10", float(answer / np.log(10.0))), ("sign", -answer)),
    )


def _chain_rule_term(s: QuizSetting) -> Question:
    """The one non-zero term of ``dL/dx_j = sum_i dL/dy_hat_i dy_hat_i/dx_j``: i = t."""
    t, j = s.label, s.j
    p = softmax(s.logits)
    jac = float(softmax_jacobian(s.logits)[t, j])
    outer = -1.0 / float(p[t])
    # Cancelled form (-1/y_hat_t) * y_hat_t (1 - y_hat_t) = -(1 - y_hat_t): no 1/y_hat_t blow-up.
    answer = float(p[j] - (1.0 if j == t else 0.0))
    other_case = -p[t] * p[j] if j == t else p[t] * (1 - p[t])
    values = {"y_hat": _floats(p), "dL_dyhat": outer, "jacobian": jac}
    mistakes = (
        ("dL_dyhat_only", outer),
        ("jacobian_only", jac),
        ("other_jacobian_case", outer * float(other_case)),
        ("sign", -answer),
    )
    return Question("chain_rule_term", s, answer, GRADE_RTOL, values, mistakes)


def _soft_label_gradient(s: QuizSetting) -> Question:
    p = softmax(s.logits)
    total = float(sum(s.y))
    answer = float(logits_grad(s.logits, s.y)[s.j])
    values = {"y_hat": _floats(p), "sum_y": total}
    mistakes = (("forgot_sum_y", float(p[s.j] - s.y[s.j])), ("sign", -answer))
    return Question("soft_label_gradient", s, answer, GRADE_RTOL, values, mistakes)


def _temperature_gradient(s: QuizSetting) -> Question:
    t, j = s.temperature, s.j
    p = softmax(s.logits, temperature=t)
    gap = float(p[j] - s.y[j])
    answer = float(logits_grad(s.logits, s.y, temperature=t)[j])
    plain = float(softmax(s.logits)[j] - s.y[j])
    values = {"y_hat": _floats(p), "scaled": _floats(np.asarray(s.logits) / t)}
    mistakes = (
        ("forgot_temperature", gap),
        ("times_temperature", gap * t),
        ("softmax_without_temperature", plain / t),
        ("sign", -answer),
    )
    return Question("temperature_gradient", s, answer, GRADE_RTOL, values, mistakes)


def _batch_mean_gradient(s: QuizSetting) -> Question:
    rows = np.array(s.batch)
    Y = np.eye(rows.shape[1])[list(s.batch_labels)]
    B, j = rows.shape[0], s.j
    gaps = softmax(rows) - Y  # dL_b/dx_b for each row's own loss
    answer = float(gaps[s.row, j] / B)
    values = {"y_hat": _floats(softmax(rows[s.row])), "batch_size": float(B)}
    mistakes = (
        ("forgot_mean", float(gaps[s.row, j])),
        ("summed_rows", float(gaps[:, j].sum() / B)),
        ("sign", -answer),
    )
    return Question("batch_mean_gradient", s, answer, GRADE_RTOL, values, mistakes)


_BUILDERS = {
    "jacobian_entry": _jacobian_entry,
    "gradient_sign": _gradient_sign,
    "largest_push": _largest_push,
    "loss_value": _loss_value,
    "chain_rule_term": _chain_rule_term,
    "soft_label_gradient": _soft_label_gradient,
    "temperature_gradient": _temperature_gradient,
    "batch_mean_gradient": _batch_mean_gradient,
}


def make_question(kind: str, seed: int, logits=None, label: int | None = None) -> Question:
    r"""Draw a self-check question of one kind, with its answer and worked numbers.

    Parameters
    ----------
    kind : str, one of :data:`QUESTION_KINDS`
        "jacobian_entry": ``d y_hat_i / d x_j``. "gradient_sign": the sign of ``dL/dx_j``.
        "largest_push": among the wrong classes, the number (from 1) of the one whose
        logit a gradient step pushes down hardest. "loss_value": the cross-entropy.
        "chain_rule_term": the term ``dL/dy_hat_t * dy_hat_t/dx_j`` of the true class t.
        "soft_label_gradient": ``dL/dx_j = y_hat_j sum(y) - y_j`` for drawn soft labels.
        "temperature_gradient": ``dL/dx_j = (y_hat_j - y_j) / T``, y_hat = softmax(x / T).
        "batch_mean_gradient": ``dL/dx_{1j} = (y_hat_{1j} - y_{1j}) / B`` for the mean
        loss of a batch of B rows whose first row is the example.
    seed : int
        Seed of ``np.random.default_rng``, >= 0: the same arguments give the same question.
    logits : array_like, shape (n,), optional
        2 to 10 finite logits (at least 3 for "largest_push"); drawn from the seed if
        None (3 or 4 logits with one decimal in [-2, 2]).
    label : int, optional
        The true class, 0-based; drawn from the seed if None. Ignored by "jacobian_entry".

    Returns
    -------
    Question
        Setting, answer, tolerance, worked numbers and the values of usual mistakes.

    Raises
    ------
    ValueError
        For an unknown ``kind``, a negative ``seed``, bad logits or a label out of range;
        for "largest_push", also for given logits whose two largest wrong logits are
        equal, since the question then has no single answer.

    Notes
    -----
    For a wrong class ``k``, ``dL/dx_k = y_hat_k - 0 = y_hat_k > 0``: every wrong logit
    goes down, by ``lr * y_hat_k``, so the hardest push is at the largest wrong
    ``y_hat_k``, that is at the largest wrong logit (the true logit moves most overall:
    ``|y_hat_t - 1| = sum_{k != t} y_hat_k``). With one-hot labels the chain rule's
    only non-zero term is i = t, in cancelled form ``-(1 - y_hat_t)`` (j = t) or
    ``y_hat_j`` (j != t). Numeric answers are graded by :func:`grade` within 1%.

    Examples
    --------
    >>> q = make_question("jacobian_entry", seed=1, logits=[0.0, 1.0, 1.8])
    >>> q.setting.i, q.setting.j, round(q.answer, 4)
    (1, 0, -0.0285)
    >>> make_question("largest_push", seed=0, logits=[0.0, 1.0, 2.0], label=2).answer
    2.0
    >>> q = make_question("batch_mean_gradient", seed=0, logits=[0.0, 0.0], label=0)
    >>> len(q.setting.batch), q.setting.j, q.answer == 0.5 / len(q.setting.batch)
    (3, 1, True)
    """
    check_choice(kind, "kind", QUESTION_KINDS)
    rng = np.random.default_rng(check_seed(seed))
    return _BUILDERS[kind](_setting(kind, rng, logits, label))


def _answer_value(answer):
    """Typed text as a number; anything else as it is, for :func:`grade` to check."""
    return parse_answer(answer) if isinstance(answer, str) else answer


def check_answer(question: Question, answer) -> Grade:
    """Grade an answer to a question by its sign and significant digits.

    Parameters
    ----------
    question : Question
        From :func:`make_question`.
    answer : float or str
        A number, or text as typed (read by :func:`parse_answer`).

    Returns
    -------
    Grade
        From :func:`grade` with the question's ``rtol`` (0: the exact value is asked).

    Raises
    ------
    ValueError
        If the answer is empty, not a number, or not finite, naming ``answer``.
    TypeError
        If ``question`` is not a :class:`Question` or the answer not text or a number.

    Examples
    --------
    >>> q = make_question("loss_value", seed=0, logits=[0.0, 0.0], label=1)  # log 2
    >>> [check_answer(q, a).verdict for a in ("0.693", 0.7, "−0.693", "0.71")]
    ['right', 'right', 'wrong sign', 'too far']
    """
    if not isinstance(question, Question):
        raise TypeError(f"question must be a Question from make_question, got {question!r}")
    return grade(_answer_value(answer), question.answer, rtol=question.rtol)


def usual_mistake(question: Question, answer) -> str | None:
    """The name of the usual mistake a wrong answer matches, or None.

    A mistake counts when the answer grades right against the value that mistake gives
    (within 1%, or exactly for exact questions) and that value is not itself the right
    answer, so a mistake that happens to give the truth (``sum(y) = 1``) is never named.

    Examples
    --------
    >>> q = make_question("temperature_gradient", 0, logits=[0.0, 0.0], label=0)
    >>> q.setting.temperature, round(q.answer, 4)
    (2.0, 0.25)
    >>> usual_mistake(q, 0.5), usual_mistake(q, q.answer), usual_mistake(q, 7)
    ('forgot_temperature', None, None)
    """
    value = check_answer(question, answer)
    if value.right:
        return None
    typed = _answer_value(answer)
    for name, wrong in question.mistakes:
        if grade(wrong, question.answer, rtol=question.rtol).right:
            continue
        if grade(typed, wrong, rtol=question.rtol).right:
            return name
    return None
