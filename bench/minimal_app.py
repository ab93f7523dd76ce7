"""The smallest page: one sidebar slider built like the app's ``x1``, and one number.

``bench_latency.py`` measures it as the baseline: what a rerun costs the framework alone.
The slider takes the same options as in :func:`sce_ui.controls.sidebar` (range, step,
URL binding, session persistence) and sits in the sidebar as there, so the ratio
measures the page's content, not these; and the main area shows only what the script
printed, which is what the benchmark watches for (the thumb's label moves at once).
"""

import streamlit as st

x1 = st.sidebar.slider(
    "Logit x1", -10.0, 10.0, 2.0, 0.1, key="x1", bind="query-params", persist_state="session"
)
st.write(x1)
