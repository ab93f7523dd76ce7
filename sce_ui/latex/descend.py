r"""Lab · Descend on your logits in words and formulas: the update rule with live numbers.

ŷ is drawn in :data:`palette.Y_HAT`, y in :data:`palette.Y` and the gradient in
:data:`palette.GRAD`, as on the other pages; every number goes through :mod:`sce_ui.fmt`.
"""

from __future__ import annotations

from .. import palette
from ..fmt import num, tex

LEARNING_RATES = (0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0, 4.0, 5.0, 10.0, 30.0, 100.0)
"""η on a rough log scale, with the safe bound 4 of one-hot labels (T = 1) among them."""
DEFAULT_LR = 1.0
SMOOTHING = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5)
"""Label smoothing ε: the share of the target spread evenly over the classes."""
STEP_COUNTS = (1, 2, 5, 10, 20, 50, 100, 200, 500)
DEFAULT_COUNT = 20
MAX_PRESSED = 1000
"""The most steps the step-by-step mode counts up to (a link may ask for any of them)."""
MODES = ("fixed", "press")
MODE_NAMES = {"fixed": "A fixed number of steps", "press": "One step per press"}

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


def step_tex(k: int, x, grad, lr: float, x_next) -> str:
    r"""Step ``k`` to ``k + 1`` with numbers, one quantity a line so a phone shows it whole.

    The result is marked ``\approx``: it is computed from the unrounded numbers.
    """
    g = palette.tex_color(palette.GRAD, r"(\hat y - y)")
    return (
        r"\small\begin{gathered}"
        rf"x^{{({k})}} = {_vec(x)} \\ "
        rf"{g}^{{({k})}} = {palette.tex_color(palette.GRAD, _vec(grad))} \\ "
        rf"x^{{({k + 1})}} = x^{{({k})}} - {tex(lr)}\,{g}^{{({k})}} \\ "
        rf"\approx {_vec(x_next)}"
        r"\end{gathered}"
    )


def sub(index: int) -> str:
    """The class number of a 0-based ``index`` as subscript digits, for plain text."""
    return str(index + 1).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def vector_text(values) -> str:
    """A vector in plain text for the table: ``(0.659, 0.242, 0.099)``."""
    return "(" + ", ".join(num(v) for v in values) + ")"
