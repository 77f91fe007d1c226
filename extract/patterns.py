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
    path = resources.files("patterns").joinpath(lang, f"{dimension}.toml")
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise PatternFileError(f"patterns/{lang}/{dimension}.toml: {exc}") from exc
