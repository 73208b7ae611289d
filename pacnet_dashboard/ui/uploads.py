"""The lab's scenario upload: the uploader with its one notice right below it, and the loaded file remembered so
that the scenario keeps the file's title (and name) wherever the dashboard names it."""

from __future__ import annotations

import streamlit as st

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.io.errors import ScenarioError
from pacnet_dashboard.io.text import inert
from pacnet_dashboard.scenario import SCENARIO_FILE_MAX_BYTES
from pacnet_dashboard.ui import session
from pacnet_dashboard.ui.notices import Notice, clear_notices, escape_markdown
from pacnet_dashboard.ui.widgets import apply_scenario, read_upload

UPLOAD_KEY = "_upload"
NOTICE_KEY = "_upload_notice"
"""The upload's one notice: each upload replaces it, so notices never pile up."""


def load_uploaded() -> None:
    """Validate an uploaded scenario file and apply it; either way its notice (a refusal names the field)
    replaces the last one. Removing the file from the uploader removes its notice."""
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        st.session_state.pop(NOTICE_KEY, None)
        return
    try:
        doc = read_upload(upload.name, upload.getvalue())
    except ScenarioError as exc:
        st.session_state[NOTICE_KEY] = Notice("warning", f"The scenario file was not loaded. {exc.field}: "
                                                         f"{exc.detail}. Nothing was changed.")
        return
    apply_scenario(doc.scenario)
    session.remember_upload(doc)
    clear_notices()
    text = f"Loaded the scenario {inert(doc.title, 80)} from {inert(upload.name, 60)}."
    if doc.model_version != MODEL_VERSION:
        text += (f" The file was saved by model version {inert(doc.model_version, 20)}; this is version "
                 f"{MODEL_VERSION}, so its numbers may differ from when it was saved.")
    st.session_state[NOTICE_KEY] = Notice("info", text)


def uploader() -> None:
    """The file picker and, right below it, what became of the last file."""
    st.file_uploader(f"Open a scenario file (JSON, at most {SCENARIO_FILE_MAX_BYTES // 1024} KiB)", type=["json"],
                     key=UPLOAD_KEY, on_change=load_uploaded, max_upload_size=1,
                     help="A file saved with 'Scenario JSON' above, or written by hand with the same fields.")
    notice: Notice | None = st.session_state.get(NOTICE_KEY)
    if notice is not None:
        warning = notice.kind == "warning"
        with st.container(key="upload_notice"):
            (st.warning if warning else st.info)(escape_markdown(notice.text, limit=600),
                                                 icon=":material/warning:" if warning else ":material/info:")
