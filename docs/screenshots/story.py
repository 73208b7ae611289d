"""Screenshots of every story step at 1920x1080 in the presentation view, in headless Chromium.

    .venv/bin/python docs/screenshots/story.py [OUT_DIR]

Writes story_step<N>_1920.png into OUT_DIR (default: /tmp/pacnet_screenshots) and a small copy of step 1
and step 7 into docs/screenshots/ for the README.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from harness.browser import chromium, dashboard, wait_idle  # noqa: E402

README_STEPS = (1, 7)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with dashboard() as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.set_default_timeout(90_000)
        for step in range(1, 9):
            page.goto(f"{base}/story?present=1&step={step}")
            page.wait_for_selector(".js-plotly-plot .main-svg")
            wait_idle(page)
            page.wait_for_timeout(1500)
            path = out / f"story_step{step}_1920.png"
            page.screenshot(path=path)
            print(path)
            if step in README_STEPS:
                small = Image.open(path).convert("RGB").resize((960, 540), Image.LANCZOS)
                small.quantize(colors=256).save(ROOT / "docs" / "screenshots" / f"story_step{step}.png", optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/pacnet_screenshots"))
