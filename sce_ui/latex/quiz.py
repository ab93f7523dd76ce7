r"""Lab · Self-check in words and formulas: each question's prompt, worked answer and hints.

The numbers come from :func:`sce_core.make_question`; every number shown goes through
:mod:`sce_ui.fmt`, the app's one formatter. Classes are numbered from 1 here.
"""

from __future__ import annotations

from typing import NamedTuple

import sce_core as core

from ..fmt import num, paren_tex, tex


class QuizText(NamedTuple):
    """What the page shows of one question."""

    prompt: str
    """Plain text, for ``st.markdown`` (escaped by the page)."""
    prompt_latex: str
    """The question as one formula: the givens, then ``= ?`` on its own line."""
    solution: tuple[str, ...]
    """The worked answer, one LaTeX line each."""
    answer_text: str
    """The answer in words, shown after a try."""


ANY = "any"
KIND_NAMES = {
    ANY: "Any kind (a new kind each time)",
    "jacobian_entry": "An entry of the softmax Jacobian",
    "gradient_sign": "The sign of a gradient component",
    "largest_push": "The logit one step moves most",
    "loss_value": "The value of the loss",
    "chain_rule_term": "A term of the chain rule",
    "soft_label_gradient": "A gradient with soft labels (ŷ·Σy − y)",
    "temperature_gradient": "A gradient at temperature T ((ŷ − y)/T)",
    "batch_mean_gradient": "A gradient of a batch's mean loss",
}
"""The choices of the kind picker: "any", then every kind of :data:`sce_core.QUESTION_KINDS`."""

MISTAKES = {
    "sign": "the sign is flipped: the gradient is ŷ − y, not y − ŷ",
    "other_jacobian_case": (
        "that is the other case of the Jacobian: ŷᵢ(1 − ŷᵢ) is for i = j, −ŷᵢŷⱼ for i ≠ j"
    ),
    "true_class": (
        "that is the true class: its logit goes up (ŷ − 1 < 0); the question asks which "
        "wrong class goes down hardest"
    ),
    "log10": "that is log base 10: the cross-entropy uses the natural log",
    "dL_dyhat_only": (
        "that is ∂L/∂ŷ, the derivative with respect to ŷ: multiply by ∂ŷ/∂x to get to x"
    ),
    "jacobian_only": "that is ∂ŷ/∂x alone: the chain rule multiplies it by ∂L/∂ŷ = −y/ŷ",
    "forgot_sum_y": (
        "that is ŷⱼ − yⱼ, which needs Σy = 1: these labels sum to something else, so it is "
        "ŷⱼ·Σy − yⱼ"
    ),
    "forgot_temperature": "that is ŷ − y without the factor 1/T from the chain rule through x/T",
    "times_temperature": "that multiplies by T: the chain rule through x/T divides by T",
    "softmax_without_temperature": "that uses softmax(x): at temperature T, ŷ = softmax(x/T)",
    "forgot_mean": "that is one example's gradient: the mean over the batch divides it by B",
    "summed_rows": (
        "that adds up the column over the whole batch (the bias's gradient): the logit of "
        "one row gets only its own row's (ŷ − y)/B"
    ),
}
"""What a wrong answer that matches a usual mistake (:func:`sce_core.usual_mistake`) did."""


def tolerance_text(rtol: float) -> str:
    """The grading rule in one sentence, with the tolerance used."""
    if rtol == 0:
        return "Graded exactly: only the exact value counts."
    return (
        f"Graded by sign and significant digits: right with the right sign and within "
        f"{rtol:.0%} of the answer, so 3 significant digits are enough."
    )


def _sub(index: int) -> str:
    """The class number of a 0-based ``index`` as subscript digits, for plain text."""
    return str(index + 1).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _vec(values) -> str:
    return "(" + ", ".join(num(v) for v in values) + ")"


def _vec_tex(values) -> str:
    return r"\left(" + r",\ ".join(tex(v) for v in values) + r"\right)"


def _lines(*lines: str) -> str:
    """Formulas stacked and centred, one a line, so a narrow screen shows the question."""
    return r"\begin{gathered}" + r" \\ ".join(lines) + r"\end{gathered}"


def _d(top: str, j: int) -> str:
    return rf"\frac{{\partial {top}}}{{\partial x_{{{j + 1}}}}}"


def _givens(s: core.QuizSetting) -> list[str]:
    lines = [rf"x = {_vec_tex(s.logits)}"]
    return lines if s.y is None else [*lines, rf"y = {_vec_tex(s.y)}"]


def _softmax_line(p, arg: str = "x") -> str:
    return rf"\hat y = \operatorname{{softmax}}({arg}) = {_vec_tex(p)}"


def _jacobian_entry(q: core.Question) -> QuizText:
    s, p = q.setting, q.values["y_hat"]
    i, j = s.i, s.j
    d = _d(rf"\hat y_{{{i + 1}}}", j)
    if i == j:
        rule = rf"{d} = \hat y_{{{i + 1}}}\,(1 - \hat y_{{{i + 1}}}) \qquad (i = j)"
        numbers = rf"= {tex(p[i])} \times (1 - {tex(p[i])}) = {tex(q.answer)}"
    else:
        rule = rf"{d} = -\hat y_{{{i + 1}}}\,\hat y_{{{j + 1}}} \qquad (i \ne j)"
        numbers = rf"= -{tex(p[i])} \times {tex(p[j])} = {tex(q.answer)}"
    return QuizText(
        f"Logits x = {_vec(s.logits)}. What is ∂ŷ{_sub(i)}/∂x{_sub(j)}, the entry in row "
        f"{i + 1}, column {j + 1} of the softmax Jacobian? Give 3 significant digits.",
        _lines(*_givens(s), rf"{d} = \;?"),
        (_softmax_line(p), rule, numbers),
        num(q.answer),
    )


def _gradient_sign(q: core.Question) -> QuizText:
    s, p, g = q.setting, q.values["y_hat"], q.values["grad"]
    j, t = s.j, s.label
    relation = ">" if g > 0 else ("<" if g < 0 else "=")
    move = {1.0: "lowers", -1.0: "raises", 0.0: "leaves"}[q.answer]
    sign = {1.0: "+1", -1.0: "-1", 0.0: "0"}[q.answer]
    d = _d("L", j)
    return QuizText(
        f"Logits x = {_vec(s.logits)}, true class {t + 1}. Is the derivative of the "
        f"cross-entropy loss, ∂L/∂x{_sub(j)}, positive or negative? Answer +1 or -1.",
        _lines(*_givens(s), rf"\operatorname{{sign}} {d} = \;?"),
        (
            r"\frac{\partial L}{\partial x_j} = \hat y_j - y_j",
            _softmax_line(p),
            rf"{d} = {tex(p[j])} - {tex(s.y[j])} = {tex(g)} {relation} 0",
            rf"\text{{so the answer is }} {sign}\text{{: gradient descent {move} }} x_{{{j + 1}}}",
        ),
        f"{sign} (∂L/∂x{_sub(j)} = {num(g)}; gradient descent {move} x{_sub(j)})",
    )


def _largest_push(q: core.Question) -> QuizText:
    s, p, g = q.setting, q.values["y_hat"], q.values["grad"]
    t, k = s.label, int(q.answer) - 1
    wrong = [c for c in range(len(s.logits)) if c != t]
    listed = r",\ ".join(rf"\hat y_{{{c + 1}}} = {tex(p[c])}" for c in wrong)
    return QuizText(
        f"Logits x = {_vec(s.logits)}, true class {t + 1}. One step of gradient descent on "
        "the cross-entropy changes each logit xⱼ by −lr · ∂L/∂xⱼ. Among the wrong classes, "
        "which logit does it push down the hardest? Answer with its class number.",
        _lines(
            *_givens(s), rf"\arg\max_{{j \ne {t + 1}}} \frac{{\partial L}}{{\partial x_j}} = \;?"
        ),
        (
            rf"\nabla_x L = \hat y - y = {_vec_tex(g)}",
            rf"\frac{{\partial L}}{{\partial x_j}} = \hat y_j - 0 = \hat y_j > 0"
            rf"\text{{ for every wrong class }} j \ne {t + 1}",
            rf"\text{{wrong classes: }} {listed}",
            rf"\text{{largest: }} \hat y_{{{k + 1}}} = {tex(p[k])}\text{{, the largest wrong"
            rf" logit }} x_{{{k + 1}}} = {tex(s.logits[k])}\text{{: answer }} {k + 1}",
        ),
        f"{k + 1}: class {k + 1} has the largest wrong-class probability (ŷ{_sub(k)} = "
        f"{num(p[k])}), so ∂L/∂x{_sub(k)} = {num(g[k])} pushes x{_sub(k)} down the hardest",
    )


def _loss_value(q: core.Question) -> QuizText:
    s, lse = q.setting, q.values["lse"]
    t = s.label
    terms = " + ".join(f"e^{{{tex(v)}}}" for v in s.logits)
    return QuizText(
        f"Logits x = {_vec(s.logits)}, true class {t + 1}. What is the cross-entropy loss "
        "L = −log ŷ of the true class (natural log)? Give 3 significant digits.",
        _lines(*_givens(s), r"L = -\log \hat y_{\text{true}} = \;?"),
        (
            rf"L = -\log \hat y_{{{t + 1}}} = \log \sum_k e^{{x_k}} - x_{{{t + 1}}}",
            rf"\log \sum_k e^{{x_k}} = \log\left({terms}\right) = {tex(lse)}",
            rf"L = {tex(lse)} - {paren_tex(s.logits[t])} = {tex(q.answer)}",
        ),
        num(q.answer),
    )


def _chain_rule_term(q: core.Question) -> QuizText:
    s, p = q.setting, q.values["y_hat"]
    t, j = s.label, s.j
    outer, jac = q.values["dL_dyhat"], q.values["jacobian"]
    inner = _d(rf"\hat y_{{{t + 1}}}", j)
    term = rf"\frac{{\partial L}}{{\partial \hat y_{{{t + 1}}}}}\,{inner}"
    if j == t:
        cancelled = rf"-(1 - \hat y_{{{t + 1}}}) = -(1 - {tex(p[t])})"
    else:
        cancelled = rf"\hat y_{{{j + 1}}} = {tex(p[j])}"
    return QuizText(
        f"Logits x = {_vec(s.logits)}, true class {t + 1}. In the chain rule ∂L/∂x{_sub(j)} = "
        f"Σᵢ ∂L/∂ŷᵢ · ∂ŷᵢ/∂x{_sub(j)}, what is the term of i = {t + 1}, the true class (the "
        "only term that is not 0)? Give 3 significant digits.",
        _lines(*_givens(s), rf"{term} = \;?"),
        (
            _softmax_line(p),
            rf"\frac{{\partial L}}{{\partial \hat y_{{{t + 1}}}}} = -\frac{{y_{{{t + 1}}}}}"
            rf"{{\hat y_{{{t + 1}}}}} = -\frac{{1}}{{{tex(p[t])}}} = {tex(outer)}",
            rf"{inner} = {tex(jac)}",
            rf"{term} = {tex(outer)} \times {paren_tex(jac)}",
            rf"= {cancelled} = {tex(q.answer)}",
        ),
        num(q.answer),
    )


def _soft_label_gradient(q: core.Question) -> QuizText:
    s, p, total = q.setting, q.values["y_hat"], q.values["sum_y"]
    j = s.j
    return QuizText(
        f"Logits x = {_vec(s.logits)} and soft labels y = {_vec(s.y)} (they need not sum "
        f"to 1). What is ∂L/∂x{_sub(j)} of the cross-entropy L = −Σᵢ yᵢ log ŷᵢ? Give 3 "
        "significant digits.",
        _lines(*_givens(s), rf"{_d('L', j)} = \;?"),
        (
            r"\frac{\partial L}{\partial x_j} = \hat y_j \textstyle\sum_i y_i - y_j",
            _softmax_line(p),
            rf"\textstyle\sum_i y_i = {tex(total)}",
            rf"{_d('L', j)} = {tex(p[j])} \times {tex(total)} - {tex(s.y[j])} = {tex(q.answer)}",
        ),
        num(q.answer),
    )


def _temperature_gradient(q: core.Question) -> QuizText:
    s, p, scaled = q.setting, q.values["y_hat"], q.values["scaled"]
    j, T = s.j, tex(s.temperature)
    return QuizText(
        f"Logits x = {_vec(s.logits)}, true class {s.label + 1}, temperature T = "
        f"{num(s.temperature)}: ŷ = softmax(x/T). What is ∂L/∂x{_sub(j)} of the cross-entropy? "
        "Give 3 significant digits.",
        _lines(*_givens(s), rf"T = {T}", rf"{_d('L', j)} = \;?"),
        (
            r"\frac{\partial L}{\partial x_j} = \frac{\hat y_j - y_j}{T}",
            r"\text{(the chain rule through } x/T \text{ brings the } 1/T\text{)}",
            rf"x/T = {_vec_tex(scaled)}",
            _softmax_line(p, "x/T"),
            rf"{_d('L', j)} = \frac{{{tex(p[j])} - {tex(s.y[j])}}}{{{T}}} = {tex(q.answer)}",
        ),
        num(q.answer),
    )


def _batch_mean_gradient(q: core.Question) -> QuizText:
    s, p = q.setting, q.values["y_hat"]
    j, B = s.j, len(s.batch)
    rows = [rf"x^{{({b + 1})}} = {_vec_tex(r)}" for b, r in enumerate(s.batch)]
    classes = r",\ ".join(str(c + 1) for c in s.batch_labels)
    rows.append(rf"\text{{true classes: }} {classes}")
    d = rf"\frac{{\partial \bar L}}{{\partial x^{{(1)}}_{{{j + 1}}}}}"
    shown = "; ".join(
        f"row {b + 1}: x = {_vec(r)}, true class {c + 1}"
        for b, (r, c) in enumerate(zip(s.batch, s.batch_labels, strict=True))
    )
    return QuizText(
        f"A batch of {B} examples ({shown}) and the mean loss L̄, the average of the {B} "
        f"rows' losses. What is ∂L̄/∂x{_sub(j)} of row 1? Give 3 significant digits.",
        _lines(*rows, rf"\bar L = \tfrac{{1}}{{{B}}}\textstyle\sum_b L_b", rf"{d} = \;?"),
        (
            r"\frac{\partial \bar L}{\partial x^{(b)}_j} = \frac{\hat y^{(b)}_j - y^{(b)}_j}{B}",
            r"\text{(only row } b\text{'s own loss depends on } x^{(b)}\text{)}",
            rf"\hat y^{{(1)}} = \operatorname{{softmax}}(x^{{(1)}}) = {_vec_tex(p)}",
            rf"{d} = \frac{{{tex(p[j])} - {tex(s.y[j])}}}{{{B}}} = {tex(q.answer)}",
        ),
        num(q.answer),
    )


_WRITERS = {
    "jacobian_entry": _jacobian_entry,
    "gradient_sign": _gradient_sign,
    "largest_push": _largest_push,
    "loss_value": _loss_value,
    "chain_rule_term": _chain_rule_term,
    "soft_label_gradient": _soft_label_gradient,
    "temperature_gradient": _temperature_gradient,
    "batch_mean_gradient": _batch_mean_gradient,
}


def quiz_text(question: core.Question) -> QuizText:
    """The prompt, formula, worked answer and answer in words of ``question``."""
    return _WRITERS[question.kind](question)
