"""Figures are checked by their traces, names, axis titles and lengths, never by pixels."""

from __future__ import annotations

import json

import plotly.io as pio
import pytest

from pacnet_dashboard.figures.balloon import (MAX_FRAMES, OUTLINE_POINTS, TAU_CALM, TAU_HOT, balloon_figure, frame_days,
                                             heat)
from pacnet_dashboard.figures.charts import (MAX_POINTS, burst_chart, fan_chart, sample_days,
                                             sides_chart, tornado_chart)
from pacnet_dashboard.model.series import SERIES
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.scenario import Scenario, baseline_for, bundled, from_strings
from pacnet_dashboard.analysis.sensitivity import TornadoRow, tornado, tornado_levers


@pytest.fixture(scope="module")
def pair() -> tuple[Result, Result]:
    scenario = bundled("gift_exchange").scenario.model_copy(update={"runs": 300})
    return simulate(scenario), simulate(baseline_for(scenario))


def _roundtrip(fig) -> dict:
    """What Streamlit and the HTML brief send to the browser."""
    return json.loads(pio.to_json(fig, validate=False))


@pytest.mark.parametrize("horizon", [30, 31, 100, 365, 730])
def test_sampled_days_are_bounded_and_keep_both_ends(horizon: int) -> None:
    days = sample_days(horizon)
    assert days[0] == 0 and days[-1] == horizon - 1
    assert len(days) <= MAX_POINTS
    assert list(days) == sorted(set(days))
    frames = frame_days(horizon)
    assert frames[0] == 0 and frames[-1] == horizon - 1 and len(frames) <= MAX_FRAMES + 1


def test_heat_runs_from_calm_to_hot() -> None:
    assert heat(1.0) == 0.0 and heat(TAU_CALM) == 0.0
    assert heat(0.01) == 1.0 and heat(TAU_HOT) == 1.0
    assert 0 < heat(0.6) < heat(0.4) < 1


def test_balloon_has_two_balloons_and_playable_frames(pair: tuple[Result, Result]) -> None:
    result, baseline = pair
    fig = balloon_figure(baseline, result, p_ref=30.0)
    names = [t.name for t in fig.data]
    assert names == ["Baseline", "Baseline string", "Your scenario", "Your scenario string"]
    assert len(fig.data[0].x) == OUTLINE_POINTS
    spec = _roundtrip(fig)
    days = frame_days(result.scenario.horizon_days)
    assert [f["name"] for f in spec["frames"]] == [str(d) for d in days]
    assert spec["layout"]["sliders"][0]["steps"][-1]["label"] == str(result.scenario.horizon_days)
    assert all(len(f["data"]) == 4 and len(f["data"][0]["x"]) == OUTLINE_POINTS for f in spec["frames"])
    assert spec["layout"]["sliders"][0]["active"] == len(days) - 1
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["label"].endswith("Play")
    assert f": {result.burst_probability:.0%}</b><br>popped by day" in spec["layout"]["annotations"][1]["text"]


def test_a_fuller_balloon_is_bigger_with_a_thinner_skin(pair: tuple[Result, Result]) -> None:
    escalation = simulate(bundled("escalation").scenario.model_copy(update={"runs": 300}))
    calm = simulate(Scenario(us_rhetoric=0.0, dprk_rhetoric=0.0, runs=300))
    spec = _roundtrip(balloon_figure(calm, escalation, p_ref=30.0))
    calm_width = max(spec["data"][0]["x"]) - min(spec["data"][0]["x"])
    hot_width = max(spec["data"][2]["x"]) - min(spec["data"][2]["x"])
    assert hot_width > calm_width
    assert spec["data"][2]["line"]["width"] < spec["data"][0]["line"]["width"]


@pytest.mark.parametrize("series", list(SERIES))
def test_fan_chart_has_bands_and_medians_for_both(pair: tuple[Result, Result], series: str) -> None:
    result, baseline = pair
    fig = fan_chart(result, baseline, series)
    names = [t.name for t in fig.data]
    assert names == ["Baseline p90", "Baseline p10–p90", "Baseline median",
                     "Scenario p90", "Scenario p10–p90", "Scenario median"]
    assert fig.layout.xaxis.title.text == "day"
    assert fig.layout.yaxis.title.text == SERIES[series].y_title
    assert all(len(t.x) == len(sample_days(result.scenario.horizon_days)) <= MAX_POINTS for t in fig.data)
    assert fig.data[1].fill == "tonexty"
    spec = _roundtrip(fig)
    assert spec["layout"]["template"]["layout"]  # the theme travels with the figure
    assert spec["layout"]["title"]["text"] == SERIES[series].title


def test_fan_chart_without_baseline_and_sides_chart(pair: tuple[Result, Result]) -> None:
    result, _ = pair
    assert [t.name for t in fan_chart(result, None, "pressure").data][-1] == "Scenario median"
    fig = sides_chart(result, "face")
    assert [t.name for t in fig.data if "median" in t.name] == ["US median", "DPRK median"]
    assert list(fig.layout.yaxis.range) == [-1, 1]


def test_burst_chart_is_in_percent_and_never_falls(pair: tuple[Result, Result]) -> None:
    result, baseline = pair
    fig = burst_chart(result, baseline)
    assert [t.name for t in fig.data] == ["Baseline", "Scenario"]
    assert fig.layout.yaxis.title.text == "cumulative pop chance (%)"
    y = list(fig.data[1].y)
    assert y == sorted(y) and y[-1] == pytest.approx(100 * result.burst_probability, abs=1e-3)


def test_tornado_has_one_bar_per_lever_at_each_end() -> None:
    rows = [TornadoRow("a", "Lever A", 0, 1, 0.2, 0.4), TornadoRow("b", "Lever B", 0, 10, 0.1, 0.6)]
    fig = tornado_chart(rows, 0.3)
    assert [t.name for t in fig.data] == ["lever at its minimum", "lever at its maximum"]
    assert list(fig.data[0].y) == ["Lever A", "Lever B"]  # the widest swing on top
    assert list(fig.data[1].x) == pytest.approx([10.0, 30.0])
    assert "percentage points" in fig.layout.xaxis.title.text


def test_tornado_moves_every_continuous_lever_with_common_random_numbers() -> None:
    scenario = Scenario(runs=200, horizon_days=120)
    base, rows = tornado(scenario, runs=200)
    assert [r.name for r in rows] == tornado_levers()
    assert "runs" not in tornado_levers() and "seed" not in tornado_levers()
    rhetoric = next(r for r in rows if r.name == "dprk_rhetoric")
    assert rhetoric.low <= base <= rhetoric.high
    assert tornado(scenario, runs=200) == (base, rows)


def test_decomposition_chart_has_a_bar_per_mechanism_and_says_whether_it_works() -> None:
    from pacnet_dashboard.analysis.explain import explain
    from pacnet_dashboard.figures.charts import decomposition_chart
    from pacnet_dashboard.model.mechanisms import MECHANISMS

    d = explain(from_strings({"runs": "500", "horizon_days": "120", "gestures": "us_book_gift@14"}))
    fig = decomposition_chart(d)
    bar = fig.data[0]
    assert len(bar.y) == len(MECHANISMS) + 1 and len(bar.x) <= MAX_POINTS
    assert ("works" if d.effect < 0 else "fails") in fig.layout.title.text
    for m, x in zip(d.mechanisms, bar.x):
        assert x == pytest.approx(100 * (d.effect - m.effect_without), abs=1e-3)
