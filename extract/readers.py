"""Reading inputs: folders of ``*.txt`` (recursively), single files, JSONL corpora and stdin.

Readers yield ``Article`` objects, or ``InputError`` objects for inputs that cannot be read, so
one broken document never stops the others.  Folders are walked lazily in sorted order so that
output order is stable.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .extractor import Article

TEXT_SUFFIXES = (".txt",)
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson")


@dataclass(frozen=True)
class InputError:
    """One document (or input) that could not be read: where, and why."""

    id: str
    source: str
    reason: str


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we can identify."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes to text: UTF-8 (BOM removed) or the encoding charset-normalizer detects."""
    if not data.strip():
        raise DecodeError("empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "utf_8"]).best()
    if best is None:
        best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable bytes: no text encoding fits")
    text = str(best)
    return text.removeprefix("\ufeff"), best.encoding


def _is_jsonl(path: Path) -> bool:
    return path.name.endswith(JSONL_SUFFIXES)


def _walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder`` in sorted order, lazily (no full listing of huge trees)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            if entry.name.startswith(".") or entry.name == "gold":
                continue
            yield from _walk(path)
        elif entry.name.endswith(TEXT_SUFFIXES) or _is_jsonl(path):
            yield path


def read_text_file(path: Path) -> Article | InputError:
    """One ``.txt`` article; its id is the file stem."""
    try:
        data = path.read_bytes()
        text, encoding = decode_bytes(data)
    except (OSError, DecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return InputError(id=path.stem, source=str(path), reason=reason)
    return Article(id=path.stem, text=text, source=str(path), encoding=encoding)


def _jsonl_lines(path: Path | None) -> Iterator[str]:
    if path is None:
        yield from sys.stdin
        return
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8-sig", errors="replace") as fh:  # type: ignore[operator]
        yield from fh


def parse_jsonl_row(line: str, *, lineno: int, source: str) -> Article | InputError | None:
    """One JSONL row (``id``, ``text``, optional ``title``, ``published``, ``source``, ``lang``)."""
    if not line.strip():
        return None
    where = f"{source}:{lineno}"
    fallback_id = f"{Path(source).name.split('.')[0]}:{lineno}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(id=fallback_id, source=where, reason=f"not JSON: {exc.msg}")
    if not isinstance(row, dict):
        return InputError(id=fallback_id, source=where, reason="row is not a JSON object")
    doc_id = str(row.get("id") or fallback_id)
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        return InputError(id=doc_id, source=where, reason="row has no non-empty 'text' string")
    lang = row.get("lang") if row.get("lang") in ("zh", "en") else None
    return Article(
        id=doc_id,
        text=text.removeprefix("\ufeff"),
        source=str(row.get("source") or where),
        title=row.get("title") if isinstance(row.get("title"), str) else None,
        published=row.get("published") if isinstance(row.get("published"), str) else None,
        lang=lang,
        encoding="utf-8",
    )


def read_jsonl(path: Path | None) -> Iterator[Article | InputError]:
    """Articles from a JSONL corpus (``None`` reads stdin), one per line."""
    source = "<stdin>" if path is None else str(path)
    try:
        for lineno, line in enumerate(_jsonl_lines(path), 1):
            item = parse_jsonl_row(line, lineno=lineno, source=source)
            if item is not None:
                yield item
    except OSError as exc:
        yield InputError(id=Path(source).stem, source=source, reason=str(exc))


def read_stdin() -> Iterator[Article | InputError]:
    """Stdin: JSONL when the first non-blank character is ``{``, otherwise one plain-text article."""
    data = sys.stdin.buffer.read()
    head = data.lstrip()[:1]
    if head == b"{":
        text = data.decode("utf-8-sig", errors="replace")
        for lineno, line in enumerate(text.splitlines(), 1):
            item = parse_jsonl_row(line, lineno=lineno, source="<stdin>")
            if item is not None:
                yield item
        return
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as exc:
        yield InputError(id="stdin", source="<stdin>", reason=str(exc))
        return
    yield Article(id="stdin", text=text, source="<stdin>", encoding=encoding)


def iter_articles(inputs: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article named by ``inputs`` (paths, folders, JSONL files or ``-``), in a stable order."""
    for raw in inputs:
        if str(raw) == "-":
            yield from read_stdin()
            continue
        path = Path(raw)
        if path.is_dir():
            for file in _walk(path):
                yield from (read_jsonl(file) if _is_jsonl(file) else [read_text_file(file)])
        elif path.is_file():
            yield from (read_jsonl(path) if _is_jsonl(path) else [read_text_file(path)])
        elif not path.exists():
            yield InputError(id=path.stem or str(path), source=str(path), reason="no such file or directory")
        else:
            yield InputError(id=path.stem, source=str(path), reason="not a regular file or directory")
