"""Loading pattern and vocabulary data files from the ``patterns`` package (TOML, parsed once)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


class PatternFileError(ValueError):
    """A pattern data file exists but cannot be parsed."""


@cache
def load(lang: str, dimension: str) -> dict[str, Any]:
    """Parsed ``patterns/<lang>/<dimension>.toml``; an empty dict when the file does not exist."""
    return _parse(lang, f"{dimension}.toml")


@cache
def load_shared(name: str) -> dict[str, Any]:
    """Parsed ``patterns/<name>.toml``, a table both languages read (currencies); empty when missing."""
    return _parse(f"{name}.toml")


def _parse(*parts: str) -> dict[str, Any]:
    path = resources.files("patterns").joinpath(*parts)
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise PatternFileError(f"patterns/{'/'.join(parts)}: {exc}") from exc
