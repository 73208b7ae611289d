"""Entry point for `streamlit run app.py` (and Streamlit Community Cloud): navigation, shared sidebar, title.

Every page lives in pacnet_dashboard/ui/pages/. Pages listed here whose file does not exist yet are skipped,
so History and Explore appear as soon as their files land.
"""

from pathlib import Path

import streamlit as st

from pacnet_dashboard.io.data import DataError
from pacnet_dashboard.scenario import ScenarioError
from pacnet_dashboard.ui import state, widgets

PAGE_DIR = Path(__file__).parent / "pacnet_dashboard" / "ui" / "pages"
PAGES = [  # file, title, icon, default
    ("briefing.py", "Briefing", ":material/co_present:", True),
    ("lab.py", "Scenario lab", ":material/science:", False),
    ("intermediaries.py", "Intermediaries", ":material/hub:", False),
    ("history.py", "History", ":material/timeline:", False),
    ("explore.py", "Explore", ":material/explore:", False),
    ("method.py", "Method", ":material/menu_book:", False),
]

st.set_page_config(page_title="Time to save face: US-DPRK tension balloon", page_icon="🎈",
                   layout="wide", initial_sidebar_state="expanded")
page = st.navigation([st.Page(PAGE_DIR / f, title=t, icon=i, default=d) for f, t, i, d in PAGES
                      if (PAGE_DIR / f).exists()], position="top")
try:
    widgets.sidebar()
    st.title("Time to save face: the US-DPRK tension balloon")
    state.show_notices()
    state.show_assumptions_flag(state.current_scenario())
    page.run()
except (DataError, ScenarioError) as exc:  # a broken data file: say which, never a stack trace
    st.error(f"The dashboard cannot show this page: {state.escape_markdown(str(exc), limit=400)}",
             icon=":material/error:")
