"""The Explore page under AppTest: its own link settings drive both charts; refused ones fall back with a notice."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

import pytest
from streamlit.testing.v1 import AppTest

from pacnet_dashboard.analysis.discovery import CRITICS_LEVELS, DEFAULT_X, DEFAULT_Y, GIFT_EXCHANGE, discovery_map
from pacnet_dashboard.report.chart_text import map_summary
from pacnet_dashboard.scenario import Scenario, from_strings, level_of
from tests.test_ui_apptest import run_app

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGE = str(ROOT / "pacnet_dashboard" / "ui" / "pages" / "explore.py")
TIMEOUT = 120

pytestmark = pytest.mark.apptest


def run_page(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def plain(text: object) -> str:
    return str(text).replace("\\", "")


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def values(data) -> list:
    """A trace's array as plotly writes it: a list, or a typed array in base64."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


def test_link_settings_drive_the_map_and_the_sensitivity_chart():
    at = run_page({"map_x": "us_rhetoric", "map_y": "russia_mediation", "map_n": "5", "sensitivity": "Levers"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="map_x").value == "us_rhetoric" and at.select_slider(key="map_n").value == 5
    heat, bars = charts(at)
    assert heat["layout"]["xaxis"]["title"]["text"] == "US rhetoric (0-10 scale)"
    assert heat["layout"]["yaxis"]["title"]["text"] == "Russia mediation (0-1 share of full effort)"
    assert values(heat["data"][0]["x"]) == [0, 2.5, 5, 7.5, 10] and heat["data"][0]["zmid"] == 0
    assert "Dummy (the model never reads it)" in [y for t in bars["data"] for y in t["y"]]


def test_refused_link_settings_get_a_notice_and_their_default_and_equal_axes_draw_nothing():
    at = run_page({"map_n": "8", "map_x": "china", "map_y": "dprk_rhetoric", "sensitivity": "Off"})
    assert not at.exception
    notices = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "(map_n): '8' is not allowed in the link; allowed: 5, 7, 9, 11" in notices
    assert "(map_x): 'china' is not allowed" in notices and "Using the default (dprk_rhetoric)" in notices
    assert at.select_slider(key="map_n").value == 9 and at.selectbox(key="map_x").value == "dprk_rhetoric"
    assert at.selectbox(key="map_y").value == "dprk_rhetoric"
    assert "two different levers" in notices and not charts(at)


def test_an_old_link_with_lever_labels_still_opens_with_a_notice():
    at = run_page({"map_x": "China mediation", "map_y": "china_mediation", "sensitivity": "Off"})
    assert not at.exception
    notices = " ".join(w.value for w in at.warning).replace("\\", "")
    assert "old label" in notices and at.selectbox(key="map_x").value == "china_mediation"
    assert "two different levers" in notices and not charts(at)


def test_choosing_an_axis_writes_its_field_name_into_the_link():
    at = run_page({"map_y": "us_rhetoric", "sensitivity": "Off"})
    at.selectbox(key="map_x").set_value("us_rhetoric").run()
    assert not at.exception and at.query_params["map_x"] == "us_rhetoric"
    at.selectbox(key="map_x").set_value("dprk_rhetoric").run()
    assert "map_x" not in at.query_params  # the default leaves the link, as for a bound widget


def open_explore(query: dict[str, str]) -> AppTest:
    """The whole app on a link, switched to Explore: the sidebar builds the scenario from the link's levers."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    return at


def test_the_map_tests_the_scenarios_own_gesture_on_its_own_day() -> None:
    at = open_explore({"gestures": "us_book_gift@30", "map_n": "5", "sensitivity": "Off"})
    assert not at.exception, at.exception
    heat = charts(at)[0]
    assert "(day 30)" in heat["layout"]["title"]["text"] and "(day 14)" not in heat["layout"]["title"]["text"]
    base = from_strings({"gestures": "us_book_gift@30"})
    own = discovery_map(base, nx=5, ny=5, treatment="us_book_gift@30")
    day14 = discovery_map(base, nx=5, ny=5, treatment=GIFT_EXCHANGE)
    assert not np.allclose(own.change_yx, day14.change_yx)  # the day matters, so the test can tell them apart
    assert np.allclose(values(heat["data"][0]["z"]), (100 * own.change_yx).ravel())
    words = " ".join(plain(c.value) for c in at.caption)
    assert "on day 30" in words and "your scenario's own gestures" in words
    assert any("gesture helps" in plain(h.value) for h in at.subheader)


def test_without_gestures_the_map_tests_the_gift_exchange() -> None:
    at = open_explore({"map_n": "5", "sensitivity": "Off"})
    assert not at.exception, at.exception
    assert "(day 14)" in charts(at)[0]["layout"]["title"]["text"]
    assert any("gift exchange helps" in plain(h.value) for h in at.subheader)
    assert "makes no gesture" in " ".join(plain(c.value) for c in at.caption)


def test_both_charts_have_a_sentence_and_their_data_as_a_table() -> None:
    at = run_page({"map_n": "5", "sensitivity": "Levers"})
    assert not at.exception, at.exception
    m = discovery_map(Scenario(), nx=5, ny=5)
    text = " ".join(plain(md.value) for md in at.markdown)
    assert map_summary(m, level_of(Scenario(), DEFAULT_X), level_of(Scenario(), DEFAULT_Y)) in text
    assert not at.table  # built only when asked for
    at.session_state["_explore_map_table"] = at.session_state["_explore_sensitivity_table"] = True
    at.run()
    tables = [t.value for t in at.table]
    cells = next(t for t in tables if "Change (points)" in t.columns)
    assert len(cells) == 25 and list(cells["Change (points)"]) == [round(100 * c["change"], 1) for c in m.cells()]
    ranks = next(t for t in tables if "Rank" in t.columns)
    bars = charts(at)[1]
    assert set(ranks["Factor"]) == {y for t in bars["data"] for y in t["y"]}
    assert f"Of {len(ranks)} factors, {ranks['Factor'].iloc[0]} moves the pop chance most" in text


def crosses(at: AppTest) -> list[tuple[float, float]]:
    """The (x, y) cells the map marks as backfires."""
    heat = charts(at)[0]
    trace = next(t for t in heat["data"] if t.get("name") == "Backfires (beyond sampling error)")
    return list(zip(values(trace.get("x", [])), values(trace.get("y", []))))


def test_the_critics_button_sets_their_levers_and_the_map_marks_their_corner():
    at = run_app(page="explore.py")
    at.selectbox(key="map_x").set_value("us_rhetoric").run()
    at.select_slider(key="map_n").set_value(5).run()
    at.button(key="_explore_critics").click().run()
    assert not at.exception
    assert at.text_input(key="dprk_rhetoric").value == f"{CRITICS_LEVELS['dprk_rhetoric']:g}"  # a schedule's text
    sliders = {name: v for name, v in CRITICS_LEVELS.items() if name != "dprk_rhetoric"}
    assert {name: at.slider(key=name).value for name in sliders} == pytest.approx(sliders)
    assert at.text_input(key="gestures").value == "us_book_gift@14"
    assert (at.selectbox(key="map_x").value, at.selectbox(key="map_y").value) == (DEFAULT_X, DEFAULT_Y)
    assert (10.0, 0.0) in crosses(at)
