"""Hostile input at every door of the core and the CLI: random bytes and text give an `error:` line and exit 2
(or a normal result), never a trace; outputs are regular files with the umask's permissions; long jobs ask first."""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pacnet_dashboard.analysis import sweep
from pacnet_dashboard.cli import main
from pacnet_dashboard.io import data
from pacnet_dashboard.io.data import parse_json
from pacnet_dashboard.io.errors import ClusterError, DataError
from pacnet_dashboard.io.text import inert, parse_float, parse_int
from pacnet_dashboard.scenario import (Scenario, ScenarioError, from_strings, lever_specs, scenario_file_from_text,
                                       to_strings)

ROOT = Path(__file__).resolve().parent.parent
FAST = ["--runs", "100", "--horizon", "30"]
UNSAFE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
OUT_CSV = str(Path(tempfile.gettempdir()) / "pacnet-hostile-sweep.csv")
hostile_text = st.text(st.characters(codec=None), max_size=80) | st.sampled_from(
    ["\x1b[31m", "\u202eevil", "\ud800", "9" * 5000, "-0", "١٠٠", "1_0", "nan", "inf", "1e999", "", " ", "\n"])


def cli(*argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process with fresh text streams; returns the exit status, stdout and stderr."""
    out, err = io.TextIOWrapper(io.BytesIO(), "utf-8"), io.TextIOWrapper(io.BytesIO(), "utf-8", "backslashreplace")
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = main(list(argv))
    finally:
        sys.stdout, sys.stderr = saved
    return code, _value(out), _value(err)


def _value(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")


def assert_refused_or_ran(code: int, err: str) -> None:
    """Exit 0, or exit 2 with one inert `error:` line; never a traceback."""
    assert "Traceback" not in err
    if code != 0:
        lines = err.splitlines()
        assert code == 2 and len(lines) == 1 and lines[0].startswith("error: "), (code, err)
        assert not any(unicodedata.category(ch) in UNSAFE for ch in lines[0]), lines[0]


# ---- the shared mechanisms ----------------------------------------------------------------------------------

@given(hostile_text, st.integers(1, 300))
def test_inert_text_has_no_control_or_format_characters_and_is_bounded(text: str, limit: int) -> None:
    shown = inert(text, limit)
    assert not any(unicodedata.category(ch) in UNSAFE for ch in shown)
    assert len(text) <= limit or shown.endswith(f"({len(text) - limit:,} more characters)")


@given(hostile_text)
def test_the_number_parsers_take_ascii_digits_only(text: str) -> None:
    for parse in (parse_int, parse_float):
        value = parse(text)
        if value is not None:
            assert text.strip().isascii()
    assert parse_float("-0") == 0.0 and str(parse_float("-0")) == "0.0"


@given(st.binary(max_size=300) | hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_the_json_reader_is_total(raw: bytes) -> None:
    try:
        parse_json(raw.decode("utf-8", "surrogateescape"), "file.json")
    except DataError as exc:
        assert len(str(exc)) < 500 and not any(unicodedata.category(ch) in UNSAFE for ch in str(exc))


@pytest.mark.parametrize(("text", "says"), [
    ('{"runs": ' + "9" * 5000 + "}", "5,000 digits"),
    ('{"model_version": "\\ud800"}', "lone surrogate"),
    ('{"\\ud800": 1}', "lone surrogate"),
    ('{"runs": 1, "runs": 2}', "the key runs appears twice"),
    ('{"a": {"b": 1, "b": 2}}', "the key b appears twice"),
    ('{"x": NaN}', "NaN"),
    ('{"x": 1e999}', "finite"),
])
def test_the_json_reader_refuses_with_a_reason(text: str, says: str) -> None:
    with pytest.raises(DataError, match=says):
        parse_json(text, "file.json")


def test_one_bom_policy_for_files_and_uploads(tmp_path: Path) -> None:
    text = json.dumps({"schema_version": 1, "name": "bom", "scenario": {"runs": 100}})
    assert scenario_file_from_text("\ufeff" + text, "uploaded file").scenario.runs == 100
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    code, out, err = cli("simulate", "--scenario", str(path), "--horizon", "30")
    assert code == 0 and json.loads(out)["runs"] == 100


@given(st.binary(max_size=400) | hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_the_upload_parser_is_total(raw: bytes) -> None:
    text = raw.decode("utf-8", "replace")
    for doc in (text, '{"schema_version": 1, "name": "x", "scenario": ' + text + "}"):
        try:
            scenario_file_from_text(doc, "uploaded file")
        except ScenarioError as exc:
            assert exc.field and str(exc)


@given(st.sampled_from(sorted(lever_specs())), hostile_text)
def test_the_codec_is_total(name: str, text: str) -> None:
    try:
        scenario = from_strings({name: text})
    except ScenarioError as exc:
        assert exc.field == name
        assert "\x1b" not in str(exc) and "\u202e" not in str(exc)
    else:
        assert "-0.0" not in scenario.model_dump_json()


@given(st.binary(max_size=400))
def test_data_files_are_total(raw: bytes) -> None:
    path = Path(tempfile.gettempdir()) / f"pacnet-hostile-{os.getpid()}-actors.csv"
    path.write_bytes(b"id,label,role,description,source\n" + raw)
    try:
        data.load_actors.__wrapped__(path)
    except DataError as exc:
        assert len(str(exc)) < 2000
    finally:
        path.unlink()


def test_a_huge_data_file_gives_a_bounded_error(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    path.write_text("id,label,role,description,source\n" + "x," * 200_000 + "\n")
    with pytest.raises(DataError) as err:
        data.load_actors.__wrapped__(path)
    assert len(str(err.value)) < 2000


# ---- the CLI doors ------------------------------------------------------------------------------------------

@settings(max_examples=15)
@given(st.sampled_from(sorted(lever_specs())), hostile_text)
def test_set_is_total(name: str, text: str) -> None:
    code, _, err = cli("simulate", *FAST, "--set", f"{name}={text}")
    assert_refused_or_ran(code, err)


NOWHERE = "ucx://nowhere:1"  # refused after every option is parsed, so no sweep ever starts


@settings(max_examples=15)
@given(hostile_text)
def test_vary_is_total(vary: str) -> None:
    code, _, err = cli("sweep", "--vary", vary, "--scheduler", NOWHERE, "--quiet", "--out", OUT_CSV)
    assert code == 2
    assert_refused_or_ran(code, err)


@settings(max_examples=15)
@given(st.sampled_from(["--samples", "--workers", "--design", "--seeds"]), hostile_text)
def test_sweep_options_are_total(flag: str, text: str) -> None:
    code, _, err = cli("sweep", "--vary", "us_rhetoric=0:1", "--design", "lhs", "--samples", "2", flag, text,
                       "--scheduler", NOWHERE, "--quiet", "--out", OUT_CSV)
    assert code == 2
    assert_refused_or_ran(code, err)


@settings(max_examples=15)
@given(st.sampled_from(["--runs", "--seed", "--horizon"]), hostile_text)
def test_scenario_options_are_total(flag: str, text: str) -> None:
    args = {"--runs": "100", "--horizon": "30"} | {flag: text}
    code, _, err = cli("simulate", *[a for kv in args.items() for a in kv])
    assert_refused_or_ran(code, err)


@settings(max_examples=10)
@given(st.sampled_from(["--trajectories", "--samples", "--spread", "--method"]), hostile_text)
def test_sensitivity_options_are_total(flag: str, text: str) -> None:
    code, _, err = cli("sensitivity", "--levers-only", "--runs", "100", "--horizon", "30", "--trajectories", "2",
                       flag, text)
    assert_refused_or_ran(code, err)


@settings(max_examples=15)
@given(st.binary(max_size=300))
def test_scenario_files_are_total(raw: bytes) -> None:
    path = Path(tempfile.gettempdir()) / f"pacnet-hostile-{os.getpid()}.json"
    path.write_bytes(raw)
    try:
        code, _, err = cli("simulate", *FAST, "--scenario", str(path))
    finally:
        path.unlink()
    assert_refused_or_ran(code, err)


def test_terminal_output_is_inert(tmp_path: Path) -> None:
    code, _, err = cli("simulate", *FAST, "--set", "us_rhetoric=\x1b[31mred\u202e")
    assert code == 2 and "\x1b" not in err and "\u202e" not in err and "\\x1b" in err
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"schema_version": 1, "name": "old", "model_version": "0.1\nerror: forged",
                                "scenario": {}}))
    code, _, err = cli("simulate", *FAST, "--scenario", str(path))
    assert code == 0 and err.count("\n") == 1 and err.startswith("note: ") and "\\x0aerror: forged" in err


def test_a_long_value_is_cut_with_a_count() -> None:
    code, _, err = cli("simulate", *FAST, "--set", "us_rhetoric=" + "x" * 10_000)
    assert code == 2 and "more characters)" in err and len(err) < 1000


# ---- outputs ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_out_refuses_anything_but_a_regular_file_before_any_work(kind: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = {"fifo": tmp_path / "fifo", "folder": tmp_path, "device": Path("/dev/null")}[kind]
    if kind == "fifo":
        os.mkfifo(target)
    monkeypatch.setattr("pacnet_dashboard.cli.simulate.simulate", _no_work)
    code, out, err = cli("simulate", *FAST, "--out", str(target))
    assert code == 2 and out == "" and err.startswith("error: ")
    assert not stat.S_ISREG(target.stat().st_mode)


def _no_work(*args: object, **kwargs: object) -> None:
    raise AssertionError("work started before --out was checked")


def test_out_follows_a_symlink_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "target.json"
    target.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    assert cli("simulate", *FAST, "--out", str(link))[0] == 0
    assert link.is_symlink() and json.loads(target.read_text())["runs"] == 100


def test_out_refuses_a_symlink_to_a_device(tmp_path: Path) -> None:
    link = tmp_path / "null.json"
    link.symlink_to("/dev/null")
    code, _, err = cli("simulate", *FAST, "--out", str(link))
    assert code == 2 and "regular files only" in err and link.is_symlink()


def test_new_files_get_the_umask_and_old_files_keep_their_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert cli("simulate", *FAST, "--out", str(tmp_path / "new.json"))[0] == 0
        kept = tmp_path / "kept.json"
        kept.write_text("{}")
        kept.chmod(0o604)
        assert cli("simulate", *FAST, "--out", str(kept))[0] == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640
    assert stat.S_IMODE(kept.stat().st_mode) == 0o604 and json.loads(kept.read_text())["runs"] == 100


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(["sh", "-c", command], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)


CLI = f"'{sys.executable}' -m pacnet_dashboard"


@pytest.mark.parametrize(("redirect", "code", "says"), [
    (">/dev/full", 74, "No space left"), (">&-", 74, "closed"),
])
def test_stdout_failures_end_with_a_clear_status_and_no_trace(redirect: str, code: int, says: str) -> None:
    done = _shell(f"{CLI} simulate --runs 100 --horizon 30 {redirect}")
    assert done.returncode == code and says in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1


def test_a_reader_that_goes_away_is_not_a_trace() -> None:
    done = _shell(f"{CLI} simulate --runs 100 --horizon 730 | head -c 10 >/dev/null")
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr


def test_bad_input_with_stderr_closed_still_exits_2() -> None:
    assert _shell(f"{CLI} simulate --runs many 2>&-").returncode == 2


def test_a_scenario_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    code, _, err = cli("simulate", *FAST, "--scenario", str(fifo))
    assert code == 2 and "not a regular file" in err


# ---- long jobs and clusters ---------------------------------------------------------------------------------

def test_a_huge_sweep_exits_2_with_its_estimate_before_any_work(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sweep, "run_sweep", _no_work)
    code, _, err = cli("sweep", "--vary", "us_rhetoric=0:10:1000", "--vary", "dprk_rhetoric=0:10:1000",
                       "--runs", "100000", "--horizon", "730", "--quiet", "--out", str(tmp_path / "s.csv"))
    assert code == 2 and "1,000,000 simulations" in err and "--yes" in err and "estimated" in err


def test_a_huge_sensitivity_analysis_exits_2_with_its_estimate() -> None:
    code, out, err = cli("sensitivity", "--method", "sobol", "--samples", "65536")
    assert code == 2 and out == "" and "simulations" in err and "--yes" in err


def test_a_small_sweep_prints_its_estimate_and_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sweep, "run_sweep", lambda base, points, **kw: sweep.run_sweep_serial(base, points))
    code, _, err = cli("sweep", "--vary", "us_rhetoric=0:10:2", *FAST, "--out", str(tmp_path / "s.csv"))
    assert code == 0 and err.startswith("sweep: 2 simulations") and "estimated" in err


def test_workers_are_capped_at_the_cores(tmp_path: Path) -> None:
    code, _, err = cli("sweep", "--vary", "us_rhetoric=0:1:2", "--workers", "1024", "--quiet",
                       "--out", str(tmp_path / "s.csv"))
    assert code == 2 and "--workers" in err and "cores" in err


@pytest.mark.parametrize("address", ["ucx://127.0.0.1:1", "inproc://x", "ws://h:1", "tcp://", "host", "tcp://h:x"])
def test_every_scheduler_scheme_fails_cleanly(address: str, tmp_path: Path) -> None:
    code, _, err = cli("sweep", "--vary", "us_rhetoric=0:1:2", *FAST, "--scheduler", address, "--quiet",
                       "--out", str(tmp_path / "s.csv"))
    assert code == 2 and err.startswith("error: --scheduler:")


def test_a_scheduler_that_never_answers_meets_the_deadline() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(server.accept()[0]), daemon=True).start()
    try:
        with pytest.raises(ClusterError, match="no answer within 2 s"):
            sweep.connect(f"tcp://127.0.0.1:{server.getsockname()[1]}", deadline=2)
    finally:
        for s in (*accepted, server):
            s.close()


def test_minus_zero_is_stored_as_zero() -> None:
    scenario = Scenario(us_rhetoric=-0.0, china_mediation=-0.0)
    assert scenario.china_mediation.hex() == "0x0.0p+0" and scenario.us_rhetoric.first.hex() == "0x0.0p+0"
    assert "-0" not in scenario.model_dump_json() and "-0" not in str(to_strings(scenario))
