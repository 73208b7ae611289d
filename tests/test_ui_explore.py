"""The Explore page under AppTest: its own link settings drive both charts; refused ones fall back with a notice."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

import pytest
from streamlit.testing.v1 import AppTest

from pacnet_dashboard.analysis.discovery import CRITICS_LEVELS, DEFAULT_X, DEFAULT_Y
from tests.test_ui_apptest import run_app

PAGE = str(Path(__file__).resolve().parent.parent / "pacnet_dashboard" / "ui" / "pages" / "explore.py")
TIMEOUT = 120

pytestmark = pytest.mark.apptest


def run_page(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=TIMEOUT)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


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
