"""Method: the argument and its mechanisms, the equations, every parameter with its source, and the limits."""

import pandas as pd
import streamlit as st

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.data import load_parameters
from pacnet_dashboard.report import ARGUMENT_MAP, CITATION, LIMITATIONS, cli_command
from pacnet_dashboard.scenario import lever_specs
from pacnet_dashboard.ui import state

scenario = state.current_scenario()
st.info(f"**Illustrative, not a forecast.** {LIMITATIONS}", icon=":material/info:")
st.markdown(f"Model version **{MODEL_VERSION}**. Source of the argument: {CITATION}. The commentary is "
            "paraphrased and cited here, not quoted.")

st.subheader("From argument to mechanism", divider="gray")
st.dataframe(pd.DataFrame(ARGUMENT_MAP, columns=["The commentary argues (paraphrase)", "In the model"]),
             hide_index=True, width="stretch")

st.subheader("Equations (one step per day, all runs at once)", divider="gray")
st.markdown("Perceived hostility carries misperception noise that dialogue shrinks; hostility then follows "
            "Richardson's arms-race equation, with grievance from rhetoric and from lost face:")
st.latex(r"\hat x_j = x_j + \varepsilon,\ \ \varepsilon \sim N\!\left(0, \sigma^2\right),\ \ "
         r"\sigma = \frac{\sigma_0}{1 + c\,C} \qquad x_i \leftarrow \operatorname{clip}\!\left(x_i + k_i \hat x_j "
         r"- m_i x_i + g_i,\ 0,\ 10\right)")
st.latex(r"g_i = \left(g_0\,\tfrac{\text{rhetoric}_i}{10} + \varphi\,\max(0, -F_i)\right)\cdot \text{trust}")
st.markdown("Pressure is blown in by hostility and leaks out through dialogue; the skin thins as it grows:")
st.latex(r"P \leftarrow \max\!\left(0,\ P + \alpha\,\tfrac{x_{us} + x_{dprk}}{2} - (\lambda_0 + \lambda_C C)\,P "
         r"- \text{releases} + \text{backfires}\right) \qquad r = \left(1 + \tfrac{P}{P_{ref}}\right)^{1/3} "
         r"\qquad \tau = \left(1 + \tfrac{P}{P_{ref}}\right)^{-2/3}")
st.markdown("Incidents arrive at rate ι with exponential severity of mean μ; one that beats the skin pops the "
            "balloon, and a popped run stays popped:")
st.latex(r"\iota = \iota_0\left(1 + \tfrac{x_{us} + x_{dprk}}{20}\right) \qquad "
         r"p_{\text{pop, day}} = 1 - \exp\!\left(-\iota\, e^{-\theta \tau / \mu}\right)")
st.markdown("Face drifts with belittling and decays; a gesture is accepted with a logistic chance:")
st.latex(r"F_i \leftarrow \operatorname{clip}\!\left((1-\delta_F) F_i + \beta\,\tfrac{x_i - x_j}{10} "
         r"+ \text{gains},\ -1,\ 1\right) \qquad q = \operatorname{logistic}\!\left(a_0 + a_f\,\text{gain}_{rec} "
         r"+ a_m\,\text{mediation} - a_x\,\tfrac{x_{rec}}{10}\right)")
st.caption("C is the effective conductance between Washington and Pyongyang through the open channels "
           "(1 / resistance distance). Each purpose draws from its own seeded stream, so two scenarios with one "
           "seed share their incidents and noise (common random numbers).")

st.subheader("Parameters and where they come from", divider="gray")
params = pd.DataFrame([{"Parameter": r.name, "Symbol": r.symbol, "Value": r.value, "Range": f"{r.min:g} to {r.max:g}",
                        "Unit": r.unit, "Meaning": r.meaning, "Kind": r.kind, "Provenance": r.provenance}
                       for r in load_parameters()])
st.dataframe(params, hide_index=True, width="stretch")
st.caption("Kind: 'judgement' values are the modeller's, flagged as such; 'calibration' values are fitted to a "
           "target named in the provenance.")

st.subheader("Levers", divider="gray")
st.dataframe(pd.DataFrame([{"Lever": s.label, "Field (link, JSON, --set)": s.name, "Unit": s.unit,
                            "Default": str(s.default) if s.default != () else "none", "Source": s.provenance}
                           for s in lever_specs().values()]), hide_index=True, width="stretch")

st.subheader("Reproduce any number or figure", divider="gray")
st.markdown("Every figure comes from `simulate` on the scenario in the sidebar. From the project folder:")
st.code("\n".join([cli_command(scenario), cli_command(scenario, "report") + " --out brief.html",
                   "python -m pacnet_dashboard compare baseline gift_exchange",
                   "python -m pacnet_dashboard scenarios"]), language="bash")
