"""Page models: what a page computes for display, as plain tested functions.

One module per page or topic. They take plain values and return numbers, named tuples
and tables of text; the LaTeX writers of :mod:`sce_ui.latex` only turn those values
into strings, and the math itself lives in :mod:`sce_core`. None calls Streamlit.
"""
