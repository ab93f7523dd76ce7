"""What the pages share: the sidebar controls, colours, number formatting and figures.

Pages call :func:`sce_ui.controls.sidebar` first, hand the plain values it returns to
:mod:`sce_core`, and draw the arrays with the builders in :mod:`sce_ui.figures`.
"""
