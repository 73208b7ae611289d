"""Figures are checked by their traces, names, axis titles and lengths, never by pixels."""

from __future__ import annotations

import base64
import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from pacnet_dashboard.figures.balloon import BURST, MAX_FRAMES, TAU_CALM, TAU_HOT, balloon_figure, frame_days, heat
from pacnet_dashboard.figures.marks import gesture_marks
from pacnet_dashboard.model.futures import FUTURES, burst_count
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
    assert frames[0] == 0 and frames[-1] == horizon - 1 and len(frames) <= MAX_FRAMES
    gaps = set(np.diff(frames[1:-1]))
    assert len(gaps) <= 1  # evenly spaced, so the slider is linear in days


def test_heat_runs_from_calm_to_hot() -> None:
    assert heat(1.0) == 0.0 and heat(TAU_CALM) == 0.0
    assert heat(0.01) == 1.0 and heat(TAU_HOT) == 1.0
    assert 0 < heat(0.6) < heat(0.4) < 1


def _values(typed: dict) -> list[int]:
    """A plotly.js typed array (base64 of 8-bit integers) as numbers."""
    dtype = {"u1": np.uint8, "i1": np.int8}[typed["dtype"]]
    return np.frombuffer(base64.b64decode(typed["bdata"]), dtype=dtype).tolist()


def _burst_in(marker: dict) -> int:
    return sum(1 for s in _values(marker["symbol"]) if s == BURST)


def test_icon_arrays_hold_100_futures_each_and_burst_as_the_numbers_say(pair: tuple[Result, Result]) -> None:
    result, baseline = pair
    spec = _roundtrip(balloon_figure(baseline, result, p_ref=30.0, labels=("A", "B")))
    assert [t["name"] for t in spec["data"][:2]] == ["A", "B"]
    assert all(len(t["x"]) == FUTURES for t in spec["data"][:2])
    for trace, r in zip(spec["data"][:2], (baseline, result)):  # the figure opens on the horizon
        assert _burst_in(trace["marker"]) == burst_count(r.burst_probability)
    days = frame_days(result.scenario.horizon_days)
    assert [f["name"] for f in spec["frames"]] == [str(d) for d in days]
    assert all(f["traces"] == [0, 1] and set(f["data"][0]["marker"]) == {"size", "color", "symbol"}
               for f in spec["frames"])
    bursts = [_burst_in(f["data"][1]["marker"]) for f in spec["frames"]]
    assert bursts == sorted(bursts) and bursts[-1] == burst_count(result.burst_probability)
    assert [result.futures.burst_by(d) for d in days] == bursts
    heading = spec["frames"][-1]["layout"]["annotations"][1]["text"]
    assert spec["frames"][-1]["layout"]["shapes"][0]["x0"] == days[-1] + 1  # the day line moves with the frames
    assert go.Figure(spec)  # plotly.py accepts the frames as they are (the image export validates them)
    assert f"<b>{burst_count(result.burst_probability)}</b> of 100 burst by day {days[-1] + 1}" in heading
    assert spec["layout"]["sliders"][0]["active"] == len(days) - 1
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["label"].endswith("Play")
    day_label = spec["layout"]["annotations"][-1]["text"]
    assert day_label == f"<b>Day {days[-1] + 1}</b> of {result.scenario.horizon_days}"


def test_gesture_days_are_marked_with_computed_shares(pair: tuple[Result, Result]) -> None:
    result, baseline = pair
    marks = gesture_marks(result)
    g = result.gestures[0]
    assert [m.text for m in marks] == [
        f"book sent, day {g.day}",
        f"writings returned, day {g.answer_day}, in {g.reciprocation_probability:.0%} of futures"]
    spec = _roundtrip(balloon_figure(baseline, result, p_ref=30.0))
    labels = next(t for t in spec["data"] if t["name"] == "gesture labels")
    assert labels["text"] == [m.text for m in marks] and labels["x"] == [m.day for m in marks]


def test_a_fuller_balloon_is_drawn_bigger_and_hotter() -> None:
    escalation = simulate(bundled("escalation").scenario.model_copy(update={"runs": 300}))
    calm = simulate(Scenario(us_rhetoric=0.0, dprk_rhetoric=0.0, runs=300))
    spec = _roundtrip(balloon_figure(calm, escalation, p_ref=30.0))
    calm_m, hot_m = ({k: _values(v) for k, v in spec["data"][i]["marker"].items() if k in ("size", "color", "symbol")}
                     for i in (0, 1))
    intact = [(s, c) for s, c, sym in zip(hot_m["size"], hot_m["color"], hot_m["symbol"]) if sym != BURST]
    calm_intact = [(s, c) for s, c, sym in zip(calm_m["size"], calm_m["color"], calm_m["symbol"]) if sym != BURST]
    assert max(s for s, _ in intact) > max(s for s, _ in calm_intact)
    assert max(c for _, c in intact) > max(c for _, c in calm_intact)


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


def test_a_still_picture_shows_the_horizon_without_frames(pair: tuple[Result, Result]) -> None:
    result, baseline = pair
    still = _roundtrip(balloon_figure(baseline, result, p_ref=30.0, playable=False))
    assert not still.get("frames") and "sliders" not in still["layout"] and "updatemenus" not in still["layout"]
    assert [_burst_in(t["marker"]) for t in still["data"][:2]] == [burst_count(r.burst_probability)
                                                                   for r in (baseline, result)]
    assert not any(a["text"].startswith("<b>Day ") for a in still["layout"]["annotations"])  # no slider to name
