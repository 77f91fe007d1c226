"""Validating and sanitising the fields of an input row where they are read, and text for a terminal.

A JSONL row can carry any string JSON can spell, including lone surrogates (``"\\ud800"``), which
no UTF-8 writer can encode, control characters, and strings of any length.  ``check_row_fields``
turns every such field into a ``FieldError`` naming the field and the position (the reader reports
the row and goes on) or into a sanitised value, so that whatever reaches a writer can be written.
File names that are not UTF-8 (Python hands them over with surrogate escapes) are sanitised with
``safe_name`` instead of rejected: the file's content is fine.

``for_terminal`` escapes what must never reach a terminal raw: control characters (escape
sequences start with ESC) and lone surrogates.
"""

from __future__ import annotations

import re

MAX_ID_CHARS = 512
MAX_TITLE_CHARS = 2_000
MAX_SOURCE_CHARS = 4_096
MAX_PUBLISHED_CHARS = 64

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls, DEL and C1 controls (ESC, CSI 0x9b start terminal escape sequences).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
# What a terminal line must not carry raw: controls, lone surrogates, and the bidirectional
# overrides and isolates that reorder what follows them on screen.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


class FieldError(ValueError):
    """A field of an input row that cannot be kept: which field and why."""


def _where(value: str, pattern: re.Pattern[str]) -> tuple[int, str] | None:
    """The 1-based position and escaped form of the first character of ``value`` matching ``pattern``."""
    m = pattern.search(value)
    return (m.start() + 1, f"U+{ord(m[0]):04X}") if m else None


def check_text(value: str, field: str = "text") -> str:
    """``value`` as an article text: no lone surrogates, no NUL (binary data); other controls are kept."""
    if found := _where(value, _SURROGATE):
        raise FieldError(f"'{field}' has a lone surrogate ({found[1]}) at character {found[0]}")
    if "\x00" in value:
        raise FieldError(f"'{field}' has a NUL character at character {value.index(chr(0)) + 1} (binary data, not text)")
    return value


def check_label(value: str, field: str, limit: int) -> str:
    """``value`` as a one-line label (id, source, published): no surrogates, no controls, at most ``limit`` characters."""
    if len(value) > limit:
        raise FieldError(f"'{field}' too long: {len(value)} characters (limit {limit})")
    if found := _where(value, _SURROGATE):
        raise FieldError(f"'{field}' has a lone surrogate ({found[1]}) at character {found[0]}")
    if found := _where(value, _CONTROL):
        raise FieldError(f"'{field}' has a control character ({found[1]}) at character {found[0]}")
    return value


def check_title(value: str) -> str:
    """A title: no surrogates, at most ``MAX_TITLE_CHARS``; line breaks and other controls become spaces."""
    if len(value) > MAX_TITLE_CHARS:
        raise FieldError(f"'title' too long: {len(value)} characters (limit {MAX_TITLE_CHARS})")
    if found := _where(value, _SURROGATE):
        raise FieldError(f"'title' has a lone surrogate ({found[1]}) at character {found[0]}")
    return _CONTROL.sub(" ", value)


def optional_string(row: dict[str, object], field: str) -> str | None:
    """A field that must be a string when present (None when absent or null)."""
    value = row.get(field)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldError(f"'{field}' is {type(value).__name__}, not a string")
    return value


def scrub(value: str) -> str:
    """``value`` with every lone surrogate replaced by U+FFFD, so that it can be encoded as UTF-8."""
    return _SURROGATE.sub("\ufffd", value)


def safe_name(value: str) -> str:
    """A file-system name as text: bytes that were not UTF-8 (surrogate escapes) shown as ``\\xNN``."""
    if not _SURROGATE.search(value):
        return value
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and its noun for a message: ``1 document``, ``2 documents``, ``0 facts``."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def for_terminal(value: object) -> str:
    """``value`` as text safe to print: controls, lone surrogates and bidi overrides as escapes (``\\x1b``)."""
    text = str(value)
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    code = ord(m[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
