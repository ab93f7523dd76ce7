"""LaTeX writers: each derivation step as a formula, first with symbols, then with numbers.

One module per step, and :mod:`~sce_ui.latex.common` for what they share (the symbols
y and ŷ, vectors, logs, wrapping). Every function only turns values into a string for
``st.latex``, and is unit tested; none calls Streamlit. What a page computes for display
lives in :mod:`sce_ui.models`. A page imports a writer as ``<module>_tex`` and a model
as ``<module>_model``: ``from sce_ui.latex import jacobian as jacobian_tex``.
"""
