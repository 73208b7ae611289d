"""Notices at the top of the page: refused inputs and their fallbacks, escaped and bounded, dismissable."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from pacnet_dashboard.io.errors import InputError
from pacnet_dashboard.io.text import inert
from pacnet_dashboard.ui.cache import BusyError

NOTICES_KEY = "_notices"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&])")


@dataclass(frozen=True)
class Notice:
    kind: str  # "warning" or "info"
    text: str


def escape_markdown(text: str, limit: int = 240) -> str:
    """Make untrusted text inert in Streamlit markdown (no links, HTML, LaTeX or emphasis), with control and
    format characters (ESC, bidi overrides, lone surrogates) shown as escapes, and cut after `limit` with a count."""
    return _MD_SPECIAL.sub(r"\\\1", inert(" ".join(str(text).split()), limit))


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
        warning = n.kind == "warning"
        (st.warning if warning else st.info)(escape_markdown(n.text, limit=600),
                                             icon=":material/warning:" if warning else ":material/info:")
    st.button("Dismiss these notices", on_click=clear_notices, key="_dismiss_notices", type="tertiary")


def show_failure(exc: Exception) -> None:
    """The app's one handler for what a page or a fragment could not do: a notice, never a stack trace."""
    if isinstance(exc, BusyError):
        st.warning(escape_markdown(f"Busy: {exc.detail}.", limit=400), icon=":material/hourglass_top:")
    elif isinstance(exc, InputError):  # a broken data file or a refused input: say which
        st.error(f"The dashboard cannot show this page: {escape_markdown(f'{exc.field}: {exc.detail}', limit=400)}",
                 icon=":material/error:")
    else:
        st.error(f"This part of the dashboard failed ({escape_markdown(type(exc).__name__)}). The other pages still "
                 "work; please report the link that caused it.", icon=":material/error:")


def fragment(fn: Callable[..., Any]) -> Callable[..., Any]:
    """`st.fragment`, with the app's handler inside it: a fragment's rerun does not pass through app.py."""

    @functools.wraps(fn)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # Streamlit's own control flow (rerun, stop) is not an Exception
            show_failure(exc)
            return None

    return st.fragment(guarded)
