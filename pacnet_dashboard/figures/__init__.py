"""Pure plotly figure builders: a Result (or a network, or a history) in, a `go.Figure` out. No streamlit."""
