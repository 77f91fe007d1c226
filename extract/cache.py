"""Files derived from installed data, cached under the user's cache directory so a start does not redo them."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """Where data derived from installed packages is cached: ``$EXTRACT_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/extract`` or ``~/.cache/extract``; None (no cache) when ``EXTRACT_CACHE_DIR=off``."""
    own = os.environ.get("EXTRACT_CACHE_DIR")
    if own is not None:
        return None if own.lower() in ("", "off", "0", "none") else Path(own)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "extract"


def read(name: str) -> bytes | None:
    """The cached file ``name``, or None when there is no cache or no such file yet."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Cache ``data`` as ``name``, whole or not at all (runs side by side may write the same name)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, folder / name)
    except OSError:
        pass  # a read-only home is no reason to fail: the next start parses the data again
