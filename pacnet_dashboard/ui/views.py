"""Small layout pieces that more than one page shows (metrics, tables, download payloads)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from pacnet_dashboard.data import load_gestures
from pacnet_dashboard.model import Result
from pacnet_dashboard.report import brief_figures, html_brief
from pacnet_dashboard.scenario import to_file_json
from pacnet_dashboard.ui import state


def headline_metrics(result: Result, baseline: Result) -> None:
    h = result.scenario.horizon_days
    delta = 100 * (result.burst_probability - baseline.burst_probability)
    c1, c2, c3 = st.columns(3)
    c1.metric(f"Baseline: pop chance by day {h}", f"{baseline.burst_probability:.0%}", border=True)
    c2.metric(f"Scenario: pop chance by day {h}", f"{result.burst_probability:.0%}",
              delta=f"{delta:+.0f} points" if round(delta) else "no change", delta_color="inverse", border=True)
    c3.metric("Network conductance (dialogue)", f"{result.conductance:.2f}",
              delta=f"{result.conductance - baseline.conductance:+.2f} vs baseline"
              if round(result.conductance - baseline.conductance, 2) else None, border=True,
              help="Effective conductance between Washington and Pyongyang through all open channels.")


def gesture_frame(result: Result) -> pd.DataFrame:
    catalogue = load_gestures().by_id()
    rows = [{"Gesture": catalogue[g.id].label, "From": g.sender.upper(), "Day": g.day,
             "Accepted (% of runs)": round(100 * g.acceptance_probability, 1),
             "Answer": catalogue[g.answer_id].label if g.answer_id else "—",
             "Answered (% of runs)": round(100 * g.reciprocation_probability, 1) if g.answer_id else None}
            for g in result.gestures]
    return pd.DataFrame(rows, columns=["Gesture", "From", "Day", "Accepted (% of runs)", "Answer",
                                       "Answered (% of runs)"])


def gesture_table(result: Result) -> None:
    if not result.gestures:
        st.info("No gesture is made. Choose gestures in the sidebar (for example the signed book on day 14).",
                icon=":material/redeem:")
        return
    st.dataframe(gesture_frame(result), hide_index=True, width="stretch")


def download_files(result: Result, baseline: Result) -> list[tuple[str, Callable[[], str], str, str]]:
    scenario = result.scenario
    title = state.scenario_name(scenario)[0]

    def brief() -> str:
        figures = brief_figures(result, baseline, p_ref=state.p_ref())
        return html_brief(result, baseline, figures, title=title)

    return [
        ("Results CSV", lambda: result.daily_table().to_csv(index=False, float_format="%.6g"),
         "pacnet_results.csv", "text/csv"),
        ("Scenario JSON", lambda: to_file_json(scenario), "pacnet_scenario.json", "application/json"),
        ("HTML brief (offline)", brief, "pacnet_brief.html", "text/html"),
    ]
