"""Briefing speed in Chromium: slider move to redrawn balloons beside a trivial page; the story's key press.

Both servers run at once and the moves alternate between them, so the ratio compares like with like on a
shared machine; the trivial page is the floor (the DESIGN's target: at most 2x its time).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from harness.browser import CHROMIUM, ROOT, bench_page, chromium, dashboard, wait_idle

RATIO_TARGET = 2.0
MARK_PLOT_JS = """() => {
    const p = document.querySelector('.js-plotly-plot');
    if (!p || !p.data) return false;
    window.__benchData = p.data;
    return true;
}"""
REDRAWN_JS = """() => {
    const p = document.querySelector('.js-plotly-plot');
    return !!(p && p.data && p.data !== window.__benchData && p.style.visibility !== 'hidden');
}"""
"""The first chart on the page holds new data and is shown: plotly replaces `data` when it draws a new figure
(an identity check, because stringifying the data on every animation frame cost 70-100 ms per poll).
Streamlit draws a new chart once hidden, before its width is measured, and again at that width; only the
second is seen, so a chart still hidden does not count."""
STEP_REDRAWN_JS = """(step) => {
    const p = document.querySelector('.js-plotly-plot');
    return location.search.includes(step)
        && !!(p && p.data && p.data !== window.__benchData && p.style.visibility !== 'hidden');
}"""
"""The link names the expected step and its chart is redrawn (a press during a rerun can be dropped)."""


def _move_and_wait(page, thumb_label: str, key: str) -> float:
    page.wait_for_function(MARK_PLOT_JS)
    thumb = page.locator(f'input[type=range][aria-label="{thumb_label}"]')
    thumb.focus()
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(REDRAWN_JS, polling="raf")
    elapsed = time.perf_counter() - start
    wait_idle(page)
    return elapsed


def side_by_side(moves: int = 12) -> tuple[list[float], list[float]]:
    """Alternate slider moves on the Briefing (DPRK rhetoric) and on the trivial page; seconds for each."""
    briefing, trivial = [], []
    with (dashboard() as address, dashboard(ROOT / "bench" / "trivial_app.py") as trivial_address,
          chromium() as browser):
        pages = [bench_page(browser, address), bench_page(browser, trivial_address)]
        for page in pages:
            page.wait_for_function(MARK_PLOT_JS)
            wait_idle(page)
        for i in range(moves + 1):  # the first move on each page warms its caches and is dropped
            key = "ArrowLeft" if i < (moves + 1) // 2 else "ArrowRight"
            t_brief = _move_and_wait(pages[0], "DPRK rhetoric", key)
            t_triv = _move_and_wait(pages[1], "Value", key)
            if i:
                briefing.append(t_brief)
                trivial.append(t_triv)
    return briefing, trivial


def story_key_press(presses: int = 12) -> tuple[list[float], int]:
    """Seconds from a key press on the Story page (alternately Right and Left) to the next step's redrawn chart,
    and how many presses the page did not take (pressed again, not timed)."""
    times, lost = [], 0
    with dashboard() as address, chromium() as browser:
        page = bench_page(browser, address, "story?step=1")
        step, i = 1, 0
        while len(times) < presses:
            page.wait_for_function(MARK_PLOT_JS)
            wait_idle(page)
            target = step + 1 if i % 2 == 0 else step - 1
            start = time.perf_counter()
            page.keyboard.press("ArrowRight" if target > step else "ArrowLeft")
            try:
                page.wait_for_function(STEP_REDRAWN_JS, arg=f"step={target}", polling="raf", timeout=15_000)
            except PlaywrightTimeout:
                lost += 1
                continue
            elapsed = time.perf_counter() - start
            if i >= 2:  # one round trip over steps 1-2 warms the caches and is dropped
                times.append(elapsed)
            step, i = target, i + 1
    return times, lost


def run() -> list[str]:
    if not Path(CHROMIUM).exists():
        return [f"briefing round trip: skipped, Chromium not found at {CHROMIUM}"]
    briefing, trivial = side_by_side()
    b, t = 1000 * statistics.median(briefing), 1000 * statistics.median(trivial)
    ratio = b / t
    verdict = "meets" if ratio <= RATIO_TARGET else "misses"
    return [f"Briefing slider key press to redrawn balloons: median {b:6.1f} ms over {len(briefing)} moves",
            f"trivial page (one slider, one plotly chart), same run:  median {t:6.1f} ms over {len(trivial)} moves",
            f"ratio {ratio:.2f}x ({verdict} the {RATIO_TARGET:g}x target)",
            story_line()]


def story_line() -> str:
    times, lost = story_key_press()
    return (f"Story key press to the next step's redrawn chart: median {1000 * statistics.median(times):6.1f} ms"
            f" over {len(times)} presses ({lost} presses not taken and pressed again)")
