"""One palette for the whole app (Okabe-Ito, safe for colour-blind readers).

Each colour has one meaning everywhere, in charts and in formulas alike, and is
always paired with a second cue (a marker, a hatch pattern or a word).
"""

SAME = "#D55E00"
"""Vermillion: the i = j case (diagonal of the Jacobian, the i = j chain-rule term). Marker ◆."""
OTHER = "#0072B2"
"""Blue: the i != j case. Marker ●."""
Y = "#009E73"
"""Bluish green: the labels y (hatched bars)."""
Y_HAT = "#56B4E9"
"""Sky blue: the predictions y_hat (solid bars)."""
GRAD = "#E69F00"
"""Orange: the gradient dL/dx = y_hat - y."""
INK = "#222222"
"""Text and neutral lines."""

SAME_MARK = "◆"
OTHER_MARK = "●"

# The fills of signed matrix cells, paler towards 0. Their hues are used for nothing
# else, so a cell's fill never reads as an i = j / i != j case.
NEGATIVE = "#CC79A7"
"""Reddish purple: fill of negative matrix entries."""
POSITIVE = "#F0E442"
"""Yellow: fill of positive matrix entries."""


TEXT_SHADES = {SAME: "#BE5400", Y: "#008460", GRAD: "#9C6500"}
"""Darker shades of the same hues for text on white, so formulas keep a contrast of at
least 4.5:1 (WCAG AA). Colours missing here are already dark enough."""
Y_HAT_TINT = "#D4ECFA"
"""Light sky-blue background for ŷ in formulas: sky blue itself is too pale for text, so
ŷ is written in ink on this tint instead."""


def tex_color(color: str, body: str) -> str:
    r"""Mark LaTeX ``body`` with the chart colour ``color``, readable as text.

    Text takes the colour's darker shade from :data:`TEXT_SHADES`; ŷ (:data:`Y_HAT`) is
    set in ink on a sky-blue tint.

    >>> tex_color(SAME, "x")
    '\\textcolor{#BE5400}{x}'
    >>> tex_color(Y_HAT, r"\hat y")
    '\\colorbox{#D4ECFA}{$\\displaystyle \\hat y$}'
    """
    if color == Y_HAT:
        return rf"\colorbox{{{Y_HAT_TINT}}}{{$\displaystyle {body}$}}"
    return rf"\textcolor{{{TEXT_SHADES.get(color, color)}}}{{{body}}}"


# Neutrals: white paper, greys that carry no case of the derivation.
PAPER = "#FFFFFF"
"""The background of every chart, and the fill of hatched bars."""
GRID = "#E5E5E5"
"""Grid lines of chart axes."""
NEUTRAL = "#BBBBBB"
"""Light grey: a quantity no palette colour names, such as ∂L/∂ŷ."""
MUTED = "#777777"
"""Mid grey: model and reference lines (asymptotes, a tangent) beside ink data."""
SURFACE = "#8C8C8C"
"""The high end of a loss surface's white-to-grey shading."""
SHADE = "rgba(34,34,34,0.08)"
"""A faint ink wash over a region of a chart that has no data (a step too small)."""

CLASS_COLORS = ("#332288", "#CC6677", "#44AA99", "#DDCC77", "#882255")
"""Classes of the training lab (Paul Tol's muted scheme, colour-blind safe). They name
classes only, never a case of the derivation, and always come with a marker symbol
(:data:`sce_ui.figures.CLASS_SYMBOLS`)."""
GRAD_TINT = "#FBE8C8"
"""A pale tint of the gradient's orange: the fill of a node the backward pass has reached."""
