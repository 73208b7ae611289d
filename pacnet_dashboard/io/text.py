"""The one number parser and the one echo of untrusted text, shared by every door (link, upload, files, CLI).

Numbers are read in ASCII digits only, with a bounded length, so no door accepts digits of other scripts and
none reaches Python's integer-digit limit. Echoed text is made inert for a terminal or a page: control and
format characters (ESC, newlines, bidi overrides, lone surrogates) are shown as escapes, and long text is cut
with a count of what was left out.
"""

from __future__ import annotations

import math
import re
import unicodedata

MAX_INT_DIGITS = 12
ECHO_LIMIT = 80
_INT_TEXT = re.compile(rf"[+-]?[0-9]{{1,{MAX_INT_DIGITS}}}")
_FLOAT_TEXT = re.compile(r"[+-]?(?:[0-9]{1,15}(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")
# Other (control, format, surrogate, private, unassigned) and the line and paragraph separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def parse_int(text: str) -> int | None:
    """A whole number in ASCII digits (at most 12), or None: no underscores, no other scripts' digits."""
    text = text.strip()
    return int(text) if _INT_TEXT.fullmatch(text) else None


def parse_float(text: str) -> float | None:
    """A finite decimal number in ASCII, or None (NaN, infinity, '1_0' and other scripts' digits too).

    Minus zero reads as zero, so `-0` never comes back as `-0.0` in a link or a file.
    """
    text = text.strip()
    if not _FLOAT_TEXT.fullmatch(text):
        return None
    value = float(text)
    return value + 0.0 if math.isfinite(value) else None


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def inert(text: object, limit: int = ECHO_LIMIT) -> str:
    """Untrusted text as one inert, bounded line: unsafe characters escaped, cut after `limit` characters."""
    text = str(text)
    cut = len(text) - limit
    if cut > 0:
        text = text[:limit]
    safe = "".join(_escape(ch) if unicodedata.category(ch) in _UNSAFE_CATEGORIES else ch for ch in text)
    return f"{safe}… ({cut:,} more characters)" if cut > 0 else safe


def has_lone_surrogate(text: str) -> bool:
    """True if the text holds a surrogate code point, which no file, page or terminal can encode."""
    return any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)
