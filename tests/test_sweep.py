"""Sweeps: the --vary grammar, designs, per-scenario seeds, Dask determinism across worker counts, output."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from pacnet_dashboard.analysis import sweep
from pacnet_dashboard.cli import main
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.io.errors import ClusterError, ScenarioError, SettingError
from pacnet_dashboard.scenario import Scenario, from_strings


def test_vary_spec_parses_levels_and_ranges():
    v = sweep.parse_vary("dprk_rhetoric=2:8:4")
    assert (v.field, v.low, v.high, v.levels) == ("dprk_rhetoric", 2, 8, 4)
    assert v.values().tolist() == [2, 4, 6, 8]
    assert sweep.parse_vary("horizon_days=30:40:3").values().tolist() == [30, 35, 40]
    assert sweep.parse_vary("china_mediation=0:1").levels is None


@pytest.mark.parametrize(("spec", "field", "says"), [
    ("nope=0:1:2", "nope", "fields that can be varied"),
    ("gestures=0:1:2", "gestures", "not numeric"),
    ("dprk_rhetoric=a:5:2", "dprk_rhetoric", "not a number"),
    ("dprk_rhetoric=8:2:3", "dprk_rhetoric", "above high end"),
    ("dprk_rhetoric=0:5:0", "dprk_rhetoric", "whole number >= 1"),
    ("dprk_rhetoric=0:5:x", "dprk_rhetoric", "whole number >= 1"),
    ("dprk_rhetoric=0:12:3", "dprk_rhetoric", "from 0 to 10"),
    ("china_mediation=-1:0.5:3", "china_mediation", "from 0 to 1"),
    ("runs=100:150.5:2", "runs", "whole number"),
    ("runs=100:102:5", "runs", "n from 1 to 3"),
    ("dprk_rhetoric=1:2:1", "dprk_rhetoric", "must be equal"),
    ("dprk_rhetoric=0:1:2:3", "dprk_rhetoric", "a:b:n"),
    ("dprk_rhetoric", None, "FIELD=a:b:n"),
])
def test_bad_vary_specs_name_the_field_and_what_is_allowed(spec, field, says):
    with pytest.raises(SettingError) as err:
        sweep.parse_vary(spec)
    assert err.value.field == "vary" and says in err.value.detail
    assert field is None or err.value.detail.startswith(f"{field}: ")


@pytest.mark.parametrize(("argv", "says"), [
    (["--vary", "nope=0:1:2"], "nope:"),
    (["--vary", "dprk_rhetoric=0:11:2"], "dprk_rhetoric:"),
    (["--vary", "dprk_rhetoric=5:1:2"], "dprk_rhetoric:"),
    (["--vary", "dprk_rhetoric=0:1:0"], "dprk_rhetoric:"),
    (["--vary", "gestures=0:1:2"], "gestures:"),
    (["--vary", "dprk_rhetoric=0:1"], "dprk_rhetoric: needs the number of levels"),
    (["--vary", "dprk_rhetoric=0:1:2", "--vary", "dprk_rhetoric=0:1:2"], "more than once"),
    (["--vary", "dprk_rhetoric=0:1:2", "--samples", "5"], "--samples"),
    (["--vary", "dprk_rhetoric=0:1:2", "--design", "lhs"], "--samples"),
    (["--vary", "dprk_rhetoric=0:1:2", "--workers", "0"], "--workers"),
    (["--vary", "dprk_rhetoric=0:1:2", "--workers", "2", "--scheduler", "tcp://h:1"], "not both"),
    (["--vary", "dprk_rhetoric=0:1:2", "--scheduler", "nonsense", "--runs", "100"], "--scheduler"),
    (["--vary", "dprk_rhetoric=0:1:2", "--set", "us_rhetoric=loud"], "us_rhetoric:"),
])
def test_cli_bad_input_exits_2_with_one_error_line_and_no_file(argv, says, tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["sweep", *argv, "--quiet", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and says in err
    assert list(tmp_path.iterdir()) == []


def test_cli_rejects_an_unknown_output_format(tmp_path, capsys):
    assert main(["sweep", "--vary", "dprk_rhetoric=0:1:2", "--out", str(tmp_path / "r.xlsx")]) == 2
    assert ".csv or .parquet" in capsys.readouterr().err


def test_factorial_design_varies_the_last_field_fastest():
    varies = [sweep.parse_vary("dprk_rhetoric=0:10:2"), sweep.parse_vary("china_mediation=0:1:3")]
    points = sweep.design_points(varies)
    assert points[:3] == [{"dprk_rhetoric": 0, "china_mediation": 0}, {"dprk_rhetoric": 0, "china_mediation": 0.5},
                          {"dprk_rhetoric": 0, "china_mediation": 1}]
    assert len(points) == 6


def test_latin_hypercube_fills_each_range_once_per_stratum_and_is_seeded():
    varies = [sweep.parse_vary("dprk_rhetoric=0:10"), sweep.parse_vary("horizon_days=30:730")]
    points = sweep.design_points(varies, "lhs", samples=10, seed=4)
    assert points == sweep.design_points(varies, "lhs", samples=10, seed=4)
    strata = sorted(int(p["dprk_rhetoric"] // 1) for p in points)
    assert strata == list(range(10))
    assert all(isinstance(p["horizon_days"], int) and 30 <= p["horizon_days"] <= 730 for p in points)


def test_design_size_is_capped():
    varies = [sweep.parse_vary(f"{f}=0:1:200") for f in ("china_mediation", "russia_mediation", "rok_support")]
    with pytest.raises(SettingError, match="at most"):
        sweep.design_points(varies)


def test_seeds_depend_on_the_scenario_index_only():
    seeds = [sweep.scenario_seed(2017, i) for i in range(50)]
    assert len(set(seeds)) == 50 and all(0 <= s < 2**32 for s in seeds)
    assert sweep.scenario_seed(2017, 7) == seeds[7] != sweep.scenario_seed(2018, 7)
    points = [{"dprk_rhetoric": float(i)} for i in range(4)]
    whole = sweep.simulate_chunk(Scenario(runs=100).model_dump(mode="json"), list(enumerate(points)), "derived")
    split = [row for part in (list(enumerate(points))[2:], list(enumerate(points))[:2])
             for row in sweep.simulate_chunk(Scenario(runs=100).model_dump(mode="json"), part, "derived")]
    assert sweep.results_frame(whole).equals(sweep.results_frame(split))


def test_a_row_replays_with_simulate():
    base = from_strings({"gestures": "us_book_gift@14", "runs": "100"})
    frame = sweep.run_sweep_serial(base, [{"dprk_rhetoric": 3.0}, {"dprk_rhetoric": 9.0}])
    row = frame.iloc[1]
    replay = from_strings({"dprk_rhetoric": "9", "seed": str(row["seed"]), "gestures": row["gestures"], "runs": "100"})
    assert simulate(replay).burst_probability == row["burst_probability"]
    assert frame["scenario_index"].tolist() == [0, 1]
    common = sweep.run_sweep_serial(base, [{"dprk_rhetoric": 3.0}], seeds="common")
    assert common["seed"].tolist() == [base.seed]


def test_invalid_combinations_fail_before_any_work():
    base = from_strings({"gestures": "us_book_gift@100"})
    with pytest.raises(ScenarioError, match="beyond the horizon"):
        sweep.validate_points(base, [{"horizon_days": 200}, {"horizon_days": 60}], "derived")


def test_parquet_output_is_written_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(sweep, "run_sweep", lambda base, points, **kw: sweep.run_sweep_serial(base, points))
    out = tmp_path / "r.parquet"
    assert main(["sweep", "--vary", "dprk_rhetoric=0:10:3", "--runs", "100", "--out", str(out)]) == 0
    frame = pd.read_parquet(out)
    assert frame["dprk_rhetoric"].tolist() == [0, 5, 10] and [p.name for p in tmp_path.iterdir()] == ["r.parquet"]
    assert pd.read_parquet(io.BytesIO(sweep.to_parquet(frame))).equals(frame)


def test_sweep_on_dask_gives_identical_csvs_with_one_and_two_workers(tmp_path):
    """The done-when check in small: seeds belong to scenarios, so the worker count cannot change a number."""
    paths = []
    for workers in (1, 2):
        out = tmp_path / f"w{workers}.csv"
        argv = ["sweep", "--vary", "dprk_rhetoric=0:10:3", "--vary", "china_mediation=0:1:3", "--runs", "100",
                "--horizon", "120", "--workers", str(workers), "--quiet", "--out", str(out)]
        assert main(argv) == 0
        paths.append(out)
    one, two = (p.read_bytes() for p in paths)
    assert one == two
    frame = pd.read_csv(paths[0])
    assert frame["scenario_index"].tolist() == list(range(9))
    serial = sweep.run_sweep_serial(Scenario(runs=100, horizon_days=120), sweep.design_points(
        [sweep.parse_vary("dprk_rhetoric=0:10:3"), sweep.parse_vary("china_mediation=0:1:3")]))
    np.testing.assert_array_equal(frame["burst_probability"], serial["burst_probability"])


class _FakeClient:
    """Stands in for a connected Client: what `probe` returns on the scheduler and on each worker."""

    def __init__(self, scheduler, workers):
        self.scheduler, self.workers = scheduler, workers

    def run_on_scheduler(self, probe):
        return self.scheduler(probe)

    def run(self, probe):
        return {w: answer(probe) for w, answer in self.workers.items()}


def _missing(probe):
    raise ModuleNotFoundError("No module named 'pacnet_dashboard'")


@pytest.mark.parametrize(("scheduler", "workers", "says"), [
    (_missing, {"w1": lambda probe: probe()}, "cannot import the model"),
    (lambda probe: probe(), {}, "has no workers"),
    (lambda probe: probe(), {"w1": lambda probe: "0.9.0"}, "runs model versions {'w1': '0.9.0'}"),
])
def test_an_existing_cluster_must_run_this_model(scheduler, workers, says):
    with pytest.raises(ClusterError) as err:
        sweep.check_cluster(_FakeClient(scheduler, workers), "tcp://h:8786")
    assert err.value.field == "scheduler" and says in err.value.detail
    sweep.check_cluster(_FakeClient(lambda probe: probe(), {"w1": lambda probe: probe()}), "tcp://h:8786")


def test_progress_is_a_callback_and_the_core_prints_nothing(capsys):
    from dask.distributed import Client

    points = [{"dprk_rhetoric": float(v)} for v in range(4)]
    heard = []
    with Client(processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None) as client:
        frame = sweep.run_on_client(client, Scenario(runs=100, horizon_days=30), points,
                                    progress=lambda done, total: heard.append((done, total)))
    assert len(frame) == 4 and heard[-1] == (4, 4)
    assert [d for d, _ in heard] == sorted(d for d, _ in heard) and {t for _, t in heard} == {4}
    out, err = capsys.readouterr()
    assert out == "" and "sweep" not in err
