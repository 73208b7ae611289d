"""The discovery map: its grid, its control and treatment, its sign against direct runs, and its figure."""

from __future__ import annotations

import numpy as np
import pytest

from pacnet_dashboard.analysis.discovery import (CRITICS_LEVELS, DEFAULT_X, DEFAULT_Y, GIFT_EXCHANGE, MAP_RUNS,
                                                 SURVEY_RUNS, Z_SURVEY, DiscoveryMap, control_and_treated,
                                                 critics_setting, discovery_map, grid_values, map_axes, map_base,
                                                 paired_standard_error)
from pacnet_dashboard.figures.explore import discovery_map_figure, runs_words
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.io.errors import InputError
from pacnet_dashboard.scenario import Scenario, bundled, from_strings, level_of, with_levels
from tests.crn import paired_difference

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
    assert key.runs == MAP_RUNS and key.us_rhetoric.first == 6
    assert [g.id for g in key.gestures] == ["envoy_prisoner_release"]


def test_paired_standard_error_is_the_spread_of_the_per_run_differences():
    control = np.array([True, False, False, True, False])
    treated = np.array([True, True, False, False, True])
    diff = np.array([0.0, 1.0, 0.0, -1.0, 1.0])
    assert paired_standard_error(control, treated) == pytest.approx(diff.std(ddof=1) / np.sqrt(5))
    assert paired_standard_error(control, control) == 0.0


def test_a_cells_paired_error_matches_the_spread_of_its_change_over_seeds():
    """Under common random numbers the paired error is the honest one: across seeds a cell's change spreads by
    about its paired standard error, and that is well under the error of two independent samples."""
    changes, errors, independent = [], [], []
    for seed in range(1, 9):
        m = discovery_map(Scenario(seed=seed, **CRITICS_LEVELS), nx=2, ny=2, runs=RUNS)
        changes.append(m.change_yx[0, 1])
        errors.append(m.se_yx[0, 1])
        c, t = m.control_yx[0, 1], m.treated_yx[0, 1]
        independent.append(np.sqrt((c * (1 - c) + t * (1 - t)) / RUNS))
    assert 0.4 < np.std(changes, ddof=1) / np.mean(errors) < 2.0
    assert np.mean(errors) < 0.75 * np.mean(independent)


def test_critics_setting_is_the_gift_exchange_unprepared_at_the_viewers_seed():
    s = critics_setting(Scenario(seed=7, runs=3000, us_rhetoric=2))
    gift = bundled("gift_exchange").scenario
    assert s.seed == 7 and s.runs == 3000 and s.gestures == gift.gestures and s.us_rhetoric == gift.us_rhetoric
    assert {name: level_of(s, name) for name in CRITICS_LEVELS} == CRITICS_LEVELS
    assert CRITICS_LEVELS["dprk_rhetoric"] >= 9.5


def test_the_default_map_marks_both_regions_at_the_critics_setting_and_only_help_at_the_defaults():
    """At the map's own runs and axes (a coarse 3-by-3 grid of the default 9-by-9: DPRK rhetoric 0, 5, 10 by China
    mediation 0, 0.5, 1) the critics' corner (top rhetoric, no mediation) is marked a backfire beside marked helps;
    at the default levers the gift helps and backfires nowhere. Both at the default seed; the corner's backfire is
    checked again at another seed with a paired difference over eight common-seed batches."""
    critics = discovery_map(critics_setting(Scenario()), nx=3, ny=3)
    assert critics.runs == MAP_RUNS and critics.runs_yx[0, 2] == MAP_RUNS  # the corner needed the second stage
    assert critics.backfire_yx[0, 2] and critics.helps_yx.sum() >= 3
    defaults = discovery_map(Scenario(), nx=3, ny=3)
    assert not defaults.backfire_yx.any() and defaults.helps_yx.sum() >= 6
    corner = with_levels(critics_setting(Scenario(runs=16_000, seed=99)), {DEFAULT_X: 10.0, DEFAULT_Y: 0.0})
    control, treated = control_and_treated(corner, GIFT_EXCHANGE)
    change, se = paired_difference(control, treated)
    assert change - 2 * se > 0


def at_runs(scenario: Scenario, update: dict[str, float], runs: int):
    return simulate(with_levels(scenario, update).model_copy(update={"runs": runs}))


def test_the_survey_settles_clear_cells_and_runs_the_others_again_at_the_maps_runs():
    """Each cell is `simulate` at the survey's runs, or at MAP_RUNS exactly where the survey could not tell its
    change from zero at Z_SURVEY paired standard errors; the figure says how many cells were run again."""
    base = critics_setting(Scenario())
    m = discovery_map(base, nx=3, ny=2)
    control, treated = control_and_treated(base, GIFT_EXCHANGE)
    refined = 0
    for j, yv in enumerate(m.y_values):
        for i, xv in enumerate(m.x_values):
            update = {m.x: float(xv), m.y: float(yv)}
            survey = [at_runs(s, update, SURVEY_RUNS) for s in (control, treated)]
            change = survey[1].burst_probability - survey[0].burst_probability
            clear = abs(change) > Z_SURVEY * paired_standard_error(survey[0].popped, survey[1].popped)
            assert m.runs_yx[j, i] == (SURVEY_RUNS if clear else MAP_RUNS)
            if clear:
                assert m.change_yx[j, i] == change
            else:
                refined += 1
                again = [at_runs(s, update, MAP_RUNS) for s in (control, treated)]
                assert m.change_yx[j, i] == again[1].burst_probability - again[0].burst_probability
    assert 0 < refined < m.runs_yx.size and int(m.refined_yx.sum()) == refined
    cells = f"the {refined} cells" if refined > 1 else "the cell"
    assert runs_words(m) == f"{SURVEY_RUNS:,} runs a cell, {MAP_RUNS:,} in {cells} where that left the change unclear"
    assert [c["runs"] for c in m.cells()] == m.runs_yx.ravel().tolist()
