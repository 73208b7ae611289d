"""The exports: data that describes itself (CSV header, ZIP with metadata), the one exporter's formats, charts on
their own as SVG and PNG, and bad --out paths that leave nothing behind."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd
import pytest

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.cli import main
from pacnet_dashboard.model.simulate import Result, simulate
from pacnet_dashboard.report.bundle import bundle_zip
from pacnet_dashboard.report.charts import CHARTS
from pacnet_dashboard.report.export import FORMATS
from pacnet_dashboard.report.metadata import csv_with_header, file_stem, metadata, scenario_identity
from pacnet_dashboard.scenario import Scenario, baseline_for, bundled, from_strings, lever_specs

SMALL = ["--runs", "200", "--horizon", "90"]
HAS_CHROMIUM = any(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome"))
needs_chromium = pytest.mark.skipif(not HAS_CHROMIUM,
                                    reason="no Chromium on this machine: image formats cannot be drawn")


def _gift(**levers: str) -> Scenario:
    return from_strings({"runs": "200", "horizon_days": "90", **levers}, bundled("gift_exchange").scenario)


def _pair(scenario: Scenario) -> tuple[Result, Result]:
    return simulate(scenario), simulate(baseline_for(scenario))


def test_the_scenario_is_named_after_its_bundled_file_at_any_seed() -> None:
    scenario = bundled("gift_exchange").scenario.model_copy(update={"seed": 7, "runs": 300})
    assert scenario_identity(scenario)[0] == "gift_exchange"
    assert file_stem("gift_exchange", scenario) == "gift_exchange_seed7"
    assert scenario_identity(from_strings({"us_rhetoric": "1"}, scenario))[0] == "custom"


def test_metadata_lists_every_lever_of_the_schema_with_its_value_and_provenance() -> None:
    result, baseline = _pair(_gift(us_rhetoric="5"))
    meta = metadata(result, baseline, name="gift_exchange", title="Gift", out="x.zip")
    rows = {r["name"]: r for r in meta["levers"]}
    assert list(rows) == list(lever_specs())
    assert rows["us_rhetoric"]["value"] == 5.0 and rows["us_rhetoric"]["changed"]
    assert rows["gestures"]["value"] == [{"id": "us_book_gift", "day": 14}] and rows["gestures"]["changed"]
    assert not rows["seed"]["changed"] and all(r["provenance"] for r in rows.values())
    assert meta["model_version"] == MODEL_VERSION and meta["seed"] == 2017 and meta["runs"] == 200
    assert all(p["Provenance"] for p in meta["parameters"])
    assert meta["results"]["burst_probability"] == round(result.burst_probability, 6)
    assert "--set us_rhetoric=5 " in meta["reproduce"] and meta["reproduce"].endswith("--out x.zip")


def test_the_csv_carries_its_metadata_above_a_table_that_still_reads_as_one() -> None:
    result, baseline = _pair(_gift())
    text = csv_with_header(result, baseline, name="gift_exchange", title="Gift", out="g.csv")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert f"# model_version,{MODEL_VERSION}" in header and "# seed,2017" in header
    assert {f"# lever {name}" for name in lever_specs()} <= {line.split(",")[0] for line in header}
    table = pd.read_csv(io.StringIO(text), comment="#")
    assert len(table) == 90 and "baseline_burst_probability" in table and "baseline_pressure_p50" in table
    assert table["burst_probability"].tolist() == pytest.approx(result.burst_by_day.tolist(), abs=1e-6)
    assert table["baseline_burst_probability"].tolist() == pytest.approx(baseline.burst_by_day.tolist(), abs=1e-6)


def test_the_zip_describes_itself_and_is_byte_identical_across_runs() -> None:
    first = bundle_zip(*_pair(_gift()), name="gift_exchange", title="Gift", description="d")
    again = bundle_zip(*_pair(_gift()), name="gift_exchange", title="Gift", description="d")
    assert first == again
    archive = zipfile.ZipFile(io.BytesIO(first))
    stem = "gift_exchange_seed2017"
    assert archive.namelist() == [f"{stem}/README.md", f"{stem}/{stem}_daily.csv", f"{stem}/{stem}_scenario.json",
                                  f"{stem}/metadata.json"]
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    meta = json.loads(archive.read(f"{stem}/metadata.json"))
    assert meta["model_version"] == MODEL_VERSION and meta["seed"] == 2017 and meta["runs"] == 200
    assert Scenario.model_validate(meta["scenario"]) == _gift()
    readme = archive.read(f"{stem}/README.md").decode()
    assert "Daniels" in readme and "Licence" in readme and meta["reproduce"] in readme
    daily = pd.read_csv(io.BytesIO(archive.read(f"{stem}/{stem}_daily.csv")))
    assert daily["burst_probability"].iloc[-1] == pytest.approx(meta["results"]["burst_probability"], abs=1e-6)


def test_report_writes_zip_and_csv_with_the_same_numbers(tmp_path: Path) -> None:
    zpath, cpath = tmp_path / "g.zip", tmp_path / "g.csv"
    assert main(["report", "--scenario", "gift_exchange", *SMALL, "--out", str(zpath)]) == 0
    assert main(["report", "--scenario", "gift_exchange", *SMALL, "--out", str(cpath)]) == 0
    archive = zipfile.ZipFile(zpath)
    stem = "gift_exchange_seed2017"
    from_zip = pd.read_csv(io.BytesIO(archive.read(f"{stem}/{stem}_daily.csv")))
    from_csv = pd.read_csv(cpath, comment="#")
    pd.testing.assert_frame_equal(from_zip, from_csv)
    title = json.loads(archive.read(f"{stem}/metadata.json"))["title"]
    assert title == "Gift exchange: the signed book, and writings in return (modified)"


@pytest.mark.parametrize("out, words", [
    ("brief.docx", ["allowed formats", *FORMATS]),
    ("brief", ["no extension", *FORMATS]),
    ("folder.zip/", ["folder"]),
    ("/proc/pacnet.zip", ["cannot be written"]),
])
def test_a_bad_out_exits_2_and_leaves_no_file(out: str, words: list[str], tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    target = out if out.startswith("/") else str(tmp_path / out)
    if out.endswith("/"):
        (tmp_path / out).mkdir()
    before = sorted(tmp_path.iterdir())
    assert main(["report", "--scenario", "gift_exchange", *SMALL, "--out", target]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and err.count("\n") == 1 and all(w in err for w in words)
    assert sorted(tmp_path.iterdir()) == before


def test_figure_without_chromium_exits_2_and_other_formats_still_work(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "burst.svg"
    assert main(["figure", "burst", *SMALL, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error:") and "Chromium" in err and "BROWSER_PATH" in err and not out.exists()
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-such-browser"))
    assert main(["figure", "burst", *SMALL, "--out", str(out)]) == 2
    assert "BROWSER_PATH" in capsys.readouterr().err and not out.exists()
    assert main(["report", "--scenario", "gift_exchange", *SMALL, "--out", str(tmp_path / "g.zip")]) == 0


def test_figure_refuses_an_unknown_chart_or_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["figure", "pie", "--out", str(tmp_path / "x.svg")]) == 2
    assert "balloon" in capsys.readouterr().err
    assert main(["figure", "burst", "--out", str(tmp_path / "x.jpg")]) == 2
    err = capsys.readouterr().err
    assert ".svg" in err and ".png" in err and list(tmp_path.iterdir()) == []
    assert main(["figure", "burst", "--width", "5", "--out", str(tmp_path / "x.svg")]) == 2
    assert capsys.readouterr().err.startswith("error: --width:") and list(tmp_path.iterdir()) == []


@needs_chromium
def test_figure_writes_a_parsing_svg_that_is_the_same_every_time(tmp_path: Path) -> None:
    paths = [tmp_path / "a.svg", tmp_path / "b.svg"]
    for path in paths:
        assert main(["figure", "burst", "--scenario", "gift_exchange", *SMALL, "--out", str(path)]) == 0
    root = ElementTree.fromstring(paths[0].read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Baseline" in paths[0].read_text() and "Scenario" in paths[0].read_text()
    assert paths[0].read_bytes() == paths[1].read_bytes()


@needs_chromium
def test_figure_writes_a_png(tmp_path: Path) -> None:
    out = tmp_path / "balloon.png"
    assert main(["figure", "balloon", "--scenario", "gift_exchange", *SMALL, "--out", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_chart_of_the_pages_has_a_name() -> None:
    assert list(CHARTS) == ["balloon", "burst", "pressure", "hostility", "face", "network", "map", "sensitivity",
                            "history"]


@pytest.fixture(scope="module")
def gift_pair() -> tuple[Result, Result]:
    return _pair(_gift())


@needs_chromium
def test_the_slides_carry_native_charts_equal_to_the_result_and_alt_text_everywhere(
        gift_pair: tuple[Result, Result]) -> None:
    from pptx import Presentation

    from pacnet_dashboard.report.slides import alt_text, slides_pptx

    result, baseline = gift_pair
    deck = Presentation(io.BytesIO(slides_pptx(result, baseline, title="Gift", description="d", out="g.pptx")))
    slides = list(deck.slides)
    assert len(slides) == 7  # title, message, balloon, burst, bands, ledger, levers changed
    assert deck.slide_width * 9 == deck.slide_height * 16
    charts = [shape.chart for slide in slides for shape in slide.shapes if shape.has_chart]
    burst = {s.name: list(s.values) for s in charts[0].plots[0].series}
    assert burst["This scenario"] == pytest.approx(result.burst_by_day.tolist())
    assert burst["Baseline"] == pytest.approx(baseline.burst_by_day.tolist())
    pressure = {s.name: list(s.values) for s in charts[1].plots[0].series}
    assert pressure["Scenario: median"] == pytest.approx(result.bands["pressure"].p50.tolist(), rel=1e-6)
    assert pressure["Baseline: 90th percentile"] == pytest.approx(baseline.bands["pressure"].p90.tolist(), rel=1e-6)
    hostility = {s.name: list(s.values) for s in charts[2].plots[0].series}
    assert hostility["DPRK: median"] == pytest.approx(result.bands["hostility_dprk"].p50.tolist(), rel=1e-6)
    for slide in slides:
        for shape in slide.shapes:
            assert alt_text(shape), f"{shape.shape_type} on slide {slides.index(slide) + 1} has no alt text"
    assert any(shape.shape_type == 13 for shape in slides[2].shapes)  # the balloon picture
    assert "python -m pacnet_dashboard report" in slides[0].notes_slide.notes_text_frame.text
    texts = " ".join(shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame)
    assert "Daniels" in texts and f"{100 * result.burst_probability:.0f}%" in texts


@needs_chromium
def test_the_slides_of_the_baseline_skip_the_levers_slide() -> None:
    from pptx import Presentation

    from pacnet_dashboard.report.slides import slides_pptx

    base = bundled("baseline").scenario.model_copy(update={"runs": 200, "horizon_days": 90})
    result, baseline = _pair(base)
    deck = Presentation(io.BytesIO(slides_pptx(result, baseline, title="Baseline", description="", out="b.pptx")))
    assert len(deck.slides) == 6


@needs_chromium
@pytest.mark.parametrize("paper, size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_the_pdf_shows_the_pop_chances_and_its_footer_on_every_page(paper: str, size: tuple[int, int],
                                                                     gift_pair: tuple[Result, Result]) -> None:
    from pypdf import PdfReader

    from pacnet_dashboard.report.pdf import brief_pdf

    result, baseline = gift_pair
    reader = PdfReader(io.BytesIO(brief_pdf(result, baseline, title="Gift", description="d", paper=paper)))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Model {MODEL_VERSION}" in text and "illustrative, not a forecast" in text
        assert f"Page {number} of {len(pages)}" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size
    first = " ".join(pages[0].split())
    assert f"Baseline {100 * baseline.burst_probability:.0f}%" in first
    assert f"This scenario {100 * result.burst_probability:.0f}%" in first
    assert not reader.pages[0].images  # the charts are vector, not pictures


def test_report_lists_every_format_in_its_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    shown = capsys.readouterr().out
    assert all(ext in shown for ext in (".html", ".pptx", ".pdf", ".zip", ".csv"))
