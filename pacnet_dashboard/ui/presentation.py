"""The page style, and the presentation view for a room (`present=1` in the link, or the sidebar's toggle).

The presentation view hides the sidebar, the header and the toolbar, and sets the body type in proportion to
the screen (24 px at 1920 px wide, never below 18 px), so a step or the Briefing fits a projector's first
screen. The style sheets are constants: no user input ever reaches st.html.
"""

from __future__ import annotations

import streamlit as st

from pacnet_dashboard.ui import links

PRESENT_PARAM = links.link_setting("present", "Presentation view", lambda: ("1", "0"), "0").key
_PRESENT = "_present"

_ALWAYS = """<style>
.st-key-story_clicker_keys { display: none; }
.katex-display { overflow: visible !important; }
a:focus-visible, summary:focus-visible, .react-aria-ComboBox:focus-within > div {
  outline: 2px solid #0072B2 !important; outline-offset: 2px; }
</style>"""
"""The Story page's clicker buttons (PageDown, Space, PageUp) stay mounted for their shortcuts but unseen; a
wide equation overflows its column instead of becoming a scroll region that the keyboard cannot reach; links
(the page navigation), expanders and pickers show a clear focus ring in the theme's blue when reached by
keyboard, where Streamlit's own is a faint background or a 1 px border."""

_PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stExpandSidebarButton"] { display: none !important; }
.stApp { font-size: clamp(18px, 1.25vw, 30px); }
.stApp [data-testid="stMarkdownContainer"] p, .stApp [data-testid="stMarkdownContainer"] li,
.stApp [data-testid="stWidgetLabel"] p, .stApp button p { font-size: clamp(18px, 1.25vw, 30px); }
.stApp [data-testid="stMetricLabel"] p { font-size: clamp(18px, 1.25vw, 30px); }
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricValue"] [data-testid="stMarkdownContainer"] p {
  font-size: clamp(36px, 2.9vw, 64px); }
.stApp [data-testid="stMetricDelta"] div { font-size: clamp(18px, 1.25vw, 30px); }
.stApp h1 { font-size: clamp(26px, 1.9vw, 44px); padding-top: 0; }
.stApp h3 { font-size: clamp(21px, 1.5vw, 36px); }
[data-testid="stMainBlockContainer"] { padding-top: 0.8rem; padding-bottom: 1rem; max-width: 100%; }
[data-testid="stCaptionContainer"] { color: inherit; }
</style>"""


def presenting() -> bool:
    """Whether the presentation view is on: from the link on a session's first run, then from the toggle."""
    if _PRESENT not in st.session_state:
        st.session_state[_PRESENT] = st.query_params.get(PRESENT_PARAM) in ("1", "true")
    return bool(st.session_state[_PRESENT])


def _sync_link() -> None:
    if st.session_state[_PRESENT]:
        st.query_params[PRESENT_PARAM] = "1"
    elif PRESENT_PARAM in st.query_params:
        del st.query_params[PRESENT_PARAM]


def apply_style() -> bool:
    """Inject the page style (and the presentation view's when it is on); returns whether it is on."""
    on = presenting()
    st.html(_ALWAYS + (_PRESENT_CSS if on else ""))
    if on and st.query_params.get(PRESENT_PARAM) != "1":
        st.query_params[PRESENT_PARAM] = "1"
    return on


def toggle(where: st.delta_generator.DeltaGenerator) -> None:
    """The switch that turns the presentation view on or off (at the foot of the page while it is on)."""
    where.container(key="presentation_switch").toggle("Presentation view", key=_PRESENT, on_change=_sync_link,
                 help="Hides the sidebar and the menus and sets large type for a room's screen. "
                      "Also in the link as present=1.")
