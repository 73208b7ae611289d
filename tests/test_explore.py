"""The discovery map: its grid, its control and treatment, its sign against direct runs, and its figure."""

from __future__ import annotations

import numpy as np
import pytest

from pacnet_dashboard.analysis.discovery import (DEFAULT_X, DEFAULT_Y, GIFT_EXCHANGE, DiscoveryMap, control_and_treated,
                                                 discovery_map, grid_values, map_axes, map_base)
from pacnet_dashboard.figures.explore import discovery_map_figure
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.io.errors import InputError
from pacnet_dashboard.scenario import Scenario, bundled, from_strings, with_levels

RUNS = 300


@pytest.fixture(scope="module")
def small_map() -> DiscoveryMap:
    return discovery_map(Scenario(), nx=3, ny=3, runs=RUNS)


def test_control_and_treated_are_the_bundled_baseline_and_gift_exchange():
    control, treated = control_and_treated(bundled("baseline").scenario, GIFT_EXCHANGE)
    assert control == bundled("baseline").scenario
    assert treated == bundled("gift_exchange").scenario


def test_treatment_already_in_the_base_is_taken_out_of_the_control():
    base = from_strings({"gestures": "us_book_gift@30,envoy_prisoner_release@5"})
    control, treated = control_and_treated(base, GIFT_EXCHANGE)
    assert [g.encode() for g in control.gestures] == ["envoy_prisoner_release@5"]
    assert [g.encode() for g in treated.gestures] == ["envoy_prisoner_release@5", "us_book_gift@14"]


def test_grid_spans_each_levers_whole_range():
    assert grid_values("dprk_rhetoric", 5).tolist() == [0, 2.5, 5, 7.5, 10]
    assert grid_values("china_mediation", 3).tolist() == [0, 0.5, 1]
    assert set(map_axes()) >= {DEFAULT_X, DEFAULT_Y, "us_rhetoric", "russia_mediation"}
    assert "runs" not in map_axes() and "gestures" not in map_axes()


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"x": "gestures"}, "x"), ({"y": "seed"}, "y"), ({"x": "china_mediation"}, "y"),
    ({"nx": 1}, "nx"), ({"ny": 40}, "ny"), ({"runs": 5}, "runs"), ({"treatment": "nope@3"}, "gestures"),
])
def test_bad_map_settings_name_the_setting(kwargs, field):
    with pytest.raises(InputError) as err:
        discovery_map(Scenario(), **kwargs)
    assert err.value.field == field


def test_map_cells_are_the_direct_simulate_runs(small_map):
    """Each cell is exactly `simulate` of the control and the treated scenario at that cell (same seed)."""
    control, treated = control_and_treated(Scenario(runs=RUNS), GIFT_EXCHANGE)
    j, i = 2, 1
    update = {small_map.x: float(small_map.x_values[i]), small_map.y: float(small_map.y_values[j])}
    assert small_map.control_yx[j, i] == simulate(with_levels(control, update)).burst_probability
    assert small_map.treated_yx[j, i] == simulate(with_levels(treated, update)).burst_probability


def test_map_sign_agrees_with_bigger_direct_runs_at_sampled_cells(small_map):
    """Where the map calls the change clear, direct runs with more runs (another seed) agree on its sign."""
    clear = np.argwhere(small_map.helps_yx | small_map.backfire_yx)
    assert len(clear) >= 3
    rng = np.random.default_rng(6)
    for j, i in clear[rng.choice(len(clear), size=2, replace=False)]:
        base = Scenario(runs=3000, seed=99, **{small_map.x: float(small_map.x_values[i]),
                                               small_map.y: float(small_map.y_values[j])})
        control, treated = control_and_treated(base, GIFT_EXCHANGE)
        direct = simulate(treated).burst_probability - simulate(control).burst_probability
        assert np.sign(direct) == np.sign(small_map.change_yx[j, i])


def test_map_is_a_pure_function_of_its_inputs(small_map):
    again = discovery_map(Scenario(), nx=3, ny=3, runs=RUNS)
    np.testing.assert_array_equal(again.change_yx, small_map.change_yx)
    assert len(small_map.cells()) == 9 and {"change", "backfires", "helps"} <= set(small_map.cells()[0])


def _fake_map() -> DiscoveryMap:
    control = np.full((2, 3), 0.30)
    treated = np.array([[0.20, 0.30, 0.40], [0.25, 0.31, 0.29]])
    return DiscoveryMap(x="dprk_rhetoric", y="china_mediation", x_values=np.array([0.0, 5.0, 10.0]),
                        y_values=np.array([0.0, 1.0]), control_yx=control, treated_yx=treated,
                        se_yx=np.full((2, 3), 0.02), treatment=GIFT_EXCHANGE, runs=500, seed=2017, horizon_days=365)


def test_backfire_and_help_need_a_change_beyond_sampling_error():
    m = _fake_map()
    assert m.backfire_yx.tolist() == [[False, False, True], [False, False, False]]
    assert m.helps_yx.tolist() == [[True, False, False], [True, False, False]]


def test_map_figure_is_a_centred_diverging_heatmap_with_marked_backfires():
    fig = discovery_map_figure(_fake_map(), base_x=8.0, base_y=0.3)
    heat = fig.data[0]
    assert heat.type == "heatmap" and heat.zmid == 0 and heat.zmin == -heat.zmax
    assert heat.colorscale[0][1] != heat.colorscale[-1][1]
    assert np.allclose(np.array(heat.z), (_fake_map().treated_yx - 0.30) * 100)
    names = [t.name for t in fig.data]
    crosses = fig.data[names.index("Backfires (beyond sampling error)")]
    assert list(crosses.x) == [10.0] and list(crosses.y) == [0.0]
    assert "Current scenario" in names
    assert fig.layout.xaxis.title.text == "DPRK rhetoric (0-10 scale)"
    assert fig.layout.yaxis.title.text == "China mediation (0-1 share of full effort)"
    assert "1 of 6 cells" in fig.layout.title.text


def test_map_base_drops_what_the_map_overwrites():
    base = from_strings({"dprk_rhetoric": "3", "china_mediation": "0.9", "runs": "4000",
                         "gestures": "us_book_gift@14,envoy_prisoner_release@5", "us_rhetoric": "6"})
    key = map_base(base, DEFAULT_X, DEFAULT_Y)
    assert key == map_base(Scenario(us_rhetoric=6, gestures=key.gestures), DEFAULT_X, DEFAULT_Y)
    assert key.runs == 500 and key.us_rhetoric.first == 6 and [g.id for g in key.gestures] == ["envoy_prisoner_release"]
