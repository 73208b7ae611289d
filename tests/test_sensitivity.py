"""Global sensitivity: SALib plumbing, reproducibility, and a sanity check against a dummy factor."""

from __future__ import annotations

import json

import numpy as np
import pytest

from pacnet_dashboard.cli import main
from pacnet_dashboard.figures.explore import sensitivity_figure
from pacnet_dashboard.io.errors import SettingError
from pacnet_dashboard.scenario import Scenario
from pacnet_dashboard.analysis.sensitivity import DUMMY, neutral_base, parameter_range, sensitivity, sensitivity_factors
from pacnet_dashboard.io.data import load_parameters


def _linear(base, factors, x_nk):
    """A cheap stand-in model: the output grows with the first factor (normalised) and a little with the third."""
    lows = np.array([f.low for f in factors])
    spans = np.array([f.high - f.low for f in factors])
    u_nk = (x_nk - lows) / spans
    return 0.6 * u_nk[:, 0] + 0.1 * u_nk[:, 2]


def test_factors_cover_levers_and_uncertain_parameters_within_the_table():
    factors = {f.name: f for f in sensitivity_factors()}
    assert {"us_rhetoric", "dprk_rhetoric", "china_mediation", DUMMY} <= set(factors)
    assert "theta" not in factors, "a calibrated parameter is set by its target, not a free factor"
    for row in load_parameters():
        if row.name in factors:
            f = factors[row.name]
            assert row.min <= f.low <= row.value <= f.high <= row.max
    assert parameter_range(next(r for r in load_parameters() if r.name == "rho"), 0.5) == (0.3, 0.9)
    assert [f.kind for f in sensitivity_factors(include_parameters=False)].count("parameter") == 0


@pytest.mark.parametrize("method", ["morris", "sobol"])
def test_indices_rank_a_known_model_and_reruns_agree(method):
    kwargs = dict(method=method, include_parameters=False, trajectories=8, samples=64, evaluator=_linear)
    first, second = sensitivity(Scenario(), **kwargs), sensitivity(Scenario(), **kwargs)
    assert first == second
    assert first.indices[0].factor.name == "us_rhetoric"
    assert first.rank_of("china_mediation") < first.rank_of(DUMMY)
    dummy = first.indices[first.rank_of(DUMMY)]
    assert abs(dummy.importance) < 0.05 and dummy.importance_conf >= 0
    assert all(i.importance_conf >= 0 for i in first.indices)


def test_morris_ranks_rhetoric_above_the_dummy_on_the_real_model():
    result = sensitivity(Scenario(), include_parameters=False, trajectories=4, runs=200)
    assert result.evaluations == 4 * (len(sensitivity_factors(include_parameters=False)) + 1)
    dummy = result.indices[result.rank_of(DUMMY)]
    assert dummy.mu_star == 0.0, "the model never reads the dummy, and every evaluation shares the seed"
    for lever in ("us_rhetoric", "dprk_rhetoric"):
        index = result.indices[result.rank_of(lever)]
        assert result.rank_of(lever) < result.rank_of(DUMMY)
        assert index.mu_star - index.mu_star_conf > 0


def test_bad_settings_name_the_setting():
    for kwargs, setting in (({"method": "sobol", "samples": 48}, "samples"), ({"method": "fast"}, "method"),
                            ({"spread": 1.5}, "spread")):
        with pytest.raises(SettingError) as err:
            sensitivity(Scenario(), evaluator=_linear, **kwargs)
        assert err.value.field == setting and "allowed:" in err.value.detail


def test_cli_prints_the_indices_as_json(capsys):
    assert main(["sensitivity", "--levers-only", "--trajectories", "2", "--runs", "100", "--set", "us_rhetoric=6"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["method"] == "morris" and doc["runs"] == 100 and doc["scenario"]["us_rhetoric"] == 6
    names = [i["name"] for i in doc["indices"]]
    assert DUMMY in names and {"mu_star", "mu_star_conf", "sigma"} <= set(doc["indices"][0])


@pytest.mark.parametrize("argv", [
    ["sensitivity", "--method", "fast"], ["sensitivity", "--trajectories", "1"],
    ["sensitivity", "--method", "sobol", "--samples", "100"], ["sensitivity", "--set", "dprk_rhetoric=11"],
    ["sensitivity", "--spread", "2"], ["sensitivity", "--spread", "wide"],
])
def test_cli_bad_input_exits_2_with_one_error_line(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1


def test_sensitivity_figure_ranks_bars_with_confidence_intervals():
    result = sensitivity(Scenario(), include_parameters=False, trajectories=8, evaluator=_linear)
    fig = sensitivity_figure(result)
    assert {t.name for t in fig.data} == {"Lever", "Dummy (no effect by design)"}
    lever = next(t for t in fig.data if t.name == "Lever")
    assert lever.orientation == "h" and len(lever.error_x.array) == len(lever.x)
    assert list(fig.layout.yaxis.categoryarray)[-1] == "US rhetoric", "the most important factor is on top"
    assert "μ*" in fig.layout.xaxis.title.text


def test_neutral_base_keeps_only_what_the_indices_depend_on():
    a = Scenario(us_rhetoric=2, china_mediation=0.9, runs=5000, seed=5, horizon_days=200)
    b = Scenario(us_rhetoric=9, japan_support=0.7, seed=5, horizon_days=200)
    assert neutral_base(a) == neutral_base(b) != neutral_base(Scenario(seed=6, horizon_days=200))
    assert neutral_base(a).runs == 400
