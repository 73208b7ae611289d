"""One structured input error for the whole package: what was refused (`field`) and why (`detail`).

Callers read the two attributes and never parse the message. The core names fields in its own terms (scenario
field names, data file names, analysis settings such as `samples`); the CLI maps those to its flags and the UI
to its widgets. Subclasses exist only where a caller has to tell the cases apart.
"""

from __future__ import annotations


class InputError(ValueError):
    """Bad input. `field` names what was refused; `detail` says what is wrong and what is allowed."""

    def __init__(self, field: str, detail: str) -> None:
        super().__init__(f"{field}: {detail}")
        self.field = field
        self.detail = detail


class DataError(InputError):
    """A data file is missing or invalid: `field` is the file (with its line when known)."""


class ScenarioError(InputError):
    """A scenario field, a scenario file or a scenario name is refused: `field` is the field or the file."""


class BeyondHorizonError(ScenarioError):
    """A gesture or a schedule step falls on a day at or beyond the horizon. The UI moves or drops it instead of
    refusing the link, and words its notice from `problem` (the detail without what is allowed)."""

    def __init__(self, field: str, problem: str, allowed: str) -> None:
        super().__init__(field, f"{problem}; allowed: {allowed}")
        self.problem = problem


class SettingError(InputError):
    """An analysis setting (sweep design, sensitivity method, map grid) is refused: `field` is the setting."""


class ClusterError(InputError):
    """A Dask cluster cannot be reached or cannot run this model: `field` is the setting that named it."""
