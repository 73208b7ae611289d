"""The Scenario schema and its codecs: one vocabulary for widgets, URL, JSON and CLI."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from pacnet_dashboard.cli.common import UsageError, parse_assignment
from pacnet_dashboard.scenario import (
    SCENARIO_FILE_MAX_BYTES, Scenario, ScenarioError, bundled, bundled_names, encode_value, from_strings,
    lenient_from_strings, lever_specs, scenario_file_from_text, to_file_json, to_strings,
)
from tests.strategies import scenarios

CONTRACT_FIELDS = ("us_rhetoric", "dprk_rhetoric", "china_mediation", "russia_mediation", "rok_support",
                   "japan_support", "gestures", "closed_channels", "horizon_days", "runs", "seed")


def test_contract_fields_exist_with_their_ranges() -> None:
    specs = lever_specs()
    assert set(CONTRACT_FIELDS) <= set(specs)
    assert (specs["us_rhetoric"].min, specs["us_rhetoric"].max) == (0, 10)
    assert (specs["china_mediation"].min, specs["china_mediation"].max) == (0, 1)
    assert (specs["horizon_days"].min, specs["horizon_days"].max) == (30, 730)
    assert (specs["runs"].min, specs["runs"].max) == (100, 100_000)
    assert specs["seed"].min == 0


def test_every_lever_documents_itself() -> None:
    for spec in lever_specs().values():
        assert spec.label and spec.unit and spec.help and spec.provenance and spec.group, spec.name
        if spec.kind in ("float", "int"):
            assert spec.min is not None and spec.max is not None and spec.step is not None, spec.name
            assert spec.min <= spec.default <= spec.max, spec.name


@given(scenarios())
def test_text_codec_round_trips(s: Scenario) -> None:
    assert from_strings(to_strings(s, changed_only=False)) == s
    assert from_strings(to_strings(s)) == s


@given(scenarios())
def test_json_file_round_trips(s: Scenario) -> None:
    assert scenario_file_from_text(to_file_json(s), "upload").scenario == s


def test_gestures_are_written_id_at_day_and_sorted_by_day() -> None:
    s = from_strings({"gestures": "dprk_writings_gift@40, us_book_gift@14"})
    assert [(g.id, g.day) for g in s.gestures] == [("us_book_gift", 14), ("dprk_writings_gift", 40)]
    assert encode_value(s, "gestures") == "us_book_gift@14,dprk_writings_gift@40"


def test_scenarios_are_hashable_and_equal_by_value() -> None:
    a = from_strings({"us_rhetoric": "5", "closed_channels": "track2_us,ny_channel"})
    b = from_strings({"closed_channels": "ny_channel,track2_us,ny_channel", "us_rhetoric": "5.0"})
    assert a == b and hash(a) == hash(b)


@pytest.mark.parametrize(("field", "text", "expected"), [
    ("us_rhetoric", "11", "from 0 to 10"),
    ("us_rhetoric", "-0.1", "from 0 to 10"),
    ("us_rhetoric", "loud", "not a number"),
    ("us_rhetoric", "nan", "not finite"),
    ("china_mediation", "inf", "not finite"),
    ("runs", "12.5", "not a whole number"),
    ("runs", "99", "from 100 to 100000"),
    ("horizon_days", "1000000", "from 30 to 730"),
    ("seed", "-1", "whole number from 0"),
    ("gestures", "us_book_gift", "id@day"),
    ("gestures", "us_book_gift@-3", "id@day"),
    ("gestures", "cake@3", "unknown gesture id 'cake'"),
    ("gestures", "us_book_gift@9,us_book_gift@9", "twice on day 9"),
    ("gestures", "us_book_gift@365", "beyond the horizon"),
    ("closed_channels", "moon_link", "unknown channel id 'moon_link'"),
    ("muted_actors", "us", "unmutable"),
    ("volume", "3", "not a scenario field"),
])
def test_bad_text_names_the_field_and_what_is_allowed(field: str, text: str, expected: str) -> None:
    with pytest.raises(ScenarioError) as info:
        from_strings({field: text})
    assert info.value.field == field
    assert expected in str(info.value)
    if field != "volume":
        assert "allowed" in str(info.value)


def test_lenient_codec_keeps_good_fields_and_reports_bad_ones() -> None:
    s, problems = lenient_from_strings({"us_rhetoric": "3", "dprk_rhetoric": "<script>", "runs": "5"})
    assert s.us_rhetoric.first == 3 and s.dprk_rhetoric == Scenario().dprk_rhetoric and s.runs == Scenario().runs
    assert [p.field for p in problems] == ["dprk_rhetoric", "runs"]


def test_set_items_must_be_field_equals_value() -> None:
    assert parse_assignment("runs=500") == ("runs", "500")
    assert parse_assignment("gestures=a@1=b") == ("gestures", "a@1=b")
    with pytest.raises(UsageError, match="FIELD=VALUE") as info:
        parse_assignment("runs")
    assert info.value.field == "--set"


def test_strict_types_in_json() -> None:
    base = json.loads(to_file_json(Scenario()))
    for field, value in (("runs", True), ("runs", "500"), ("us_rhetoric", True), ("us_rhetoric", [7]), ("seed", 1.5),
                         ("gestures", "x")):
        doc = {**base, "scenario": {**base["scenario"], field: value}}
        with pytest.raises(ScenarioError) as info:
            scenario_file_from_text(json.dumps(doc), "upload")
        assert info.value.field == field


@pytest.mark.parametrize(("text", "expected"), [
    ("{not json", "not valid JSON"),
    ('{"schema_version": 1, "scenario": {"us_rhetoric": NaN}}', "NaN is not allowed"),
    ('{"schema_version": 1, "scenario": {"us_rhetoric": Infinity}}', "Infinity is not allowed"),
    ("[1, 2]", "JSON object"),
    ('{"schema_version": 2, "scenario": {}}', "schema_version"),
    ('{"schema_version": 1}', "scenario"),
    ('{"schema_version": 1, "scenario": {"colour": "red"}}', "not a scenario field"),
    ('{"schema_version": 1, "name": "a b/c", "scenario": {}}', "name"),
    ("[" * 100_000 + "]" * 100_000, "larger than"),
    ("[" * 20_000 + "]" * 20_000, "nested too deeply"),
])
def test_bad_scenario_files_give_a_clear_error(text: str, expected: str) -> None:
    with pytest.raises(ScenarioError, match=expected):
        scenario_file_from_text(text, "upload")


def test_oversized_file_is_refused_before_parsing() -> None:
    text = json.dumps({"schema_version": 1, "description": "x" * SCENARIO_FILE_MAX_BYTES, "scenario": {}})
    with pytest.raises(ScenarioError, match="larger than"):
        scenario_file_from_text(text, "upload")


def test_bundled_scenarios_are_the_four_of_the_design_and_valid() -> None:
    assert bundled_names()[:4] == ("baseline", "gift_exchange", "full_package", "escalation")
    for name in bundled_names():
        doc = bundled(name)
        assert doc.name == name and doc.title and doc.description


def test_baseline_file_uses_the_schema_defaults() -> None:
    assert bundled("baseline").scenario == Scenario()


def test_gift_exchange_adds_only_the_book_to_the_baseline() -> None:
    gift = bundled("gift_exchange").scenario
    assert gift.model_copy(update={"gestures": ()}) == bundled("baseline").scenario
    assert [g.id for g in gift.gestures] == ["us_book_gift"]
