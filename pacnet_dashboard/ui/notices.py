"""Notices at the top of the page: refused inputs and their fallbacks, escaped and bounded, dismissable."""

from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

NOTICES_KEY = "_notices"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


@dataclass(frozen=True)
class Notice:
    kind: str  # "warning" or "info"
    text: str


def escape_markdown(text: str, limit: int = 240) -> str:
    """Make untrusted text inert in Streamlit markdown (no links, HTML, LaTeX or emphasis) and bound its length."""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return _MD_SPECIAL.sub(r"\\\1", text)


def add_notice(kind: str, text: str) -> None:
    """Record a notice once; it shows at the top of every page until dismissed."""
    notices: list[Notice] = st.session_state.setdefault(NOTICES_KEY, [])
    if all(n.text != text for n in notices):
        notices.append(Notice(kind, text))


def pending_texts() -> set[str]:
    """The texts of the notices already recorded in this session."""
    return {n.text for n in st.session_state.get(NOTICES_KEY, [])}


def clear_notices() -> None:
    st.session_state[NOTICES_KEY] = []


def show_warning(text: str) -> None:
    """One warning drawn in place, escaped like every notice."""
    st.warning(escape_markdown(text, limit=600), icon=":material/warning:")


def show_notices() -> None:
    """Every pending notice, escaped, with a button to dismiss them."""
    notices: list[Notice] = st.session_state.get(NOTICES_KEY, [])
    if not notices:
        return
    for n in notices:
        (st.warning if n.kind == "warning" else st.info)(escape_markdown(n.text, limit=600),
                                                         icon=":material/warning:" if n.kind == "warning" else ":material/info:")
    st.button("Dismiss these notices", on_click=clear_notices, key="_dismiss_notices", type="tertiary")
