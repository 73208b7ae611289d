"""The sidebar's rhetoric schedules under AppTest: links of 1.x and 2.x, the "then ... from day ..." step."""

from __future__ import annotations

import pytest

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.scenario import from_strings
from pacnet_dashboard.ui.sidebar import ASSUMPTIONS_OPEN, assumption_names
from tests.test_ui_apptest import PAGES, infos, pop_chance, run_app, warnings

pytestmark = pytest.mark.apptest


def test_a_schedule_link_opens_the_level_and_its_step() -> None:
    at = run_app({"us_rhetoric": "6,3@60"})
    assert not at.exception and not at.warning
    assert at.slider(key="_level_us_rhetoric").value == 6.0
    assert at.toggle(key="_then_us_rhetoric").value is True
    assert at.slider(key="_then_level_us_rhetoric").value == 3.0 and at.slider(key="_then_day_us_rhetoric").value == 60
    assert at.toggle(key="_then_dprk_rhetoric").value is False
    assert pop_chance(at) == f"{simulate(from_strings({'us_rhetoric': '6,3@60'})).burst_probability:.0%}"


def test_the_then_step_writes_the_link_text() -> None:
    at = run_app()
    at.toggle(key="_then_dprk_rhetoric").set_value(True).run()
    assert at.text_input(key="dprk_rhetoric").value == "8,3@60"
    at.slider(key="_then_day_dprk_rhetoric").set_value(90).run()
    at.slider(key="_then_level_dprk_rhetoric").set_value(4.5).run()
    assert at.text_input(key="dprk_rhetoric").value == "8,4.5@90"
    at.slider(key="_level_dprk_rhetoric").set_value(9.0).run()
    assert at.text_input(key="dprk_rhetoric").value == "9,4.5@90"
    assert pop_chance(at) == f"{simulate(from_strings({'dprk_rhetoric': '9,4.5@90'})).burst_probability:.0%}"
    at.toggle(key="_then_dprk_rhetoric").set_value(False).run()
    assert at.text_input(key="dprk_rhetoric").value == "9"
    assert not at.exception and not at.warning


def test_later_steps_of_a_link_are_kept_when_the_first_level_moves() -> None:
    at = run_app({"us_rhetoric": "7,5@30,2@120"})
    assert any("2 from day 120" in c.value for c in at.caption)
    at.slider(key="_level_us_rhetoric").set_value(8.0).run()
    assert at.text_input(key="us_rhetoric").value == "8,5@30,2@120"


def test_a_1x_link_with_plain_numbers_opens_the_same_levers_with_the_version_notice() -> None:
    at = run_app({"v": "1.0.0", "us_rhetoric": "5.0", "dprk_rhetoric": "6.5"})
    assert not at.exception and not at.warning
    # the notice appears whenever the running model is not 1.0.0 (so from 2.0 on), and names both versions
    assert any("1.0.0" in i and MODEL_VERSION in i for i in infos(at)) == (MODEL_VERSION != "1.0.0")
    assert at.slider(key="_level_us_rhetoric").value == 5.0 and at.slider(key="_level_dprk_rhetoric").value == 6.5
    assert at.toggle(key="_then_us_rhetoric").value is False
    expected = simulate(from_strings({"us_rhetoric": "5", "dprk_rhetoric": "6.5"})).burst_probability
    assert pop_chance(at) == f"{expected:.0%}"


def test_a_bad_schedule_in_a_link_names_the_field_and_falls_back() -> None:
    at = run_app({"us_rhetoric": "7,3@60,2@40", "dprk_rhetoric": "8,12@5"})
    shown = warnings(at)
    assert any("us_rhetoric" in w and "days must ascend" in w and "7,3@60" in w for w in shown), shown
    assert any("dprk_rhetoric" in w and "outside 0 to 10" in w for w in shown), shown
    assert at.slider(key="_level_us_rhetoric").value == 7.0 and at.toggle(key="_then_us_rhetoric").value is False
    assert not at.exception


def test_a_shorter_horizon_drops_the_steps_beyond_it() -> None:
    at = run_app({"us_rhetoric": "7,3@60"})
    at.slider(key="horizon_days").set_value(45).run()
    assert not at.exception and not at.warning
    assert at.text_input(key="us_rhetoric").value == "7"


def test_a_link_whose_step_lies_past_its_horizon_says_the_step_is_dropped() -> None:
    at = run_app({"horizon_days": "45", "us_rhetoric": "7,3@60"})
    assert not at.exception and not at.warning
    assert any("us_rhetoric" in i and "beyond the horizon of 45 days" in i and "dropped" in i for i in infos(at))
    assert at.text_input(key="us_rhetoric").value == "7"


def test_an_assumption_in_a_link_opens_its_field_and_is_flagged_on_every_page() -> None:
    at = run_app({"assumptions.alpha": "0.3"})
    assert not at.exception and not at.warning
    assert at.number_input(key="assumptions.alpha").value == 0.3
    expected = simulate(from_strings({"assumptions.alpha": "0.3"})).burst_probability
    assert pop_chance(at) == f"{expected:.0%}"
    for page in PAGES:
        at.switch_page(f"pacnet_dashboard/ui/pages/{page}").run()
        assert not at.exception, page
        assert any("alpha 0.3 instead of 0.2" in i for i in infos(at)), page
        assert at.query_params["assumptions.alpha"] == "0.3", page  # the inputs are not bound: the sidebar writes it
    link = next(c.value for c in at.code if "v=" in c.value)
    assert "assumptions.alpha=0.3" in link


def test_the_assumption_inputs_are_drawn_only_while_their_panel_is_open() -> None:
    at = run_app()
    assert not any(n.key.startswith("assumptions.") for n in at.number_input)
    at.session_state[ASSUMPTIONS_OPEN] = True
    at.run()
    assert len([n for n in at.number_input if n.key.startswith("assumptions.")]) == len(assumption_names()) > 30


def test_changing_an_assumption_in_the_panel_changes_the_numbers_and_reset_restores_the_table() -> None:
    at = run_app()
    before = pop_chance(at)
    at.session_state[ASSUMPTIONS_OPEN] = True
    at.run()
    at.number_input(key="assumptions.alpha").set_value(0.3).run()
    assert pop_chance(at) != before and any("alpha 0.3" in i for i in infos(at))
    assert at.query_params["assumptions.alpha"] == "0.3"
    at.session_state[ASSUMPTIONS_OPEN] = False
    at.run()  # the panel closed: the change stays, in the numbers and in the link
    assert pop_chance(at) != before and at.query_params["assumptions.alpha"] == "0.3"
    at.button(key="_reset").click().run()
    assert pop_chance(at) == before and "assumptions.alpha" not in at.query_params
    at.session_state[ASSUMPTIONS_OPEN] = True
    at.run()
    assert at.number_input(key="assumptions.alpha").value == 0.2
    assert not any("instead of" in i for i in infos(at))


def test_a_bad_assumption_in_a_link_names_the_field_and_falls_back() -> None:
    at = run_app({"assumptions.alpha": "7", "assumptions.theta": "3"})
    shown = warnings(at)
    assert any("assumptions.alpha" in w and "from 0 to 1" in w and "default" in w for w in shown), shown
    theta = [w for w in shown if "assumptions.theta" in w]
    assert len(theta) == 1, shown  # its own notice, not the one for unknown settings
    assert "skin strength" in theta[0] and "only the calibration command changes it" in theta[0]
    assert "unknown link setting" not in theta[0] and "ignored" in theta[0]
    at.session_state[ASSUMPTIONS_OPEN] = True
    at.run()
    assert at.number_input(key="assumptions.alpha").value == 0.2 and "assumptions.alpha" not in at.query_params
    assert not any("instead of" in i for i in infos(at))
    assert not at.exception
