"""Loading pattern and vocabulary data files from the ``patterns`` package (TOML, parsed once).

Parsing the TOML costs 0.05 s a start (most of it the 200 KB division table), so each parsed file is
cached as a pickle under the user's cache directory (``extract.cache``), named by the SHA-1 of the
file's bytes: an edited data file has a new name and is parsed again, and a stale entry is never read.
"""

from __future__ import annotations

import hashlib
import pickle
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from . import cache as disk_cache

# Bumped when the cached form changes (another pickle layout, another parser).
_CACHE_FORMAT = 1


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
    return read_toml(path.read_bytes(), f"patterns/{'/'.join(parts)}")


def read_toml(raw: bytes, label: str) -> dict[str, Any]:
    """The TOML document ``raw`` parsed, from the disk cache when this exact text was parsed before."""
    name = f"patterns-{hashlib.sha1(raw).hexdigest()}-{_CACHE_FORMAT}.pickle"
    cached = disk_cache.read(name)
    if cached is not None:
        try:
            data = pickle.loads(cached)
        except Exception:  # noqa: BLE001  (a damaged cache file is parsed again and rewritten)
            data = None
        if isinstance(data, dict):
            return data
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PatternFileError(f"{label}: {exc}") from exc
    disk_cache.write(name, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    return data
