"""The questions a step asks before it shows a number, and how an answer is judged.

Each builder takes the learner's numbers and returns a :class:`Prediction`: the question,
the value it hides, the one line of the derivation that gives that value, and the usual
wrong answers with what each one forgot. :func:`judge` grades a typed answer with
:func:`sce_core.grade` (sign first, then a relative tolerance) and names the usual
mistake the answer matches. Numbers go through :mod:`sce_ui.fmt`, as everywhere.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

import sce_core as core

from .. import arithmetic as ar
from .. import fmt

RTOL = core.GRADE_RTOL
"""The relative tolerance of every prediction: any rounding to 3 significant digits passes."""


@dataclass(frozen=True)
class Mistake:
    """A usual wrong answer: its value with the learner's numbers, and what it forgot."""

    value: float
    name: str


@dataclass(frozen=True)
class Prediction:
    """One question: asked in ``question``, answered by ``truth``, explained in one line."""

    question: str
    """Markdown with inline LaTeX, holding the learner's numbers."""
    symbol: str
    """LaTeX of the quantity asked for, as the reveal writes it: ``symbol = truth``."""
    truth: float
    explanation: str
    """LaTeX: the line of the derivation that gives the value, with the learner's numbers."""
    mistakes: tuple[Mistake, ...] = ()
    rtol: float = RTOL

    @property
    def fingerprint(self) -> str:
        """Changes whenever the question or its answer does (new numbers, another class)."""
        return f"{self.question}|{self.truth!r}"


@dataclass(frozen=True)
class Outcome:
    """A judged answer: the grade, the number read, and the usual mistake it matches."""

    answer: float
    grade: core.Grade
    mistake: str | None
    headline: str


def tolerance_text(rtol: float = RTOL) -> str:
    """The grading rule in words, for the page to state under every reveal."""
    return (
        f"Graded right when the sign is right and the relative error is at most "
        f"{fmt.typed(100 * rtol)} % (where the value is exactly 0, only 0 is right)."
    )


def _headline(g: core.Grade, truth: float) -> str:
    if g.right:
        return "Right: the sign and the significant digits."
    if g.verdict == "wrong sign":
        side = "positive" if truth > 0 else "negative"
        return f"Wrong sign: the value is {side}."
    if g.verdict == "not zero":
        return "Not quite: the value is exactly 0."
    if not g.sign_right:
        return "Not quite: 0 has no sign, and the value is not 0."
    return f"Right sign, but {fmt.percent(g.relative_error)} off."


def matched_mistake(prediction: Prediction, answer: float) -> str | None:
    """The first usual mistake whose value ``answer`` hits, if it is not also the truth."""
    for mistake in prediction.mistakes:
        if not math.isfinite(mistake.value):
            continue
        if core.grade(mistake.value, prediction.truth, prediction.rtol).right:
            continue  # with these numbers the slip gives the right value: say nothing
        if core.grade(answer, mistake.value, prediction.rtol).right:
            return mistake.name
    return None


def judge(prediction: Prediction, text: str) -> Outcome:
    """Grade the typed ``text`` against the prediction; ValueError if it is not a number."""
    answer = core.parse_answer(text)
    g = core.grade(answer, prediction.truth, prediction.rtol)
    mistake = None if g.right else matched_mistake(prediction, answer)
    return Outcome(answer, g, mistake, _headline(g, prediction.truth))


def derivation(
    symbol: str, *steps: tuple[str, str], result: ar.Term | None, value: float, note: str = ""
) -> ar.Formula:
    r"""LaTeX lines ``symbol = a``, ``= b``, then the arithmetic ``= result`` and its value.

    One step per line keeps every line short enough for a phone. The last two lines are
    the printed ``result`` (an expression of :mod:`sce_ui.arithmetic`) and ``value``,
    joined by ``=`` when the printed numbers give it and by ``≈`` otherwise; a ``≈``
    carries the line with more digits for the tooltip. ``note`` is set under them all;
    with no ``result`` the value follows the steps directly.

    >>> product = ar.times(ar.number(0.6591), ar.number(0.2424))
    >>> text = derivation("p", ("=", "a b"), result=product, value=0.6591 * 0.2424)
    >>> print(text)
    \begin{aligned}p &= a b \\ &= 0.659 \cdot 0.242 \\ &\approx 0.160\end{aligned}
    >>> len(text.more)
    1
    """
    relation = "=" if result is None else ar.relation(result, value)
    numbers = () if result is None else (("=", ar.render(result)),)
    steps = (*steps, *numbers, (relation, fmt.tex(value)))
    lines = [f"{symbol} &{steps[0][0]} {steps[0][1]}"]
    lines += [f"&{rel} {body}" for rel, body in steps[1:]]
    if note:
        lines.append(f"&{note}")
    text = ar.Formula(r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}")
    text.more = () if relation == "=" else (ar.more_digits(result, value),)
    return text


def _hat(i: int) -> str:
    return rf"\hat y_{{{i}}}"


def _d(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


def shift(x, c: float, i: int) -> Prediction:
    """Step 1: ŷᵢ after every logit grows by ``c`` (``i`` 1-based): unchanged."""
    x = np.asarray(x, float)
    y_hat = core.softmax(x)
    after = core.softmax(x + c)[i - 1]
    moved_one = x.copy()
    moved_one[i - 1] += c
    p = y_hat[i - 1]
    return Prediction(
        question=(
            f"Every logit grows by $c = {fmt.tex(c)}$. Now ${_hat(i)} = {fmt.tex(p)}$: "
            f"what is ${_hat(i)}$ after the shift?"
        ),
        symbol=rf"{_hat(i)}(x + c)",
        truth=float(after),
        explanation=derivation(
            rf"{_hat(i)}(x + c)",
            ("=", rf"\frac{{e^{{c}}\, e^{{x_{{{i}}}}}}}{{e^{{c}} \sum_k e^{{x_k}}}}"),
            ("=", _hat(i)),
            result=None,
            value=float(after),
        ),
        mistakes=(
            Mistake(math.exp(c) * p, "multiplying the numerator by e^c but not the sum S below it"),
            Mistake(
                float(core.softmax(moved_one)[i - 1]),
                f"moving x{i} alone: when every logit moves, the sum S moves with them",
            ),
            Mistake(p + c, "adding c to the probability: c goes into the logits, inside e^x"),
        ),
    )


def loss(x, label: int) -> Prediction:
    """Step 2: the loss L = −log ŷ of the true class ``label`` (1-based)."""
    x = np.asarray(x, float)
    log_p = float(core.log_softmax(x)[label - 1])
    p = math.exp(log_p)
    c = _hat(label)
    return Prediction(
        question=(
            f"Your true class is {label}, and softmax gives it ${c} = {fmt.tex(p)}$. "
            "What is the loss $L$?"
        ),
        symbol="L",
        truth=-log_p,
        explanation=derivation(
            "L",
            ("=", r"-\sum_i y_i \log \hat y_i"),
            ("=", rf"-\log {c}"),
            result=ar.negative(ar.log(ar.number(p))),
            value=-log_p,
        ),
        mistakes=(
            Mistake(log_p, "the sign: log of a probability is negative, the loss is −log ŷ"),
            Mistake(-log_p / math.log(10), "log base 10: the loss uses the natural log"),
            Mistake(1 - p, "1 − ŷ: cross-entropy charges −log ŷ, not the missing probability"),
            Mistake(
                -float(np.sum(core.log_softmax(x))),
                "adding −log ŷᵢ of every class: only the term with yᵢ = 1 survives",
            ),
        ),
    )


def jacobian_entry(x, i: int, j: int) -> Prediction:
    """Step 3: the entry ∂ŷᵢ/∂xⱼ (1-based), ŷᵢ(1 − ŷᵢ) on the diagonal, −ŷᵢŷⱼ off it."""
    x = np.asarray(x, float)
    y_hat = core.softmax(x)
    pi, pj = y_hat[i - 1], y_hat[j - 1]
    value = float(core.softmax_jacobian(x)[i - 1, j - 1])
    given = f"${_hat(i)} = {fmt.tex(pi)}$" + ("" if i == j else f", ${_hat(j)} = {fmt.tex(pj)}$")
    if i == j:
        line = ("=", rf"{_hat(i)}(1 - {_hat(i)})")
        result = ar.times(ar.number(pi), ar.minus(ar.exact(1), ar.number(pi)))
        mistakes = (
            Mistake(-pi * pi, "the i ≠ j case −ŷᵢŷⱼ on the diagonal, where i = j"),
            Mistake(pi, "forgetting −ŷᵢ²: the sum S holds xᵢ too, so it has a derivative"),
            Mistake(-value, "the sign: raising a logit raises its own probability"),
        )
    else:
        line = ("=", rf"-{_hat(i)}\,{_hat(j)}")
        result = ar.negative(ar.times(ar.number(pi), ar.number(pj)))
        mistakes = (
            Mistake(pi * pj, "the sign: raising another logit takes probability from ŷᵢ"),
            Mistake(pi * (1 - pj), "the i = j case ŷᵢ(1 − ŷᵢ) off the diagonal, where i ≠ j"),
            Mistake(0.0, "0: xⱼ is not in ŷᵢ's numerator, but it is in the sum S below"),
        )
    symbol = _d(_hat(i), f"x_{{{j}}}")
    return Prediction(
        question=f"With {given}: what are the sign and the size of ${symbol}$?",
        symbol=symbol,
        truth=value,
        explanation=derivation(symbol, line, result=result, value=value),
        mistakes=mistakes,
    )


def true_class_slope(x, label: int) -> Prediction:
    """Step 4: ∂L/∂ŷ of the true class, −1/ŷ, the slope of −log ŷ."""
    x = np.asarray(x, float)
    p = float(core.softmax(x)[label - 1])
    value = -1.0 / p
    symbol = _d("L", _hat(label))
    return Prediction(
        question=(
            f"The true class has ${_hat(label)} = {fmt.tex(p)}$. What is ${symbol}$, the "
            "slope of the loss with respect to that probability?"
        ),
        symbol=symbol,
        truth=value,
        explanation=derivation(
            symbol,
            ("=", rf"-\frac{{y_{{{label}}}}}{{{_hat(label)}}}"),
            result=ar.negative(ar.over(ar.exact(1), ar.number(p))),
            value=value,
        ),
        mistakes=(
            Mistake(-value, "the sign: more probability on the true class lowers the loss"),
            Mistake(p - 1.0, "ŷ − y, the derivative with respect to the logit x, not ŷ"),
            Mistake(-math.log(p), "the loss −log ŷ itself, not its slope"),
        ),
    )


def largest_term(x, label: int, j: int) -> Prediction:
    """Step 5: the largest chain-rule term of ∂L/∂xⱼ, the true class's (1-based)."""
    x = np.asarray(x, float)
    y = np.zeros(x.size)
    y[label - 1] = 1.0
    c = label
    p = float(core.softmax(x)[c - 1])
    jac = float(core.softmax_jacobian(x)[c - 1, j - 1])
    value = float(core.chain_rule_terms(x, y)[c - 1, j - 1])
    symbol = rf"T_{{{c},{j}}}"
    xj = f"x_{{{j}}}"
    term = rf"T_{{i,{j}}} = -\frac{{y_i}}{{\hat y_i}}\cdot" + _d(r"\hat y_i", xj)
    return Prediction(
        question=(
            f"The sum for ${_d('L', xj)}$ has one term ${term}$ per class i. Which is the "
            "largest in size, and what is it? Type its value."
        ),
        symbol=symbol,
        truth=value,
        explanation=derivation(
            symbol,
            ("=", rf"-\frac{{y_{{{c}}}}}{{{_hat(c)}}}\cdot{_d(_hat(c), xj)}"),
            result=ar.times(ar.negative(ar.over(ar.exact(1), ar.number(p))), ar.number(jac)),
            value=value,
            note=r"\text{every other term has } y_i = 0",
        ),
        mistakes=(
            Mistake(-1.0 / p, "−yᵢ/ŷᵢ alone: that is ∂L/∂ŷ, the first factor of the term"),
            Mistake(jac, "∂ŷᵢ/∂xⱼ alone: the term multiplies it by −yᵢ/ŷᵢ"),
            Mistake(-value, f"the sign: the term is ŷ{j} − y{j}, negative only for j = {c}"),
            Mistake(0.0, f"0: the terms with yᵢ = 0 vanish, but the true class {c}'s does not"),
        ),
    )


def logit_gradient(x, label: int, j: int) -> Prediction:
    """Step 6: ∂L/∂xⱼ (``j`` 1-based) before the sum collapses to ŷⱼ − yⱼ."""
    x = np.asarray(x, float)
    y = np.zeros(x.size)
    y[label - 1] = 1.0
    y_hat = core.softmax(x)
    p, yj = float(y_hat[j - 1]), float(y[j - 1])
    value = float(core.logits_grad(x, y)[j - 1])
    parts = core.chain_rule_parts(x, y)
    symbol = _d("L", f"x_{{{j}}}")
    mistakes = [
        Mistake(-value, "the sign of ŷ − y: the gradient is ŷⱼ − yⱼ, not yⱼ − ŷⱼ"),
        Mistake(float(parts.same[j - 1]), "the i ≠ j terms: they are part of the sum"),
    ]
    if yj:
        mistakes.insert(1, Mistake(-1.0 / p, "−y/ŷ, the derivative with respect to ŷ, not x"))
        mistakes.append(Mistake(p, "dropping yⱼ: the true class subtracts its label 1"))
    return Prediction(
        question=(
            f"Before the sum collapses: with ${_hat(j)} = {fmt.tex(p)}$ and "
            f"$y_{{{j}}} = {fmt.tex(yj)}$, what is ${symbol}$?"
        ),
        symbol=symbol,
        truth=value,
        explanation=derivation(
            symbol,
            ("=", rf"{_hat(j)} - y_{{{j}}}"),
            result=ar.minus(ar.number(p), ar.exact(yj)),
            value=value,
        ),
        mistakes=tuple(mistakes),
    )
