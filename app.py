"""Entry point for `streamlit run app.py` (and Streamlit Community Cloud)."""

import streamlit as st

from pacnet_dashboard import MODEL_VERSION

st.set_page_config(page_title="PacNet save-face dashboard", layout="wide")
st.title("Time to save face: the US-DPRK tension balloon")
st.write(f"Model version {MODEL_VERSION}. The dashboard pages are being built.")
