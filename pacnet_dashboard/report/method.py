"""What the Method page and the HTML brief say about the model: equations, mechanisms, refinements, limits.

Kept as data beside the kernel so that the page, the brief and the tests read one text, and a change to the
kernel has one obvious place to be documented.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacnet_dashboard.io.data import load_history_fit, load_parameters
from pacnet_dashboard.model.calibration import EXPERT_BAND
from pacnet_dashboard.model.kernel import BAND_RUNS, HAZARD_TABLE_STEPS, normal_table

CITATION = ('Rorry Daniels, "Time to save face in US-DPRK relations", PacNet commentary, Pacific Forum CSIS '
            "(Honolulu, 2017).")


@dataclass(frozen=True)
class Equation:
    title: str
    latex: str
    explanation: str


EQUATIONS: tuple[Equation, ...] = (
    Equation(
        "Misperception",
        r"\hat{x}_j = x_j + \varepsilon, \quad \varepsilon \sim N\!\left(0, \sigma^2\right), \quad "
        r"\sigma = \frac{\sigma_0}{1 + c\,C}",
        "Each leader reads the other's hostility with an error that shrinks as the conductance C of the "
        "communication network grows: rhetoric that can be tested and parsed is misread less.",
    ),
    Equation(
        "Hostility (Richardson)",
        r"x_i \leftarrow \operatorname{clip}_{[0,10]}\!\left(x_i + k_i\,\hat{x}_j - m_i\,x_i + T\,g_i\right), "
        r"\quad g_i = g_0\,\frac{r_i}{10} + \varphi\,\max(0, -F_i)",
        "Hostility answers the other side's perceived hostility (reactivity k), fades by restraint m, and is fed "
        "by grievance g: public rhetoric r plus any face deficit. T (trust, 1 at the start) scales grievance "
        "down after accepted gestures. With m_US m_DPRK > k_US k_DPRK (Richardson's condition, true by "
        "default) hostility settles; beyond it, hostility runs to the cap of 10 whatever the rhetoric.",
    ),
    Equation(
        "Balloon",
        r"P \leftarrow \max\!\left(0,\; P + \alpha\,\frac{x_{US} + x_{DPRK}}{2} - (\lambda_0 + \lambda_C C)\,P "
        r"- \text{releases} + \text{backfires}\right)",
        "Hostility inflates the balloon; dialogue lets pressure leak out. Accepted gestures release pressure, "
        "rejected ones add to it.",
    ),
    Equation(
        "Size and skin",
        r"r = \left(1 + \frac{P}{P_{ref}}\right)^{1/3}, \qquad \tau = \left(1 + \frac{P}{P_{ref}}\right)^{-2/3}",
        "The rubber keeps its volume, so the skin thins as the square of the radius grows.",
    ),
    Equation(
        "Incidents and popping",
        r"\iota = \iota_0\left(1 + \frac{x_{US} + x_{DPRK}}{20}\right), \quad S \sim \operatorname{Exp}(\mu), "
        r"\quad p_{\text{day}} = 1 - \exp\!\left(-\iota\, e^{-\theta\tau/\mu}\right)",
        "Incidents (tests, exercises, misread statements) arrive at a rate that grows with hostility; one pops "
        "the balloon only if its severity S beats the skin's strength theta*tau. A popped run stays popped.",
    ),
    Equation(
        "Face",
        r"F_i \leftarrow \operatorname{clip}_{[-1,1]}\!\left((1-\delta_F)\,F_i + \beta\,\frac{x_i - x_j}{10} "
        r"+ \text{gains}_i - \text{losses}_i\right)",
        "Belittling the other pays in face and being belittled costs it; face decays towards zero. An accepted "
        "gesture adds each side's framing gain (the US gain multiplied by 1 + pi * allied praise when the US "
        "sends); a rejected one costs the sender face.",
    ),
    Equation(
        "Acceptance of a gesture",
        r"q = \operatorname{logistic}\!\left(\operatorname{logit}(q_0) + a_f\,\text{gain}_{rec} + a_m\,M "
        r"- a_x\,\frac{x_{rec}}{10}\right), \quad M = 1 - (1 - m_{CN})(1 - m_{RU})",
        "The recipient accepts more readily when it can frame the gesture as a win, when China and Russia have "
        "sounded it out (M counts only mediators with an open channel to the DPRK), and less readily the more "
        "hostile it is. If accepted: pressure drops by the release, both sides gain face, trust T is multiplied "
        "by 1 - kappa, and the recipient answers with the reciprocal gesture after its lag with chance rho.",
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
     "Hostility, fed by rhetoric, raises pressure P every day."),
    ("A bigger balloon has thinner skin, so a trivial incident can pop an overinflated one.",
     "Skin thickness tau falls as (1 + P/P_ref)^(-2/3); an incident pops the balloon when its severity beats "
     "theta*tau."),
    ("Without dialogue, rhetoric is never tested or interpreted, and miscalculation grows.",
     "Misperception noise and the pressure leak both depend on the network's conductance C."),
    ("Each leader's legitimacy rests on being feared and respected, won by belittling the other.",
     "A face index per side rises with belittling and falls with being belittled; a deficit adds grievance."),
    ("A gift exchange lets both sides save face, each framing it its own way.",
     "Each gesture carries a framing gain per side; acceptance depends on the recipient's gain."),
    ("A reciprocal gift can follow.",
     "An accepted gesture may be answered after a lag (GRIT-style reciprocation), releasing more pressure."),
    ("China and Russia can sound out Pyongyang; South Korea and Japan can praise the gesture.",
     "Mediation raises acceptance and conductance; allied praise multiplies the US sender's face gain."),
    ("Critics call it an empty gesture.",
     "Gestures can be rejected; a rejection backfires, adding pressure and costing the sender face."),
)


REFINEMENTS: tuple[tuple[str, str], ...] = (
    ("Trust scales grievance rather than resetting it.",
     "An accepted gesture multiplies a trust factor T by 1 - kappa, which scales both grievances, and T "
     "drifts back towards 1 (half-life about 230 days): goodwill helps for months, not for ever."),
    ("Popping uses each run's exponential threshold.",
     "Instead of a uniform draw per day, each run draws one Exp(1) threshold and pops when its cumulative "
     "hazard passes it. The distribution is the same as daily draws, and with common random numbers a scenario "
     "whose cumulative hazard is higher on every day can only pop earlier, never later, which makes comparisons "
     "far less noisy."),
    ("Answers are made at most once per chain.",
     "A reciprocal answer is not made when the scenario already schedules that gesture, nor when it already "
     "occurred earlier in the same chain, so mutual answers cannot loop."),
    ("Mediation counts only with a channel.",
     "A mediator whose channel to the DPRK is closed (or who is muted) adds nothing to acceptance; a muted "
     "supporter adds no praise."),
    ("Day 0 starts inflated.",
     "All scenarios start from the same pressure P0, close to the baseline's steady state: the balloon of "
     "late 2017, not an empty one."),
    ("Bands include popped runs.",
     "A popped run keeps evolving after its pop, so the fan charts describe every run's pressure, hostility and "
     "face; whether and when it popped is counted separately in the burst curve."),
    ("Two numerical shortcuts keep the kernel fast.",
     f"Misperception noise comes from a table of {normal_table().size:,} normal quantiles, and the hazard factor "
     f"from a {HAZARD_TABLE_STEPS:,}-cell table over the pressure's provable range (error below 0.1%, tested). "
     f"Percentile bands use the first {BAND_RUNS:,} runs."),
)


LIMITATIONS: tuple[str, ...] = (
    "This is an illustrative model, not a forecast. It makes one argument explicit and explorable; it does not "
    "predict what any government will do.",
    "A 'pop' stands for a military clash or crisis spiral in the model's terms, not a prediction of war.",
    "Most parameters are flagged judgement. Only the skin strength is calibrated, to the late-2017 spread of "
    f"expert estimates of the chance of war ({EXPERT_BAND[0]:.0%}-{EXPERT_BAND[1]:.0%} within a year); fits to the "
    "event record are shown as such.",
    "Leaders are reduced to two numbers each (hostility and face); domestic politics, the nuclear programme "
    "itself and third-party moves beyond mediation and praise are outside the model.",
    "Sampling error is real: every pop chance comes from Monte Carlo runs; compare scenarios at one seed "
    "(common random numbers) and read the stated standard error.",
)



def parameter_rows() -> list[dict[str, object]]:
    """The parameter table as the Method page shows it: every parameter in use, with the value the 2017-2019
    history fit found beside it where there is one (shown, not adopted: see data/README.md)."""
    fitted = {r.name: r.value for r in load_history_fit()}
    return [{"Parameter": r.name, "Symbol": r.symbol, "Value in use": r.value,
             "History fit (not adopted)": fitted.get(r.name), "Range": f"{r.min:g} to {r.max:g}", "Unit": r.unit,
             "Meaning": r.meaning, "Kind": r.kind, "Provenance": r.provenance} for r in load_parameters()]
