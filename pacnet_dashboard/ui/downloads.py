"""The lab's Files section and the charts' SVG buttons: every export, built only when its button is clicked,
and named after the scenario and seed (gift_exchange_seed2017.pptx)."""

from __future__ import annotations

from functools import partial

import streamlit as st

from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.report.export import FORMATS, ExportInfo, export_bytes, export_name
from pacnet_dashboard.report.images import ExportError, browser_path
from pacnet_dashboard.report.metadata import file_stem, scenario_identity
from pacnet_dashboard.report.pdf import PAPERS
from pacnet_dashboard.scenario import Scenario, to_file_json
from pacnet_dashboard.ui import session
from pacnet_dashboard.ui.cache import cached
from pacnet_dashboard.ui.notices import escape_markdown


@cached(64)
def _bundled_name(key: str) -> str:
    return scenario_identity(Scenario.model_validate_json(key))[0]


def scenario_file_name(scenario: Scenario) -> str:
    """The name that every export of a scenario starts with: the uploaded file's name while its scenario is in
    force, else the bundled scenario's (at any seed and runs), else 'custom'."""
    uploaded = session.uploaded_file(scenario)
    return uploaded.name if uploaded is not None else _bundled_name(scenario.model_dump_json())


def chart_config(scenario: Scenario, chart: str) -> dict:
    """plotly's config for a chart on a page: the camera button of its toolbar downloads an SVG named after the
    scenario, the seed and the chart."""
    return {"displaylogo": False,
            "toImageButtonOptions": {"format": "svg",
                                     "filename": f"{file_stem(scenario_file_name(scenario), scenario)}_{chart}"}}


def chromium_problem() -> str | None:
    """Why the formats that need Chromium cannot be made here, or None when they can."""
    try:
        browser_path()
    except ExportError as exc:
        return exc.detail
    return None


def files_section(result: Result, baseline: Result) -> None:
    """A download button per format (and the scenario JSON); each file is made only when its button is clicked."""
    scenario = result.scenario
    name = scenario_file_name(scenario)
    title, description = session.scenario_name(scenario)
    paper = st.segmented_control("Paper for the PDF brief", PAPERS, default="a4", required=True, key="_paper",
                                 format_func=lambda p: p.upper() if p == "a4" else p.capitalize())
    info = ExportInfo(name=name, title=title, description=description, paper=paper)
    missing = chromium_problem()
    items = [(fmt.label, partial(export_bytes, ext, result, baseline, info), export_name(ext, info, result), fmt.mime,
              fmt.needs_chromium and missing is not None) for ext, fmt in FORMATS.items()]
    items.append(("Scenario JSON", partial(to_file_json, scenario, name=name, title=title, description=description),
                  f"{file_stem(name, scenario)}.json", "application/json", False))
    columns = st.columns(3)
    for i, (label, maker, file_name, mime, disabled) in enumerate(items):
        columns[i % 3].download_button(label, maker, file_name=file_name, mime=mime, on_click="ignore",
                                       icon=":material/download:", key=f"_download_{file_name.rsplit('.', 1)[1]}",
                                       disabled=disabled, width="stretch",
                                       help=f"{file_name}; made when you click" if not disabled else missing)
    st.caption("Each file is made when you click it. Slides and the PDF brief take 10-30 seconds: Chromium draws "
               "their charts. The ZIP holds the daily table beside the baseline's, the scenario, metadata.json and a "
               "README; the CSV starts with `#` lines of metadata above the table.")
    if missing:
        st.caption(escape_markdown(f"Slides and the PDF are off here: {missing}.", limit=400))
