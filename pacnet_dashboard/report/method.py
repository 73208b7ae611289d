"""What the Method page and the HTML brief say about the model: equations, mechanisms, refinements, limits.

Kept as data beside the kernel so that the page, the brief and the tests read one text, and a change to the
kernel has one obvious place to be documented.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pacnet_dashboard.io.data import load_history_fit, load_parameters
from pacnet_dashboard.model.calibration import EXPERT_BAND
from pacnet_dashboard.model.kernel import BAND_RUNS, HAZARD_TABLE_STEPS, P_MAX, normal_table

CITATION = ('Rorry Daniels, "Time to save face in US-DPRK relations", PacNet commentary, Pacific Forum CSIS '
            "(Honolulu, 2017).")


@dataclass(frozen=True)
class Equation:
    title: str
    latex: str
    explanation: str


EQUATIONS: tuple[Equation, ...] = (
    Equation(
        "Rhetoric as state (mechanism: rhetoric)",
        r"R_i \leftarrow \operatorname{clip}_{[0,10]}\,\operatorname{clip}_{[A_i(t) - S_R,\, A_i(t) + S_R]}"
        r"\!\left(R_i + \eta_R\,(A_i(t) - R_i) - \gamma_R\,F_i\right)",
        "Each side's rhetoric R is state, anchored on the scenario's daily schedule A (a number, or steps such as "
        "7,3@60). It returns to the schedule at rate eta_R; secure face (F > 0, an accepted gesture it can frame "
        "as a win) lowers it, lost face (a rebuffed gesture, being belittled) raises it, by at most S_R points "
        "either way. Switched off, R = A.",
    ),
    Equation(
        "Misperception (mechanism: misperception)",
        r"\hat{x}_j = x_j + \varepsilon,\; \varepsilon \sim N(0, \sigma^2),\; \sigma = \frac{\sigma_0}{1 + c\,C};"
        r"\quad \Pr(\text{misread incident}) = \psi\,\iota,\; \psi = \frac{\sigma}{1 + \sigma}",
        "Each leader reads the other's hostility with an error that shrinks as the conductance C of the network "
        "grows. Where it bites: an incident is misread with chance psi. A misread incident adds epsilon_x "
        "hostility on both sides and epsilon_P pressure; a misread near-miss (severity between half the skin's "
        "strength and all of it, chance iota (sqrt(h) - h)) leaves epsilon_N more. So closing channels widens "
        "the fan charts and raises the pop chance.",
    ),
    Equation(
        "Hostility (Richardson)",
        r"x_i \leftarrow \operatorname{clip}_{[0,10]}\!\left(x_i + k_i\,\hat{x}_j - m_i\,x_i + D_i\,g_i\right), "
        r"\quad g_i = g_0\,\frac{R_i}{10} + \varphi\,\max(0, -F_i)",
        "Hostility answers the other side's perceived hostility (reactivity k), fades by restraint m, and is fed "
        "by grievance g: the side's rhetoric R plus any face deficit, scaled by its distrust D (1 until a gesture). "
        "With m_US m_DPRK > k_US k_DPRK (Richardson's condition, true by default) hostility settles; beyond it, "
        "hostility runs to the cap of 10 whatever the rhetoric.",
    ),
    Equation(
        "Balloon",
        r"P \leftarrow \min\!\left(P_{max}, \max\!\left(0,\; P + \alpha\,\frac{x_{US} + x_{DPRK}}{2} "
        r"- (\lambda_0 + \lambda_C C)\,P - \text{releases} + \text{backfires} + \text{misreads}\right)\right)",
        "Hostility inflates the balloon; dialogue lets pressure leak out. Accepted gestures release pressure, "
        "rejected ones and misread incidents add to it. P_max = 400 is never reached by a scenario's p90.",
    ),
    Equation(
        "Size, skin and its tipping point",
        r"r = \left(1 + \frac{P}{P_{ref}}\right)^{1/3}, \quad \tau = \left(1 + \frac{P}{P_{ref}}\right)^{-2/3}, "
        r"\quad y = \frac{1}{1 + e^{(P - P_Y)/w_Y}}",
        "The rubber keeps its volume, so the skin thins as the square of the radius grows. Past the yield pressure "
        "P_Y the skin gives way: its remaining strength y falls from 1 to 0 over a few w_Y, so the hazard rises "
        "steeply there (the overinflated balloon that a dull pencil pops).",
    ),
    Equation(
        "Incidents and popping",
        r"\iota = \iota_0\left(1 + \frac{x_{US} + x_{DPRK}}{20}\right), \quad S \sim \operatorname{Exp}(\mu), "
        r"\quad h = e^{-\theta\,\tau\,y/\mu}, \quad p_{\text{day}} = 1 - e^{-\iota\,h}",
        "Incidents (tests, exercises, misread statements) come with a daily chance that grows with hostility; one "
        "pops the balloon only if its severity S beats the skin's strength theta*tau*y. mu = 1 is the unit of "
        "severity. A popped run stays popped.",
    ),
    Equation(
        "Face (mechanism: face)",
        r"F_i \leftarrow \operatorname{clip}_{[-1,1]}\!\left((1-\delta_F)\,F_i + \beta\,\frac{x_i - x_j}{10} "
        r"+ \text{gain}_i\,(1 + \pi\,S_{allies}) - \text{loss}_i\right)",
        "Belittling the other pays in face and being belittled costs it; face decays towards zero. An accepted "
        "gesture adds each side's framing gain (tribute for one, schooling for the other); allied praise S "
        "multiplies the US sender's gain by 1 + pi S. Switched off, gestures add no face.",
    ),
    Equation(
        "Acceptance (mechanisms: mediation, praise)",
        r"q = \operatorname{logistic}\!\left(\operatorname{logit}(q_0) + a_f\,\text{gain}_{rec} "
        r"- a_x\,\frac{x_{rec}}{10} - a_d\,\max(0, -F_{rec}) + a_m\,M\,[\text{rec} = \text{DPRK}] "
        r"+ a_p\,S\,[\text{sender} = \text{US}]\right)",
        "The recipient accepts more readily when it can frame the gesture as a win, less readily the more hostile "
        "it is and the more face it lacks. Mediation M = 1 - (1 - m_CN)(1 - m_RU) counts only mediators with an "
        "open channel to the recipient: China and Russia sound out Pyongyang, not Washington. Allied praise S "
        "raises acceptance of a gesture South Korea and Japan endorse (a US one).",
    ),
    Equation(
        "Accepted: release, trust, answer (mechanisms: release, trust)",
        r"P \mathrel{-}= R_g, \quad D_{rec} \mathrel{\times}= 1 - \kappa\,\frac{R_g}{10}, \quad "
        r"D_{send} \mathrel{\times}= 1 - \frac{\kappa}{2}\,\frac{R_g}{10}, \quad D \to 1 \text{ at rate } \omega",
        "An accepted gesture releases its pressure R_g and builds trust per side in proportion to its size: the "
        "recipient's distrust falls most. The recipient answers with the reciprocal gesture after its lag with "
        "chance rho, and each answer does the same again (GRIT). A gesture may be repeated on other days.",
    ),
    Equation(
        "Rejected: audience costs (mechanisms: rejection, trust)",
        r"P \mathrel{+}= B_g, \quad F_{send} \mathrel{-}= \ell_g\,c_A\,\frac{R_{send}}{10}, \quad "
        r"x_{send} \mathrel{+}= h_{rej}, \quad D_{send} \mathrel{\times}= 1 + \kappa_{rej}\,\frac{R_g}{10}",
        "A rebuffed gesture backfires: pressure rises by B_g, the sender loses face in proportion to the rhetoric "
        "it used before (a leader who talked tough and is rebuffed loses more), its hostility jumps and its "
        "distrust grows. Where acceptance is unlikely (loud DPRK rhetoric, no mediation, no praise) the gift "
        "raises the pop chance: the critics' region.",
    ),
    Equation(
        "Conductance",
        r"C = \frac{1}{R_{\text{eff}}(US, DPRK)}",
        "The effective conductance between the US and the DPRK with channel strengths as conductances "
        "(networkx resistance distance); 0 when no open path joins them. Mediation scales China's and Russia's "
        "channels by 0.25 + 1.5 m; allied praise scales the alliance channels likewise.",
    ),
)


MECHANISMS: tuple[tuple[str, str], ...] = (
    ("The war of words inflates a tension balloon.",
     "Hostility, fed by each side's rhetoric, raises pressure P every day."),
    ("A bigger balloon has thinner skin; an overinflated one pops from a passing swipe.",
     "Skin thickness tau falls as (1 + P/P_ref)^(-2/3), and past the yield pressure P_Y the skin gives way: the "
     "hazard rises steeply (a tipping point)."),
    ("Without dialogue, rhetoric is never tested or interpreted, and miscalculation grows.",
     "Incidents are misread in a poorly connected network; a misread incident escalates hostility and "
     "pressure, and a misread near-miss leaves a trace (id: misperception)."),
    ("Each leader's legitimacy rests on being feared and respected, won by belittling the other.",
     "A face index per side rises with belittling and falls with being belittled; a deficit adds grievance."),
    ("A gift exchange lets both sides save face, each framing it its own way, and opens an exit from invective.",
     "Each gesture carries a framing gain per side (id: face); secure face lowers a side's rhetoric and lost "
     "face raises it, around the scheduled level (id: rhetoric)."),
    ("A reciprocal gift can follow; gestures can be graduated steps.",
     "An accepted gesture may be answered after a lag (GRIT-style reciprocation), releasing more pressure "
     "(id: release) and building trust per side in proportion to its size (id: trust); a gesture may be "
     "repeated on other days."),
    ("China and Russia can sound out Pyongyang; South Korea and Japan can praise the gesture.",
     "Mediation raises the acceptance of gestures to Pyongyang, not to Washington (id: mediation); allied "
     "praise raises the US sender's face gain and the acceptance of its gesture (id: praise)."),
    ("Critics call it an empty gesture.",
     "A rebuffed gesture backfires: pressure rises, the sender loses face in proportion to its rhetoric and "
     "grows more hostile (id: rejection). With loud DPRK rhetoric and no mediation or praise, the gift raises "
     "the pop chance."),
)


REFINEMENTS: tuple[tuple[str, str], ...] = (
    ("Model 2.0: the commentary's mechanisms carry the effect.",
     "In 1.0 the gift worked through one trust constant (40% of both grievances per gesture, whatever its "
     "size); face, praise and misperception were nearly inert and nothing backfired on average. 2.0 adds "
     "rhetoric that responds to face, audience costs, misread incidents, trust per side in proportion to a "
     "gesture's size, praise in acceptance and a skin that yields. `python -m pacnet_dashboard explain` "
     "measures each mechanism's share of a scenario's effect by switching it off (common random numbers)."),
    ("Popping uses each run's exponential threshold.",
     "Instead of a uniform draw per day, each run draws one Exp(1) threshold and pops when its cumulative "
     "hazard passes it. The distribution is the same as daily draws, and with common random numbers a scenario "
     "whose cumulative hazard is higher on every day can only pop earlier, never later, which makes comparisons "
     "far less noisy."),
    ("Answers are made at most once per chain.",
     "A reciprocal answer is not made when the scenario already schedules that gesture, nor when it already "
     "occurred earlier in the same chain, so mutual answers cannot loop. Each offer has its own random "
     "substream, so adding a gesture leaves every other offer's draws alone."),
    ("Mediation counts only with a channel.",
     "A mediator whose channel to the DPRK is closed (or who is muted) adds nothing to acceptance; a muted "
     "supporter adds no praise."),
    ("Day 0 is the commentary's moment.",
     "Every scenario starts where the 2017-2019 replay stands on 2017-11-27 (pressure, hostility and face), so "
     "the replay and the baseline tell one story; 1.0 started at a pressure of 60 the replay never reached."),
    ("Bands include popped runs.",
     "A popped run keeps evolving after its pop, so the fan charts describe every run's pressure, hostility and "
     "face; whether and when it popped is counted separately in the burst curve."),
    ("Numerical shortcuts keep the kernel fast.",
     f"Misperception noise comes from a table of {normal_table().size:,} normal quantiles, incidents from 16-bit "
     f"uniform draws, and the hazard factor from a {HAZARD_TABLE_STEPS:,}-cell table over [0, {P_MAX:g}] (error "
     f"below 0.1%, tested). Percentile bands use the first {BAND_RUNS:,} runs."),
)


INPUTS: tuple[Equation, ...] = (
    Equation(
        "Rhetoric schedules",
        r"r_i(t) = \ell_k \quad \text{for } d_k \le t < d_{k+1}, \qquad d_0 = 0 < d_1 < \dots < d_{K-1} < H, "
        r"\quad K \le 8",
        "Each side's rhetoric is a schedule of up to 8 levels: a plain number holds for the whole horizon H (as in "
        "1.x), and 7,3@60 means 7 from day 0, then 3 from day 60. The kernel reads the daily series r_i(t), so a "
        "scenario can lower (or raise) the war of words on a chosen day. Links, --set, JSON files (a number or "
        "the text) and sweeps share one codec; sweeps, maps and the tornado move the first level and keep the "
        "later steps.",
    ),
    Equation(
        "Editable assumptions",
        r"p = p_{\text{table}} \text{ except } p_n = v_n \text{ for each override } "
        r"\texttt{assumptions.}n = v_n,\; v_n \in [\min_n, \max_n]",
        "Every parameter of kind 'judgement' in the table can be changed for one scenario (the sidebar's "
        "Assumptions panel, assumptions.NAME=VALUE in links and --set, an \"assumptions\" object in JSON). Only "
        "changes are stored; the ranges are the table's. The scenario's baseline runs with the same assumptions, "
        "so a comparison changes one thing at a time, and every page and the brief say when a scenario's "
        "assumptions differ from the table. The calibrated skin strength theta is no assumption: only the "
        "calibration command changes it.",
    ),
)
"""What a scenario feeds the equations: rhetoric over time and the parameter values it runs with."""


LIMITATIONS: tuple[str, ...] = (
    "This is an illustrative model, not a forecast. It makes one argument explicit and explorable; it does not "
    "predict what any government will do.",
    "A 'pop' stands for a military clash or crisis spiral in the model's terms, not a prediction of war.",
    "Most parameters are flagged judgement. Only the skin strength is calibrated, to the late-2017 spread of "
    f"expert estimates of the chance of war ({EXPERT_BAND[0]:.0%}-{EXPERT_BAND[1]:.0%} within a year); the start "
    "state is read off the replay; fits to the event record are shown as such.",
    "The mechanisms' strengths are judgement tuned so that each carries a visible part of the effect and the "
    "critics' region exists; the decomposition shows how the result depends on them, not that they are right.",
    "Leaders are reduced to two numbers each (hostility and face); domestic politics, the nuclear programme "
    "itself and third-party moves beyond mediation and praise are outside the model.",
    "Sampling error is real: every pop chance comes from Monte Carlo runs; compare scenarios at one seed "
    "(common random numbers) and read the stated standard error.",
)



def parameter_rows(overrides: Mapping[str, float] | None = None) -> list[dict[str, object]]:
    """The parameter table as the Method page shows it: every parameter in use, with the value the 2017-2019
    history fit found beside it where there is one (shown, not adopted: see data/README.md), and a scenario's
    own assumptions where it has any."""
    fitted = {r.name: r.value for r in load_history_fit()}
    mine = ({"This scenario": (overrides or {}).get(r.name)} if overrides else {} for r in load_parameters())
    return [{"Parameter": r.name, "Symbol": r.symbol, "Value in use": r.value, **next(mine),
             "History fit (not adopted)": fitted.get(r.name), "Range": f"{r.min:g} to {r.max:g}", "Unit": r.unit,
             "Meaning": r.meaning, "Kind": r.kind, "Provenance": r.provenance} for r in load_parameters()]
