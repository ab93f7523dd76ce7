r"""Read shown arithmetic back from rendered LaTeX and redo it from the printed digits.

A step of shown arithmetic is a relation ``=`` or ``≈`` between two sides made only of
printed numbers and operations, at least one of them an operation:

- an operation and its result, ``0.191 - 0.142 = 0.048``, ``-\log 0.00247 = 6.005``,
  ``-\frac{1}{0.00247} = -405.429``, or the other way round, ``-0.341 = 0.659 - 1``;
- two operations, ``e^{2.000} + e^{1.000} = 7.389 + 2.718``;
- vectors and matrices of one row or column (``pmatrix``, ``bmatrix``, ``(a, b, c)``),
  entry by entry: ``\frac{1}{1}[(0.659, 0.242) - (1, 0)] = (-0.341, 0.242)``;
- a symbol given a number or vector earlier in the same formula stands for it later:
  ``x^{(19)} = (3.779, -0.156) \\ x^{(20)} = x^{(19)} - 1\,g \approx (3.811, -0.175)``.

:func:`arithmetic` finds every such step in a formula (colours, boxes, braces and line
breaks of ``aligned`` and ``gathered`` blocks read through), and :func:`mismatches` redoes
each ``=`` with the numbers as printed. A printed result (a lone number or vector) may be
off by half a unit in its last place, its operands taken as printed; where both sides are
operations, they may differ by what rounding each of their numbers moves them (to first
order). A step written with ``\approx`` claims no more than
that and is never a mismatch.

The parser is independent of the app's formatter: it reads digits, not values.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np

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
    t = re.sub(r"\\[td]frac(?![a-zA-Z])", r"\\frac", t)
    t = re.sub(r"\\odot(?![a-zA-Z])", r"\\cdot", t)
    t = _MATRIX.sub(_vector, t)
    return _TUPLE.sub(lambda m: f"vec({'; '.join(_items(m.group(1)))})", t)


_MATRIX = re.compile(r"\\begin\{([pb])matrix\}(.*?)\\end\{\1matrix\}", re.S)
_ITEM = rf"\{{?\s*{NUMBER}\s*\}}?"
_TUPLE = re.compile(rf"\(\s*({_ITEM}(?:\s*,\s*{_ITEM})+)\s*\)")


def _items(text: str) -> list[str]:
    return [item.strip().strip("{}").strip() for item in text.split(",")]


def _vector(match: re.Match) -> str:
    """A matrix of one row or one column as ``vec(a; b; c)``; a grid as an unread token."""
    rows = [row for row in re.split(r"\\\\", match.group(2)) if row.strip()]
    if len(rows) > 1 and any("&" in row for row in rows):
        return r" \grid "
    return "vec(" + "; ".join(c.strip() for row in rows for c in row.split("&")) + ")"


def _rows(latex: str) -> list[str]:
    body = re.sub(r"\\(?:begin|end)\{(?:aligned|gathered)\}", r" \\\\ ", latex)
    return [r.replace("&", " ").strip() for r in re.split(r"\\\\(?:\[[^\]]*\])?", body)]


def _statements(latex: str) -> list[str]:
    """Rows of a block joined where a row continues the one above (``&= …``, ``&\\quad + …``)
    or the one above breaks off after an operator (``… \\odot \\\\ (…)``)."""
    out: list[str] = []
    for row in _rows(latex):
        if not row:
            continue
        continues = re.match(r"^(=|\\approx|\+|-\s|\\cdot|\\times)", row)
        if out and (continues or re.search(r"(=|\\approx|\+|\\cdot|\\times)$", out[-1])):
            out[-1] += " " + row
        else:
            out.append(row)
    return out


def _python(expression: str) -> str | None:
    """The expression as Python, or None when it holds anything but numbers and operators."""
    t = expression.strip()
    if "CANCELLED" in t or r"\text" in t or r"\operatorname" in t:
        return None
    t = t.replace("[", "(").replace("]", ")")
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
    t = re.sub(r"(?<=[\d)])\s*(?=vec|log|exp)", "*", t)
    words = t.replace("log", "").replace("exp", "").replace("vec", "")
    if re.search(r"[A-Za-df-z_\\]|(?<![\d])e(?!-?\d)", words):
        return None
    return t.replace(";", ",")


def _value(python: str) -> float | np.ndarray | None:
    """The value of a Python expression of printed numbers: a float, or an array for vectors."""
    names = {"log": np.log, "exp": np.exp, "vec": lambda *items: np.array(items, dtype=float)}
    try:
        with np.errstate(all="raise"):
            value = eval(python, {"__builtins__": {}}, names)
    except (ArithmeticError, SyntaxError, TypeError, ValueError):
        return None
    if isinstance(value, np.ndarray):
        return value.astype(float) if value.ndim == 1 else None
    return float(value) if isinstance(value, int | float | np.floating) else None


_PY_NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?:e-?\d+)?")
_ONE = rf"-?{_PY_NUMBER.pattern}"
_LITERAL = re.compile(rf"^\(*{_ONE}\)*$|^vec\((?:{_ONE},?)+\)$")


def _is_literal(python: str) -> bool:
    """Whether the side prints a number or a vector of numbers and no operation."""
    return bool(_LITERAL.match(python.replace(" ", "")))


def rounding(python: str) -> float | np.ndarray:
    """How far the printed side may be from its unrounded self: each printed number moved
    by half a unit in its last place, the moves added (first order; whole numbers exact)."""
    base = _value(python)
    total = 0.0 * base
    for match in _PY_NUMBER.finditer(python):
        half = half_unit(match.group())
        if half:
            moved = python[: match.start()] + repr(float(match.group()) + half)
            moved = _value(moved + python[match.end() :])
            total = total + (np.inf if moved is None else np.abs(moved - base))
    return total


def _balanced(segment: str) -> str:
    """The segment without the braces a relation inside a coloured group left unmatched."""
    t = segment.strip()
    while t.count("{") > t.count("}") and t.startswith("{"):
        t = t[1:].strip()
    while t.count("}") > t.count("{") and t.endswith("}"):
        t = t[:-1].strip()
    return t


_SYMBOL = re.compile(r"^[^\d=]*(?:[_^]\{[^{}]*\}[^\d=]*)*$")


def _definitions(statement: str, known: dict[str, str]) -> None:
    """Record ``symbol = … = literal``: later statements of the formula may use the symbol."""
    parts = re.split(r"(=|\\approx)", statement)
    first, last = _balanced(parts[0]), _balanced(parts[-1])
    python = _python(last)
    named = len(first) > 1 and re.search(r"[A-Za-z]", first) and _SYMBOL.match(first)
    if len(parts) > 1 and named and python and _is_literal(python):  # not a lone S or h
        known[first] = last


def _substitute(statement: str, known: dict[str, str]) -> str:
    for symbol in sorted(known, key=len, reverse=True):
        statement = statement.replace(symbol, f"({known[symbol]})")
    return statement


_RELATIONS = r"(=|\\approx|<|>|\\ge|\\le|\\ne|\\to|\\quad|\\qquad|,\s|:)"


def arithmetic(latex: str) -> list[Step]:
    """Every step of shown arithmetic in ``latex``: two sides of printed numbers and
    operations, at least one an operation, joined by ``=`` or ``≈``."""
    steps, known = [], {}
    for statement in _statements(clean(latex)):
        parts = re.split(_RELATIONS, _substitute(statement, known))
        segments, relations = parts[0::2], parts[1::2]
        for k, relation in enumerate(relations):
            if relation not in ("=", r"\approx") or k + 1 >= len(segments):
                continue
            left, right = _balanced(segments[k]), _balanced(segments[k + 1])
            a, b = _python(left), _python(right)
            if a is None or b is None or (_is_literal(a) and _is_literal(b)):
                continue
            if _value(a) is None or _value(b) is None:  # a piece of a sum's limits, say
                continue
            if _NUMBER.search(left) and _NUMBER.search(right):
                steps.append(Step(left, relation, right))
        _definitions(statement, known)
    return steps


def half_unit(text: str) -> float:
    """Half a unit in the last printed place of a number written in LaTeX (``4.54 \\times
    10^{-5}``) or plain text (``4.54e-5``); 0 for a whole number, which is exact."""
    t = text.replace(" ", "")
    exponent = 0
    match = re.match(r"^(-?[\d.]+)(?:\\times10\^\{|e)([+-]?\d+)\}?$", t)
    if match:
        t, exponent = match.group(1), int(match.group(2))
    if "." not in t:
        return 0.0
    return 0.5 * 10.0 ** (exponent - len(t.split(".")[1]))


def number(text: str) -> float:
    """The value of a printed number, ``-6.08 \\times 10^{-6}`` included."""
    return float(re.sub(r"\s*\\times\s*10\^\{(-?\d+)\}", r"e\1", text.strip()))


def redo(step: Step) -> float | np.ndarray | None:
    """The step's expression computed from its printed numbers."""
    python = _python(step.expression)
    return None if python is None else _value(python)


def mismatches(latex: str) -> list[str]:
    """The ``=`` steps of ``latex`` whose two sides the printed numbers do not make equal,
    to the precision the rounded side is printed with."""
    found = []
    for step in arithmetic(latex):
        if step.relation != "=":
            continue
        left, right = _python(step.expression), _python(step.result)
        a, b = _value(left), _value(right)
        if a is None or b is None or (np.shape(a) != np.shape(b) and np.ndim(a) and np.ndim(b)):
            continue
        if _is_literal(left) or _is_literal(right):  # a result: its operands count as exact
            allowed = rounding(left if _is_literal(left) else right)
        else:  # two operations: either may hold rounded numbers
            allowed = rounding(left) + rounding(right)
        tolerance = allowed * (1 + 1e-9) + 1e-12 * np.maximum(np.abs(a), np.abs(b)) + 1e-15
        if not np.all(np.abs(np.asarray(a) - np.asarray(b)) <= tolerance):
            a_text, b_text = (np.array2string(np.asarray(v), precision=6) for v in (a, b))
            gives = f"the printed numbers give {a_text} and {b_text}"
            found.append(f"{step.expression} = {step.result} ({gives})")
    return found


def formulas_in_markdown(text: str) -> list[str]:
    """The ``$$…$$`` and ``$…$`` formulas of a Markdown text."""
    blocks = re.findall(r"\$\$(.+?)\$\$", text, flags=re.S)
    inline = re.findall(r"(?<!\$)\$([^$]+)\$(?!\$)", re.sub(r"\$\$.+?\$\$", " ", text, flags=re.S))
    return blocks + inline
