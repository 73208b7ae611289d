"""Method: the argument and its mechanisms, the equations, every parameter with its source, and the limits."""

import pandas as pd
import streamlit as st

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.report.method import (CITATION, EQUATIONS, INPUTS, LIMITATIONS, MECHANISMS, REFINEMENTS,
                                            parameter_rows)
from pacnet_dashboard.report.brief import CHECKOUT_PYTHON, cli_command, compare_command
from pacnet_dashboard.report.metadata import file_stem, scenario_identity
from pacnet_dashboard.scenario import Scenario, encode_value, lever_specs
from pacnet_dashboard.ui import downloads, session

scenario = session.current_scenario()
st.info("**Illustrative, not a forecast.** " + " ".join(LIMITATIONS[:2]), icon=":material/info:")
st.markdown(f"Model version **{MODEL_VERSION}**. The argument comes from {CITATION} It is paraphrased and cited "
            "here, not quoted.")

st.subheader("From argument to mechanism", divider="gray")
st.table(pd.DataFrame(MECHANISMS, columns=["The commentary argues (paraphrase)", "In the model"]).set_index(
    "The commentary argues (paraphrase)"))

st.subheader("Equations: one step per day, all Monte Carlo runs at once", divider="gray")
for eq in EQUATIONS:
    st.markdown(f"**{eq.title}.** {eq.explanation}")
    st.latex(eq.latex)
st.markdown("**What a scenario feeds in.**")
for eq in INPUTS:
    st.markdown(f"**{eq.title}.** {eq.explanation}")
    st.latex(eq.latex)
with st.expander("Refinements of the reference design, and why"):
    for title, why in REFINEMENTS:
        st.markdown(f"- **{title}** {why}")

st.subheader("Parameters and where they come from", divider="gray")
st.dataframe(pd.DataFrame(parameter_rows(scenario.assumptions.as_dict())),
             hide_index=True, width="stretch", row_height=56,
             column_config={"Meaning": st.column_config.TextColumn(width="large"),
                            "Provenance": st.column_config.TextColumn(width="large")})
st.caption("Kind 'judgement' marks the modeller's own values; 'calibration' values name their target. The column "
           "'History fit' shows what a fit to the 2017-2019 record found (History page); those values are not used: "
           "out of sample they miss the record's level by more than the values in use (RMSE), and they blur the "
           "differences between the scenarios (data/README.md).")

st.subheader("Levers", divider="gray")
st.table(pd.DataFrame([{"Lever": s.label,
                        "Field (link, JSON, --set)": "assumptions.NAME" if s.kind == "assumptions" else s.name,
                        "Unit": s.unit, "Default": "none: the table's values" if s.kind == "assumptions" else
                        encode_value(Scenario(), s.name) or "none", "Source": s.provenance}
                       for s in lever_specs().values()]).set_index("Lever"))

st.subheader("Limitations", divider="gray")
st.markdown("\n".join(f"- {item}" for item in LIMITATIONS))

st.subheader("Reproduce any number or figure", divider="gray")
bundled_name = None if (found := scenario_identity(scenario)[0]) == "custom" else found
name = downloads.scenario_file_name(scenario)
st.markdown("Every number and figure comes from `simulate` on the scenario in the sidebar. In the project folder, "
            "after `make run` or `make test` has built `.venv`:")
st.code("\n".join([cli_command(scenario, python=CHECKOUT_PYTHON),
                   cli_command(scenario, "report", python=CHECKOUT_PYTHON) + " --out brief.html",
                   cli_command(scenario, "network", python=CHECKOUT_PYTHON),
                   compare_command(scenario, bundled_name, f"{file_stem(name, scenario)}.json")]),
        language="bash", wrap_lines=True)
if bundled_name is None:
    st.markdown(f"The comparison reads the scenario file that the lab's *Scenario JSON* button saves "
                f"(`{file_stem(name, scenario)}.json`).")
