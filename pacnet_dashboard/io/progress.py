"""Progress without printing: long core calls report `(done, total)` to a callback; the CLI draws the bar."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]
"""Called with the work done so far and the total, after each finished piece of work."""


def no_progress(done: int, total: int) -> None:
    """The default: report nothing."""
