"""Self-check questions with worked solutions, drawn reproducibly from a seed.

Every question carries its exact answer, a tolerance and the solution as LaTeX lines,
so a page only has to show the prompt, read a number and call :func:`check_answer`.
Classes are numbered from 1 in every text shown to the learner and from 0 in
:class:`QuizSetting`, as everywhere else in :mod:`sce_core`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from numbers import Real

import numpy as np

from ._validation import as_float_array, check_choice, check_int, check_seed
from .losses import cross_entropy_from_logits, logits_grad
from .softmax import logsumexp, softmax, softmax_jacobian

QUESTION_KINDS = ("jacobian_entry", "gradient_sign", "largest_push", "loss_value")
"""The kinds :func:`make_question` can draw."""

NUMERIC_TOLERANCE = 2e-3
"""Relative and absolute tolerance of numeric answers: three decimals, with some slack."""

_MAX_CLASSES = 10
_MIN_MARGIN = 1e-3
"""How far a drawn "largest_push" question's answer must lead the runner-up in y_hat."""


@dataclass(frozen=True)
class QuizSetting:
    """The numbers a question is about; indices are 0-based."""

    logits: tuple[float, ...]
    label: int | None
    """The true class, or None for a question that does not need one (Jacobian entries)."""
    i: int | None = None
    """Row of the Jacobian entry asked for, or None."""
    j: int | None = None
    """The logit asked about (Jacobian column, gradient component), or None."""


@dataclass(frozen=True)
class Question:
    """A self-check question: what to show, what counts as right, and how to get there."""

    kind: str
    prompt: str
    """Plain text, classes numbered from 1."""
    prompt_latex: str
    """The question as one LaTeX formula, for ``st.latex``."""
    answer: float
    """The exact answer."""
    tolerance: float
    """Used as both relative and absolute tolerance by :func:`check_answer`; 0 means exact."""
    solution: tuple[str, ...]
    """The worked solution, one LaTeX line each."""
    answer_text: str
    """The answer in words, to show after a try."""
    setting: QuizSetting


def _num(v: float) -> str:
    """A logit as the learner sees it: up to 6 significant digits, no trailing zeros."""
    return f"{v:.6g}"


def _dec(v: float) -> str:
    """An intermediate value in a worked solution."""
    return f"{v:.4f}"


def _paren(v: float) -> str:
    """A logit to subtract: in parentheses only when negative, so no ``- -`` appears."""
    return f"({_num(v)})" if v < 0 else _num(v)


def _vec_text(values) -> str:
    return "(" + ", ".join(_num(v) for v in values) + ")"


_SUBSCRIPT_DIGITS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _sub(index: int) -> str:
    """The class number of a 0-based ``index`` as subscript digits, for plain-text prompts."""
    return str(index + 1).translate(_SUBSCRIPT_DIGITS)


def _vec_latex(values, fmt=_num) -> str:
    return r"\left(" + r",\ ".join(fmt(v) for v in values) + r"\right)"


def _draw_logits(rng: np.random.Generator) -> tuple[float, ...]:
    n = int(rng.integers(3, 5))
    return tuple(float(v) / 10 for v in rng.integers(-20, 21, size=n))


def _given_logits(logits) -> tuple[float, ...]:
    arr = as_float_array(logits, "logits").astype(np.float64)
    if arr.ndim != 1 or not 2 <= arr.size <= _MAX_CLASSES:
        raise ValueError(f"logits must be one vector of 2 to 10 logits, got shape {arr.shape}")
    return tuple(float(v) for v in arr)


def _label(rng: np.random.Generator, label, n: int) -> int:
    return int(rng.integers(n)) if label is None else check_int(label, "label", 0, n - 1)


def _setting(kind: str, rng: np.random.Generator, logits, label) -> QuizSetting:
    """The given logits and label, checked, or a fresh draw; then the indices the kind needs."""
    if kind == "largest_push":
        return _largest_push_setting(rng, logits, label)
    x = _draw_logits(rng) if logits is None else _given_logits(logits)
    n = len(x)
    if kind == "jacobian_entry":
        i = int(rng.integers(n))
        j = i if rng.random() < 0.5 else (i + int(rng.integers(1, n))) % n
        return QuizSetting(logits=x, label=None, i=i, j=j)
    t = _label(rng, label, n)
    if kind == "gradient_sign":
        j = t if rng.random() < 0.5 else (t + int(rng.integers(1, n))) % n
        return QuizSetting(logits=x, label=t, j=j)
    return QuizSetting(logits=x, label=t)


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
                return QuizSetting(logits=x, label=t)
    x = _given_logits(logits)
    if len(x) < 3:
        raise ValueError("largest_push needs at least 3 logits: with 2 there is one wrong class")
    t = _label(rng, label, len(x))
    first, second = _wrong_classes_by_logit(x, t)[:2]
    if x[first] == x[second]:
        raise ValueError(
            f"largest_push has no single answer for logits {_vec_text(x)} and true class "
            f"{t + 1}: wrong classes {first + 1} and {second + 1} tie for the largest logit"
        )
    return QuizSetting(logits=x, label=t)


def _lines(*lines: str) -> str:
    """Formulas stacked and centred, one a line, so a narrow screen shows the question."""
    return r"\begin{gathered}" + r" \\ ".join(lines) + r"\end{gathered}"


def _one_hot_latex(n: int, t: int) -> str:
    return _vec_latex([1.0 if k == t else 0.0 for k in range(n)])


def _jacobian_entry(s: QuizSetting) -> Question:
    i, j = s.i, s.j
    p = softmax(s.logits)
    answer = float(softmax_jacobian(s.logits)[i, j])
    d = rf"\frac{{\partial \hat y_{{{i + 1}}}}}{{\partial x_{{{j + 1}}}}}"
    if i == j:
        steps = (
            rf"{d} = \hat y_{{{i + 1}}}\,(1 - \hat y_{{{i + 1}}}) \qquad (i = j)",
            rf"= {_dec(p[i])} \times (1 - {_dec(p[i])}) = {_dec(answer)}",
        )
    else:
        steps = (
            rf"{d} = -\hat y_{{{i + 1}}}\,\hat y_{{{j + 1}}} \qquad (i \ne j)",
            rf"= -{_dec(p[i])} \times {_dec(p[j])} = {_dec(answer)}",
        )
    return Question(
        kind="jacobian_entry",
        prompt=(
            f"Logits x = {_vec_text(s.logits)}. What is ∂ŷ{_sub(i)}/∂x{_sub(j)}, the entry in "
            f"row {i + 1}, column {j + 1} of the softmax Jacobian? Give 3 decimal places."
        ),
        prompt_latex=_lines(rf"x = {_vec_latex(s.logits)}", rf"{d} = \;?"),
        answer=answer,
        tolerance=NUMERIC_TOLERANCE,
        solution=(rf"\hat y = \operatorname{{softmax}}(x) = {_vec_latex(p, _dec)}", *steps),
        answer_text=f"{answer:.4f}",
        setting=s,
    )


def _gradient_sign(s: QuizSetting) -> Question:
    t, j, n = s.label, s.j, len(s.logits)
    p = softmax(s.logits)
    g = float(logits_grad(s.logits, np.eye(n)[t])[j])
    answer = float(np.sign(g))
    y_j = 1 if j == t else 0
    relation = ">" if g > 0 else ("<" if g < 0 else "=")
    move = {1.0: "lowers", -1.0: "raises", 0.0: "leaves"}[answer]
    d = rf"\frac{{\partial L}}{{\partial x_{{{j + 1}}}}}"
    return Question(
        kind="gradient_sign",
        prompt=(
            f"Logits x = {_vec_text(s.logits)}, true class {t + 1}. Is the derivative of the "
            f"cross-entropy loss, ∂L/∂x{_sub(j)}, positive or negative? Answer +1 or -1."
        ),
        prompt_latex=_lines(
            rf"x = {_vec_latex(s.logits)}",
            rf"y = {_one_hot_latex(n, t)}",
            rf"\operatorname{{sign}} {d} = \;?",
        ),
        answer=answer,
        tolerance=0.0,
        solution=(
            r"\frac{\partial L}{\partial x_j} = \hat y_j - y_j",
            rf"\hat y = \operatorname{{softmax}}(x) = {_vec_latex(p, _dec)}",
            rf"{d} = {_dec(p[j])} - {y_j} = {_dec(g)} {relation} 0",
            rf"\text{{so the answer is }} {answer:+.0f}"
            rf"\text{{: gradient descent {move} }} x_{{{j + 1}}}",
        ),
        answer_text=f"{answer:+.0f} (∂L/∂x{_sub(j)} = {g:.4f}; gradient descent {move} x{_sub(j)})",
        setting=s,
    )


def _largest_push(s: QuizSetting) -> Question:
    """The wrong class with the largest ``y_hat_k``: its ``dL/dx_k = y_hat_k`` is largest.

    Softmax keeps the order of the logits, so the answer is the wrong class with the
    largest logit. Taking it from the logits rather than from an argmax of ``y_hat``
    keeps it exact where float64 rounds two wrong probabilities to the same number
    (both underflow to 0 behind a logit of 800, say).
    """
    t, n = s.label, len(s.logits)
    p = softmax(s.logits)
    g = logits_grad(s.logits, np.eye(n)[t])
    wrong = [k for k in range(n) if k != t]
    k = _wrong_classes_by_logit(s.logits, t)[0]
    answer = float(k + 1)
    listed = r",\ ".join(rf"\hat y_{{{j + 1}}} = {_dec(p[j])}" for j in wrong)
    return Question(
        kind="largest_push",
        prompt=(
            f"Logits x = {_vec_text(s.logits)}, true class {t + 1}. One step of gradient "
            "descent on the cross-entropy changes each logit xⱼ by −lr · ∂L/∂xⱼ. Among "
            "the wrong classes, which logit does it push down the hardest? Answer with its "
            "class number."
        ),
        prompt_latex=_lines(
            rf"x = {_vec_latex(s.logits)}",
            rf"y = {_one_hot_latex(n, t)}",
            rf"\arg\max_{{j \ne {t + 1}}} \frac{{\partial L}}{{\partial x_j}} = \;?",
        ),
        answer=answer,
        tolerance=0.0,
        solution=(
            rf"\nabla_x L = \hat y - y = {_vec_latex(g, _dec)}",
            rf"\frac{{\partial L}}{{\partial x_j}} = \hat y_j - 0 = \hat y_j > 0"
            rf"\text{{ for every wrong class }} j \ne {t + 1}\text{{: each goes down by }}"
            r" \mathrm{lr}\,\hat y_j",
            rf"\text{{wrong classes: }} {listed}",
            rf"\text{{largest: }} \hat y_{{{k + 1}}} = {_dec(p[k])}\text{{, the largest wrong"
            rf" logit }} x_{{{k + 1}}} = {_num(s.logits[k])}\text{{: answer }} {k + 1}",
        ),
        answer_text=(
            f"{k + 1}: class {k + 1} has the largest wrong-class probability "
            f"(ŷ{_sub(k)} = {p[k]:.4f}), so ∂L/∂x{_sub(k)} = {g[k]:.4f} pushes x{_sub(k)} "
            "down the hardest"
        ),
        setting=s,
    )


def _loss_value(s: QuizSetting) -> Question:
    t, n = s.label, len(s.logits)
    lse = float(logsumexp(s.logits))
    answer = float(cross_entropy_from_logits(s.logits, np.eye(n)[t]))
    terms = " + ".join(f"e^{{{_num(v)}}}" for v in s.logits)
    return Question(
        kind="loss_value",
        prompt=(
            f"Logits x = {_vec_text(s.logits)}, true class {t + 1}. What is the cross-entropy "
            "loss L = −log ŷ of the true class (natural log)? Give 3 decimal places."
        ),
        prompt_latex=_lines(
            rf"x = {_vec_latex(s.logits)}",
            rf"y = {_one_hot_latex(n, t)}",
            r"L = -\log \hat y_{\text{true}} = \;?",
        ),
        answer=answer,
        tolerance=NUMERIC_TOLERANCE,
        solution=(
            rf"L = -\log \hat y_{{{t + 1}}} = \log \sum_k e^{{x_k}} - x_{{{t + 1}}}",
            rf"\log \sum_k e^{{x_k}} = \log\left({terms}\right) = {_dec(lse)}",
            rf"L = {_dec(lse)} - {_paren(s.logits[t])} = {_dec(answer)}",
        ),
        answer_text=f"{answer:.4f}",
        setting=s,
    )


_BUILDERS = {
    "jacobian_entry": _jacobian_entry,
    "gradient_sign": _gradient_sign,
    "largest_push": _largest_push,
    "loss_value": _loss_value,
}


def make_question(kind: str, seed: int, logits=None, label: int | None = None) -> Question:
    r"""Draw a self-check question of one kind, with its answer and worked solution.

    Parameters
    ----------
    kind : {"jacobian_entry", "gradient_sign", "largest_push", "loss_value"}
        "jacobian_entry": a value ``d y_hat_i / d x_j``. "gradient_sign": the sign of
        ``dL/dx_j``. "largest_push": among the wrong classes, the number (from 1) of the
        one whose logit a gradient step pushes down hardest. "loss_value": the
        cross-entropy.
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
        Prompt (plain text and LaTeX), answer, tolerance, solution, and the setting used.

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
    ``y_hat_k``, that is at the largest wrong logit. The wrong classes only, because
    the logit that moves most in either direction is always the true one:
    ``|y_hat_t - 1| = sum_{k != t} y_hat_k``. Drawn "largest_push" settings are drawn
    again until that ``y_hat_k`` leads the runner-up by more than 1e-3, so the rounded
    numbers of the solution show the winner; given logits are taken as they are, and
    any strict difference of logits decides the answer exactly.

    Examples
    --------
    >>> q = make_question("jacobian_entry", seed=1, logits=[0.0, 1.0, 1.8])
    >>> q.setting
    QuizSetting(logits=(0.0, 1.0, 1.8), label=None, i=1, j=0)
    >>> q.prompt[:39]
    'Logits x = (0, 1, 1.8). What is ∂ŷ₂/∂x₁'
    >>> q.solution[-1]
    '= -0.2783 \\times 0.1024 = -0.0285'
    >>> make_question("largest_push", seed=0, logits=[0.0, 1.0, 2.0], label=2).answer
    2.0
    """
    check_choice(kind, "kind", QUESTION_KINDS)
    rng = np.random.default_rng(check_seed(seed))
    return _BUILDERS[kind](_setting(kind, rng, logits, label))


GRADE_RTOL = 0.01
"""The relative tolerance of :func:`grade`: 1%, so any answer rounded to 3 significant
digits is right (rounding moves a value by at most 0.5% of itself) and 2 digits may not be."""

VERDICTS = ("right", "wrong sign", "too far", "not zero")
"""The verdicts of :class:`Grade`, in the order a page may list them."""

_ANSWER_HINT = "such as 0.25, -1, 1/4 or 2.5e-3"


@dataclass(frozen=True)
class Grade:
    """How an answer compares with the truth, by sign and significant digits."""

    right: bool
    """Sign right (or an exact 0 where the truth is 0) and within tolerance."""
    sign_right: bool
    """The answer has the sign of the truth; an answer of 0 has no sign unless the truth is 0."""
    relative_error: float
    """``|answer - truth| / |truth|``; 0 or inf where the truth is 0 (answer 0 or not)."""
    rtol: float
    """The relative tolerance used, for the page to state."""
    verdict: str
    """One of :data:`VERDICTS`: "right", "wrong sign", "too far", "not zero"."""


def parse_answer(text: str) -> float:
    """Read a number as a learner types it.

    Parameters
    ----------
    text : str
        A decimal (``"0.25"``, ``"+2"``, ``" -1 "``), a fraction (``"1/4"``), scientific
        notation (``"2.5e-3"``, ``"6.08E-6"``); a Unicode minus (``"−0.1"``) reads as ``-``
        and spaces are ignored.

    Returns
    -------
    float
        The finite value typed.

    Raises
    ------
    ValueError
        If the text is empty, not a number, or not finite; the message names ``answer``
        and can be shown to the learner as it is.
    TypeError
        If ``text`` is not a string.

    Notes
    -----
    Read through :class:`fractions.Fraction`, so ``"1/3"`` is the float nearest to 1/3
    and not a rounded decimal; ``"nan"`` and ``"inf"`` are refused.

    Examples
    --------
    >>> parse_answer("1/4"), parse_answer("−0.1"), parse_answer(" 2.5e-3 ")
    (0.25, -0.1, 0.0025)
    """
    if not isinstance(text, str):
        raise TypeError(f"answer must be text, got {text!r}")
    cleaned = "".join(text.replace("\u2212", "-").split())
    if not cleaned:
        raise ValueError(f"answer must be a number, {_ANSWER_HINT}; it is empty")
    try:
        exact = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise ValueError(
            f"answer must be a number, {_ANSWER_HINT}; {text.strip()!r} is not one"
        ) from None
    try:
        return float(exact)
    except OverflowError:
        raise ValueError(f"answer must be a finite number, got {text.strip()!r}") from None


def _finite(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise TypeError(f"{name} must be a real number, got {value!r}")
    v = float(value)
    if not math.isfinite(v):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return v


def _tolerance(value, name: str) -> float:
    v = _finite(value, name)
    if v < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return v


def grade(
    answer: float, truth: float, rtol: float = GRADE_RTOL, atol: float | None = None
) -> Grade:
    """Grade an answer by its sign and its significant digits.

    Parameters
    ----------
    answer : float
        The learner's number (see :func:`parse_answer` for typed text).
    truth : float
        The exact value.
    rtol : float, default 0.01
        Relative tolerance, >= 0; 0 asks for the exact value (a class number, a sign).
    atol : float, optional
        An absolute floor, >= 0, for a value whose float result is noise around a
        larger scale; keep it far below ``|truth|``. None (the default) means no floor.

    Returns
    -------
    Grade
        ``right``, ``sign_right``, ``relative_error``, the ``rtol`` used and a verdict.

    Raises
    ------
    ValueError
        If a value is not finite or a tolerance is negative, naming the argument.
    TypeError
        If a value is not a real number.

    Notes
    -----
    The rule, in order:

    1. truth = 0: right only for an exact 0 (verdict "not zero" otherwise), since no
       relative error exists (it is inf for any other answer).
    2. Otherwise the answer needs the sign of the truth: opposite sign is "wrong sign",
       and an answer of 0 has no sign (``sign_right`` is False) and is "too far".
    3. With the sign right, it is right when
       ``|answer - truth| <= max(rtol * |truth|, atol)``, else "too far".

    The absolute floor never forgives a wrong sign, so +0.001 is wrong for
    -6.08e-6 whatever ``atol`` is; and with the default (no floor) a tiny value is
    graded by its own digits: 6.1e-6 is right for 6.08e-6, 6e-6 is too far (1.3%).
    A 1% ``rtol`` accepts any rounding to 3 significant digits (at most 0.5% off).

    Examples
    --------
    >>> grade(0.001, -6.08e-6).verdict, grade(-6.1e-6, -6.08e-6).right
    ('wrong sign', True)
    >>> g = grade(0.25, 0.2486)
    >>> g.right, round(g.relative_error, 4), g.rtol
    (True, 0.0056, 0.01)
    >>> grade(0.0, 0.0).verdict, grade(1e-9, 0.0).verdict
    ('right', 'not zero')
    """
    a, t = _finite(answer, "answer"), _finite(truth, "truth")
    tol = _tolerance(rtol, "rtol")
    floor = 0.0 if atol is None else _tolerance(atol, "atol")
    if t == 0:
        zero = a == 0
        return Grade(zero, zero, 0.0 if zero else math.inf, tol, "right" if zero else "not zero")
    error = abs(a - t)
    relative = error / abs(t)
    sign_right = math.copysign(1.0, a) == math.copysign(1.0, t) and a != 0
    close = error <= max(tol * abs(t), floor)
    if sign_right and close:
        verdict = "right"
    elif a != 0 and not sign_right:
        verdict = "wrong sign"
    else:
        verdict = "too far"
    return Grade(sign_right and close, sign_right, relative, tol, verdict)


def _parse_answer(answer) -> float:
    """A number from what the learner typed; ValueError with a message meant for them."""
    hint = "Please enter a number, such as 0.25, -1 or 1/4"
    if isinstance(answer, str):
        text = answer.strip().replace("−", "-").replace(" ", "")
        if not text:
            raise ValueError(f"{hint}: the answer is empty.")
        try:
            value = float(Fraction(text))
        except (ValueError, ZeroDivisionError, OverflowError):
            raise ValueError(f"{hint}; {answer.strip()!r} is not a number.") from None
    elif isinstance(answer, Real) and not isinstance(answer, bool):
        value = float(answer)
    else:
        raise ValueError(f"{hint}; got {answer!r}.")
    if not math.isfinite(value):
        raise ValueError(f"{hint}; {answer!r} is not a finite number.")
    return value


def check_answer(question: Question, answer) -> bool:
    """Whether an answer is right, within the question's tolerance.

    Parameters
    ----------
    question : Question
        From :func:`make_question`.
    answer : float or str
        A number, or text as typed: ``"0.25"``, ``" -1 "``, ``"+2"``, ``"1/4"``,
        ``"−0.5"`` (with a Unicode minus) are all read.

    Returns
    -------
    bool
        ``|answer - exact| <= tol * max(1, |exact|)`` in effect: ``math.isclose`` with the
        question's tolerance as both ``rel_tol`` and ``abs_tol``.

    Raises
    ------
    ValueError
        If the answer is empty, not a number, or not finite, with a message that can be
        shown to the learner as it is.
    TypeError
        If ``question`` is not a :class:`Question`.

    Examples
    --------
    >>> q = make_question("loss_value", seed=0, logits=[0.0, 0.0], label=1)  # log 2
    >>> check_answer(q, "0.693"), check_answer(q, 0.7), check_answer(q, "−0.693")
    (True, False, False)
    """
    if not isinstance(question, Question):
        raise TypeError(f"question must be a Question from make_question, got {question!r}")
    tol = question.tolerance
    return math.isclose(_parse_answer(answer), question.answer, rel_tol=tol, abs_tol=tol)
