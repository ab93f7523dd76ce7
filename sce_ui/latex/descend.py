r"""Lab · Descend on your logits in words and formulas: the update rule with live numbers.

ŷ is drawn in :data:`palette.Y_HAT`, y in :data:`palette.Y` and the gradient in
:data:`palette.GRAD`, as on the other pages; every number goes through :mod:`sce_ui.fmt`.
"""

from __future__ import annotations

from .. import arithmetic as ar
from .. import palette
from ..fmt import num, tex, typed

INTRO = (
    "The derivation ends in one line, ∂L/∂x = ŷ − y. Here it moves your own logits: each "
    "step applies x ← x − η(ŷ − y) to the sidebar's x, so you can watch ŷ walk towards y "
    "and the loss fall. Pick a step size η, take steps one press at a time or a fixed "
    "number at once, and try label smoothing to see what a target inside (0, 1) changes."
)


def _vec(values) -> str:
    return r"\left(" + r",\ ".join(tex(v) for v in values) + r"\right)"


def update_rule() -> str:
    """The update in symbols, coloured as on the other pages."""
    y_hat = palette.tex_color(palette.Y_HAT, r"\hat y")
    y = palette.tex_color(palette.Y, "y")
    grad = palette.tex_color(palette.GRAD, rf"({y_hat} - {y})")
    return rf"x \leftarrow x - \eta\,{grad}"


@ar.collect
def step_tex(k: int, x, grad, lr: float, x_next) -> str:
    r"""Step ``k`` to ``k + 1`` with numbers, one quantity a line so a phone shows it whole.

    The result says ``=`` when every entry of ``x - η g`` adds up from the shown numbers,
    else ``\approx`` (:func:`sce_ui.arithmetic.noted_all`).
    """
    g = palette.tex_color(palette.GRAD, r"(\hat y - y)")
    entries = [
        (ar.minus(ar.number(a), ar.times(ar.typed(lr), ar.number(d))), b)
        for a, d, b in zip(x, grad, x_next, strict=True)
    ]
    return (
        r"\small\begin{gathered}"
        rf"x^{{({k})}} = {_vec(x)} \\ "
        rf"{g}^{{({k})}} = {palette.tex_color(palette.GRAD, _vec(grad))} \\ "
        rf"x^{{({k + 1})}} = x^{{({k})}} - {typed(lr)}\,{g}^{{({k})}} \\ "
        rf"{ar.noted_all(entries)} {_vec(x_next)}"
        r"\end{gathered}"
    )


def sub(index: int) -> str:
    """The class number of a 0-based ``index`` as subscript digits, for plain text."""
    return str(index + 1).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def vector_text(values) -> str:
    """A vector in plain text for the table: ``(0.659, 0.242, 0.099)``."""
    return "(" + ", ".join(num(v) for v in values) + ")"
