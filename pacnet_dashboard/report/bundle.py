"""The self-describing ZIP: the daily table beside the baseline's, the scenario file, metadata.json and a README.

Entries are written in a fixed order with a fixed date (1980-01-01, the ZIP epoch) and fixed permissions, so
the same scenario and seed give a byte-identical archive.
"""

from __future__ import annotations

import io
import zipfile

from pacnet_dashboard.io.data import load_actors, load_channels, load_gestures
from pacnet_dashboard.model.simulate import Result
from pacnet_dashboard.report.method import CITATION, LIMITATIONS
from pacnet_dashboard.report.metadata import (DATA_LICENCE, ILLUSTRATIVE, daily_csv, file_stem, metadata,
                                              metadata_json)
from pacnet_dashboard.scenario import to_file_json

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def _readme(meta: dict, stem: str, description: str) -> str:
    """The archive's README: what each file holds, the citation, the sources and the licence."""
    r = meta["results"]
    changed = [f"- {row['label']}: {row['words']} (baseline: {row['baseline_words']})"
               for row in meta["levers"] if row["changed"]]
    gesture_sources = sorted({g.source for g in load_gestures().gestures})
    lines = [
        f"# {meta['title']}",
        "",
        description,
        "",
        ILLUSTRATIVE,
        "",
        f"Model version {meta['model_version']}, seed {meta['seed']}, {meta['runs']:,} Monte Carlo runs, horizon "
        f"{meta['horizon_days']} days. Chance of a pop by the horizon: {100 * r['burst_probability']:.1f}% "
        f"(standard error {100 * r['burst_probability_standard_error']:.1f} points) against "
        f"{100 * r['baseline_burst_probability']:.1f}% in the baseline.",
        "",
        "## Files",
        "",
        f"- `{stem}_daily.csv`: one row per day; `burst_probability` is the share of runs popped by that day, and "
        "`<series>_p10/_p50/_p90` are percentiles over the runs of pressure (model units), hostility (0-10) and "
        "face (-1 to 1) of each side. The `baseline_` columns are the same for the bundled baseline at the same "
        "seed, runs and horizon.",
        f"- `{stem}_scenario.json`: the scenario file; open it in the dashboard's lab or pass it to `--scenario`.",
        "- `metadata.json`: model version, seed, runs, every lever (value, baseline value, unit, meaning, "
        "provenance), the parameter table with its provenance, the results and the command that reproduces them.",
        "",
        "## Levers changed from the baseline",
        "",
        *(changed or ["- none"]),
        "",
        "## Reproduce",
        "",
        f"    {meta['reproduce']}",
        "",
        "## Citation",
        "",
        f"The model makes explicit the argument of {CITATION} The commentary is paraphrased as model mechanisms, "
        "never quoted.",
        "",
        "## Sources",
        "",
        "- Parameters: each row of `parameters` in metadata.json names its provenance (judgement, calibration or a "
        "fit), with its range and unit.",
        f"- Gestures: {'; '.join(gesture_sources)}",
        f"- Actors ({len(load_actors())}) and channels ({len(load_channels())}) of the intermediary network: each "
        "actor names its source and each channel its provenance in the project's data files (actors.csv, "
        "channels.csv); judgement is flagged as such.",
        "",
        "## Limits",
        "",
        *[f"- {item}" for item in LIMITATIONS],
        "",
        "## Licence",
        "",
        DATA_LICENCE,
        "",
    ]
    return "\n".join(lines)


def bundle_zip(result: Result, baseline: Result, *, name: str, title: str, description: str) -> bytes:
    """The ZIP archive's bytes; byte-identical for the same scenario and seed."""
    stem = file_stem(name, result.scenario)
    meta = metadata(result, baseline, name=name, title=title, out=f"{stem}.zip")
    entries = [
        ("README.md", _readme(meta, stem, description)),
        (f"{stem}_daily.csv", daily_csv(result, baseline)),
        (f"{stem}_scenario.json", to_file_json(result.scenario, name=name, title=title, description=description)),
        ("metadata.json", metadata_json(meta)),
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for arcname, text in entries:
            info = zipfile.ZipInfo(f"{stem}/{arcname}", date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buf.getvalue()
