"""Checks shared by the tests of the LaTeX writers."""

import re

from sce_ui import palette


def assert_well_formed(latex: str) -> None:
    """Braces balance, and every environment is closed in order."""
    depth = 0
    for ch in latex:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        assert depth >= 0, latex
    assert depth == 0, latex
    open_envs = []
    for kind, name in re.findall(r"\\(begin|end)\{(\w+)\}", latex):
        if kind == "begin":
            open_envs.append(name)
        else:
            assert open_envs.pop() == name, latex
    assert not open_envs, latex
    assert latex.count("$") % 2 == 0, latex


def opening(color: str) -> str:
    """The LaTeX that opens a span marked in ``color`` by :func:`palette.tex_color`."""
    marked = palette.tex_color(color, "@")
    return marked[: marked.index("@")]
