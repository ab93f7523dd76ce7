"""The smallest page with its slider in the main area: the baseline of ``--measure document``.

The same slider as :mod:`bench.minimal_app` (the sidebar's ``x1``: range, step, URL
binding, session persistence), but in the main area, and one number printed under it:
watching the whole document, a keypress redraws the thumb and the number and nothing else.
"""

import streamlit as st

x1 = st.slider(
    "Logit x1", -10.0, 10.0, 2.0, 0.1, key="x1", bind="query-params", persist_state="session"
)
st.write(x1)
