"""The one link-settings checker: pages declare their keys, the checker says what is allowed, old spellings map."""

from __future__ import annotations

import pytest

from pacnet_dashboard.scenario import Scenario
from pacnet_dashboard.ui import explore_view, history_view, links


def test_pages_declare_their_link_settings_apart_from_the_levers() -> None:
    keys = links.page_setting_keys()
    assert {s.key for s in (*explore_view.LINK_SETTINGS, *history_view.LINK_SETTINGS)} <= keys
    assert not keys & set(Scenario.model_fields)
    with pytest.raises(ValueError, match="shadow"):
        links.link_setting("us_rhetoric", "Rhetoric", lambda: ("1",), "1")
    with pytest.raises(ValueError, match="declared twice"):
        links.link_setting("map_x", "Something else", lambda: ("a",), "a")


def test_explore_settings_are_checked_against_what_the_widgets_offer() -> None:
    good = {"map_x": ["us_rhetoric"], "map_y": ["japan_support"], "map_n": ["7"], "sensitivity": ["All factors"]}
    assert all(links.setting_problems(s, good[s.key]) == ([], None) for s in explore_view.LINK_SETTINGS)
    problems, _ = links.setting_problems(explore_view.MAP_N, ["8"])
    assert problems == ["Cells per axis (map_n): '8' is not allowed in the link; allowed: 5, 7, 9, 11. "
                        "Using the default (9) instead."]
    problems, _ = links.setting_problems(explore_view.VIEW, ["Off", "Levers"])
    assert "appears 2 times" in problems[0] and "one value" in problems[0]


def test_an_old_label_link_still_opens_with_a_notice() -> None:
    problems, rewrite = links.setting_problems(explore_view.MAP_X, ["DPRK rhetoric"])
    assert rewrite == "dprk_rhetoric" and "old label" in problems[0]


def test_repeatable_settings_keep_the_good_values() -> None:
    problems, rewrite = links.setting_problems(history_view.ACTOR, ["us", "bogus"])
    assert rewrite is None and "'bogus' is not allowed" in problems[0] and "Keeping us." in problems[0]
