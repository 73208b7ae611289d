"""pacnet_dashboard: an illustrative model of the tension 'balloon' between the US and the DPRK.

The pure core (scenario, model, network, figures, report) never imports streamlit; only `ui/` does.
"""

MODEL_VERSION = "2.0.0"
