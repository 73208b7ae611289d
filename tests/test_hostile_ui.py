"""Hostile input at the page's doors: links, uploads and bundled files give an inert notice and a safe fallback,
never a trace; a fragment's failure goes through the app's handler; a client's clear_cache leaves the results."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st
from streamlit.runtime import app_session
from streamlit.runtime.state import SessionState
from streamlit.testing.v1 import AppTest

from pacnet_dashboard import scenario as scenario_module
from pacnet_dashboard.io.data import GestureCatalogue, load_gestures
from pacnet_dashboard.io.errors import DataError, ScenarioError
from pacnet_dashboard.ui import cache, links
from pacnet_dashboard.ui.notices import Notice
from pacnet_dashboard.ui.widgets import read_upload

pytestmark = pytest.mark.apptest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = sorted(p.name for p in (ROOT / "pacnet_dashboard" / "ui" / "pages").glob("*.py") if p.name != "__init__.py")
UNSAFE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def run_app(query: dict[str, str] | None = None, page: str | None = None, **state: object) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"pacnet_dashboard/ui/pages/{page}").run()
    return at


def shown(at: AppTest) -> list[str]:
    return [str(e.value) for e in (*at.warning, *at.info, *at.error)]


def assert_inert(texts: list[str]) -> None:
    for text in texts:
        assert not any(unicodedata.category(ch) in UNSAFE for ch in text), text


@pytest.fixture
def fresh_catalogue():
    """The bundled catalogue is cached per process; tests that change the scenario folder start and end afresh."""
    cache.bundled_catalogue.cache.clear()
    yield
    cache.bundled_catalogue.cache.clear()


keys = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30)
values = st.text(st.characters(codec="utf-8"), max_size=60) | st.sampled_from(["-0", "9" * 500, "\u202e1", "\x1b[0m"])


@settings(max_examples=6, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(st.dictionaries(keys | st.sampled_from(["us_rhetoric", "runs", "gestures", "seed"]), values, max_size=6))
@example({"\u00d1E\x9b": "\u00bd", "gestures": "\ns\x0e:\u00f9"})  # a list with no good item: one notice, not two
def test_any_link_gives_inert_notices_and_never_a_trace(query: dict[str, str]) -> None:
    at = run_app(query)
    assert not at.exception and not at.error
    assert len(at.warning) <= len(query) and len(at.sidebar.slider) > 0
    assert_inert(shown(at))


def test_many_unknown_keys_collapse_into_one_notice() -> None:
    at = run_app({f"k{i}": "1" for i in range(999)})
    unknown = [w for w in shown(at) if "unknown link settings ignored" in w]
    assert len(at.warning) == 1 and len(unknown) == 1
    assert unknown[0].replace("\\", "").startswith("999 unknown link settings ignored: 'k0', 'k1', 'k2' and 996 more")


def test_a_bidi_override_in_a_key_is_shown_escaped() -> None:
    at = run_app({"\u202eevil": "1"})
    text = shown(at)[0]
    assert "\u202e" not in text and "u202e" in text


def test_minus_zero_comes_back_as_zero() -> None:
    at = run_app({"china_mediation": "-0"})
    link = next(c.value for c in at.code if "?" in c.value)
    assert "china_mediation=0" in link and "-0" not in link


def test_a_link_streamlit_dropped_for_its_length_gets_a_notice() -> None:
    marker = app_session.sanitize_query_string("&".join(f"us_rhetoric{i}=1" for i in range(1500)))
    assert marker.startswith(links.DROPPED_PARAM)
    assert app_session.sanitize_query_string("us_rhetoric=3") == "us_rhetoric=3"
    key, _, value = marker.partition("=")
    at = run_app({key: value.replace("%3A", ":")})
    texts = [t.replace("\\", "") for t in shown(at)]
    assert any("too long to read: it holds 1500 settings" in t for t in texts), texts
    assert at.slider(key="_level_us_rhetoric").value == pytest.approx(7.0)


def test_a_notice_with_a_lone_surrogate_still_renders_on_every_page() -> None:
    at = run_app(_notices=[Notice("warning", "bad \ud800 text")])
    assert not at.exception and any("ud800" in t for t in shown(at))
    for page in PAGES:
        at.switch_page(f"pacnet_dashboard/ui/pages/{page}").run()
        assert not at.exception, page


@settings(max_examples=40)
@given(st.binary(max_size=600) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_the_upload_door_is_total(raw: bytes) -> None:
    for data in (raw, b'{"schema_version": 1, "name": "x", "scenario": ' + raw + b"}"):
        try:
            read_upload("up\u202eload.json", data)
        except ScenarioError as exc:
            assert "\u202e" not in exc.field + exc.detail


@pytest.mark.parametrize(("body", "says"), [
    ('{"schema_version": 1, "name": "x", "scenario": {"runs": ' + "9" * 5000 + "}}", "5,000 digits"),
    ('{"schema_version": 1, "name": "x", "model_version": "\\ud800", "scenario": {}}', "lone surrogate"),
    ('{"schema_version": 1, "name": "x", "scenario": {}, "\\ud800": 1}', "lone surrogate"),
    ('{"schema_version": 1, "name": "x", "scenario": {"runs": 100, "runs": 200}}', "runs appears twice"),
])
def test_hostile_uploads_are_refused_with_a_reason(body: str, says: str) -> None:
    with pytest.raises(ScenarioError, match=says):
        read_upload("x.json", body.encode())
    assert read_upload("bom.json", b"\xef\xbb\xbf" + json.dumps({"schema_version": 1, "scenario": {}}).encode())


def test_an_error_inside_a_fragment_goes_through_the_app_handler(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise DataError("parameters.csv, line 3", "value: Input should be a valid number")

    monkeypatch.setattr(cache, "discovery_map", broken)
    for c in cache.CACHES.values():
        c.clear()
    at = run_app(page="explore.py")
    assert not at.exception
    errors = [str(e.value).replace("\\", "") for e in at.error]
    assert any("parameters.csv, line 3" in e for e in errors), errors
    assert at.get("plotly_chart")  # the other fragment still draws


def _scenario_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "scenarios"
    shutil.copytree(scenario_module.SCENARIO_DIR, folder)
    return folder


def _picker(at: AppTest) -> list[str]:
    return list(at.sidebar.selectbox(key="_load_scenario").options)


@pytest.mark.usefixtures("fresh_catalogue")
def test_a_stray_bundled_file_is_left_out_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _scenario_copy(tmp_path)
    (folder / "stray.json").write_text('{"schema_version": 1, "name": "stray"')
    monkeypatch.setattr(scenario_module, "SCENARIO_DIR", folder)
    at = run_app()
    assert not at.exception and not at.error
    assert any("stray.json cannot be used" in t.replace("\\", "") for t in shown(at))
    assert "Stray" not in " ".join(_picker(at)) and len(_picker(at)) == len(scenario_module.bundled_names()) - 1
    for page in PAGES:
        at.switch_page(f"pacnet_dashboard/ui/pages/{page}").run()
        assert not at.exception and not at.error, page


@pytest.mark.usefixtures("fresh_catalogue")
def test_a_data_edit_that_breaks_one_bundled_scenario_names_its_file(monkeypatch: pytest.MonkeyPatch) -> None:
    full = load_gestures()
    kept = [g for g in full.gestures if g.id != "envoy_prisoner_release"]
    fewer = GestureCatalogue.model_validate({"schema_version": 1, "gestures": [g.model_dump() for g in kept]})
    monkeypatch.setattr(scenario_module, "load_gestures", lambda: fewer)
    at = run_app()
    assert not at.exception and not at.error
    notice = [t.replace("\\", "") for t in shown(at) if "full_package.json" in t.replace("\\", "")]
    assert notice and "envoy_prisoner_release" in notice[0]
    picker = _picker(at)
    assert len(picker) == len(scenario_module.bundled_names()) - 1
    assert scenario_module.bundled("gift_exchange").title in picker
    for page in PAGES:
        at.switch_page(f"pacnet_dashboard/ui/pages/{page}").run()
        assert not at.exception and not at.error, page


def test_a_clear_cache_message_does_not_empty_the_results_cache() -> None:
    run_app({"seed": "424242"})
    results = cache._simulate_key.cache
    held, misses = len(results), results.misses
    assert held > 0
    # What Streamlit runs when any websocket client sends a clear_cache message.
    app_session.AppSession._handle_clear_cache_request(SimpleNamespace(_session_state=SessionState()))
    assert len(results) == held
    run_app({"seed": "424242"})
    assert results.misses == misses and results.hits > 0
