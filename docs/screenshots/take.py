"""Screenshots of every dashboard page at 1280 and 1920 px, in headless Chromium.

    .venv/bin/python docs/screenshots/take.py [OUT_DIR]

Writes <page>_<width>.png for every page and width into OUT_DIR (default: /tmp/pacnet_screenshots), and
refreshes the small README copies in docs/screenshots/ (1280 px shots, scaled to 960 px, 256 colours).
The scenario shown is the full package, so every panel has something to show.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from harness.browser import CHROMIUM, CHROMIUM_ARGS, free_port, start_dashboard  # noqa: E402

QUERY = ("?china_mediation=0.8&russia_mediation=0.6&rok_support=0.9&japan_support=0.8"
         "&gestures=us_book_gift@14,envoy_prisoner_release@60")
SIZES = ((1280, 800), (1920, 1080))
README_PAGES = ("briefing", "lab", "intermediaries", "method")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = start_dashboard(port)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width, height in SIZES:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.set_default_timeout(90_000)
                page.goto(f"http://127.0.0.1:{port}/{QUERY}")
                page.wait_for_selector("[data-testid=stMetricValue]")
                links = page.locator("[data-testid=stTopNavLink]")
                for i in range(links.count()):
                    name = links.nth(i).inner_text().strip().split("\n")[-1].lower().replace("scenario ", "")
                    links.nth(i).click()
                    page.wait_for_timeout(800)
                    page.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')")
                    page.wait_for_timeout(1500)
                    path = out / f"{name}_{width}.png"
                    page.screenshot(path=path)
                    print(path)
                    if width == 1280 and name in README_PAGES:
                        small = Image.open(path).convert("RGB").resize((960, 600), Image.LANCZOS)
                        small.quantize(colors=256).save(ROOT / "docs" / "screenshots" / f"{name}.png", optimize=True)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/pacnet_screenshots"))
