"""Writing JSONL output atomically: a temporary file beside the target, renamed when complete."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from pydantic import BaseModel


def to_json_line(record: BaseModel | dict[str, Any]) -> str:
    """One compact JSON line (UTF-8 characters kept as they are) for a record."""
    data = record.model_dump(mode="json") if isinstance(record, BaseModel) else record
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


class AtomicJsonlWriter:
    """Writes JSONL to ``path`` via a temporary file, renamed into place only on success.

    An interrupted or failed run leaves either the previous file or nothing: never half a file.
    With ``path`` None it writes straight to stdout.
    """

    def __init__(self, path: Path | None, *, keep_existing: bool = False) -> None:
        self.path = path
        self.keep_existing = keep_existing
        self._fh: IO[str] | None = None
        self._tmp: Path | None = None
        self.count = 0

    def __enter__(self) -> AtomicJsonlWriter:
        if self.path is None:
            self._fh = sys.stdout
            return self
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self._tmp = Path(tmp)
        self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        if self.keep_existing and self.path.exists():
            with self.path.open(encoding="utf-8") as old:
                for line in old:
                    self._fh.write(line)
        return self

    def write(self, record: BaseModel | dict[str, Any]) -> None:
        """Append one record."""
        assert self._fh is not None, "writer used outside its with-block"
        self._fh.write(to_json_line(record))
        self.count += 1

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.path is None or self._fh is None or self._tmp is None:
            if self._fh is not None:
                self._fh.flush()
            return
        self._fh.flush()
        if exc_type is None:
            os.fsync(self._fh.fileno())
        self._fh.close()
        if exc_type is None:
            os.replace(self._tmp, self.path)
        else:
            self._tmp.unlink(missing_ok=True)
