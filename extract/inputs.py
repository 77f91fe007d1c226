"""Which files a run reads: the input suffixes and the walk of a folder. Imports nothing heavy, so the
command line can size its inputs before spaCy is loaded."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")  # a page is read as one: extract.html
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


def is_jsonl(path: Path) -> bool:
    """True for a JSONL corpus file (one document per line)."""
    return path.name.endswith(JSONL_SUFFIXES)


def walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in sorted order, lazily (no full listing of huge trees)."""
    # Keep only (name, is_dir) of the entries that matter: a folder of millions of files costs
    # a list of short tuples while it is sorted, not millions of DirEntry objects.
    try:
        with os.scandir(folder) as it:
            entries = sorted(
                (entry.name, is_dir)
                for entry in it
                if (is_dir := entry.is_dir(follow_symlinks=False))
                and not (entry.name.startswith(".") or entry.name == "gold")
                or not is_dir and (entry.name.endswith(TEXT_SUFFIXES) or entry.name.endswith(JSONL_SUFFIXES))
            )
    except OSError:
        return
    for name, is_dir in entries:
        path = folder / name
        if is_dir:
            yield from walk(path)
        else:
            yield path


def named_files(inputs: Iterable[str | Path]) -> Iterator[Path | None]:
    """Every file ``inputs`` name, folders walked as a run walks them, lazily; None stands for stdin."""
    for raw in inputs:
        if str(raw) == "-":
            yield None
            continue
        path = Path(raw)
        yield from walk(path) if path.is_dir() else [path]


def input_bytes(inputs: Iterable[str | Path], *, seconds: float = 0.2) -> int | None:
    """The total size of the files ``inputs`` name (folders walked as a run walks them); None when it
    is not cheap to know (stdin, or the walk takes longer than ``seconds``)."""
    deadline = time.monotonic() + seconds
    total = 0
    for file in named_files(inputs):
        if file is None or time.monotonic() > deadline:
            return None
        try:
            total += file.stat().st_size
        except OSError:
            continue
    return total
