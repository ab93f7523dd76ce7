r"""Read shown arithmetic back from rendered LaTeX and redo it from the printed digits.

A line of shown arithmetic is a numeric expression followed by ``=`` and a single number:
``0.191 - 0.142 = 0.048``, ``-\log 0.00247 = 6.005``, ``-\frac{1}{0.00247} = -405.429``.
:func:`arithmetic` finds every such step in a formula (colours, boxes, braces and line
breaks of ``aligned`` blocks read through), and :func:`mismatches` redoes each one with
the numbers as printed and keeps those whose printed result is not what the printed
operands give, to the precision the result is printed with. A step written with
``\approx`` instead of ``=`` claims no more than that and is never a mismatch.

The parser is independent of the app's formatter: it reads digits, not values.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

NUMBER = r"-?\d+(?:\.\d+)?(?:\s*\\times\s*10\^\{-?\d+\})?"
_NUMBER = re.compile(NUMBER)
_ONLY_NUMBER = re.compile(rf"^\(?\s*({NUMBER})\s*\)?$")


def significant_digits(text: str) -> int:
    """Significant digits of a number as printed in plain text (``6.12e-5``), trailing
    zeros included.

    >>> [significant_digits(text) for text in ("6.1e-05", "6.12e-5", "0.0160", "-1e-5")]
    [2, 3, 3, 1]
    """
    return len(text.lstrip("-").split("e")[0].replace(".", "").lstrip("0"))


class Step(NamedTuple):
    """One step: the expression as printed, the relation and the printed result."""

    expression: str
    relation: str
    """``=`` or ``\\approx``."""
    result: str


def _unwrap(latex: str, macro: str, keep: int, drop_sub: bool = False) -> str:
    """Replace ``\\macro{a}{b}...`` by its argument number ``keep`` (0-based), braces matched."""
    out, k = [], 0
    token = "\\" + macro
    while True:
        at = latex.find(token, k)
        if at < 0 or (at + len(token) < len(latex) and latex[at + len(token)].isalpha()):
            if at < 0:
                out.append(latex[k:])
                break
            out.append(latex[k : at + len(token)])
            k = at + len(token)
            continue
        out.append(latex[k:at])
        j = at + len(token)
        args = []
        while j < len(latex) and latex[j] == "{":
            depth, start = 0, j
            while True:
                depth += {"{": 1, "}": -1}.get(latex[j], 0)
                j += 1
                if depth == 0:
                    break
            args.append(latex[start + 1 : j - 1])
            if len(args) > keep and macro != "frac":
                break
        if drop_sub and latex[j : j + 2] == "_{":
            depth = 0
            j += 1
            while True:
                depth += {"{": 1, "}": -1}.get(latex[j], 0)
                j += 1
                if depth == 0:
                    break
        out.append("{" + args[keep] + "}" if keep < len(args) else "")
        k = j
    return "".join(out)


def clean(latex: str) -> str:
    """The formula without colours, boxes, spacing and sizing: what a learner reads."""
    t = latex.replace("$$", " ")
    t = _unwrap(t, "textcolor", 1)
    t = _unwrap(t, "colorbox", 1)
    t = t.replace(r"$\displaystyle", "").replace("$", "")
    t = _unwrap(t, "boxed", 0)
    t = _unwrap(t, "underbrace", 0, drop_sub=True)
    t = re.sub(r"\\cancel\{", r"\\CANCELLED{", t)
    for macro in ("left", "right", "Big", "big", "Bigg", "bigg"):
        t = re.sub(rf"\\{macro}(?![a-zA-Z])", "", t)
    t = re.sub(r"\\(?:quad|qquad|textstyle|displaystyle)(?![a-zA-Z])", " ", t)
    t = re.sub(r"(?<!\\)\\[,;!: ]", " ", t)  # thin spaces, not the second half of \\
    t = t.replace("−", "-")
    return t


def _rows(latex: str) -> list[str]:
    body = re.sub(r"\\(?:begin|end)\{(?:aligned|gathered)\}", r" \\\\ ", latex)
    return [r.replace("&", " ").strip() for r in re.split(r"\\\\(?:\[[^\]]*\])?", body)]


def _statements(latex: str) -> list[str]:
    """Rows of a block joined where a row continues the one above (``&= …``, ``&\\quad + …``)."""
    out: list[str] = []
    for row in _rows(latex):
        if not row:
            continue
        if out and re.match(r"^(=|\\approx|\+|-\s|\\cdot|\\times)", row):
            out[-1] += " " + row
        else:
            out.append(row)
    return out


def _python(expression: str) -> str | None:
    """The expression as Python, or None when it holds anything but numbers and operators."""
    t = expression.strip()
    if "CANCELLED" in t or r"\text" in t or r"\operatorname" in t:
        return None
    t = re.sub(r"\\times\s*10\^\{(-?\d+)\}", r"e\1", t)
    t = re.sub(r"(\d)\s+e(-?\d)", r"\1e\2", t)
    t = re.sub(r"\{([+-]\s[^{}]*)\}", r" \1 ", t)  # a signed term of a sum, coloured alone
    for _ in range(6):
        t = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"((\1)/(\2))", t)
        t = re.sub(r"e\^\{([^{}]*)\}", r"exp(\1)", t)
        t = re.sub(r"\^\{([^{}]*)\}", r"**(\1)", t)
        t = re.sub(r"\{([^{}]*)\}", r"(\1)", t)
    t = re.sub(r"\\log\s*(-?[\d.]+(?:e-?\d+)?)", r"log(\1)", t)
    t = t.replace(r"\log", "log").replace(r"\cdot", "*").replace(r"\times", "*")
    t = re.sub(r"(?<=[\d)])\s*\(", "*(", t)
    if re.search(r"[A-Za-df-z_\\]|(?<![\d])e(?!-?\d)", t.replace("log", "").replace("exp", "")):
        return None
    return t


def _value(python: str) -> float | None:
    try:
        return float(eval(python, {"__builtins__": {}}, {"log": math.log, "exp": math.exp}))
    except (SyntaxError, ZeroDivisionError, ValueError, OverflowError, TypeError):
        return None


def _is_operation(expression: str) -> bool:
    """Whether a numeric expression does more than print one number."""
    return not _ONLY_NUMBER.match(expression.strip()) and bool(_NUMBER.search(expression))


def arithmetic(latex: str) -> list[Step]:
    """Every step of shown arithmetic in ``latex``: a numeric operation, ``=``/``≈``, a number."""
    steps = []
    for statement in _statements(clean(latex)):
        parts = re.split(r"(=|\\approx|<|\\ge|\\le|\\ne|\\to|\\quad|\\qquad|,\s|:)", statement)
        segments, relations = parts[0::2], parts[1::2]
        for k, relation in enumerate(relations):
            if relation not in ("=", r"\approx") or k + 1 >= len(segments):
                continue
            left, right = segments[k].strip(), segments[k + 1].strip()
            result = _ONLY_NUMBER.match(right)
            if result and _is_operation(left) and _python(left) is not None:
                steps.append(Step(left, relation, result.group(1)))
    return steps


def half_unit(text: str) -> float:
    """Half a unit in the last printed place; 0 for a whole number, which is exact."""
    t = text.replace(" ", "")
    exponent = 0
    match = re.match(r"^(-?[\d.]+)\\times10\^\{(-?\d+)\}$", t)
    if match:
        t, exponent = match.group(1), int(match.group(2))
    if "." not in t:
        return 0.0
    return 0.5 * 10.0 ** (exponent - len(t.split(".")[1]))


def number(text: str) -> float:
    """The value of a printed number, ``-6.08 \\times 10^{-6}`` included."""
    return float(re.sub(r"\s*\\times\s*10\^\{(-?\d+)\}", r"e\1", text.strip()))


def redo(step: Step) -> float | None:
    """The step's expression computed from its printed numbers."""
    python = _python(step.expression)
    return None if python is None else _value(python)


def mismatches(latex: str) -> list[str]:
    """The ``=`` steps of ``latex`` whose printed result the printed operands do not give."""
    found = []
    for step in arithmetic(latex):
        if step.relation != "=":
            continue
        computed = redo(step)
        if computed is None:
            continue
        shown = number(step.result)
        tolerance = (
            half_unit(step.result) * (1 + 1e-9) + 1e-12 * max(abs(shown), abs(computed)) + 1e-15
        )
        if not abs(computed - shown) <= tolerance:
            found.append(
                f"{step.expression} = {step.result} (the printed numbers give {computed:.6g})"
            )
    return found


def formulas_in_markdown(text: str) -> list[str]:
    """The ``$$…$$`` and ``$…$`` formulas of a Markdown text."""
    blocks = re.findall(r"\$\$(.+?)\$\$", text, flags=re.S)
    inline = re.findall(r"(?<!\$)\$([^$]+)\$(?!\$)", re.sub(r"\$\$.+?\$\$", " ", text, flags=re.S))
    return blocks + inline
