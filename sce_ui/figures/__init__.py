"""Figure builders: arrays in, ``plotly.graph_objects.Figure`` out, no Streamlit.

One module per page or topic, every builder a plain spec handed once to
:func:`sce_ui.figures.base.figure`, which holds the shared layout and the named styles.
Colours come from :mod:`sce_ui.palette` and always carry a second cue: y bars are
hatched, ŷ bars solid; i = j cells carry ◆ and a thick outline, i != j cells ●.
Every figure has a title, and every bar or cell shows its number as text.
"""

from ..palette import CLASS_COLORS
from .base import MARKS, TITLE_CHARS, class_names
from .canonical import gradient_size_chart, line_loss_chart, surface_chart
from .cross_entropy import probability_bars, probability_derivative_bars
from .descend import descent_curves, descent_surface
from .gradcheck import finite_difference_error, gradient_routes_bars
from .loss_curves import loss_curve, loss_curve_to_point, loss_tangent
from .mlp import backward_graph, loss_curves, regions
from .pairing import ARROW_SCALE, gradient_size_figure, loss_surface_figure
from .simplification import shortcut_bars
from .softmax import nudge_change_bars
from .stability import gradient_bars, naive_stable_bars
from .steps import linearisation_gap
from .training import CLASS_MARKS, CLASS_SYMBOLS, decision_regions, training_loss_figure

__all__ = [
    "ARROW_SCALE",
    "CLASS_COLORS",
    "CLASS_MARKS",
    "CLASS_SYMBOLS",
    "MARKS",
    "TITLE_CHARS",
    "backward_graph",
    "class_names",
    "decision_regions",
    "descent_curves",
    "descent_surface",
    "finite_difference_error",
    "gradient_bars",
    "gradient_routes_bars",
    "gradient_size_chart",
    "gradient_size_figure",
    "line_loss_chart",
    "linearisation_gap",
    "loss_curve",
    "loss_curve_to_point",
    "loss_curves",
    "loss_surface_figure",
    "loss_tangent",
    "naive_stable_bars",
    "nudge_change_bars",
    "probability_bars",
    "probability_derivative_bars",
    "regions",
    "shortcut_bars",
    "surface_chart",
    "training_loss_figure",
]
