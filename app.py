"""Entry point for `streamlit run app.py` (and Streamlit Community Cloud): navigation, shared sidebar, title.

Every page lives in pacnet_dashboard/ui/pages/; a page listed here whose file is missing stops the app with an
error that names it, rather than vanishing from the navigation.
"""

from pathlib import Path

import streamlit as st

from pacnet_dashboard.ui import explore_view, history_view, story_view  # noqa: F401  (they declare their pages' link settings)
from pacnet_dashboard.ui import presentation
from pacnet_dashboard.ui import session
from pacnet_dashboard.ui.notices import show_failure, show_notices
from pacnet_dashboard.ui.sidebar import sidebar

PAGE_DIR = Path(__file__).parent / "pacnet_dashboard" / "ui" / "pages"
PAGES = [  # file, title, icon, default
    ("story.py", "Story", ":material/auto_stories:", False),
    ("briefing.py", "Briefing", ":material/co_present:", True),
    ("lab.py", "Scenario lab", ":material/science:", False),
    ("intermediaries.py", "Intermediaries", ":material/hub:", False),
    ("history.py", "History", ":material/timeline:", False),
    ("explore.py", "Explore", ":material/explore:", False),
    ("method.py", "Method", ":material/menu_book:", False),
]


def missing_pages() -> list[str]:
    """The listed page files that do not exist."""
    return [f for f, *_ in PAGES if not (PAGE_DIR / f).is_file()]


st.set_page_config(page_title="Time to save face: US-DPRK tension balloon", page_icon="🎈",
                   layout="wide", initial_sidebar_state="expanded")
if missing_pages():
    st.error(f"The dashboard is incomplete: page files missing from {PAGE_DIR.name}/: {', '.join(missing_pages())}.",
             icon=":material/error:")
    st.stop()
page = st.navigation([st.Page(PAGE_DIR / f, title=t, icon=i, default=d) for f, t, i, d in PAGES], position="top")
try:
    presenting = presentation.apply_style()
    if not presenting:
        presentation.toggle(st.sidebar)
    sidebar()
    if not presenting:
        st.title("Time to save face: the US-DPRK tension balloon")
    show_notices()
    session.show_assumptions_flag(session.current_scenario())
    page.run()
    if presenting:
        presentation.toggle(st)
except Exception as exc:  # a broken data file, a busy server or a bug: a notice, never a stack trace
    show_failure(exc)
