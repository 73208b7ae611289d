"""The Scenario: the single vocabulary of every lever, and its codecs.

Widgets, the URL, scenario JSON files and the CLI's `--set` all read and write these field names, ranges and
help texts. Nothing else keeps a second list of levers.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from pydantic_core import core_schema

from pacnet_dashboard import MODEL_VERSION
from pacnet_dashboard.io.data import (DATA_DIR, ParameterRow, load_channels, load_gestures, load_parameters,
                                      mutable_actors, parse_json, read_text)
from pacnet_dashboard.io.errors import BeyondHorizonError, DataError, ScenarioError
from pacnet_dashboard.io.text import inert, parse_float, parse_int

SCENARIO_DIR = DATA_DIR / "scenarios"
SCENARIO_FILE_MAX_BYTES = 64 * 1024
SCHEMA_VERSION = 1
MAX_SCHEDULE_STEPS = 8
ASSUMPTIONS = "assumptions"
"""The field of per-scenario parameter overrides; one override is written `assumptions.NAME=VALUE`."""
ASSUMPTION_PREFIX = f"{ASSUMPTIONS}."
ASSUMPTION_KIND = "judgement"
"""The parameter table's kind of row a scenario may override: calibrated, fitted and sourced values stay."""
BUNDLED_ORDER = ("baseline", "gift_exchange", "full_package", "escalation")


HORIZON_FIELD = "horizon_days"
"""The field that bounds every day in a scenario (gesture days, schedule steps)."""
RUNS_FIELD = "runs"
"""The field that sets a simulation's cost (and its sampling error)."""


def _lever(default: Any, *, label: str, unit: str, help: str, provenance: str, group: str, step: float | None = None,
           ge: float | None = None, le: float | None = None, strict: bool = True, ids_from: str | None = None) -> Any:
    extra = {"label": label, "unit": unit, "provenance": provenance, "group": group}
    if step is not None:
        extra["step"] = step
    if ids_from is not None:
        extra["ids_from"] = ids_from
    if isinstance(default, Schedule):
        # pydantic's ge/le apply to numbers only: a schedule's bounds are checked on each level by the Scenario.
        extra.update(min=ge, max=le)
        return Field(default, description=help, json_schema_extra=extra)
    return Field(default, ge=ge, le=le, strict=strict, description=help, json_schema_extra=extra)


def _number_text(value: float) -> str:
    """The shortest exact text of a number: 7 rather than 7.0, 0.1 rather than 0.1000000001."""
    text = repr(float(value))
    return text.removesuffix(".0") if text.endswith(".0") else text


class Schedule:
    """A level that steps on given days, as `7,3@60` writes it: 7 from day 0, then 3 from day 60.

    `steps` holds (level, from_day) pairs, the first from day 0, days strictly ascending; a plain number is a
    schedule of one step. One type, so rhetoric that changes over time needs no second lever. Immutable and
    hashable (a plain class rather than a dataclass, so pydantic keeps it whole in `model_dump()`).
    """

    __slots__ = ("steps",)
    steps: tuple[tuple[float, int], ...]

    def __init__(self, steps: tuple[tuple[float, int], ...]) -> None:
        # + 0.0 turns -0.0 into 0.0, so a link or a file never shows `-0`
        object.__setattr__(self, "steps", tuple((float(level) + 0.0, int(day)) for level, day in steps))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Schedule is immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Schedule) and self.steps == other.steps

    def __hash__(self) -> int:
        return hash(self.steps)

    def __repr__(self) -> str:
        return f"Schedule({self.encode()!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Schedule, (self.steps,))

    @classmethod
    def constant(cls, level: float) -> Schedule:
        return cls(((float(level), 0),))

    @property
    def first(self) -> float:
        """The level from day 0: what a slider, a sweep, a map or a tornado moves."""
        return self.steps[0][0]

    @property
    def levels(self) -> tuple[float, ...]:
        return tuple(level for level, _ in self.steps)

    @property
    def is_constant(self) -> bool:
        return len(self.steps) == 1

    def with_first(self, level: float) -> Schedule:
        """The same schedule with another level from day 0 (the later steps are kept)."""
        return Schedule(((float(level), 0), *self.steps[1:]))

    def encode(self) -> str:
        """The codec's text: `7` for a constant, `7,3@60` for a step down to 3 on day 60."""
        head, *rest = self.steps
        return ",".join([_number_text(head[0]), *(f"{_number_text(level)}@{day}" for level, day in rest)])

    def describe(self) -> str:
        """Plain words for briefs and captions: `7, then 3 from day 60`."""
        head, *rest = self.steps
        return ", then ".join([f"{head[0]:g}", *(f"{level:g} from day {day}" for level, day in rest)])

    def json_value(self) -> float | str:
        """A constant is written as a number (as 1.x files hold it); a schedule as its text."""
        return self.first if self.is_constant else self.encode()

    @classmethod
    def parse(cls, text: str) -> Schedule:
        """Read `LEVEL` or `LEVEL,LEVEL@DAY,...`; a ValueError says what is wrong with the text."""
        items = [item.strip() for item in text.split(",")]
        if not text.strip():
            raise ValueError("is empty")
        if len(items) > MAX_SCHEDULE_STEPS:
            raise ValueError(f"has {len(items)} steps; at most {MAX_SCHEDULE_STEPS} are allowed")
        steps = []
        for n, item in enumerate(items):
            level_text, sep, day_text = item.partition("@")
            level = parse_float(level_text)
            day = parse_int(day_text) if sep else (0 if n == 0 else None)
            if level is None or day is None:
                what = "not finite" if level_text.strip().lower().lstrip("+-") in ("nan", "inf", "infinity") else \
                    "not a number" if level is None else "missing its day (write LEVEL@DAY)"
                raise ValueError(f"step {n + 1} {item[:40]!r} is {what}")
            steps.append((level, day))
        return cls._checked(tuple(steps))

    @classmethod
    def _checked(cls, steps: tuple[tuple[float, int], ...]) -> Schedule:
        if steps[0][1] != 0:
            raise ValueError(f"the first level holds from day 0 (got day {steps[0][1]}); write it without @DAY")
        for (_, before), (level, day) in zip(steps, steps[1:]):
            if day <= before:
                raise ValueError(f"the step {_number_text(level)}@{day} does not come after day {before}; "
                                 "days must ascend")
        for level, _ in steps:
            if not math.isfinite(level):
                raise ValueError("a level is not finite")
        return cls(steps)

    @classmethod
    def coerce(cls, value: Any) -> Schedule:
        """pydantic's validator: a Schedule, a plain number (JSON, 1.x files) or the codec's text."""
        if isinstance(value, Schedule):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            if not math.isfinite(value):
                raise ValueError("is not finite")
            return cls.constant(value)
        if isinstance(value, str):
            return cls.parse(value)
        raise ValueError(f"must be a number or a schedule text such as '7,3@60', not {type(value).__name__}")

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.coerce, serialization=core_schema.plain_serializer_function_ser_schema(
                lambda s, info: s.json_value() if info.mode == "json" else s, info_arg=True))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^[0-9.]+(,[0-9.]+@[0-9]+)*$"}]}


def assumption_rows() -> dict[str, ParameterRow]:
    """The parameter table's judgement rows by name: the assumptions a scenario may change. Read from the table,
    so a parameter added there is editable with no second list."""
    return {r.name: r for r in load_parameters() if r.kind == ASSUMPTION_KIND}


def _not_an_assumption(name: str) -> str:
    """Why NAME cannot be overridden: a calibrated, fitted or sourced parameter, or no parameter at all."""
    row = next((r for r in load_parameters() if r.name == name), None)
    if row is not None and row.kind == "calibration":  # the list of names would hide the point: no value is allowed
        return (f"the {row.meaning[:1].lower()}{row.meaning[1:]} is calibrated, not an assumption: only the "
                "calibration command changes it (calibrate_theta in pacnet_dashboard.model.calibration, against the "
                "late-2017 expert estimates); every judgement parameter of the table is an assumption")
    why = (f"is a {row.kind} parameter, not an assumption" if row
           else "is not a judgement parameter of the parameter table")
    return f"{why}; allowed names: {', '.join(assumption_rows())}"


def _assumption_allowed(row: ParameterRow) -> str:
    return f"a number from {row.min:g} to {row.max:g} ({row.unit}); the table's value is {row.value:g}"


class Assumptions:
    """A scenario's overrides of judgement parameters, as {name: value}; only values that differ from the table
    are kept, so an empty one means "the table as it is". Immutable and hashable, sorted by name."""

    __slots__ = ("items",)
    items: tuple[tuple[str, float], ...]

    def __init__(self, values: Mapping[str, float] | None = None) -> None:
        object.__setattr__(self, "items", tuple(sorted((str(k), float(v)) for k, v in (values or {}).items())))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Assumptions are immutable")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Assumptions) and self.items == other.items

    def __hash__(self) -> int:
        return hash(self.items)

    def __repr__(self) -> str:
        return f"Assumptions({dict(self.items)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Assumptions, (dict(self.items),))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __str__(self) -> str:
        return ", ".join(f"{key} {value:g}" for key, value in self.items) or "none (the table's values)"

    def as_dict(self) -> dict[str, float]:
        return dict(self.items)

    @classmethod
    def coerce(cls, value: Any) -> Assumptions:
        """pydantic's validator: names from the table's judgement rows, finite numbers within their ranges;
        values equal to the table's are dropped. Refusals name the field `assumptions.NAME` where they can."""
        if isinstance(value, Assumptions):
            value = value.as_dict()
        if not isinstance(value, Mapping):
            raise ScenarioError(ASSUMPTIONS, f"must be an object of NAME: number pairs, not {type(value).__name__}; "
                                             f"allowed names: {', '.join(assumption_rows())}")
        rows, kept = assumption_rows(), {}
        for name, number in value.items():
            row = rows.get(name) if isinstance(name, str) else None
            field = f"{ASSUMPTIONS}.{str(name)[:40]}"
            if row is None:
                raise ScenarioError(field, _not_an_assumption(str(name)))
            if isinstance(number, bool) or not isinstance(number, (int, float)) or not math.isfinite(number):
                raise ScenarioError(field, f"{str(number)[:40]!r} is not a finite number; allowed: "
                                           f"{_assumption_allowed(row)}")
            if not row.min <= number <= row.max:
                raise ScenarioError(field, f"{number:g} lies outside the table's range; allowed: "
                                           f"{_assumption_allowed(row)}")
            if float(number) != row.value:
                kept[name] = float(number)
        return cls(kept)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.coerce, serialization=core_schema.plain_serializer_function_ser_schema(
                lambda a, info: a.as_dict() if info.mode == "json" else a, info_arg=True))

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "object", "additionalProperties": {"type": "number"}}


class GestureTiming(BaseModel):
    """One gesture from the catalogue, made on a given day of the horizon."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    day: Annotated[int, Field(ge=0, strict=True)]

    def encode(self) -> str:
        return f"{self.id}@{self.day}"


class Scenario(BaseModel):
    """Every lever of the dashboard. Frozen and hashable, so it can key caches and replay exactly."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    us_rhetoric: Schedule = _lever(
        Schedule.constant(7.0), ge=0, le=10, step=0.5, label="US rhetoric", unit="0-10 scale", group="Rhetoric",
        help="Intensity of the US president's public belittling and threats (0 = none, 10 = open threats of war). "
             "A schedule such as 7,3@60 lowers it to 3 from day 60.",
        provenance="Judgement: the 2017 war of words ('fire and fury', 'Little Rocket Man') scored 7.")
    dprk_rhetoric: Schedule = _lever(
        Schedule.constant(8.0), ge=0, le=10, step=0.5, label="DPRK rhetoric", unit="0-10 scale", group="Rhetoric",
        help="Intensity of the DPRK's and KCNA's public belittling and threats (0 = none, 10 = open threats of war). "
             "A schedule such as 8,3@60 lowers it to 3 from day 60.",
        provenance="Judgement: KCNA's 2017 statements scored 8, a notch above the US.")
    china_mediation: float = _lever(
        0.3, ge=0, le=1, step=0.05, label="China mediation", unit="0-1 share of full effort", group="Intermediaries",
        help="How actively China sounds out Pyongyang. Scales China's channels and raises acceptance of gestures.",
        provenance="Judgement: China's 2017 role was mostly sanctions, some outreach (0.3).")
    russia_mediation: float = _lever(
        0.2, ge=0, le=1, step=0.05, label="Russia mediation", unit="0-1 share of full effort", group="Intermediaries",
        help="How actively Russia sounds out Pyongyang. Scales Russia's channels and raises acceptance of gestures.",
        provenance="Judgement: Russia's 2017 role was limited (0.2).")
    rok_support: float = _lever(
        0.2, ge=0, le=1, step=0.05, label="South Korea praise", unit="0-1 share of full effort", group="Supporters",
        help="How loudly South Korea praises a US gesture. Multiplies the US face gain and scales the alliance "
             "channel.",
        provenance="Judgement.")
    japan_support: float = _lever(
        0.2, ge=0, le=1, step=0.05, label="Japan praise", unit="0-1 share of full effort", group="Supporters",
        help="How loudly Japan praises a US gesture. Multiplies the US face gain and scales the alliance channel.",
        provenance="Judgement.")
    gestures: tuple[GestureTiming, ...] = _lever(
        (), label="Gestures", unit="gesture id @ day", group="Gestures", strict=False,
        help="Gestures from the catalogue and the day each is made. Written id@day,id@day in links and --set.",
        provenance="Catalogue in data/gestures.json; the gift exchange follows the commentary.")
    closed_channels: tuple[str, ...] = _lever(
        (), label="Closed channels", unit="channel ids", group="Network", strict=False, ids_from="channels",
        help="Channels of the intermediary network that are shut. Fewer channels mean less dialogue.",
        provenance="Channel list in data/channels.csv.")
    muted_actors: tuple[str, ...] = _lever(
        (), label="Muted actors", unit="actor ids", group="Network", strict=False, ids_from="actors",
        help="Actors taken out of the network with all their channels (not the US or the DPRK).",
        provenance="Actor list in data/actors.csv.")
    horizon_days: int = _lever(
        365, ge=30, le=730, step=1, label="Horizon", unit="days", group="Simulation",
        help="How many days the simulation covers; the pop chance is counted up to this day.",
        provenance="Convention: one year, as in the late-2017 expert estimates.")
    runs: int = _lever(
        2000, ge=100, le=100_000, step=100, label="Monte Carlo runs", unit="runs", group="Simulation",
        help="How many simulated futures. More runs give smaller sampling error and take longer.",
        provenance="Convention: 2,000 runs give a standard error under 1.1 points.")
    seed: int = _lever(
        2017, ge=0, le=2**32 - 1, step=1, label="Seed", unit="integer", group="Simulation",
        help="Seed of the random streams. The same scenario and seed always give the same numbers.",
        provenance="Convention.")
    assumptions: Assumptions = Field(
        Assumptions(), description="Judgement parameters of the parameter table changed for this scenario "
        "(only the changes are stored). Written assumptions.NAME=VALUE in links and --set.",
        json_schema_extra={"label": "Assumptions", "unit": "parameter values", "group": "Assumptions",
                           "provenance": "Judgement rows of data/parameters.csv; the calibrated skin strength is "
                                         "not one (only the calibration command changes it)."})

    @field_validator("*", mode="after")
    @classmethod
    def _no_minus_zero(cls, value: Any) -> Any:
        """-0.0 is stored as 0.0, so a link, a file and the JSON never show `-0.0` for a lever set to zero."""
        return value + 0.0 if isinstance(value, float) else value

    @field_validator("gestures", mode="after")
    @classmethod
    def _known_gestures(cls, value: tuple[GestureTiming, ...]) -> tuple[GestureTiming, ...]:
        known = load_gestures().by_id()
        for g in value:
            if g.id not in known:
                raise _refused("gestures", f"unknown gesture id {g.id!r}")
        pairs = [(g.id, g.day) for g in value]
        if len(set(pairs)) != len(pairs):
            twice = next(p for p in pairs if pairs.count(p) > 1)
            raise _refused("gestures", f"{twice[0]!r} is made twice on day {twice[1]}; a gesture may repeat, on "
                                       "different days")
        return tuple(sorted(value, key=lambda g: (g.day, g.id)))

    @field_validator("closed_channels", mode="after")
    @classmethod
    def _known_channels(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        known = {c.id for c in load_channels()}
        for c in value:
            if c not in known:
                raise _refused("closed_channels", f"unknown channel id {c!r}")
        return tuple(sorted(set(value)))

    @field_validator("muted_actors", mode="after")
    @classmethod
    def _known_actors(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        known = set(mutable_actors())
        for a in value:
            if a not in known:
                raise _refused("muted_actors", f"unknown or unmutable actor id {a!r}")
        return tuple(sorted(set(value)))

    @model_validator(mode="after")
    def _days_within_horizon(self) -> Scenario:
        for g in self.gestures:
            if g.day >= self.horizon_days:
                raise BeyondHorizonError("gestures", f"{g.id!r} on day {g.day} lies beyond the horizon of "
                                                     f"{self.horizon_days} days", lever_specs()["gestures"].allowed())
        return self

    @model_validator(mode="after")
    def _schedules_in_range(self) -> Scenario:
        for name, info in type(self).model_fields.items():
            if info.annotation is not Schedule:
                continue
            extra, schedule = info.json_schema_extra or {}, getattr(self, name)
            for level, day in schedule.steps:
                if not extra["min"] <= level <= extra["max"]:
                    raise _refused(name, f"the level {_number_text(level)} lies outside {extra['min']:g} to "
                                         f"{extra['max']:g}")
                if day >= self.horizon_days:
                    raise BeyondHorizonError(name, f"the step on day {day} lies beyond the horizon of "
                                                   f"{self.horizon_days} days", lever_specs()[name].allowed())
        return self


def _refused(name: str, problem: str) -> ScenarioError:
    """A validator's refusal of one field, with what the field allows."""
    return ScenarioError(name, f"{problem}; allowed: {lever_specs()[name].allowed()}")


FieldKind = Literal["float", "schedule", "int", "gestures", "ids", "assumptions"]
_ID_SOURCES = {"channels": lambda: tuple(c.id for c in load_channels()), "actors": mutable_actors}
"""Where the ids of a list field come from (a field's `ids_from`)."""


@dataclass(frozen=True)
class LeverSpec:
    """What a widget, a `--set` parser or a tornado chart needs to know about one Scenario field."""

    name: str
    kind: FieldKind
    label: str
    unit: str
    help: str
    provenance: str
    group: str
    default: Any
    min: float | None = None
    max: float | None = None
    step: float | None = None
    ids_from: str | None = None

    def allowed(self) -> str:
        """A plain statement of what values are allowed, for error messages."""
        if self.kind == "float":
            return f"a number from {self.min:g} to {self.max:g} ({self.unit})"
        if self.kind == "schedule":
            return (f"a number from {self.min:g} to {self.max:g} ({self.unit}), or a schedule LEVEL,LEVEL@DAY,... "
                    f"such as 7,3@60 (7 from day 0, then 3 from day 60): at most {MAX_SCHEDULE_STEPS} steps, "
                    f"each level from {self.min:g} to {self.max:g}, days ascending from 1 to horizon_days-1")
        if self.kind == "int":
            return f"a whole number from {int(self.min)} to {int(self.max)} ({self.unit})"
        if self.kind == "assumptions":
            return (f"an object of judgement parameter names ({', '.join(assumption_rows())}) and numbers, each "
                    "within its range in the parameter table")
        if self.kind == "gestures":
            ids = ", ".join(g.id for g in load_gestures().gestures)
            return (f"id@day items separated by commas (an id may repeat on different days, a GRIT series), with ids "
                    f"from: {ids}, and day from 0 to {HORIZON_FIELD}-1")
        return f"ids separated by commas, from: {', '.join(sorted(self.choices()))}"

    def choices(self) -> tuple[str, ...]:
        """The ids a list field may hold, from the data files (none for a number or a schedule)."""
        if self.kind == "gestures":
            return tuple(g.id for g in load_gestures().gestures)
        if self.kind == "ids":
            return _ID_SOURCES[self.ids_from]()
        return ()


def _kind(name: str) -> FieldKind:
    ann = Scenario.model_fields[name].annotation
    if name == "gestures":
        return "gestures"
    if ann is Schedule:
        return "schedule"
    if ann is Assumptions:
        return "assumptions"
    if ann is float:
        return "float"
    if ann is int:
        return "int"
    return "ids"


def lever_specs() -> dict[str, LeverSpec]:
    """All levers in schema order, read from the Scenario's field metadata."""
    specs = {}
    for name, info in Scenario.model_fields.items():
        extra = info.json_schema_extra or {}
        bounds = {type(m).__name__: m for m in info.metadata}
        specs[name] = LeverSpec(
            name=name, kind=_kind(name), label=extra["label"], unit=extra["unit"], help=info.description or "",
            provenance=extra["provenance"], group=extra["group"], default=info.default,
            min=getattr(bounds.get("Ge"), "ge", extra.get("min")),
            max=getattr(bounds.get("Le"), "le", extra.get("max")),
            step=extra.get("step"), ids_from=extra.get("ids_from"))
    return specs


def continuous_levers() -> tuple[str, ...]:
    """The levers that take any value in a range (numbers and rhetoric schedules' first level): what the map's
    axes, the tornado and the sensitivity factors move. Not horizon, runs or seed, which are whole numbers."""
    return tuple(name for name, spec in lever_specs().items() if spec.kind in ("float", "schedule"))


def _step_for(span: float) -> float:
    """A widget step of about a hundredth of a range, rounded to a power of ten."""
    return 10.0 ** (math.floor(math.log10(span)) - 2) if span > 0 else 1.0


def _assumption_label(name: str, symbol: str) -> str:
    """'lambda_c (lambda_C)', or the name alone where the symbol only repeats it ('alpha', not 'alpha (alpha)')."""
    return name if symbol == name else f"{name} ({symbol})"


def assumption_specs() -> dict[str, LeverSpec]:
    """One number field per judgement parameter, named `assumptions.NAME`, with the table's value as its default,
    its range, unit, meaning and provenance: how links, `--set` and the Assumptions panel address them."""
    return {f"{ASSUMPTIONS}.{row.name}": LeverSpec(
        name=f"{ASSUMPTIONS}.{row.name}", kind="float", label=_assumption_label(row.name, row.symbol), unit=row.unit,
        help=row.meaning, provenance=row.provenance, group="Assumptions", default=row.value, min=row.min,
        max=row.max, step=_step_for(row.max - row.min)) for row in assumption_rows().values()}


def text_field_specs() -> dict[str, LeverSpec]:
    """Every name a link or `--set` may carry, in schema order: the levers, with the assumptions field spelled out
    as one `assumptions.NAME` per judgement parameter."""
    out: dict[str, LeverSpec] = {}
    for name, spec in lever_specs().items():
        out.update(assumption_specs() if spec.kind == "assumptions" else {name: spec})
    return out


def text_field_value(scenario: Scenario, name: str) -> Any:
    """The value in use of a text field: a lever's value, or an assumption's override (else the table's value)."""
    if name.startswith(ASSUMPTION_PREFIX):
        key = name.removeprefix(ASSUMPTION_PREFIX)
        return scenario.assumptions.as_dict().get(key, assumption_rows()[key].value)
    return getattr(scenario, name)


def field_names() -> list[str]:
    """The names a link or `--set` may carry, for messages: the levers, and `assumptions.NAME` once."""
    return [f"{ASSUMPTIONS}.NAME" if spec.kind == "assumptions" else name for name, spec in lever_specs().items()]


def _parse_one(spec: LeverSpec, text: str) -> Any:
    text = text.strip()
    if spec.kind == "float":
        value = parse_float(text)
        if value is None:
            problem = "is not finite" if text.lower().lstrip("+-") in ("nan", "inf", "infinity") else "is not a number"
            raise ScenarioError(spec.name, f"'{inert(text, 40)}' {problem}; allowed: {spec.allowed()}")
        return value
    if spec.kind == "int":
        value = parse_int(text)
        if value is None:
            raise ScenarioError(spec.name, f"'{inert(text, 40)}' is not a whole number; allowed: {spec.allowed()}")
        return value
    if spec.kind == "schedule":
        return text  # the Schedule type reads its own text, so URL, --set and JSON share one codec
    items = [item.strip() for item in text.split(",") if item.strip()]
    if spec.kind == "ids":
        return tuple(items)
    return tuple(_parse_gesture(spec, item) for item in items)


def _parse_gesture(spec: LeverSpec, item: str) -> dict[str, Any]:
    gid, sep, day_text = item.partition("@")
    day = parse_int(day_text) if sep else None
    if day is None or day < 0:
        raise ScenarioError(spec.name, f"'{inert(item, 60)}' is not of the form id@day; allowed: {spec.allowed()}")
    return {"id": gid.strip(), "day": day}


def _error_field(err: Any, known: Any) -> str:
    """The field a pydantic error is about: the first part of its location if that names a known field."""
    loc = err["loc"]
    return str(loc[0]) if loc and isinstance(loc[0], str) and loc[0] in known else ""


def validate_scenario(data: dict[str, Any]) -> Scenario:
    """A Scenario from plain field values; the first problem raises a ScenarioError naming the field."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        raise _first_problem(exc) from None


def _first_problem(exc: ValidationError) -> ScenarioError:
    """The first refusal as a ScenarioError: the validators' own, or pydantic's with what the field allows."""
    err = exc.errors()[0]
    cause = (err.get("ctx") or {}).get("error")
    if isinstance(cause, ScenarioError):
        return cause
    specs = lever_specs()
    if err["type"] == "extra_forbidden":
        return ScenarioError(inert(err["loc"][-1] if err["loc"] else "scenario"),
                             f"is not a scenario field; allowed fields: {', '.join(field_names())}")
    name = _error_field(err, specs) or "scenario"
    allowed = f"; allowed: {specs[name].allowed()}" if name in specs else ""
    got = f" (got {inert(repr(err['input']), 60)})" if not isinstance(err.get("input"), (dict, list, tuple)) else ""
    problem = str(cause) if isinstance(cause, ValueError) else err["msg"]  # a validator's own words, or pydantic's
    return ScenarioError(name, f"{inert(problem, 300)}{got}{allowed}")


def from_strings(assignments: dict[str, str], base: Scenario | None = None) -> Scenario:
    """Apply FIELD=TEXT pairs (from `--set` or a URL) to a base scenario; the first bad one raises.
    `assumptions.NAME=VALUE` changes one judgement parameter (the others keep the base's values)."""
    specs, extra = lever_specs(), assumption_specs()
    data = (base or Scenario()).model_dump()
    overrides: dict[str, float] = {}
    for name, text in assignments.items():
        if name in extra:
            overrides[name.removeprefix(ASSUMPTION_PREFIX)] = _parse_one(extra[name], text)
        elif name.startswith(ASSUMPTION_PREFIX):
            raise ScenarioError(name[:60], _not_an_assumption(name.removeprefix(ASSUMPTION_PREFIX)))
        elif name == ASSUMPTIONS:
            raise ScenarioError(name, f"write one {ASSUMPTIONS}.NAME=VALUE per parameter, with NAME from: "
                                      f"{', '.join(assumption_rows())}")
        elif name in specs:
            data[name] = _parse_one(specs[name], text)
        else:
            raise ScenarioError(name, f"is not a scenario field; allowed fields: {', '.join(field_names())}")
    if overrides:
        data[ASSUMPTIONS] = {**data[ASSUMPTIONS].as_dict(), **overrides}
    return validate_scenario(data)


def lenient_from_strings(assignments: dict[str, str],
                         base: Scenario | None = None) -> tuple[Scenario, list[ScenarioError]]:
    """Apply each FIELD=TEXT on its own; bad ones are reported and left at the base value (the UI's fallback)."""
    scenario = base or Scenario()
    problems: list[ScenarioError] = []
    for name, text in assignments.items():
        try:
            scenario = from_strings({name: text}, scenario)
        except ScenarioError as exc:
            problems.append(exc)
    return scenario, problems


def encode_value(scenario: Scenario, name: str) -> str:
    """The text form of one field (or one `assumptions.NAME`), as written in links and `--set`."""
    value = text_field_value(scenario, name)
    if isinstance(value, Assumptions):  # for display: links and --set carry one assumptions.NAME per override
        return ",".join(f"{key}={_number_text(v)}" for key, v in value.items)
    if isinstance(value, Schedule):
        return value.encode()
    if name == "gestures":
        return ",".join(g.encode() for g in value)
    if isinstance(value, tuple):
        return ",".join(value)
    return repr(value) if isinstance(value, float) else str(value)


def to_strings(scenario: Scenario, *, changed_only: bool = True) -> dict[str, str]:
    """The scenario as FIELD=TEXT pairs; by default only the fields that differ from the defaults. Assumptions
    are written one `assumptions.NAME` per override, always (they are changes by definition)."""
    default, out = Scenario(), {}
    for name in Scenario.model_fields:
        if name == ASSUMPTIONS:
            out.update({f"{ASSUMPTIONS}.{key}": repr(value) for key, value in scenario.assumptions.items})
        elif not changed_only or getattr(scenario, name) != getattr(default, name):
            out[name] = encode_value(scenario, name)
    return out


def assumptions_flag(scenario: Scenario) -> str:
    """One sentence naming each assumption the scenario changes from the parameter table, or "" if none: every
    page and the brief show it, so numbers from other judgements are never mistaken for the table's."""
    rows = assumption_rows()
    changes = [f"{name} {value:g} instead of {rows[name].value:g}" for name, value in scenario.assumptions.items
               if name in rows]
    if not changes:
        return ""
    n = len(changes)
    return (f"This scenario changes {n} assumption{'s' if n > 1 else ''} of the parameter table: "
            f"{'; '.join(changes)}. Its numbers (and its baseline's) rest on "
            f"{'these judgements' if n > 1 else 'this judgement'}.")


def level_of(scenario: Scenario, name: str) -> float:
    """A numeric lever's value as one number: a schedule's level from day 0."""
    value = getattr(scenario, name)
    return value.first if isinstance(value, Schedule) else value


def levels_data(scenario: Scenario, values: Mapping[str, float]) -> dict[str, Any]:
    """The scenario's fields with numeric levers set; a schedule gets a new first level and keeps its later steps
    (how sweeps, maps and the sensitivity analysis move rhetoric). Validate the result with the Scenario."""
    data = scenario.model_dump()
    for name, value in values.items():
        current = data.get(name)
        data[name] = current.with_first(value) if isinstance(current, Schedule) else value
    return data


def with_levels(scenario: Scenario, values: Mapping[str, float]) -> Scenario:
    """`levels_data`, validated: a bad value raises a ScenarioError naming the field."""
    return validate_scenario(levels_data(scenario, values)) if values else scenario


class ScenarioFile(BaseModel):
    """A saved scenario: the levers plus a name and the versions that wrote it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: Literal[1] = SCHEMA_VERSION
    name: str = Field("custom", pattern=r"^[A-Za-z0-9_\-]{1,64}$")
    title: str = Field("Custom scenario", max_length=200)
    description: str = Field("", max_length=2000)
    model_version: str = MODEL_VERSION
    scenario: Scenario


def scenario_file_from_text(text: str, where: str) -> ScenarioFile:
    """Validate a scenario JSON document (an upload or a file); errors name the field and what is allowed."""
    if len(text.encode("utf-8")) > SCENARIO_FILE_MAX_BYTES:
        raise ScenarioError(where, f"is larger than {SCENARIO_FILE_MAX_BYTES // 1024} KiB; "
                                   "a scenario file is small JSON")
    try:
        raw = parse_json(text, where)
    except DataError as exc:
        raise ScenarioError(where, exc.detail) from None
    if not isinstance(raw, dict):
        raise ScenarioError(where, "must be a JSON object with schema_version, name and scenario")
    if type(raw.get("schema_version")) is not int or raw["schema_version"] != SCHEMA_VERSION:
        raise ScenarioError("schema_version",
                            f"got {inert(repr(raw.get('schema_version')), 40)}; allowed: {SCHEMA_VERSION}")
    body = raw.get("scenario")
    if not isinstance(body, dict):
        raise ScenarioError("scenario", "must be a JSON object of scenario fields")
    scenario = validate_scenario(body)
    try:
        return ScenarioFile.model_validate({**raw, "scenario": scenario})
    except ValidationError as exc:
        err = exc.errors()[0]
        field = _error_field(err, ScenarioFile.model_fields)
        if err["type"] == "extra_forbidden":
            raise ScenarioError(inert(err["loc"][-1] if err["loc"] else where),
                                f"is not a field of a scenario file; allowed: "
                                f"{', '.join(ScenarioFile.model_fields)}") from None
        raise ScenarioError(field or where, inert(err["msg"], 300)) from None


def load_scenario_file(path: Traversable) -> ScenarioFile:
    try:
        text = read_text(path, max_bytes=SCENARIO_FILE_MAX_BYTES)
    except DataError as exc:
        raise ScenarioError(str(path), exc.detail) from None
    return scenario_file_from_text(text, str(path))


def bundled_names() -> tuple[str, ...]:
    """Bundled scenario names: the four of the design first, then any others alphabetically."""
    found = {p.name.removesuffix(".json") for p in SCENARIO_DIR.iterdir() if p.name.endswith(".json")}
    return tuple(n for n in BUNDLED_ORDER if n in found) + tuple(sorted(found - set(BUNDLED_ORDER)))


def bundled(name: str) -> ScenarioFile:
    if name not in bundled_names():
        raise ScenarioError("scenario", f"{name!r} is not a bundled scenario; allowed: {', '.join(bundled_names())}")
    return load_scenario_file(SCENARIO_DIR / f"{name}.json")


def baseline_for(scenario: Scenario) -> Scenario:
    """The bundled baseline with the scenario's seed, runs, horizon and assumptions: the like-for-like comparison."""
    return bundled("baseline").scenario.model_copy(
        update={"seed": scenario.seed, "runs": scenario.runs, "horizon_days": scenario.horizon_days,
                "assumptions": scenario.assumptions})


def resolve(name_or_path: str) -> ScenarioFile:
    """A bundled scenario by name, or a scenario JSON file by path."""
    if name_or_path in bundled_names():
        return bundled(name_or_path)
    path = Path(name_or_path)
    if path.suffix.lower() != ".json" and not path.exists():
        raise ScenarioError("scenario", f"{name_or_path!r} is neither a bundled scenario "
                                        f"({', '.join(bundled_names())}) nor a JSON file")
    return load_scenario_file(path)


def to_file_json(scenario: Scenario, *, name: str = "custom", title: str = "Custom scenario",
                 description: str = "") -> str:
    """The JSON text of a scenario file, as the download button and `--out` write it."""
    doc = ScenarioFile(name=name, title=title, description=description, scenario=scenario)
    return doc.model_dump_json(indent=2) + "\n"
