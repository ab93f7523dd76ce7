"""Checks shared by the tests of the LaTeX writers."""

import re

from sce_ui import palette

_TOKEN = re.compile(r"\\\\|\\[{}]|[{}]")
"""A line break ``\\\\`` (read first, so its second backslash escapes nothing), an
escaped brace, or a brace."""


def problems(latex: str) -> list[str]:
    """What keeps ``latex`` from being well formed; empty when it is.

    Braces pair up (escaped ``\\{`` and ``\\}`` aside), environments close in the order
    they opened, every ``\\left`` has its ``\\right``, and ``$`` signs come in pairs.
    """
    found = []
    depth = 0
    for token in _TOKEN.findall(latex):
        depth += {"{": 1, "}": -1}.get(token, 0)
        if depth < 0:
            found.append("a } closes nothing")
            break
    if depth > 0:
        found.append(f"{depth} {{ left open")
    open_envs = []
    for kind, name in re.findall(r"\\(begin|end)\{(\w+\*?)\}", latex):
        if kind == "begin":
            open_envs.append(name)
        elif not open_envs or open_envs.pop() != name:
            found.append(f"\\end{{{name}}} out of order")
    found += [f"\\begin{{{name}}} never closed" for name in open_envs]
    lefts = len(re.findall(r"\\left(?![a-zA-Z])", latex))
    rights = len(re.findall(r"\\right(?![a-zA-Z])", latex))
    if lefts != rights:
        found.append(f"{lefts} \\left against {rights} \\right")
    if latex.count("$") % 2:
        found.append("an odd number of $")
    return found


def balanced(latex: str) -> bool:
    """Whether ``latex`` is well formed in the sense of :func:`problems`."""
    return not problems(latex)


def assert_well_formed(latex: str) -> None:
    """Fail with what is wrong unless ``latex`` is well formed (see :func:`problems`)."""
    found = problems(latex)
    assert not found, f"{'; '.join(found)}:\n{latex}"


def opening(color: str) -> str:
    """The LaTeX that opens a span marked in ``color`` by :func:`palette.tex_color`."""
    marked = palette.tex_color(color, "@")
    return marked[: marked.index("@")]


def shows_result(latex: str, result: str, at_end: bool = False) -> bool:
    r"""Whether ``latex`` shows ``= result`` or ``\approx result`` (the rule of
    :mod:`sce_ui.arithmetic` picks one; ``tests/test_shown_arithmetic.py`` checks which).

    With ``at_end``, the result must close the formula (before ``\end{aligned}``).
    """
    end = r"\s*(\\end\{aligned\})?\s*$" if at_end else ""
    whole = r"(?![\d.])" if result[-1:].isdigit() else ""  # 0.5 is not the start of 0.55
    return re.search(rf"(=|\\approx) {re.escape(result)}{whole}{end}", latex) is not None
