"""Display models: what a page shows (rows of tables, verdicts, curves), as plain values.

Each function takes plain numbers, asks :mod:`sce_core` for the math and returns data
that the LaTeX writers, the table helpers and the figure builders only format. None
calls Streamlit.
"""
