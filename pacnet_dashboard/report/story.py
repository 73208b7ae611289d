"""The commentary's story, as data: what the first screen compares, and the Story page's steps.

Pages stay thin: they ask here which scenarios to show and what to say, and every number in the words is
filled in from the simulated Results, never typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pacnet_dashboard.io.data import load_channels
from pacnet_dashboard.model.parameters import default_parameters
from pacnet_dashboard.model.simulate import Result, skin
from pacnet_dashboard.report.brief import face_ledger
from pacnet_dashboard.scenario import Scenario, baseline_for, bundled, encode_value

BASELINE_LABEL = "2017 war of words"
PROPOSAL = "gift_exchange"
PROPOSAL_LABEL = "The commentary's proposal: gift exchange"
PROPOSAL_SHORT = "Gift exchange (proposal)"
SCENARIO_LABEL = "Your scenario"


@dataclass(frozen=True)
class Comparison:
    """Two scenarios side by side, with the names the screen gives them."""

    reference: Scenario
    subject: Scenario
    reference_label: str
    subject_label: str
    is_proposal: bool
    """True when no lever is set and the screen shows the commentary's proposal instead of the baseline twice."""

    @property
    def short_labels(self) -> tuple[str, str]:
        """Names short enough for a figure's headings."""
        return self.reference_label, PROPOSAL_SHORT if self.is_proposal else self.subject_label


def proposal_for(scenario: Scenario) -> Scenario:
    """The commentary's proposal (the gift exchange) at the scenario's seed, runs and horizon."""
    return bundled(PROPOSAL).scenario.model_copy(
        update={"seed": scenario.seed, "runs": scenario.runs, "horizon_days": scenario.horizon_days})


def briefing_comparison(scenario: Scenario) -> Comparison:
    """The baseline against the scenario; when the scenario is the baseline itself, against the proposal."""
    reference = baseline_for(scenario)
    if scenario == reference:
        return Comparison(reference, proposal_for(scenario), BASELINE_LABEL, PROPOSAL_LABEL, True)
    return Comparison(reference, scenario, BASELINE_LABEL, SCENARIO_LABEL, False)


@dataclass(frozen=True)
class Change:
    """How a headline number moved: the words on the pill and the arrow ("up", "down" or "off")."""

    text: str
    arrow: str


def risk_change(reference: float, subject: float) -> Change:
    """The change in pop chance in whole points; a change that rounds to zero is 'no change', with no arrow."""
    points = round(100 * subject) - round(100 * reference)
    if points == 0:
        return Change("no change", "off")
    return Change(f"{points:+d} points", "down" if points < 0 else "up")


# ---- the Story page's steps ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Control:
    """The one control of a step: a slider over a range, or an on/off switch (min 0, max 1, step 1)."""

    label: str
    min: float
    max: float
    step: float
    default: float
    help: str
    switch: bool = False


@dataclass(frozen=True)
class Stage:
    """What a step shows for one value of its control: two scenarios and their names."""

    reference: Scenario
    subject: Scenario
    labels: tuple[str, str]


@dataclass(frozen=True)
class Step:
    """One idea of the argument: its title, a control, a prediction prompt and presenter notes.

    `stage(value)` builds the two scenarios for a control value; `message`, `answer` fill their sentences
    from the two Results (reference, subject) and the value, so no number in the story is typed."""

    key: str
    title: str
    control: Control | None
    predict: Callable[[Result, float], str]
    notes: str
    stage: Callable[[float], Stage]
    message: Callable[[Result, Result, float], str]
    answer: Callable[[Result, Result, float], str]
    sandbox: bool = False


def _variant(name: str, **update: object) -> Scenario:
    """A bundled scenario with some levers changed, validated like any other input (schedules included)."""
    data = bundled(name).scenario.model_dump(mode="json")
    data.update(update)
    return Scenario.model_validate(data)


def _burst(r: Result) -> int:
    return r.futures.burst_by(r.scenario.horizon_days - 1)


def _tau(r: Result) -> float:
    return float(skin(r.mean_final["pressure"], default_parameters().p_ref))


def _accepted(r: Result) -> float:
    return r.gestures[0].acceptance_probability if r.gestures else 0.0


def _more_or_fewer(n: int) -> str:
    return "as many futures" if n == 0 else f"{abs(n)} {'more' if n > 0 else 'fewer'} of 100 futures"


def _value(v: float) -> str:
    return f"{v:g}"


def isolating_channels() -> tuple[str, ...]:
    """Every channel into Pyongyang except its own state media: what is left is rhetoric read from afar."""
    return tuple(c.id for c in load_channels() if "dprk" in (c.source, c.target) and c.type != "media")


_PRAISE = ("china_mediation", "russia_mediation", "rok_support", "japan_support")


def _rhetoric(v: float) -> Stage:
    return Stage(bundled("baseline").scenario, _variant("baseline", us_rhetoric=v, dprk_rhetoric=v),
                 (BASELINE_LABEL, f"Both leaders at {_value(v)} of 10"))


def _louder(v: float) -> Stage:
    return Stage(bundled("baseline").scenario, _variant("baseline", us_rhetoric=v, dprk_rhetoric=v),
                 (BASELINE_LABEL, f"Louder: both at {_value(v)}"))


def _isolated(v: float) -> Stage:
    closed = list(isolating_channels()) if v else []
    return Stage(bundled("baseline").scenario, _variant("baseline", closed_channels=closed),
                 (BASELINE_LABEL, "Channels closed" if v else "Channels open"))


def _gift(v: float) -> Stage:
    return Stage(bundled("baseline").scenario,
                 _variant("gift_exchange", gestures=[{"id": "us_book_gift", "day": int(v)}]),
                 (BASELINE_LABEL, f"Book sent on day {int(v)}"))


def _unmediated(v: float) -> dict:
    return {"dprk_rhetoric": v, **{name: 0.0 for name in _PRAISE}}


def _backfire(v: float) -> Stage:
    return Stage(_variant("baseline", **_unmediated(v)), _variant("gift_exchange", **_unmediated(v)),
                 (f"No gift, Pyongyang at {_value(v)}", "The gift, unprepared"))


def _praised(v: float) -> Stage:
    return Stage(bundled("gift_exchange").scenario, _variant("gift_exchange", **{n: v for n in _PRAISE}),
                 ("The gift alone", f"Gift, mediation, praise {v:.1f}"))


LOWER_FROM_DAY = 60


def story_scenario(lowered_to: float = 4.0, praise: float | None = 0.8) -> Scenario:
    """The story's scenario: the gift exchange, then both leaders at `lowered_to` from LOWER_FROM_DAY, and
    (unless `praise` is None) China and Russia mediating and South Korea and Japan praising at `praise`."""
    g = bundled("gift_exchange").scenario
    update: dict[str, object] = {name: f"{encode_value(g, name)},{_value(lowered_to)}@{LOWER_FROM_DAY}"
                                 for name in ("us_rhetoric", "dprk_rhetoric")}
    if praise is not None:
        update.update({name: praise for name in _PRAISE})
    return _variant("gift_exchange", **update)


def _lowered(v: float) -> Stage:
    return Stage(bundled("gift_exchange").scenario, story_scenario(v, praise=None),
                 ("The gift alone", f"Gift, then both at {_value(v)}"))


def _sandbox(v: float) -> Stage:
    return Stage(bundled("baseline").scenario, story_scenario(), (BASELINE_LABEL, "The story's scenario"))


def _ledger(r: Result) -> str:
    return face_ledger(r).removeprefix("Face ledger: ")


CITE = "Rorry Daniels, \"Time to save face in US-DPRK relations\", PacNet, Pacific Forum CSIS (2017)"

STEPS: tuple[Step, ...] = (
    Step("war_of_words", "The war of words inflates the balloon",
         Control("Rhetoric of both leaders (0-10)", 0.0, 10.0, 0.5, 3.0,
                 "Public belittling and threats from both sides; late 2017 was 7 (US) and 8 (DPRK)."),
         lambda a, v: f"Both leaders turn their words down to {_value(v)} of 10. At late-2017 levels {_burst(a)} of "
                      "100 futures burst within a year. How many burst now?",
         "The commentary's image: every insult blows hot air into the balloon. Move the slider up and down and "
         f"watch the futures. Source: {CITE}.",
         _rhetoric,
         lambda a, b, v: f"Hot words inflate the balloon: {_burst(a)} of 100 futures burst at late-2017 levels, "
                         f"{_burst(b)} with both leaders at {_value(v)}.",
         lambda a, b, v: f"{_burst(b)} of 100 (pop chance {b.burst_probability:.0%} over all {b.scenario.runs:,} runs; "
                         f"mean pressure at the horizon {b.mean_final['pressure']:.0f} against "
                         f"{a.mean_final['pressure']:.0f})."),
    Step("thin_skin", "A thin skin means a small incident pops it",
         Control("Rhetoric of both leaders (0-10)", 7.0, 10.0, 0.5, 10.0,
                 "Turn the words up: the balloon fills and its skin thins."),
         lambda a, v: f"Both leaders turn up to {_value(v)}. The same incidents strike as before. Today "
                      f"{_burst(a)} of 100 burst: how many with the louder words?",
         "A half-inflated balloon is hard to pop; an overinflated one bursts from a passing swipe. The two "
         "pictures face the same incidents (same seed): only the skin differs.",
         _louder,
         lambda a, b, v: f"A fuller balloon has a thinner skin (τ {_tau(b):.2f} instead of {_tau(a):.2f}), so the "
                         f"same incidents burst {_burst(b)} of 100 futures instead of {_burst(a)}.",
         lambda a, b, v: f"{_burst(b)} of 100; the skin is {100 * (1 - _tau(b) / _tau(a)):.0f}% thinner than at "
                         "late-2017 levels."),
    Step("misperception", "Without channels, rhetoric is misread",
         Control("Close every channel to Pyongyang except its state media", 0.0, 1.0, 1.0, 1.0,
                 "Official, intermediary, Track II, envoy and unofficial channels to the DPRK.", switch=True),
         lambda a, v: f"Every channel to Pyongyang closes but KCNA. More or fewer than {_burst(a)} of 100 futures "
                      "burst?",
         "Without dialogue, rhetoric is never tested, parsed or interpreted: each side reads the other through "
         "noise. In the model the channel network sets how much noise and how much pressure leaks away.",
         _isolated,
         lambda a, b, v: f"With {len(isolating_channels()) if v else 0} channels closed, dialogue (conductance) "
                         f"falls from {a.conductance:.2f} to {b.conductance:.2f}, and {_burst(b)} of 100 futures "
                         f"burst instead of {_burst(a)}.",
         lambda a, b, v: f"{_burst(b)} of 100 against {_burst(a)}: words are misread more often and less pressure "
                         "leaks away."),
    Step("gift_and_face", "The gift, and how each side frames it",
         Control("Day the book is sent", 0.0, 180.0, 1.0, 14.0, "The signed negotiation book, sent by the US "
                 "president; the writings of Kim Il-Sung may come back if it is accepted."),
         lambda a, v: f"The book goes to Pyongyang on day {int(v)}. In how many of 100 futures does Kim accept it?",
         "The gift saves face because each side tells its own story: tribute to one audience, a lesson in "
         "deal-making to the other. The face ledger below the picture is that story, computed for this gift.",
         _gift,
         lambda a, b, v: f"Sent on day {int(v)}, the book is accepted in {_accepted(b):.0%} of futures, and "
                         f"{_burst(b)} of 100 burst instead of {_burst(a)}: {_ledger(b)}",
         lambda a, b, v: f"Accepted in {_accepted(b):.0%} of futures"
                         + (f"; the writings come back in {b.gestures[0].reciprocation_probability:.0%}."
                            if b.gestures and b.gestures[0].answer_id else ".")),
    Step("backfire", "The risk: a rejected gift backfires",
         Control("Pyongyang's rhetoric (0-10)", 8.0, 10.0, 0.5, 9.5,
                 "No mediation and no praise in both pictures: nobody prepares the ground for the gift."),
         lambda a, v: f"Pyongyang at {_value(v)}, nobody sounds it out, nobody praises the gift. Does the gift "
                      "still help?",
         "Critics call the gift an empty gesture. A rejection is not neutral: the sender loses face and the "
         "pressure rises. This is the downside of trying without preparing the ground.",
         _backfire,
         lambda a, b, v: f"Unprepared, the book is rejected in {1 - _accepted(b):.0%} of futures, and {_burst(b)} "
                         f"of 100 burst against {_burst(a)} without the gift.",
         lambda a, b, v: f"Rejected in {1 - _accepted(b):.0%} of futures; {_more_or_fewer(_burst(b) - _burst(a))} "
                         "burst than with no gift."),
    Step("mediation_and_praise", "China and Russia sound out Pyongyang; South Korea and Japan praise",
         Control("Mediation and praise (0-1)", 0.0, 1.0, 0.1, 0.8,
                 "China's and Russia's mediation and South Korea's and Japan's praise, all at this level."),
         lambda a, v: f"China and Russia sound out Pyongyang and Seoul and Tokyo praise the gift, all at {v:.1f}. "
                      f"Alone, the book is accepted in {_accepted(a):.0%} of futures. How often now?",
         "The commentary gives the neighbours a part: the intermediaries sound out Pyongyang before the gift, "
         "the allies praise the sender's magnanimity, which adds to his face.",
         _praised,
         lambda a, b, v: f"With mediation and praise at {v:.1f}, the book is accepted in {_accepted(b):.0%} of "
                         f"futures instead of {_accepted(a):.0%}, and {_burst(b)} of 100 burst instead of {_burst(a)}.",
         lambda a, b, v: f"{_accepted(b):.0%} instead of {_accepted(a):.0%}; conductance {b.conductance:.2f} "
                         f"against {a.conductance:.2f}."),
    Step("both_lower", "Both sides lower their rhetoric",
         Control(f"Rhetoric of both from day {LOWER_FROM_DAY} (0-10)", 0.0, 7.0, 0.5, 4.0,
                 "After the gift, both leaders speak at this level from the day shown."),
         lambda a, v: f"After the gift, both leaders speak at {_value(v)} from day {LOWER_FROM_DAY}. With the gift "
                      f"alone {_burst(a)} of 100 burst. How many now?",
         "The gift is an exit from the box both leaders drew with their invective; the point is to use it. "
         "Lower words after the exchange are what deflates the balloon.",
         _lowered,
         lambda a, b, v: f"If both leaders follow the gift with words at {_value(v)} from day {LOWER_FROM_DAY}, "
                         f"{_burst(b)} of 100 futures burst within a year, against {_burst(a)} with the gift alone.",
         lambda a, b, v: f"{_burst(b)} of 100; mean pressure at the horizon {b.mean_final['pressure']:.0f} against "
                         f"{a.mean_final['pressure']:.0f}."),
    Step("sandbox", "Your turn: the sandbox", None,
         lambda a, v: "Which lever would you move first, and which way?",
         "End with the room's questions: open the lab with the story's scenario and move what they ask about. "
         "An illustrative model of one argument, not a forecast.",
         _sandbox,
         lambda a, b, v: f"The story's scenario (the gift, mediation and praise, then quieter words) bursts "
                         f"{_burst(b)} of 100 futures against {_burst(a)}: open it in the lab and change any lever.",
         lambda a, b, v: f"{_burst(b)} of 100 against {_burst(a)}.",
         sandbox=True),
)


def parse_step(text: str | None) -> tuple[int, str | None]:
    """The 1-based step a link asks for, and a notice when it is not a step number (then step 1)."""
    if text is None:
        return 1, None
    shown = " ".join(str(text).split())[:20]
    if shown.isascii() and shown.isdigit() and 1 <= int(shown) <= len(STEPS):
        return int(shown), None
    return 1, f"The link asks for story step '{shown}', but the story has steps 1 to {len(STEPS)}. Showing step 1."
