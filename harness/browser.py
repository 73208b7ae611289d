"""The browser harness: the dashboard under `streamlit run` and Debian's Chromium driven by Playwright.

One module for the browser tests, `bench/` and `docs/screenshots/take.py`, so that all three start the app,
launch the browser and read a chart the same way.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("PACNET_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
STARTUP_SECONDS = 90

BURST_TAIL_JS = """() => {
    const plots = Array.from(document.querySelectorAll('.js-plotly-plot'));
    const burst = plots.find(p => p.layout && p.layout.title && p.layout.title.text
                             && p.layout.title.text.includes('Chance the balloon'));
    const s = burst && burst.data && burst.data.find(t => t.name === 'Scenario');
    return s ? s.y[s.y.length - 1] : null;
}"""
"""The burst chart's last plotted value for the scenario, or null until the chart is drawn."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_dashboard(port: int, env: dict[str, str] | None = None, script: Path = ROOT / "app.py") -> subprocess.Popen:
    """The dashboard as `make run` starts it (or `streamlit run` of another script, such as the benchmark's
    trivial page) on a port of 127.0.0.1, with extra environment variables (such as the compute budget's);
    returns once the health check answers."""
    launch = (["-m", "pacnet_dashboard.ui.serve"] if script == ROOT / "app.py"
              else ["-m", "streamlit", "run", str(script)])
    proc = subprocess.Popen(
        [sys.executable, *launch, "--server.port", str(port), "--server.headless", "true",
         "--server.address", "127.0.0.1"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with status {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("the dashboard did not start in time")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@contextmanager
def dashboard(script: Path = ROOT / "app.py") -> Iterator[str]:
    """A running dashboard (or `script`) on a free port; yields its base address and stops it afterwards."""
    port = free_port()
    proc = start_dashboard(port, script=script)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(proc)


@contextmanager
def chromium() -> Iterator[object]:
    """Headless Chromium (Debian's) under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def bench_page(browser, address: str, path: str = ""):
    """A 1400x1000 page with a generous timeout, opened at `path`: the benchmarks' common start."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{address}/{path}")
    return page


def wait_idle(pg) -> None:
    """Wait until the app has finished its run (no 'running' status widget)."""
    pg.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')")


def wait_ready(pg) -> None:
    """Wait until a metric is on screen and the app has finished its run."""
    pg.wait_for_selector("[data-testid=stMetricValue]")
    wait_idle(pg)


def burst_tail(pg) -> float:
    """The burst chart's last plotted value for the scenario, once the chart is drawn."""
    return pg.wait_for_function(BURST_TAIL_JS).json_value()
