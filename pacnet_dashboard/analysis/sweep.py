"""Batch sweeps: many scenarios around a base, run on a Dask cluster, one result row per scenario.

A sweep is a design (full factorial, or a Latin hypercube) over numeric Scenario fields. Each scenario gets
its own seed, derived from the base seed and the scenario's index with `SeedSequence`, never from the worker
that runs it, so the results are identical whatever the number of workers or the cluster. Rows come back in
scenario-index order. Each row holds every lever, so `simulate --set ...` replays it exactly.

Dask is imported only when a sweep runs, so the rest of the package (and the dashboard) does not pay for it.
"""

from __future__ import annotations

import itertools
import math
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.io.text import inert
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.io.errors import ClusterError, ScenarioError, SettingError
from pacnet_dashboard.io.progress import Progress, no_progress
from pacnet_dashboard.scenario import (ASSUMPTION_PREFIX, Scenario, Schedule, encode_value, lever_specs, levels_data,
                                       parse_float, parse_int, to_strings, validate_scenario)

Design = Literal["factorial", "lhs"]
Point = dict[str, float | int]
"""One scenario of a design: the values of the varied fields."""
Seeds = Literal["derived", "common"]
MAX_SCENARIOS = 1_000_000
MAX_CHUNK = 64
SCHEDULER_SCHEMES = ("tcp", "tls")
CONNECT_SECONDS = 20.0
DECIMALS = 6
RESULT_COLUMNS = ("burst_probability", "burst_probability_se", "conductance", "mediation", "support",
                  "mean_final_pressure", "model_version")


@dataclass(frozen=True)
class Vary:
    """One `--vary FIELD=a:b:n`: the field, its low and high ends, and the number of levels (factorial)."""

    field: str
    low: float
    high: float
    levels: int | None

    def values(self) -> np.ndarray:
        """The factorial levels: `levels` evenly spaced values from low to high (whole numbers for int fields)."""
        values = np.linspace(self.low, self.high, self.levels or 1)
        return np.round(values) if _is_int(self.field) else np.round(values, DECIMALS)


def numeric_fields() -> tuple[str, ...]:
    """The fields a sweep can vary; for a rhetoric schedule that is its first level (later steps are kept)."""
    return tuple(name for name, spec in lever_specs().items() if spec.kind in ("float", "schedule", "int"))


def _is_int(name: str) -> bool:
    return lever_specs()[name].kind == "int"


def parse_vary(text: str) -> Vary:
    """Parse `FIELD=a:b:n` (or `FIELD=a:b` for a Latin hypercube); errors name the field and what is allowed."""
    name, sep, spec_text = text.partition("=")
    name = name.strip()
    fields = numeric_fields()
    if not sep or not name:
        raise SettingError("vary", f"{text!r} is not of the form FIELD=a:b:n; allowed fields: {', '.join(fields)}")
    specs = lever_specs()
    if name not in specs:
        raise SettingError("vary", f"{name}: is not a scenario field; fields that can be varied: {', '.join(fields)}")
    spec = specs[name]
    if name not in fields:
        raise SettingError("vary", f"{name}: is not numeric and cannot be varied; "
                                  f"fields that can be varied: {', '.join(fields)}")
    parts = [p.strip() for p in spec_text.split(":")]
    if len(parts) not in (2, 3):
        raise SettingError("vary", f"{name}: {spec_text!r} is not of the form a:b:n (low:high:levels); "
                                  f"allowed: a and b {spec.allowed()}, n a whole number >= 1")
    ends = []
    for label, part in zip(("low end a", "high end b"), parts[:2]):
        value = parse_float(part)
        if value is None:
            raise SettingError("vary", f"{name}: {label} {part[:40]!r} is not a number; allowed: {spec.allowed()}")
        if not spec.min <= value <= spec.max:
            raise SettingError("vary", f"{name}: {label} {part} lies outside the field's range; "
                                       f"allowed: {spec.allowed()}")
        if spec.kind == "int" and value != int(value):
            raise SettingError("vary", f"{name}: {label} {part} is not a whole number; allowed: {spec.allowed()}")
        ends.append(value)
    low, high = ends
    if low > high:
        raise SettingError("vary", f"{name}: low end a={parts[0]} is above high end b={parts[1]}; "
                                   "write a:b:n with a <= b")
    levels = None
    if len(parts) == 3:
        levels = parse_int(parts[2])
        if levels is None or levels < 1:
            raise SettingError("vary", f"{name}: levels n={parts[2][:40]!r} is not allowed; "
                                       "allowed: a whole number >= 1")
        if levels == 1 and low != high:
            raise SettingError("vary", f"{name}: n=1 gives one value, so a and b must be equal "
                                       f"(got {parts[0]} and {parts[1]})")
        if levels > 1 and low == high:
            raise SettingError("vary", f"{name}: a and b are equal ({parts[0]}), so n must be 1 (got {levels})")
        if spec.kind == "int" and levels > high - low + 1:
            raise SettingError("vary", f"{name}: n={levels} levels do not fit between {parts[0]} and {parts[1]}; "
                                      f"allowed: n from 1 to {int(high - low + 1)}")
    return Vary(name, low, high, levels)


def design_points(varies: Sequence[Vary], design: Design = "factorial", samples: int | None = None,
                  seed: int = 0) -> list[Point]:
    """The design as one dict of field values per scenario, in scenario-index order.

    Factorial: every combination of the levels, the last --vary changing fastest. Latin hypercube: `samples`
    points from scipy's LatinHypercube seeded with `seed`, scaled to each field's a:b.
    """
    names = [v.field for v in varies]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise SettingError("vary", f"{dup} is given more than once; give each field once")
    if design == "factorial":
        missing = [v.field for v in varies if v.levels is None]
        if missing:
            raise SettingError("vary", f"{missing[0]}: needs the number of levels for a factorial design; write a:b:n")
        count = math.prod(v.levels or 1 for v in varies)
        _check_count(count)
        grids = [v.values() for v in varies]
        return _points(names, itertools.product(*grids))
    if samples is None or samples < 1:
        raise SettingError("samples", "a Latin hypercube needs a number of samples N >= 1")
    _check_count(samples, "samples")
    from scipy.stats import qmc

    unit_nd = qmc.LatinHypercube(d=len(varies), rng=np.random.default_rng(seed)).random(samples)
    lows = np.array([v.low for v in varies])
    highs = np.array([v.high for v in varies])
    values_nd = lows + unit_nd * (highs - lows)
    return _points(names, values_nd)


def _check_count(count: int, setting: str = "vary") -> None:
    if count > MAX_SCENARIOS:
        raise SettingError(setting, f"the design has {count:,} scenarios; allowed: at most {MAX_SCENARIOS:,}")


def _points(names: Sequence[str], rows: Iterable[Sequence[float]]) -> list[Point]:
    """Design rows as dicts, with whole numbers for int fields and 6 decimals otherwise (so a CSV replays)."""
    whole = [_is_int(n) for n in names]
    return [{n: int(round(v)) if w else round(float(v), DECIMALS) for n, w, v in zip(names, whole, row)}
            for row in rows]


def scenario_seed(base_seed: int, index: int) -> int:
    """The seed of scenario `index`: child `index` of the base seed's SeedSequence, as a 32-bit integer."""
    state = np.random.SeedSequence(base_seed, spawn_key=(index,)).generate_state(1, dtype=np.uint32)
    return int(state[0])


def sweep_scenario(base: Scenario, index: int, point: Point, seeds: Seeds = "derived") -> Scenario:
    """Scenario `index` of a sweep: the base with the point's values and its own seed, validated."""
    data = levels_data(base, point)
    if seeds == "derived" and "seed" not in point:
        data["seed"] = scenario_seed(base.seed, index)
    try:
        return validate_scenario(data)
    except ScenarioError as exc:
        raise ScenarioError(exc.field, f"scenario {index} of the sweep ({point}) is invalid: {exc.detail}") from None


def scenario_row(index: int, scenario: Scenario) -> dict[str, Any]:
    """Simulate one scenario: its index, every lever (as `--set` writes it for lists) and the results."""
    result = simulate(scenario)
    p, runs = result.burst_probability, scenario.runs
    row: dict[str, Any] = {"scenario_index": index}
    for name, spec in lever_specs().items():
        if spec.kind == "assumptions":  # one assumptions.NAME column per override, as --set writes them
            row.update({k: v for k, v in to_strings(scenario).items() if k.startswith(ASSUMPTION_PREFIX)})
            continue
        value = getattr(scenario, name)
        row[name] = value.json_value() if isinstance(value, Schedule) else value if spec.kind in ("float", "int") \
            else encode_value(scenario, name)
    row.update(burst_probability=p, burst_probability_se=math.sqrt(p * (1 - p) / runs),
               conductance=result.conductance, mediation=result.mediation, support=result.support,
               mean_final_pressure=result.mean_final["pressure"], model_version=MODEL_VERSION)
    return row


def simulate_chunk(base: dict[str, Any], items: list[tuple[int, Point]], seeds: Seeds) -> list[dict[str, Any]]:
    """A worker's task: rebuild and simulate a chunk of scenarios. Results depend on the index, not the worker."""
    scenario_base = Scenario.model_validate(base)
    return [scenario_row(i, sweep_scenario(scenario_base, i, point, seeds)) for i, point in items]


def chunks(points: Sequence[Point], size: int) -> Iterator[list[tuple[int, Point]]]:
    for start in range(0, len(points), size):
        yield [(start + k, point) for k, point in enumerate(points[start:start + size])]


def chunk_size(count: int, workers: int) -> int:
    """About four tasks per worker, so the load balances, but never more than MAX_CHUNK scenarios a task."""
    return max(1, min(MAX_CHUNK, math.ceil(count / (4 * max(1, workers)))))


def validate_points(base: Scenario, points: Sequence[Point], seeds: Seeds) -> None:
    """Build every scenario once before any work is sent, so a bad combination fails fast and names itself."""
    for i, point in enumerate(points):
        sweep_scenario(base, i, point, seeds)


def results_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows))
    return frame.sort_values("scenario_index", kind="stable").reset_index(drop=True)


def run_sweep(base: Scenario, points: Sequence[Point], *, seeds: Seeds = "derived",
              workers: int | None = None, scheduler: str | None = None,
              progress: Progress = no_progress) -> pd.DataFrame:
    """Run every point on Dask: a LocalCluster of `workers` processes, or the cluster at `scheduler`.

    The scheduler and workers of an existing cluster need this package installed (checked by `check_cluster`).
    """
    from dask.distributed import Client

    validate_points(base, points, seeds)
    if scheduler is not None:
        with connect(scheduler) as client:
            return run_on_client(client, base, points, seeds=seeds, progress=progress)
    cluster = local_cluster(workers or os.cpu_count() or 1)
    try:
        with Client(cluster) as client:
            return run_on_client(client, base, points, seeds=seeds, progress=progress)
    finally:
        cluster.close()


def check_scheduler_address(address: str | None) -> None:
    """Refuse an address whose scheme this sweep cannot use, before any work (tcp:// and tls:// only)."""
    if address is None:
        return
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    host, colon, port = rest.rpartition(":")
    if scheme not in SCHEDULER_SCHEMES or not colon or not host or parse_int(port) is None:
        raise ClusterError("scheduler", f"'{inert(address, 80)}' is not a scheduler address this sweep can use; "
                                        f"allowed: {' or '.join(s + '://host:port' for s in SCHEDULER_SCHEMES)}, "
                                        "e.g. tcp://host:8786")


def connect(address: str, deadline: float = CONNECT_SECONDS) -> Any:
    """A client of the cluster at `address`, checked to run this model, within one overall deadline.

    Dask's own timeout covers only the TCP connect; an endpoint that accepts the connection and never answers
    would hang for ever, so the whole handshake and check run in a helper thread that is given up on at the
    deadline (it is a daemon thread, so it does not keep the process alive).
    """
    from dask.distributed import Client

    check_scheduler_address(address)
    shown = inert(address, 80)
    box: dict[str, Any] = {}

    def attempt() -> None:
        try:
            client = Client(address, timeout=f"{deadline}s")
            box["client"] = client
            check_cluster(client, address)
        except ClusterError as exc:
            box["refused"] = exc
        except Exception as exc:  # every transport fails in its own way; each becomes one clear error
            box["error"] = exc

    thread = threading.Thread(target=attempt, name="pacnet-connect", daemon=True)
    thread.start()
    thread.join(deadline)
    if thread.is_alive() or "client" not in box or len(box) > 1:
        if "client" in box:
            box["client"].close()
        if "refused" in box:
            raise box["refused"]
        why = (f"no answer within {deadline:g} s" if thread.is_alive()
               else f"{type(box['error']).__name__}: {inert(box['error'], 200)}")
        raise ClusterError("scheduler", f"cannot use a Dask scheduler at '{shown}' ({why}); "
                                        "allowed: a running scheduler such as tcp://host:8786") from None
    return box["client"]


def check_cluster(client: Any, address: str) -> None:
    """An existing cluster must run this model: its scheduler and every worker import this package's version."""
    def probe() -> str:  # pickled by value, so it reaches a cluster that lacks the package
        import importlib

        return importlib.import_module("pacnet_dashboard").MODEL_VERSION

    fix = f"install pacnet_dashboard (model {MODEL_VERSION}) on its scheduler and on every worker"
    try:
        versions = {"scheduler": client.run_on_scheduler(probe), **client.run(probe)}
    except ImportError as exc:
        raise ClusterError("scheduler", f"the cluster at {address} cannot import the model ({exc}); {fix}") from None
    if len(versions) < 2:
        raise ClusterError("scheduler", f"the cluster at {address} has no workers; start some, or use a local cluster")
    wrong = {where: v for where, v in versions.items() if v != MODEL_VERSION}
    if wrong:
        raise ClusterError("scheduler", f"the cluster at {address} runs model versions {wrong}; {fix}")


def local_cluster(workers: int) -> Any:
    """A LocalCluster of single-threaded worker processes, quiet, without a dashboard.

    Dask sets MALLOC_TRIM_THRESHOLD_ in its workers to hand memory back to the system early; the kernel's many
    small temporaries then cost system calls, and workers ran a third slower than a plain process. It is left
    unset here (the BLAS thread limits stay).
    """
    import dask
    from dask.distributed import LocalCluster

    environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
               if k != "MALLOC_TRIM_THRESHOLD_"}
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            silence_logs=50)


def run_on_client(client: Any, base: Scenario, points: Sequence[Point], *,
                  seeds: Seeds = "derived", progress: Progress = no_progress) -> pd.DataFrame:
    """Run the points as chunked tasks on a connected `dask.distributed.Client`; rows in scenario order.
    `progress(done, total)` hears of each finished chunk."""
    from dask.distributed import as_completed

    base_data = base.model_dump(mode="json")
    size = chunk_size(len(points), len(client.nthreads()) or 1)
    futures = {client.submit(simulate_chunk, base_data, items, seeds, pure=False): len(items)
               for items in chunks(points, size)}
    rows: list[dict[str, Any]] = []
    for future in as_completed(futures):
        rows.extend(future.result())
        progress(len(rows), len(points))
    return results_frame(rows)


def run_sweep_serial(base: Scenario, points: Sequence[Point], *, seeds: Seeds = "derived") -> pd.DataFrame:
    """The same rows in one process, without Dask: for small sweeps and as the reference in tests."""
    validate_points(base, points, seeds)
    return results_frame(simulate_chunk(base.model_dump(mode="json"), list(enumerate(points)), seeds))


def to_csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def to_parquet(frame: pd.DataFrame) -> bytes:
    import io

    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, engine="pyarrow")
    return buffer.getvalue()
