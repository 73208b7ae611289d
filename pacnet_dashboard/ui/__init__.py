"""The Streamlit layer: the only package that imports streamlit. Pages stay thin and call the pure core."""
