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

from harness.browser import BURST_TAIL_JS, CHROMIUM, burst_tail, chromium, dashboard, wait_idle, wait_ready
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
    for value in ("7.5", "7", "6.5", "6"):  # one step at a time, focused again: a rerun may redraw the sidebar
        thumb.focus()
        page.keyboard.press("ArrowLeft")
        page.wait_for_function(f"new URLSearchParams(location.search).get('dprk_rhetoric') === '{value}'")
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


UPLOAD_JS = """() => {
    const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left}; };
    const notes = Array.from(document.querySelectorAll('.st-key-upload_notice [data-testid=stAlert]'));
    return {uploader: box(document.querySelector('[data-testid=stFileUploader]')),
            notes: notes.map(n => ({text: n.innerText, ...box(n)}))};
}"""


def test_uploading_a_scenario_file_sets_the_levers(page, server: str, tmp_path: Path) -> None:
    """A good file sets the levers and keeps its title; its notice sits right below the uploader, and the next
    file's notice replaces it (a bad file's names the field and changes nothing)."""
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
    page.locator(".st-key-upload_notice").filter(has_text="Loaded the scenario Mine").wait_for()
    wait_idle(page)
    found = page.evaluate(UPLOAD_JS)
    assert len(found["notes"]) == 1 and 0 <= found["notes"][0]["top"] - found["uploader"]["bottom"] < 60, found
    assert "Now showing: Mine" in page.locator("[data-testid=stSidebar]").inner_text()
    with page.expect_download(timeout=WAIT_MS) as info:
        page.get_by_role("button", name="Scenario JSON").click()
    saved = tmp_path / "saved.json"
    info.value.save_as(saved)
    assert info.value.suggested_filename == "mine_seed2017.json" and json.loads(saved.read_text())["title"] == "Mine"
    page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(bad))
    page.locator(".st-key-upload_notice").filter(has_text="dprk_rhetoric").wait_for()
    found = page.evaluate(UPLOAD_JS)
    assert len(found["notes"]) == 1 and "Nothing was changed" in found["notes"][0]["text"], found
    assert not page.locator("[data-testid=stMain] [data-testid=stAlert]").filter(has_text="Loaded the scenario").count()
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
        wait_idle(page)
        # Every lever survives navigation: the link still holds the scenario.
        assert "gestures=us_book_gift%4014" in page.url or "gestures=us_book_gift@14" in page.url
    assert not errors, errors
    assert not page.locator("[data-testid=stException]").count()


# ---- the first screen, the icon array and the Story page ---------------------------------------------------------

BURSTS_JS = """() => {
    const p = document.querySelector('.js-plotly-plot');
    return p._fullData.slice(0, 2).map(
        t => Array.from(t.marker.symbol).filter(s => s === 135 || s === 'asterisk-open').length);
}"""
"""How many balloons each icon array draws burst (plotly's asterisk-open, symbol 135)."""


def _ready_plot(pg) -> None:
    pg.wait_for_selector(".js-plotly-plot .main-svg")
    wait_idle(pg)


def test_the_first_screen_tells_the_commentarys_story_and_bursts_as_it_says(page, server: str, tmp_path: Path) -> None:
    from pacnet_dashboard.model.futures import burst_count
    from pacnet_dashboard.report.story import BASELINE_LABEL, PROPOSAL_SHORT

    page.goto(server)
    wait_ready(page)
    _ready_plot(page)
    labels = page.locator("[data-testid=stMetricLabel]").all_inner_texts()
    assert [t.strip() for t in labels[:2]] == [BASELINE_LABEL, PROPOSAL_SHORT]
    baseline = cli_pop_chance(["--scenario", "baseline"], tmp_path)
    proposal = cli_pop_chance(["--scenario", "gift_exchange"], tmp_path)
    assert metrics(page)[:2] == [f"{baseline:.0%}", f"{proposal:.0%}"]
    delta = page.locator("[data-testid=stMetricDelta]").first
    assert delta.inner_text().strip().startswith("-") and delta.locator("svg").count() == 1  # a down arrow
    rgb = delta.evaluate("e => getComputedStyle(e).color")
    red, green, _ = (int(v) for v in rgb[rgb.index("(") + 1: rgb.index(")")].split(",")[:3])
    assert green > red  # the good colour
    assert page.evaluate(BURSTS_JS) == [burst_count(baseline), burst_count(proposal)]


def test_no_change_shows_no_arrow(page, server: str) -> None:
    page.goto(f"{server}/?closed_channels=japan_dprk")  # a lever set, with almost no effect on the risk
    wait_ready(page)
    delta = page.locator("[data-testid=stMetricDelta]").first
    if delta.inner_text().strip() == "no change":
        assert delta.locator("svg").count() == 0
    else:  # the channel mattered after all: then the arrow must point the way the number moved
        assert delta.locator("svg").count() == 1


@pytest.mark.parametrize("name", ["escalation", "full_package"])
def test_the_burst_count_at_the_horizon_matches_the_pop_chance(page, server: str, tmp_path: Path, name: str) -> None:
    from pacnet_dashboard.model.futures import burst_count
    from pacnet_dashboard.scenario import bundled, to_strings
    from urllib.parse import urlencode

    page.goto(f"{server}/?{urlencode(to_strings(bundled(name).scenario), safe=',@')}")
    wait_ready(page)
    _ready_plot(page)
    chance = cli_pop_chance(["--scenario", name], tmp_path)
    assert page.evaluate(BURSTS_JS)[1] == burst_count(chance)


def _step(pg) -> str:
    return pg.evaluate("new URLSearchParams(location.search).get('step')")


def test_story_keys_move_between_steps(page, server: str) -> None:
    page.goto(f"{server}/story")
    _ready_plot(page)
    assert _step(page) == "1"
    for key, expected in [("ArrowRight", "2"), ("PageDown", "3"), ("Space", "4"), ("PageUp", "3"),
                          ("ArrowLeft", "2")]:
        page.keyboard.press(key)
        page.wait_for_function(f"new URLSearchParams(location.search).get('step') === '{expected}'")
        page.get_by_text(f"Step {expected} of 8").wait_for()
    assert page.locator(".st-key-story_clicker_keys").is_hidden()  # the clicker buttons are not seen


def test_an_out_of_range_step_in_the_link_gives_a_notice(page, server: str) -> None:
    page.goto(f"{server}/story?step=12")
    _ready_plot(page)
    page.locator("[data-testid=stAlertContentWarning]").filter(has_text="steps 1 to 8").wait_for()
    assert _step(page) == "1"


MEANING_JS = """() => {
    const main = document.querySelector('[data-testid=stMain]');
    const items = Array.from(main.querySelectorAll(
        '[data-testid=stHeading], [data-testid=stMetric], .js-plotly-plot, [data-testid=stSlider], '
        + '[data-testid=stButton], [data-testid=stCheckbox], [data-testid=stAlert]'))
        .filter(e => !e.closest('[class*=st-key-chart_text]') && !e.closest('.st-key-story_clicker_keys')
                     && !e.closest('.st-key-presentation_switch')
                     && e.offsetParent !== null);
    return items.map(e => { const r = e.getBoundingClientRect();
        return {what: e.dataset.testid || 'plot', text: e.innerText.slice(0, 40), top: r.top, bottom: r.bottom,
                left: r.left, right: r.right}; });
}"""
"""Everything on screen that carries meaning (the text alternatives below the chart repeat it, and the switch
that leaves the presentation view is for the presenter, so both may sit below the fold)."""
LABELS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot g.annotation')).map(a => {
    const r = a.getBoundingClientRect(); return {text: a.textContent, top: r.top, bottom: r.bottom, left: r.left,
    right: r.right}; })"""


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - 1 and b["left"] < a["right"] - 1 and a["top"] < b["bottom"] - 1 and \
        b["top"] < a["bottom"] - 1


SIZES = [(1024, 768), (1280, 800), (1920, 1080)]


@pytest.mark.parametrize("path", ["?present=1", *(f"story?present=1&step={n}" for n in range(1, 9))])
def test_the_presentation_view_fits_the_first_screen(browser, server: str, path: str) -> None:
    """Each page is loaded once and looked at in the three window sizes (a resize reflows it, no new run)."""
    context = browser.new_context(viewport={"width": SIZES[0][0], "height": SIZES[0][1]})
    try:
        pg = context.new_page()
        pg.set_default_timeout(WAIT_MS)
        pg.goto(f"{server}/{path}")
        _ready_plot(pg)
        for width, height in SIZES:
            pg.set_viewport_size({"width": width, "height": height})
            pg.wait_for_timeout(600)  # Streamlit and plotly reflow to the new width
            assert pg.locator("[data-testid=stSidebar]").is_hidden()
            items = pg.evaluate(MEANING_JS)
            assert items, path
            below = [i for i in items if i["bottom"] > height + 1]
            assert not below, (path, width, below)
            labels = pg.evaluate(LABELS_JS)
            clashes = [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
                       if a["text"] and b["text"] and _overlap(a, b)]
            assert not clashes, (path, width, clashes)
            values = pg.locator("[data-testid=stMetricValue] p")
            sizes = [float(values.nth(i).evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
                     for i in range(values.count())]
            assert all(size >= 36 for size in sizes), (path, width, sizes)  # the headline numbers, from the back
            if width == 1920:
                body = pg.locator("[data-testid=stMain] [data-testid=stMarkdownContainer] p").first
                assert float(body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 24
    finally:
        context.close()


MOMENTS_JS = """(labels) => {
    const plot = document.querySelector('.js-plotly-plot');
    const box = e => { const r = e.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    const notes = Array.from(plot.querySelectorAll('g.annotation')).filter(a => labels.includes(a.textContent))
        .map(a => ({text: a.textContent, ...box(a.querySelector('.annotation-text-g'))}));
    const legend = plot.querySelector('g.legend');
    return {notes, title: box(plot.querySelector('.gtitle')), legend: legend ? box(legend) : null,
            panel: box(plot.querySelector('.draglayer .xy .nsewdrag')), plot: box(plot)};
}"""


def test_history_key_moments_do_not_collide(browser, server: str) -> None:
    """Every key moment's label is drawn, inside the chart, above the timeline panel, clear of the title, the
    legend, each other and the other labels' lines, at both desktop sizes."""
    from pacnet_dashboard.history.moments import key_moments
    from pacnet_dashboard.io.data import load_events

    labels = [f"{m.what}{m.when}" for m in key_moments(load_events())]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        pg = context.new_page()
        pg.set_default_timeout(WAIT_MS)
        pg.goto(f"{server}/history")
        _ready_plot(pg)
        for width, height in ((1280, 800), (1920, 1080)):
            pg.set_viewport_size({"width": width, "height": height})
            pg.wait_for_timeout(800)  # plotly reflows to the new width
            found = pg.evaluate(MOMENTS_JS, labels)
            notes = found["notes"]
            assert sorted(n["text"] for n in notes) == sorted(labels), width
            for i, a in enumerate(notes):
                assert not any(_overlap(a, b) for b in notes[i + 1:]), (width, a)
                middle = (a["left"] + a["right"]) / 2  # its line runs down from there to the panel
                assert not any(b["left"] < middle < b["right"] and b["top"] > a["bottom"] for b in notes), (width, a)
                assert not _overlap(a, found["title"]) and not (found["legend"] and _overlap(a, found["legend"]))
                assert a["bottom"] <= found["panel"]["top"] + 1, (width, a)
                assert found["plot"]["left"] <= a["left"] and a["right"] <= found["plot"]["right"], (width, a)
    finally:
        context.close()


GRIDS_JS = """() => Array.from(document.querySelectorAll('[data-testid=stMain] [data-testid=stDataFrame]')).map(d => {
    const s = d.querySelector('.dvn-scroller'); const r = d.getBoundingClientRect();
    return {scroll: s.scrollWidth, client: s.clientWidth, right: r.right}; })"""


def test_the_removal_effects_show_without_horizontal_scrolling(browser, server: str) -> None:
    """With the effects switched on, neither network table scrolls sideways, nor runs past the window."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        pg = context.new_page()
        pg.set_default_timeout(WAIT_MS)
        pg.goto(f"{server}/intermediaries?runs=300")
        pg.wait_for_selector("[data-testid=stDataFrame]")
        pg.get_by_text("Add the change in pop chance").click()
        pg.get_by_text("Removal effects at 300 runs").wait_for()
        wait_idle(pg)
        for width, height in ((1280, 800), (1920, 1080)):
            pg.set_viewport_size({"width": width, "height": height})
            pg.wait_for_timeout(800)
            grids = pg.evaluate(GRIDS_JS)
            assert len(grids) == 2, grids
            assert all(g["scroll"] <= g["client"] + 1 and g["right"] <= width for g in grids), (width, grids)
    finally:
        context.close()


# ---- accessibility: axe-core on every page and story step ---------------------------------------------------------

PAGES_TO_CHECK = ["", "story", "lab", "intermediaries", "history", "explore", "method"]


STYLED_JS = """() => Array.from(document.querySelectorAll('.katex-display'))
    .every(e => getComputedStyle(e).overflow === 'visible')"""
"""The app's constant style has reached the page (a wide equation would scroll sideways without it)."""


def _serious(pg) -> list[tuple[str, list]]:
    """The serious and critical axe rules on the page as it stands once the app's style is in place."""
    from axe_playwright_python.sync_playwright import Axe

    pg.wait_for_function(STYLED_JS)
    found = Axe().run(pg).response["violations"]
    return [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in found if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_or_critical_rule(page, server: str) -> None:
    problems = {}
    for path in PAGES_TO_CHECK:
        page.goto(f"{server}/{path}")
        wait_ready(page) if path in ("", "lab") else page.wait_for_selector("[data-testid=stMain]")
        page.wait_for_timeout(800)
        wait_idle(page)
        problems[path or "briefing"] = _serious(page)
    for number in range(1, 9):
        page.goto(f"{server}/story?step={number}")
        _ready_plot(page)
        problems[f"story step {number}"] = _serious(page)
    # after the main interactions: the story's control, the answer, the notes and the chart's table
    page.goto(f"{server}/story?step=1")
    _ready_plot(page)
    page.get_by_text("Show the answer").click()
    page.get_by_text("Presenter notes").click()
    page.get_by_text("The chart's data as a table").click()
    thumb = page.locator('input[type=range]').first
    thumb.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(800)
    wait_idle(page)
    problems["story after interactions"] = _serious(page)
    page.goto(f"{server}/lab")
    wait_ready(page)
    slider(page, "DPRK rhetoric").focus()
    page.keyboard.press("ArrowLeft")
    page.wait_for_timeout(800)
    wait_idle(page)
    problems["lab after a lever move"] = _serious(page)
    page.goto(f"{server}/history")
    _ready_plot(page)
    page.locator(".st-key-chart_text__history_table").get_by_text("The chart's data as a table").click()
    page.get_by_role("columnheader", name="Observed tension").wait_for()
    problems["history, the timeline's table open"] = _serious(page)
    page.goto(f"{server}/intermediaries?runs=300")
    page.wait_for_selector("[data-testid=stDataFrame]")
    page.get_by_text("Add the change in pop chance").click()
    page.get_by_text("Removal effects at 300 runs").wait_for()
    wait_idle(page)
    problems["intermediaries with the removal effects"] = _serious(page)
    page.goto(f"{server}/?present=1")
    _ready_plot(page)
    problems["briefing, presentation view"] = _serious(page)
    assert not any(problems.values()), {k: v for k, v in problems.items() if v}


FOCUS_JS = """() => {
    const e = document.activeElement;
    if (!e || e === document.body || e.tagName === 'MAIN') return null;  // MAIN: the skip link's target
    for (let n = e, k = 0; n && k < 8; n = n.parentElement, k++) {
        const s = getComputedStyle(n);
        if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'))
            return {ring: true, label: (e.getAttribute('aria-label') || e.innerText || e.tagName).slice(0, 40)};
    }
    return {ring: false, label: (e.getAttribute('aria-label') || e.innerText || e.tagName).slice(0, 40)};
}"""
"""The focused element, and whether it or a near ancestor draws a focus ring (an outline or a box shadow)."""


@pytest.mark.parametrize("path", ["", "story?step=2"])
def test_every_control_reached_by_tab_shows_where_the_focus_is(page, server: str, path: str) -> None:
    page.goto(f"{server}/{path}")
    _ready_plot(page)
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        found = page.evaluate(FOCUS_JS)
        if found:
            seen.append(found)
    labels = {f["label"].split("\n")[-1] for f in seen}
    assert {"DPRK rhetoric", "Load a bundled scenario", "Gestures to make", "Story", "Method"} <= labels, labels
    assert all(f["ring"] for f in seen), [f["label"] for f in seen if not f["ring"]]


def test_the_first_viewer_after_a_start_is_told_a_link_was_too_long(browser) -> None:
    """A fresh server (as `make run` starts it) whose very first page view is a link past Streamlit's limits."""
    with dashboard() as address:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            pg = context.new_page()
            pg.set_default_timeout(WAIT_MS)
            pg.goto(f"{address}/?" + "&".join(f"k{i}=1" for i in range(1200)))
            pg.locator("[data-testid=stAlertContentWarning]").filter(has_text="too long to read").wait_for()
            assert "it holds 1200 settings" in pg.locator("[data-testid=stAlertContentWarning]").first.inner_text()
        finally:
            context.close()
