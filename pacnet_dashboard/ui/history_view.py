"""The History page's pieces: the link-bound event filters, the event table and the fit in words.

The filters are bound to the link like the levers (`hist_direction`, `hist_actor`, repeated for several
values). Streamlit drops a link value a widget does not offer without a word, so the page checks the raw link
with `links.check_page_settings` first, and every refused value becomes a notice that names the setting.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

from pacnet_dashboard.history.replay import FIT_MONTHS, REFERENCES, TEST_MONTHS, HistoryResult
from pacnet_dashboard.io.data import Event, load_actors, load_events, load_history_fit, load_parameters
from pacnet_dashboard.ui import links
from pacnet_dashboard.ui.notices import escape_markdown

DIRECTIONS = ("escalation", "de-escalation", "neutral")
_URL = re.compile(r"https?://[^\s)]+")


def actor_options(events: tuple[Event, ...]) -> dict[str, str]:
    """Ids of the actors that act in the record, most active first, with their labels."""
    labels = {a.id: a.label for a in load_actors()}
    counts: dict[str, int] = {}
    for e in events:
        counts[e.actor] = counts.get(e.actor, 0) + 1
    return {a: labels.get(a, a) for a in sorted(counts, key=lambda a: (-counts[a], a))}


DIRECTION = links.link_setting("hist_direction", "Event direction", lambda: DIRECTIONS, "every direction",
                               repeatable=True)
ACTOR = links.link_setting("hist_actor", "Acting party", lambda: tuple(actor_options(load_events())), "every actor",
                           repeatable=True)
LINK_SETTINGS = (DIRECTION, ACTOR)


def event_filters(events: tuple[Event, ...]) -> tuple[Event, ...]:
    """Direction and actor filters, bound to the link; choosing nothing shows everything."""
    actors = actor_options(events)
    links.check_page_settings(LINK_SETTINGS)
    left, right = st.columns([2, 3], gap="medium")
    directions = left.pills("Events by direction", DIRECTIONS, selection_mode="multi", default=list(DIRECTIONS),
                            key="hist_direction", bind="query-params",
                            help="Escalation: tests, threats, sanctions. De-escalation: talks, letters, concessions. "
                                 "Neutral: statements that matter to the replay but score 0.")
    chosen = right.multiselect("Events by acting party (none chosen: all)", list(actors), key="hist_actor",
                               bind="query-params", placeholder="All actors",
                               help="Ids as in data/events_2017_2019.csv: " +
                                    "; ".join(f"{a} = {label}" for a, label in actors.items()))
    return tuple(e for e in events if (not directions or e.direction in directions)
                 and (not chosen or e.actor in chosen))


def events_frame(events: tuple[Event, ...]) -> pd.DataFrame:
    """One row per event for the table; the link column holds only http(s) addresses found in the source."""
    rows = [{"Date": e.date.isoformat(), "Date uncertain": e.date_uncertain, "Actor": e.actor, "Target": e.target,
             "Category": e.category.replace("_", " "), "Direction": e.direction, "Goldstein": e.goldstein,
             "Description": e.description, "Source": e.source,
             "Link": m.group(0) if (m := _URL.search(e.source)) else ""} for e in events]
    return pd.DataFrame(rows, columns=["Date", "Date uncertain", "Actor", "Target", "Category", "Direction",
                                       "Goldstein", "Description", "Source", "Link"])


def event_table(events: tuple[Event, ...]) -> None:
    st.dataframe(events_frame(events), hide_index=True, width="stretch", height=420, column_config={
        "Date uncertain": st.column_config.CheckboxColumn(help="The day is not certain (data/README.md says why)."),
        "Goldstein": st.column_config.NumberColumn(format="%+.1f", help="GDELT's score of the CAMEO root, -10 "
                                                   "(conflict) to +10 (cooperation)."),
        "Description": st.column_config.TextColumn(width="large"),
        "Source": st.column_config.TextColumn(width="medium"),
        "Link": st.column_config.LinkColumn(display_text="open", help="The address the row was checked against.")})


def small_table(frame: pd.DataFrame) -> None:
    """A short reference table that wraps its text instead of cutting it; st.table renders Markdown, so every cell
    is escaped first."""
    st.table(frame.map(lambda v: escape_markdown(f"{v:g}" if isinstance(v, float) else v, limit=300)),
             hide_index=True, border="horizontal")


def month_span(months: tuple[str, str]) -> str:
    """A window of months in words: '2017-01 to 2018-06'."""
    return f"{months[0]} to {months[1]}"


def fit_words(fitted: HistoryResult, judgement: HistoryResult) -> list[str]:
    """The fit in plain sentences: both windows, and the judgement values of the parameter table for comparison."""
    i, o, ji, jo = fitted.in_sample, fitted.out_of_sample, judgement.in_sample, judgement.out_of_sample
    fit_span, test_span = month_span(FIT_MONTHS), month_span(TEST_MONTHS)
    holds = o.rmse <= 1.5 * i.rmse and o.rmse < jo.rmse
    return [
        f"**In the fit window** ({fit_span}) the replay with the fitted values follows the observed index closely: "
        f"correlation r = {i.r:.2f}, RMSE = {i.rmse:.1f} index points (root-mean-square error).",
        f"**Out of sample** ({test_span}, months the fit never saw): r = {o.r:.2f}, RMSE = {o.rmse:.1f}. The timing of "
        f"the rises and falls {'carries over' if o.r >= 0.7 else 'carries over only weakly'}, but the level "
        f"{'holds' if holds else 'does not'}: the error is {o.rmse / max(i.rmse, 1e-9):.1f} times the in-sample "
        f"error and {'smaller' if o.rmse < jo.rmse else 'larger'} than with the judgement values of the parameter "
        f"table (RMSE = {jo.rmse:.1f}; r = {ji.r:.2f} in the fit window and {jo.r:.2f} out of sample).",
        ("The fit carries over out of sample." if holds else
         "**The fit does not carry over out of sample.** After the 2018 gestures the replay stays calm through 2019, "
         "while the record turns tense again.") + " The fitted values are shown here but not adopted: every other "
        "page uses the judgement values of the parameter table (data/README.md gives the reasons).",
    ]


MODEL_IN_USE = "Model, values in use (judgement)"
IN_WORDS = {"model": "the model", "persistence": "persistence", "climatology": "climatology",
            "rhetoric": "the rhetoric input alone"}


def _ranked(judgement: HistoryResult, window: str) -> list[tuple[str, float]]:
    """The model with the values in use and each reference by id, with its RMSE in one window, best first."""
    refs = judgement.reference_scores()
    rows = [("model", getattr(judgement, window).rmse), *((n, s[window].rmse) for n, s in refs.items())]
    return sorted(rows, key=lambda row: row[1])


def reference_words(judgement: HistoryResult) -> str:
    """Which wins, in plain words: the model with the values in use against the three naive references."""
    parts = []
    for window, span in (("in_sample", "In the fit window"), ("out_of_sample", "Out of sample")):
        ranked = _ranked(judgement, window)
        best, rmse = ranked[0]
        if best == "model":
            parts.append(f"{span} **the model wins**: RMSE {rmse:.1f}, against {IN_WORDS[ranked[1][0]]} at "
                         f"{ranked[1][1]:.1f}.")
        else:
            model_rmse = dict(ranked)["model"]
            beaten = [f"{IN_WORDS[n]} ({r:.1f})" for n, r in ranked if r < model_rmse]
            parts.append(f"{span} **{IN_WORDS[best]} wins**: the model's RMSE of {model_rmse:.1f} is beaten by "
                         f"{' and '.join(beaten)}.")
    lost = judgement.reference_scores()["rhetoric"]["out_of_sample"].rmse < judgement.out_of_sample.rmse
    return ("**Against naive forecasts.** " + " ".join(parts) +
            (" A replay that loses to the rhetoric that drives it adds no forecasting skill of its own: read the "
             "model as an argument made explicit, not as a forecast." if lost else ""))


def scores_frame(fitted: HistoryResult, judgement: HistoryResult) -> pd.DataFrame:
    """Both parameter sets and the three references scored on both windows, so the values in use stand beside
    the fitted ones and beside what a naive forecast achieves."""
    refs = judgement.reference_scores()
    rows = [(MODEL_IN_USE, judgement.in_sample, judgement.out_of_sample),
            (f"Model, fitted to {FIT_MONTHS[0]}..{FIT_MONTHS[1]} (not adopted)", fitted.in_sample,
             fitted.out_of_sample),
            *((REFERENCES[n], s["in_sample"], s["out_of_sample"]) for n, s in refs.items())]
    return pd.DataFrame([{"Replay or reference": name, "r, fit window": f"{i.r:.2f}",
                          "RMSE, fit window": f"{i.rmse:.1f}", "r, out of sample": f"{o.r:.2f}",
                          "RMSE, out of sample": f"{o.rmse:.1f}"} for name, i, o in rows])


def parameter_frame() -> pd.DataFrame:
    """The fitted dynamic parameters beside the judgement values in use, with units and meaning."""
    judgement = {r.name: r for r in load_parameters()}
    return pd.DataFrame([{"Parameter": r.name, "Fitted (not adopted)": r.value,
                          "In use (judgement)": judgement[r.name].value, "Unit": r.unit, "Meaning": r.meaning}
                         for r in load_history_fit()])


def index_frame(result: HistoryResult) -> pd.DataFrame:
    """The choices behind the observed index and the replay, with their values in this result."""
    ix, rp = result.index_settings, result.replay_settings
    rows = [
        ("Index half-life", f"{ix.half_life_days:g} days", "An event's weight halves every half-life."),
        ("Third-party weight", f"{ix.third_party_weight:g}", "Weight of events by neither side."),
        ("Monthly value", "mean of the days", "Each month is the mean of its daily index."),
        ("Rhetoric floor", f"{rp.rhetoric_floor:g} of 10", "A side's rhetoric in the replay with no recent events."),
        ("Rhetoric per point", f"{rp.rhetoric_per_point:g}", "Rhetoric added per point of the side's decayed stock."),
        ("Rhetoric half-life", f"{rp.rhetoric_half_life_days:g} days", "Decay of the stock that sets rhetoric."),
        ("Runs and seed", f"{rp.runs:,} runs, seed {rp.seed}", "Monte Carlo runs of the replay; the median is used."),
        ("Network", rp.scenario, "Bundled scenario whose channels, mediation and support the replay uses."),
        ("Link to the index", f"{result.intercept:.1f} + {result.slope:.2f} × pressure",
         f"Least squares on {FIT_MONTHS[0]} to {FIT_MONTHS[1]} only, then applied to every month."),
    ]
    return pd.DataFrame(rows, columns=["Choice", "Value", "What it does"])
