"""What the pages compute for display, as plain functions of plain values: no Streamlit."""
