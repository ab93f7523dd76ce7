"""What the pages share: the sidebar controls, colours, number formatting and figures.

Pages call :func:`sce_ui.controls.sidebar` first, hand the plain values it returns to
:mod:`sce_core`, and draw the arrays with the builders in :mod:`sce_ui.figures`.
"""

# pandas is imported here, whole, before any page can build a figure: plotly looks pandas
# up in ``sys.modules`` without importing it, so a figure built while another session's
# first run was still importing pandas met a half-imported module and raised.
import pandas  # noqa: F401
