"""Data files load, validate, and fail with messages that name the file and the row."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pacnet_dashboard.io.data import (DATA_DIR, SIDES, DataError, load_actors, load_channels, load_gestures,
                                      load_parameters, mutable_actors, principals)
from pacnet_dashboard.model.parameters import default_parameters, parameters_from_rows


def test_catalogue_holds_the_commentary_gestures_with_both_framings() -> None:
    catalogue = load_gestures().by_id()
    book, writings = catalogue["us_book_gift"], catalogue["dprk_writings_gift"]
    assert (book.sender, book.recipient, book.reciprocal) == ("us", "dprk", "dprk_writings_gift")
    assert (writings.sender, writings.recipient) == ("dprk", "us")
    assert "tribute" in book.framing.dprk and "schooling" in book.framing.us
    assert "envoy_prisoner_release" in catalogue


def test_every_parameter_has_value_range_unit_meaning_and_provenance() -> None:
    rows = load_parameters()
    for row in rows:
        assert row.min <= row.value <= row.max and row.unit and row.meaning and row.provenance
    assert parameters_from_rows(rows) == default_parameters()
    assert {r.kind for r in rows} <= {"fit", "source", "calibration", "judgement", "replay", "fixed"}


def test_network_data_has_every_role_of_the_design() -> None:
    roles = {a.role for a in load_actors()}
    assert roles == {"principal", "intermediary", "supporter", "messenger", "channel", "forum"}
    assert len(load_channels()) >= 10


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_parameter_row_names_file_line_and_field(tmp_path: Path) -> None:
    good = (DATA_DIR / "parameters.csv").read_text(encoding="utf-8").splitlines()
    bad = good[:3] + [good[3].replace(",0.10,0.01,0.5,", ",9.0,0.01,0.5,", 1)] + good[4:]
    path = _write(tmp_path, "parameters.csv", "\n".join(bad) + "\n")
    with pytest.raises(DataError, match=r"parameters.csv, line 4: .*outside its range"):
        load_parameters(path)


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda d: d["gestures"][0].update(sender="china"), "sender"),
    (lambda d: d["gestures"][0].update(base_acceptance=1.5), "base_acceptance"),
    (lambda d: d["gestures"][0].update(reciprocal="nothing"), "not in the catalogue"),
    (lambda d: d["gestures"].append(dict(d["gestures"][0])), "unique"),
    (lambda d: d.update(schema_version=9), "schema_version"),
])
def test_bad_catalogue_is_refused_with_the_field(tmp_path: Path, mutate, expected: str) -> None:
    doc = json.loads((DATA_DIR / "gestures.json").read_text(encoding="utf-8"))
    mutate(doc)
    with pytest.raises(DataError, match=expected):
        load_gestures(_write(tmp_path, "gestures.json", json.dumps(doc)))


def test_channel_with_unknown_endpoint_is_refused(tmp_path: Path) -> None:
    text = (DATA_DIR / "channels.csv").read_text(encoding="utf-8").replace("us,china,official", "us,atlantis,official")
    with pytest.raises(DataError, match=r"channels.csv, line 3: endpoint 'atlantis'"):
        load_channels(_write(tmp_path, "channels.csv", text))


@pytest.mark.parametrize(("text", "expected"), [
    ("", "has no rows"),
    ("id,label,role,description,source\nus,US,principal,x,y,extra\n", "more cells"),
    ("id,label,role,description,source\nus,US,emperor,x,y\n", "role"),
])
def test_broken_csv_files_give_clear_errors(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(DataError, match=expected):
        load_actors(_write(tmp_path, "actors.csv", text))


def test_non_utf8_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_bytes(b"id,label\n\xff\xfe,\x81\n")
    with pytest.raises(DataError, match="not UTF-8"):
        load_actors(path)


def test_csv_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (DATA_DIR / "actors.csv").read_bytes())
    assert load_actors(path) == load_actors()


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="missing.json: no such file"):
        load_gestures(tmp_path / "missing.json")


def test_the_principals_come_from_their_role_in_actors_csv(tmp_path: Path) -> None:
    assert principals() == SIDES and not set(SIDES) & set(mutable_actors())
    assert set(principals()) | set(mutable_actors()) == {a.id for a in load_actors()}
    text = (DATA_DIR / "actors.csv").read_text(encoding="utf-8")
    text = text.replace("china,China,intermediary", "china,China,principal")
    with pytest.raises(DataError, match="only us, dprk can have the role 'principal', not china"):
        load_actors(_write(tmp_path, "actors.csv", text))
