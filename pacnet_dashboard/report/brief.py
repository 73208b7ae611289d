"""Words from Results: the plain-language summary, the face ledger and the self-contained HTML brief.

Everything here is generated from a scenario's Result and its baseline (same seed, runs and horizon, so the
two share their random numbers). The brief inlines plotly's JavaScript, so it opens offline; every piece of
text that reaches it passes through `html.escape`.
"""

from __future__ import annotations

import html
import shlex
from dataclasses import dataclass

import plotly.graph_objects as go

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.io.data import load_gestures
from pacnet_dashboard.report.method import CITATION, LIMITATIONS
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.scenario import (Scenario, Schedule, assumptions_flag, baseline_for, continuous_levers,
                                       lever_specs, text_field_specs, to_strings)

SIDE_NAMES = {"us": "Washington", "dprk": "Pyongyang"}


def horizon_phrase(days: int) -> str:
    return {365: "within a year", 730: "within two years", 182: "within six months", 183: "within six months",
            91: "within three months", 90: "within three months", 30: "within a month"}.get(days, f"within {days} days")


def _pct(p: float) -> str:
    return f"{100 * p:.0f}%"


def _change(a: float, b: float) -> str:
    if round(100 * a) == round(100 * b):
        return f"stays at about {_pct(b)}"
    return f"{'falls' if b < a else 'rises'} from {_pct(a)} to {_pct(b)}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _gesture_clause(result: Result) -> str:
    catalogue = load_gestures().by_id()
    parts = []
    for g in result.gestures:
        text = f"the {_lower_first(catalogue[g.id].label)} accepted in ~{_pct(g.acceptance_probability)} of runs"
        if g.answer_id is not None and g.reciprocation_probability > 0:
            text += (f" (and answered with {_lower_first(catalogue[g.answer_id].label)}"
                     f" in ~{_pct(g.reciprocation_probability)})")
        parts.append(text)
    if not parts:
        return ""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _words(value: float | Schedule) -> str:
    return value.describe() if isinstance(value, Schedule) else f"{value:g}"


def _lever_changes(scenario: Scenario, baseline: Scenario) -> list[str]:
    specs = lever_specs()
    changes = []
    for name in continuous_levers():
        a, b = getattr(baseline, name), getattr(scenario, name)
        if a != b:
            changes.append(f"{specs[name].label} at {_words(b)} instead of {_words(a)}")
    if scenario.closed_channels:
        count = len(scenario.closed_channels)
        changes.append(f"{count} channel{'s' if count > 1 else ''} closed")
    if scenario.muted_actors:
        changes.append(f"{', '.join(scenario.muted_actors)} out of the network")
    return changes


def summary(result: Result, baseline: Result) -> str:
    """A plain-language paragraph: what the scenario changes and how the pop chance moves against the baseline."""
    return " ".join(summary_sentences(result, baseline))


def summary_sentences(result: Result, baseline: Result) -> list[str]:
    """The summary as sentences; the first is the headline."""
    h = result.scenario.horizon_days
    when = horizon_phrase(h)
    a, b = baseline.burst_probability, result.burst_probability
    gestures = _gesture_clause(result)
    changes = _lever_changes(result.scenario, baseline.scenario)
    if gestures:
        lead = f"With {gestures}, the chance of a pop {when} {_change(a, b)}."
    elif changes:
        lead = f"The chance of a pop {when} {_change(a, b)}."
    else:
        lead = f"If the war of words goes on as in late 2017, the balloon pops {when} in about {_pct(b)} of runs."
    sentences = [lead]
    if changes:
        sentences.append(f"Against the baseline, this scenario has {'; '.join(changes)}.")
    if result.conductance != baseline.conductance:
        sentences.append(f"Dialogue through the channel network (conductance) is {result.conductance:.2f} against "
                         f"{baseline.conductance:.2f}: more dialogue means less misperception and more pressure "
                         "leaks away.")
    if gestures or changes:
        sentences.append(f"Median pressure on day {h}: {result.bands['pressure'].p50[-1]:.0f} against "
                         f"{baseline.bands['pressure'].p50[-1]:.0f} in the baseline. Both use seed "
                         f"{result.scenario.seed} and {result.scenario.runs:,} runs, so they face the same random "
                         "incidents.")
    return sentences


@dataclass(frozen=True)
class LedgerEntry:
    gesture_id: str
    label: str
    sender: str
    chance: float
    framing_us: str
    framing_dprk: str


def ledger_entries(result: Result) -> list[LedgerEntry]:
    """Each gesture made (and each answer that may follow) with how each side can frame it."""
    catalogue = load_gestures().by_id()
    entries = []
    for g in result.gestures:
        items = [(g.id, g.acceptance_probability)]
        if g.answer_id is not None and g.reciprocation_probability > 0:
            items.append((g.answer_id, g.reciprocation_probability))
        for gid, chance in items:
            c = catalogue[gid]
            entries.append(LedgerEntry(gid, c.label, c.sender, chance, c.framing.us, c.framing.dprk))
    return entries


def face_ledger(result: Result) -> str:
    """One line: how each side can tell the story of the gestures made (and answers that may follow)."""
    entries = ledger_entries(result)
    if not entries:
        return ("Face ledger: no gesture is made, so neither leader has a face-saving story; each keeps face only "
                "by belittling the other.")

    def words(side: str) -> str:
        keys = list(dict.fromkeys(_keyword(e.framing_us if side == "us" else e.framing_dprk) for e in entries))
        return keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " and " + keys[-1]

    return (f"Face ledger: {SIDE_NAMES['us']} can call it {words('us')}; "
            f"{SIDE_NAMES['dprk']} can call it {words('dprk')}.")


def _keyword(framing: str) -> str:
    return framing.split(":")[0].strip()


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


_CSS = """
body{font-family:"Source Sans Pro",Helvetica,Arial,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.8em;margin-bottom:.2em} h2{font-size:1.3em;margin-top:1.6em;border-bottom:1px solid #ccc}
.lead{font-size:1.2em;line-height:1.45} .ledger{font-style:italic} .muted{color:#555;font-size:.9em}
.metrics{display:flex;gap:2em;margin:1em 0} .metric{border:1px solid #ddd;border-radius:6px;padding:.6em 1em}
.metric b{display:block;font-size:2em} table{border-collapse:collapse;margin:.6em 0}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left} code{background:#f3f3f3;padding:0 .2em}
.flag{border-left:4px solid #c77c00;background:#fff6e5;padding:.5em .8em}
"""


def gesture_rows(result: Result) -> list[list[str]]:
    catalogue = load_gestures().by_id()
    rows = []
    for g in result.gestures:
        rows.append([catalogue[g.id].label, g.sender.upper(), str(g.day), _pct(g.acceptance_probability),
                     catalogue[g.answer_id].label if g.answer_id else "—",
                     _pct(g.reciprocation_probability) if g.answer_id else "—"])
    return rows


def cli_command(scenario: Scenario, subcommand: str = "simulate") -> str:
    """The command line that reproduces a scenario's numbers."""
    sets = " ".join(f"--set {shlex.quote(f'{name}={value}')}" for name, value in to_strings(scenario).items()
                    if name not in ("runs", "seed", "horizon_days"))
    parts = ["python -m pacnet_dashboard", subcommand, sets,
             f"--runs {scenario.runs} --seed {scenario.seed} --horizon {scenario.horizon_days}"]
    return " ".join(p for p in parts if p)


def html_brief(result: Result, baseline: Result, figures: list[go.Figure], *, title: str = "Custom scenario",
               description: str = "") -> str:
    """A self-contained HTML page (plotly inlined, works offline) with the summary, numbers and figures."""
    plots = [fig.to_html(full_html=False, include_plotlyjs=(i == 0), div_id=f"figure-{i}",
                         config={"displaylogo": False, "responsive": True}) for i, fig in enumerate(figures)]
    return brief_page(result, baseline, plots, title=title, description=description)


def brief_page(result: Result, baseline: Result, figure_blocks: list[str], *, title: str, description: str,
               extra_css: str = "") -> str:
    """The brief's page around ready-made figure blocks (plotly divs for the browser, inline SVG for print)."""
    e = html.escape
    s = result.scenario
    delta = 100 * (result.burst_probability - baseline.burst_probability)
    levers = [[text_field_specs()[k].label, v] for k, v in to_strings(s, changed_only=False).items()]
    flag = assumptions_flag(s)
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{e(title)}: US-DPRK tension brief</title><style>{_CSS}{extra_css}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p class='muted'>{e(description)}</p>" if description else "",
        "<div class='metrics'>",
        f"<div class='metric'>Baseline<b>{e(_pct(baseline.burst_probability))}</b>pop chance by day "
        f"{s.horizon_days}</div>",
        f"<div class='metric'>This scenario<b>{e(_pct(result.burst_probability))}</b>{e(f'{delta:+.0f}')} points</div>",
        "</div>",
        f"<p class='flag'><b>Assumptions changed.</b> {e(flag)}</p>" if flag else "",
        f"<p class='lead'>{e(summary(result, baseline))}</p>",
        f"<p class='ledger'>{e(face_ledger(result))}</p>",
        *[f"<div class='figure'>{p}</div>" for p in figure_blocks],
        "<h2>Gestures</h2>",
        _table(["Gesture", "Sender", "Day", "Accepted", "Answer", "Answered"], gesture_rows(result))
        if result.gestures else "<p>No gesture is made.</p>",
        "<h2>Scenario</h2>",
        _table(["Lever", "Value"], levers),
        f"<p>Reproduce: <code>{e(cli_command(s))}</code></p>",
        "<h2>Source and limits</h2>",
        f"<p>Built on the argument of {e(CITATION)} The argument is paraphrased as model mechanisms.</p>",
        "<ul>" + "".join(f"<li>{e(item)}</li>" for item in LIMITATIONS) + "</ul>",
        f"<p class='muted'>Model version {e(MODEL_VERSION)}; seed {s.seed}; {s.runs:,} runs; horizon "
        f"{s.horizon_days} days.</p>",
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p)


def brief_for(scenario: Scenario, *, title: str = "Custom scenario", description: str = "") -> str:
    """Simulate a scenario and its baseline and build the brief with the standard figures (used by the CLI)."""
    from pacnet_dashboard.model.parameters import parameters_for

    result = simulate(scenario)
    baseline = simulate(baseline_for(scenario))
    figures = brief_figures(result, baseline, p_ref=parameters_for(scenario).p_ref)
    return html_brief(result, baseline, figures, title=title, description=description)


def brief_figures(result: Result, baseline: Result, *, p_ref: float) -> list[go.Figure]:
    from pacnet_dashboard.figures.balloon import balloon_figure
    from pacnet_dashboard.figures.charts import burst_chart, fan_chart, sides_chart

    return [balloon_figure(baseline, result, p_ref=p_ref), burst_chart(result, baseline),
            fan_chart(result, baseline, "pressure"), sides_chart(result, "hostility"), sides_chart(result, "face")]

