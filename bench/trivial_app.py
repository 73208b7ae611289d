"""The floor for the browser benchmarks: a trivial Streamlit page with one slider and one plotly chart."""

import math

import plotly.graph_objects as go
import streamlit as st

value = st.slider("Value", 0, 100, 50)
xs = [i / 10 for i in range(100)]
st.plotly_chart(go.Figure(go.Scatter(x=xs, y=[math.sin(x * (1 + value / 20)) for x in xs], name="trivial")),
                key="trivial_chart")
