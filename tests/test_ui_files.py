"""The lab's Files section: every export format, named after the scenario and seed, built only on a click; and
every chart's toolbar downloads an SVG named likewise."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pacnet_dashboard.report import export

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _lab(query: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("pacnet_dashboard/ui/pages/lab.py").run()
    assert not at.exception
    return at


def test_the_files_section_offers_every_format_without_building_any(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []

    def counting(fmt: export.Format) -> export.Format:
        def build(*args: object) -> bytes:
            built.append(fmt.extension)
            return fmt.build(*args)
        return dataclasses.replace(fmt, build=build)

    monkeypatch.setattr(export, "FORMATS", {e: counting(f) for e, f in export.FORMATS.items()})
    at = _lab({"gestures": "us_book_gift@14", "seed": "7", "runs": "200"})
    buttons = {b.label: b.help for b in at.get("download_button")}
    assert set(buttons) == {f.label for f in export.FORMATS.values()} | {"Scenario JSON"}
    for ext, fmt in export.FORMATS.items():
        assert buttons[fmt.label].startswith(f"gift_exchange_seed7{ext};")
    assert buttons["Scenario JSON"].startswith("gift_exchange_seed7.json;")
    assert built == []


def test_every_chart_downloads_an_svg_named_after_the_scenario() -> None:
    at = _lab({"gestures": "us_book_gift@14", "runs": "200"})
    configs = [json.loads(chart.proto.config) for chart in at.get("plotly_chart")]
    assert len(configs) >= 3
    for config in configs:
        options = config["toImageButtonOptions"]
        assert options["format"] == "svg" and options["filename"].startswith("gift_exchange_seed2017_")


def test_without_chromium_only_the_image_formats_are_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    at = _lab({"runs": "200"})
    disabled = {b.label: b.proto.disabled for b in at.get("download_button")}
    needs = {f.label for f in export.FORMATS.values() if f.needs_chromium}
    assert needs and {label for label, off in disabled.items() if off} == needs
    assert any("need Chromium" in c.value for c in at.caption)
