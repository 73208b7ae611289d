"""Loading and validating everything in `data/`.

This is the only module of the core that reads files (besides the CLI's writes). Every loader validates rows
with pydantic and raises `DataError(file, detail)` naming the file and row, so a broken data file never surfaces as a
stack trace deep in the model.
"""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import date
from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from pacnet_dashboard.io.errors import DataError
from pacnet_dashboard.io.text import MAX_INT_DIGITS, has_lone_surrogate, inert, parse_float, parse_int

DATA_DIR: Traversable = files("pacnet_dashboard") / "data"
"""The data files shipped inside the package, read through importlib.resources: a checkout and an installed copy
read the same files."""
Side = Literal["us", "dprk"]
SIDES: tuple[str, ...] = get_args(Side)
"""The two principals a gesture passes between; actors.csv must give exactly these the role 'principal'."""
Unit = Annotated[float, Field(ge=0.0, le=1.0)]

CSV_MAX_BYTES = 10_000_000
_T = TypeVar("_T", bound=BaseModel)


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, str_strip_whitespace=True)


class SideValues(_Row):
    us: float
    dprk: float


class SideTexts(_Row):
    us: str = Field(min_length=1)
    dprk: str = Field(min_length=1)


class Gesture(_Row):
    """One catalogue entry: what a side can offer, what it releases, and how each side can frame it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    mark: str | None = Field(default=None, min_length=1, max_length=40,
                             description="what happens, in a few words, for marks on a timeline ('book sent')")
    sender: Side
    recipient: Side
    release: float = Field(ge=0, le=100, description="pressure released when accepted (pressure units)")
    backfire: float = Field(ge=0, le=100, description="pressure added when rejected (pressure units)")
    face_loss_on_rejection: Unit
    base_acceptance: float = Field(gt=0, lt=1)
    gain: SideValues
    framing: SideTexts
    reciprocal: str | None
    lag_days: int = Field(ge=0, le=365)
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _two_sides(self) -> Gesture:
        if self.sender == self.recipient:
            raise ValueError("sender and recipient must differ")
        if self.reciprocal is not None and self.lag_days < 1:
            raise ValueError("a gesture with a reciprocal needs lag_days >= 1")
        return self


class GestureCatalogue(_Row):
    schema_version: Literal[1]
    gestures: tuple[Gesture, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids(self) -> GestureCatalogue:
        ids = [g.id for g in self.gestures]
        if len(set(ids)) != len(ids):
            raise ValueError("gesture ids must be unique")
        for g in self.gestures:
            if g.reciprocal is not None and g.reciprocal not in ids:
                raise ValueError(f"gesture {g.id!r}: reciprocal {g.reciprocal!r} is not in the catalogue")
        return self

    def by_id(self) -> dict[str, Gesture]:
        return {g.id: g for g in self.gestures}


class ParameterRow(_Row):
    """One model parameter with its provenance; the Method page shows these rows as they are."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    symbol: str
    value: float
    min: float
    max: float
    unit: str = Field(min_length=1)
    meaning: str = Field(min_length=1)
    kind: Literal["fit", "source", "calibration", "judgement", "replay", "fixed"]
    provenance: str = Field(min_length=1)

    @model_validator(mode="after")
    def _in_range(self) -> ParameterRow:
        if not self.min <= self.value <= self.max:
            raise ValueError(f"value {self.value} lies outside its range [{self.min}, {self.max}]")
        return self


Role = Literal["principal", "intermediary", "supporter", "messenger", "channel", "forum"]
ChannelType = Literal["official", "intermediary", "track2", "media", "unofficial", "alliance"]


class Actor(_Row):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)
    role: Role
    description: str = Field(min_length=1)
    source: str = Field(min_length=1)


class Channel(_Row):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    source: str
    target: str
    type: ChannelType
    base_strength: float = Field(gt=0, le=1)
    open: bool
    description: str = Field(min_length=1)
    provenance: str = Field(min_length=1)


GOLDSTEIN_BY_ROOT = {1: 0.0, 2: 3.0, 3: 4.0, 4: 1.0, 5: 3.5, 6: 6.0, 7: 7.0, 8: 5.0, 9: -2.0, 10: -5.0,
                     11: -2.0, 12: -4.0, 13: -6.0, 14: -6.5, 15: -7.2, 16: -4.0, 17: -7.0, 18: -9.0, 19: -10.0,
                     20: -10.0}
"""Goldstein score of each CAMEO root code (the two-digit rows of GDELT's CAMEO.goldsteinscale.txt)."""
EVENTS_START, EVENTS_END = date(2017, 1, 1), date(2019, 12, 31)
EventCategory = Literal["weapons_test", "nuclear_test", "threat", "insult", "demand", "rejection", "sanctions",
                        "exercise", "military_posture", "alliance", "statement", "letter", "talks", "visit", "summit",
                        "concession", "gesture", "gift", "detainee_release", "aid", "mediation"]


class Event(_Row):
    """One row of the 2017-2019 record; data/README.md documents the columns and the coding conventions."""

    date: date
    date_uncertain: bool
    actor: str
    target: str
    category: EventCategory
    direction: Literal["escalation", "de-escalation", "neutral"]
    cameo_root: int = Field(ge=1, le=20, description="CAMEO root code, written with two digits")
    goldstein: float = Field(ge=-10, le=10)
    description: str = Field(min_length=1)
    source: str = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Event:
        if not EVENTS_START <= self.date <= EVENTS_END:
            raise ValueError(f"date {self.date} lies outside {EVENTS_START} to {EVENTS_END}")
        expected = GOLDSTEIN_BY_ROOT[self.cameo_root]
        if self.goldstein != expected:
            raise ValueError(f"goldstein {self.goldstein} does not match {expected} for CAMEO root "
                             f"{self.cameo_root:02d}")
        if self.direction == "escalation" and self.goldstein > 0:
            raise ValueError("an escalation needs a Goldstein score <= 0")
        if self.direction == "de-escalation" and self.goldstein < 0:
            raise ValueError("a de-escalation needs a Goldstein score >= 0")
        return self


def _describe(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "row"
    return f"{inert(where)}: {inert(first['msg'], 300)}"


def _read_csv(path: Traversable, model: type[_T]) -> tuple[_T, ...]:
    text = read_text(path, max_bytes=CSV_MAX_BYTES)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        rows = list(reader)
    except csv.Error as exc:
        raise DataError(path.name, f"not a valid CSV file ({inert(exc, 200)})") from None
    out = []
    for line, row in enumerate(rows, start=2):
        if None in row:
            raise DataError(f"{path.name}, line {line}", f"more cells than the {len(reader.fieldnames or [])} columns")
        try:
            out.append(model.model_validate({k: (v if v != "" else None) for k, v in row.items()}))
        except ValidationError as exc:
            raise DataError(f"{path.name}, line {line}", _describe(exc)) from None
    if not out:
        raise DataError(path.name, "has no rows")
    return tuple(out)


def _unique(path: Traversable, ids: list[str]) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise DataError(path.name, f"id {i!r} appears twice")
        seen.add(i)


def read_text(path: Traversable, *, max_bytes: int) -> str:
    """Read a UTF-8 regular file of bounded size; a FIFO, device or folder is refused before any read blocks.
    Package data that is not on a file system (a zip) is read through its own `open`."""
    name = inert(path, 200)
    if not isinstance(path, Path):
        try:
            with path.open("rb") as fh:
                return _decoded(fh.read(max_bytes + 1), name, max_bytes)
        except OSError as exc:
            raise DataError(name, f"cannot be read ({exc.strerror or exc})") from None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise DataError(name, "no such file") from None
    except OSError as exc:
        raise DataError(name, f"cannot be read ({exc.strerror})") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            os.close(fd)
            kind = "a folder" if stat.S_ISDIR(mode) else "a device, FIFO or socket"
            raise DataError(name, f"is {kind}, not a regular file; allowed: a JSON or CSV file")
        with os.fdopen(fd, "rb") as fh:
            return _decoded(fh.read(max_bytes + 1), name, max_bytes)
    except OSError as exc:
        raise DataError(name, f"cannot be read ({exc.strerror})") from None


def _decoded(raw: bytes, name: str, max_bytes: int) -> str:
    """UTF-8 text of at most `max_bytes`, without one leading byte-order mark."""
    if len(raw) > max_bytes:
        raise DataError(name, f"is larger than {max_bytes} bytes, the most allowed")
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise DataError(name, "is not UTF-8 text") from None


def read_json(path: Traversable, *, max_bytes: int) -> Any:
    """Read and parse a JSON file of bounded size."""
    return parse_json(read_text(path, max_bytes=max_bytes), str(path))


def _holds_surrogate(value: Any) -> bool:
    """A string, or a list of them, with a lone surrogate (objects inside are checked by their own hook)."""
    if isinstance(value, str):
        return has_lone_surrogate(value)
    return isinstance(value, list) and any(_holds_surrogate(v) for v in value)


def parse_json(text: str, where: str) -> Any:
    """The one JSON reader of every door (files, uploads): strict and total.

    One leading UTF-8 byte-order mark is accepted (editors on Windows write it). Duplicate keys are refused,
    naming the key; NaN and Infinity are refused, as JSON itself refuses them; whole numbers go through the
    shared ASCII parser (at most 12 digits), so a 5,000-digit number is an error, not a crash; text holding a
    lone surrogate (`\\ud800`) is refused, since nothing could show or save it.
    """
    where = inert(where, 200)

    def _no_constants(name: str) -> Any:
        raise DataError(where, f"{name} is not allowed; use a finite number")

    def _int(digits: str) -> int:
        value = parse_int(digits)
        if value is None:
            raise DataError(where, f"the number {inert(digits, 20)} has {len(digits.lstrip('-')):,} digits; "
                            f"allowed: at most {MAX_INT_DIGITS}")
        return value

    def _float(number: str) -> float:
        value = parse_float(number)
        if value is None:
            raise DataError(where, f"the number {inert(number, 20)} is not allowed; use a finite number "
                            f"with at most 15 digits before the point")
        return value

    def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise DataError(where, f"the key {inert(key)!s} appears twice; give each key once")
            if has_lone_surrogate(key) or _holds_surrogate(value):
                raise DataError(where, f"{inert(key)} holds a lone surrogate (an escape such as \\ud800); "
                                "allowed: valid Unicode text")
            out[key] = value
        return out

    try:
        return json.loads(text.removeprefix("\ufeff"), parse_constant=_no_constants, parse_int=_int,
                          parse_float=_float, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        raise DataError(where, f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except RecursionError:
        raise DataError(where, "nested too deeply") from None


@lru_cache(maxsize=4)
def load_gestures(path: Traversable = DATA_DIR / "gestures.json") -> GestureCatalogue:
    raw = read_json(path, max_bytes=1_000_000)
    try:
        return GestureCatalogue.model_validate(raw)
    except ValidationError as exc:
        raise DataError(path.name, _describe(exc)) from None


@lru_cache(maxsize=4)
def load_parameters(path: Traversable = DATA_DIR / "parameters.csv") -> tuple[ParameterRow, ...]:
    rows = _read_csv(path, ParameterRow)
    _unique(path, [r.name for r in rows])
    return rows


@lru_cache(maxsize=4)
def load_actors(path: Traversable = DATA_DIR / "actors.csv") -> tuple[Actor, ...]:
    rows = _read_csv(path, Actor)
    _unique(path, [r.id for r in rows])
    principal_ids = {r.id for r in rows if r.role == "principal"}
    missing = set(SIDES) - principal_ids
    if missing:
        raise DataError(path.name, f"the principals {sorted(missing)} are missing")
    if principal_ids - set(SIDES):
        raise DataError(path.name, f"only {', '.join(SIDES)} can have the role 'principal', not "
                                   f"{', '.join(sorted(principal_ids - set(SIDES)))}")
    return rows


def principals() -> tuple[str, ...]:
    """The actors with the role 'principal' in actors.csv (the two leaders who must save face)."""
    return tuple(a.id for a in load_actors() if a.role == "principal")


def mutable_actors() -> tuple[str, ...]:
    """The actors that can be muted: everyone but the principals, in the order of actors.csv."""
    return tuple(a.id for a in load_actors() if a.role != "principal")


@lru_cache(maxsize=4)
def load_channels(path: Traversable = DATA_DIR / "channels.csv",
                  actors_path: Traversable = DATA_DIR / "actors.csv") -> tuple[Channel, ...]:
    rows = _read_csv(path, Channel)
    _unique(path, [r.id for r in rows])
    known = {a.id for a in load_actors(actors_path)}
    pairs: dict[frozenset[str], str] = {}
    for line, ch in enumerate(rows, start=2):
        for end in (ch.source, ch.target):
            if end not in known:
                raise DataError(f"{path.name}, line {line}", f"endpoint {end!r} is not an actor in {actors_path.name}")
        if ch.source == ch.target:
            raise DataError(f"{path.name}, line {line}", "a channel must join two different actors")
        pair = frozenset((ch.source, ch.target))
        if pair in pairs:
            raise DataError(f"{path.name}, line {line}", f"{ch.source!r} and {ch.target!r} are already joined by "
                            f"channel {pairs[pair]!r}; allowed: one channel per pair of actors")
        pairs[pair] = ch.id
    return rows


@lru_cache(maxsize=4)
def load_replay_gestures(path: Traversable = DATA_DIR / "replay_gestures.json") -> GestureCatalogue:
    """Generic gestures that the historical replay uses where no catalogue gesture fits an event."""
    return load_gestures(path)


@lru_cache(maxsize=4)
def load_events(path: Traversable = DATA_DIR / "events_2017_2019.csv",
                actors_path: Traversable = DATA_DIR / "actors.csv") -> tuple[Event, ...]:
    """The 2017-2019 event record, validated row by row: dates, codes, scores and known actors."""
    rows = _read_csv(path, Event)
    known = {a.id for a in load_actors(actors_path)}
    for line, ev in enumerate(rows, start=2):
        for column in ("actor", "target"):
            value = getattr(ev, column)
            if value not in known:
                raise DataError(f"{path.name}, line {line}",
                                f"{column} {value!r} is not an actor in {actors_path.name} "
                                f"(allowed: {', '.join(sorted(known))})")
        if ev.actor == ev.target:
            raise DataError(f"{path.name}, line {line}", "actor and target must differ")
    return rows


@lru_cache(maxsize=4)
def load_history_fit(path: Traversable = DATA_DIR / "history_fit.csv") -> tuple[ParameterRow, ...]:
    """Values fitted to the 2017-2019 record, in the schema of parameters.csv; every row must be a fit of a
    parameter that the table knows."""
    rows = _read_csv(path, ParameterRow)
    _unique(path, [r.name for r in rows])
    known = {r.name for r in load_parameters()}
    for line, row in enumerate(rows, start=2):
        if row.name not in known:
            raise DataError(f"{path.name}, line {line}", f"{row.name!r} is not a parameter in parameters.csv")
        if row.kind != "fit" or not row.provenance.startswith("fit:"):
            raise DataError(f"{path.name}, line {line}", "kind must be 'fit' and provenance must start with 'fit:'")
    return rows
