"""The smaller snags under AppTest: bad list items, what a link sets, the share link, the gesture pickers."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from pacnet_dashboard.figures.charts import burst_chart, fan_chart, tornado_chart
from pacnet_dashboard.figures.marks import gesture_marks
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.scenario import bundled, from_strings, scenario_file_from_text
from pacnet_dashboard.ui.cache import removals_cached
from pacnet_dashboard.analysis.sensitivity import TornadoRow
from tests.test_ui_apptest import APP, TIMEOUT, infos, plain, run_app, warnings


def test_a_bad_item_in_a_list_drops_only_that_item() -> None:
    at = run_app({"gestures": "us_book_gift@14,no_such_gift@3,envoy_prisoner_release@60"})
    assert not at.exception
    assert at.text_input(key="gestures").value == "us_book_gift@14,envoy_prisoner_release@60"
    shown = warnings(at)
    assert any("no_such_gift@3" in w and "dropped" in w for w in shown), shown
    at = run_app({"closed_channels": "ny_channel,nowhere"})
    assert at.text_input(key="closed_channels").value == "ny_channel"


def test_a_list_with_no_good_item_falls_back_with_a_notice() -> None:
    at = run_app({"gestures": "nothing@3"})
    assert at.text_input(key="gestures").value == ""
    assert any("gestures" in w for w in warnings(at))


def test_on_arrival_the_page_says_what_the_link_sets() -> None:
    at = run_app({"us_rhetoric": "5", "gestures": "us_book_gift@20"})
    said = [i for i in infos(at) if i.startswith("This link sets")]
    assert said and "US rhetoric 5" in said[0] and "us_book_gift@20" in said[0]
    assert not [i for i in infos(run_app()) if i.startswith("This link sets")]


def test_the_share_link_sits_at_the_top_of_the_sidebar_and_opens_the_briefing() -> None:
    at = run_app({"us_rhetoric": "5"}, page="lab.py")
    link = next(c.value for c in at.sidebar.code)
    assert "/lab" not in link and "us_rhetoric=5" in link and "seed=" in link


def test_gesture_day_sliders_keep_their_places_when_days_cross() -> None:
    at = run_app({"gestures": "envoy_prisoner_release@60,us_book_gift@14"})
    before = [s.key for s in at.slider if s.key and s.key.startswith("_gesture_day_")]
    at.slider(key="_gesture_day_us_book_gift").set_value(90).run()  # now later than the envoy
    after = [s.key for s in at.slider if s.key and s.key.startswith("_gesture_day_")]
    assert before == after == ["_gesture_day_us_book_gift", "_gesture_day_envoy_prisoner_release"]
    assert at.text_input(key="gestures").value.count("@") == 2


def test_lab_charts_mark_the_gesture_days_and_the_tornado_legend_sits_below() -> None:
    result = simulate(bundled("gift_exchange").scenario.model_copy(update={"runs": 200}))
    marks = gesture_marks(result)
    for fig in (fan_chart(result, None, "pressure"), burst_chart(result, None)):
        texts = [a.text for a in fig.layout.annotations]
        assert texts == [m.text for m in marks]
        assert [s.x0 for s in fig.layout.shapes] == [m.day for m in marks]
    fig = tornado_chart([TornadoRow("a", "Lever A", 0, 1, 0.2, 0.4)], 0.3)
    assert fig.layout.legend.y < 0 and fig.layout.title.text.startswith("What moves")


def test_the_effect_columns_come_first_in_full_width_tables() -> None:
    """The removal effects sit right after the name, in two tables one above the other (no side-by-side columns
    that push them off-screen), with the numbers of `removals_cached`."""
    at = run_app({"runs": "200", "horizon_days": "60"}, page="intermediaries.py")
    at.toggle(key="_network_effects").set_value(True).run()
    assert not at.exception
    actors, channels = (d.value for d in at.dataframe)
    assert list(actors.columns[:3]) == ["Actor", "Pop chance change (points)", "Leverage"]
    assert list(channels.columns[:3]) == ["Channel", "Pop chance change (points)", "Leverage"]
    assert not any(len(c.dataframe) for c in at.main.columns)  # no table sits in a side-by-side column
    effects = removals_cached(from_strings({"runs": "200", "horizon_days": "60"})).effects
    china = next(e for e in effects if e.kind == "actor" and e.id == "china")
    assert actors.set_index("Actor").loc["China", "Pop chance change (points)"] == round(100 * china.change, 1)


def test_a_loaded_file_keeps_its_title_and_name_wherever_the_scenario_is_named() -> None:
    """The session remembers the uploaded file (the browser test uploads one for real); while its levers are in
    force the sidebar, the Briefing and the Method page's file name use the file's title and name, and a lever
    moved away from the file's values gives the custom title back."""
    doc = scenario_file_from_text(json.dumps({"schema_version": 1, "name": "mine", "title": "Mine, by hand",
                                              "scenario": {"us_rhetoric": 3.0}}), "test")
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["us_rhetoric"] = "3.0"
    at.session_state["_uploaded_file"] = doc
    at.run()
    assert not at.exception
    shown = " ".join(plain(c.value) for c in at.sidebar.caption)
    assert "Now showing: **Mine, by hand**" in shown
    assert any("Mine, by hand" in plain(h.value) for h in at.subheader)
    at.switch_page("pacnet_dashboard/ui/pages/method.py").run()
    assert f"mine_seed{doc.scenario.seed}.json" in " ".join(plain(m.value) for m in at.markdown)
    at.slider(key="_level_us_rhetoric").set_value(4.0).run()
    assert "Now showing: **Custom scenario**" in " ".join(plain(c.value) for c in at.sidebar.caption)
