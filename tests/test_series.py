"""The output series are declared once: the record, the bands, the JSON, the CSV and the charts follow it."""

from __future__ import annotations

import pytest

from pacnet_dashboard.figures.charts import fan_chart
from pacnet_dashboard.model import kernel
from pacnet_dashboard.model.series import QUANTILES, SERIES, SERIES_NAMES, series_index
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.scenario import Scenario


@pytest.fixture(scope="module")
def result() -> Result:
    return simulate(Scenario(runs=100, horizon_days=40))


def test_the_kernel_records_every_declared_series_once() -> None:
    assert sorted(kernel.RECORDED) == sorted(SERIES_NAMES)
    assert [series_index(n) for n in SERIES_NAMES] == list(range(len(SERIES)))


def test_bands_and_final_means_follow_the_declaration(result: Result) -> None:
    assert list(result.bands) == list(SERIES_NAMES) == list(result.mean_final)
    for name in SERIES_NAMES:
        band = result.bands[name]
        assert all(len(getattr(band, q)) == 40 for q in QUANTILES)
        assert (band.p10 <= band.p50).all() and (band.p50 <= band.p90).all()


def test_json_puts_each_band_at_its_declared_path(result: Result) -> None:
    doc = result.to_dict()
    for series in SERIES.values():
        node = doc
        for key in series.json_path:
            node = node[key]
        assert node == {q: [round(float(v), 6) for v in getattr(result.bands[series.name], q)] for q in QUANTILES}
    assert doc["hostility"]["dprk"]["p50"][-1] == round(float(result.bands["hostility_dprk"].p50[-1]), 6)


def test_csv_columns_are_the_declared_series_in_order(result: Result) -> None:
    columns = list(result.daily_table().columns)
    assert columns == ["day", "burst_probability", *(f"{n}_{q}" for n in SERIES_NAMES for q in QUANTILES)]


@pytest.mark.parametrize("name", SERIES_NAMES)
def test_each_chart_is_titled_from_the_declaration(result: Result, name: str) -> None:
    fig = fan_chart(result, None, name)
    assert fig.layout.title.text == SERIES[name].title and fig.layout.yaxis.title.text == SERIES[name].y_title


def test_result_arrays_are_read_only(result: Result) -> None:
    """A cached Result is shared between sessions: writing into one of its arrays must fail."""
    for array in (result.burst_by_day, result.bands["pressure"].p50, result.bands["face_us"].p90):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1.0
