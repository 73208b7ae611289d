"""The dashboard in a real browser: Playwright driving Debian's Chromium against `streamlit run app.py`.

Skipped, with the reason, when Chromium or Playwright is missing (`.ci/run` installs Chromium with apt-get).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from pptx import Presentation

from harness.browser import BURST_TAIL_JS, CHROMIUM, burst_tail, chromium, dashboard, wait_ready
from pacnet_dashboard.cli import main

WAIT_MS = 60_000

pytestmark = pytest.mark.browser

if not Path(CHROMIUM).exists():
    pytest.skip(f"Chromium not found at {CHROMIUM} (install the Debian 'chromium' package, as .ci/run does)",
                allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (requirements-dev.txt)")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with dashboard() as address:
        yield address


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(WAIT_MS)
    yield pg
    context.close()


def metrics(pg) -> list[str]:
    return pg.locator("[data-testid=stMetricValue]").all_inner_texts()


def slider(pg, label: str):
    return pg.locator(f'input[type=range][aria-label="{label}"]')


def cli_pop_chance(args: list[str], tmp_path: Path) -> float:
    out = tmp_path / "cli.json"
    assert main(["simulate", *args, "--out", str(out)]) == 0
    return json.loads(out.read_text())["burst_probability"]


def test_a_shared_link_opens_its_scenario_with_the_cli_numbers(page, server: str, tmp_path: Path) -> None:
    link = (f"{server}/?us_rhetoric=5.5&china_mediation=0.7&gestures=us_book_gift@20,envoy_prisoner_release@45"
            "&seed=7&runs=1000&v=1.0.0")
    page.goto(link)
    wait_ready(page)
    assert slider(page, "US rhetoric").input_value() == "5.5"
    assert slider(page, "China mediation").input_value() == "0.7"
    assert page.locator('input[aria-label^="Seed"]').input_value() == "7"
    expected = cli_pop_chance(["--set", "us_rhetoric=5.5", "--set", "china_mediation=0.7",
                               "--set", "gestures=us_book_gift@20,envoy_prisoner_release@45",
                               "--seed", "7", "--runs", "1000"], tmp_path)
    assert metrics(page)[1] == f"{expected:.0%}"
    baseline = cli_pop_chance(["--scenario", "baseline", "--seed", "7", "--runs", "1000"], tmp_path)
    assert metrics(page)[0] == f"{baseline:.0%}"


def test_moving_a_slider_updates_the_link_and_the_chart(page, server: str) -> None:
    page.goto(f"{server}/lab")
    page.wait_for_selector(".js-plotly-plot")
    wait_ready(page)
    before = burst_tail(page)
    thumb = slider(page, "DPRK rhetoric")
    thumb.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function("new URLSearchParams(location.search).get('dprk_rhetoric') === '6'")
    page.wait_for_function(f"(() => {{ const v = ({BURST_TAIL_JS})(); return v !== null && v !== {before}; }})")
    assert burst_tail(page) < before  # less rhetoric, less risk
    assert parse_qs(urlparse(page.url).query)["dprk_rhetoric"] == ["6"]


def test_the_html_brief_downloads_and_opens_offline(page, server: str, tmp_path: Path, browser) -> None:
    page.goto(f"{server}/lab?gestures=us_book_gift@14")
    wait_ready(page)
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="HTML brief").click()
    assert info.value.suggested_filename == "gift_exchange_seed2017.html"
    path = tmp_path / "brief.html"
    info.value.save_as(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Face ledger" in text
    offline = browser.new_context(offline=True)
    try:
        brief = offline.new_page()
        errors: list[str] = []
        brief.on("pageerror", lambda e: errors.append(str(e)))
        brief.goto(path.as_uri())
        brief.wait_for_selector(".js-plotly-plot .main-svg", timeout=WAIT_MS)
        assert brief.locator(".js-plotly-plot").count() >= 4
        assert not errors
    finally:
        offline.close()


def test_the_lab_files_match_the_cli_and_the_charts_download_svg(page, server: str, tmp_path: Path) -> None:
    page.goto(f"{server}/lab?gestures=us_book_gift@14")
    wait_ready(page)
    saved = {}
    for label in ("Data ZIP", "Slides"):
        with page.expect_download(timeout=3 * WAIT_MS) as info:
            page.get_by_role("button", name=label).click()
        saved[label] = tmp_path / info.value.suggested_filename
        info.value.save_as(saved[label])
    assert saved["Data ZIP"].name == "gift_exchange_seed2017.zip"
    assert saved["Slides"].name == "gift_exchange_seed2017.pptx"
    cli_zip = tmp_path / "cli.zip"
    assert main(["report", "--scenario", "gift_exchange", "--out", str(cli_zip)]) == 0
    assert saved["Data ZIP"].read_bytes() == cli_zip.read_bytes()
    assert len(Presentation(str(saved["Slides"])).slides) == 7
    page.locator(".js-plotly-plot").first.hover()
    with page.expect_download(timeout=WAIT_MS) as info:
        page.locator(".modebar-btn[data-title='Download plot']").first.click()
    assert info.value.suggested_filename == "gift_exchange_seed2017_pressure.svg"


def test_uploading_a_scenario_file_sets_the_levers(page, server: str, tmp_path: Path) -> None:
    good = tmp_path / "mine.json"
    good.write_text(json.dumps({"schema_version": 1, "name": "mine", "title": "Mine",
                                "scenario": {"us_rhetoric": 3.0, "gestures": [{"id": "us_book_gift", "day": 9}]}}))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"schema_version": 1, "scenario": {"dprk_rhetoric": 99}}))
    page.goto(f"{server}/lab")
    wait_ready(page)
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(good))
    page.wait_for_function("new URLSearchParams(location.search).get('us_rhetoric') === '3'")
    page.wait_for_function("document.querySelector('input[type=range][aria-label=\"US rhetoric\"]').value === '3'")
    assert "us_book_gift@9" in page.url.replace("%40", "@")
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(bad))
    alert = page.locator("[data-testid=stAlertContentWarning]").filter(has_text="dprk_rhetoric")
    alert.first.wait_for()
    assert slider(page, "US rhetoric").input_value() == "3"  # a bad file changes nothing


def test_no_page_logs_a_console_error(page, server: str) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/?gestures=us_book_gift@14&closed_channels=ny_channel")
    wait_ready(page)
    links = page.locator("[data-testid=stTopNavLink]")
    titles = [t.strip().split("\n")[-1] for t in links.all_inner_texts()]
    assert {"Briefing", "Scenario lab", "Intermediaries", "Method"} <= set(titles)
    for i in range(len(titles)):
        links.nth(i).click()
        page.wait_for_timeout(300)
        page.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')")
        # Every lever survives navigation: the link still holds the scenario.
        assert "gestures=us_book_gift%4014" in page.url or "gestures=us_book_gift@14" in page.url
    assert not errors, errors
    assert not page.locator("[data-testid=stException]").count()
