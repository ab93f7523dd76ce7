"""LaTeX writers: each derivation step as a formula, first with symbols, then with numbers.

One module per step. Every function returns a string for ``st.latex`` and is unit
tested; none calls Streamlit.
"""
