"""Reading inputs: folders of ``*.txt`` (recursively), single files, JSONL corpora and stdin.

Readers yield ``Article`` objects, or ``InputError`` objects for inputs that cannot be read, so
one broken document never stops the others.  Folders are walked lazily in sorted order so that
output order is stable.

Decoding: UTF-8 (a BOM is removed), UTF-32 or UTF-16 with a BOM, then GB18030 (a superset of GBK and
GB2312) or Big5 as detected by charset-normalizer, then Windows-1252.  When both GB18030 and Big5
decode the bytes equally cleanly (short texts), the one whose characters are the more frequent
Chinese characters wins (character frequencies from jieba's dictionary, after mapping Traditional to
Simplified).  The record's ``encoding`` field names the encoding used.

Size limit: a document may have at most ``MAX_DOC_CHARS`` characters (spaCy's default
``max_length``).  Larger files are rejected from their size alone, before they are read, and an
over-long JSONL line is skipped in bounded memory, so a 50 MB single-line article costs neither
memory nor time.
"""

from __future__ import annotations

import gzip
import json
import math
import stat
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import IO

from .clean import (
    MAX_ID_CHARS,
    MAX_PUBLISHED_CHARS,
    MAX_SOURCE_CHARS,
    FieldError,
    check_label,
    check_text,
    check_title,
    optional_string,
    safe_name,
)
from .extractor import Article
from .inputs import JSONL_SUFFIXES as JSONL_SUFFIXES  # re-exported: where they were defined first
from .inputs import TEXT_SUFFIXES as TEXT_SUFFIXES
from .inputs import is_jsonl as _is_jsonl
from .inputs import named_files
from .inputs import walk as _walk

MAX_DOC_CHARS = 1_000_000
# No encoding we read needs more than 4 bytes per character, so a bigger file is surely too long.
MAX_DOC_BYTES = 4 * MAX_DOC_CHARS + 4
# JSON escapes (\uXXXX) can take 6 bytes per character; lines longer than this are surely too long.
MAX_LINE_BYTES = 6 * MAX_DOC_CHARS + 4096
_CHUNK = 1 << 20


@dataclass(frozen=True)
class InputError:
    """One document (or input) that could not be read: where, and why."""

    id: str
    source: str
    reason: str


class DecodeError(ValueError):
    """Bytes that are not text in any encoding we can identify."""


@cache
def _char_freq() -> dict[str, float]:
    """log frequency of single Chinese characters in jieba's dictionary (read once, on demand)."""
    from .segment import jieba_dictionary

    return {word: math.log1p(f) for word, f in jieba_dictionary(r"\S", min_freq=0).items()}


def _chinese_score(text: str) -> float:
    """Mean log frequency of the characters of ``text`` as Chinese (Traditional mapped to Simplified)."""
    from .normalize import t2s_char

    freq = _char_freq()
    sample = [ch for ch in text[:4000] if not ch.isascii() and not ch.isspace()]
    if not sample:
        return 0.0
    return sum(freq.get(t2s_char(ch), 0.0) for ch in sample) / len(sample)


def _detect_cjk(data: bytes) -> tuple[str, str] | None:
    """GB18030 or Big5 text, as charset-normalizer ranks them, or None when neither fits."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=["gb18030", "big5"]))
    if not matches:
        return None
    if len(matches) > 1 and abs(matches[0].chaos - matches[1].chaos) < 0.1:
        # Short texts decode cleanly in both: let the more plausible Chinese win.
        matches.sort(key=lambda m: -_chinese_score(str(m)))
    best = matches[0]
    return str(best).removeprefix("\ufeff"), best.encoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes to ``(text, encoding)``; raises DecodeError for empty or binary data."""
    if not data.strip():
        raise DecodeError("empty file")
    # UTF-32's little-endian BOM begins with UTF-16's, so it is tested first.
    for boms, codec in (((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32"), ((b"\xff\xfe", b"\xfe\xff"), "utf-16")):
        if data.startswith(boms):
            try:
                text = data.decode(codec).removeprefix("\ufeff")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {codec.upper()} despite its byte-order mark") from exc
            if "\x00" in text:
                raise DecodeError("binary file (NUL characters), not text")
            if not text.strip():
                raise DecodeError("empty file")
            return text, codec
    # A NUL byte anywhere, not only near the start: text in the encodings read below never has one.
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if not text.strip():
            raise DecodeError("empty file")
        return text, "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    found = _detect_cjk(data)
    if found is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["cp1252"]).best()
        if best is None:
            raise DecodeError("binary or undecodable: not UTF-8, GB18030, Big5 or Windows-1252 text")
        found = str(best), best.encoding
    return found


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower() if isinstance(exc, OSError) else str(exc)


def _check_regular(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file (None when it is a regular file)."""
    try:
        st = path.stat()
    except OSError as exc:
        return _os_reason(exc)
    if stat.S_ISDIR(st.st_mode):
        return "is a directory"
    if not stat.S_ISREG(st.st_mode):
        # Opening a FIFO or a device would block or read forever.
        return "not a regular file (FIFO, socket or device)"
    return None


def decode_document(data: bytes) -> tuple[str, str]:
    """Decode one document's bytes (read up to ``MAX_DOC_BYTES + 1``), enforcing the size limits."""
    if len(data) > MAX_DOC_BYTES:
        raise DecodeError(f"too large: more than {MAX_DOC_BYTES} bytes (limit {MAX_DOC_CHARS} characters)")
    text, encoding = decode_bytes(data)
    if len(text) > MAX_DOC_CHARS:
        raise DecodeError(f"too long: {len(text)} characters (limit {MAX_DOC_CHARS})")
    return text, encoding


def read_text_file(path: Path) -> Article | InputError:
    """One ``.txt`` article (or ``.html`` page); its id is the file stem."""
    reason = _check_regular(path)
    if reason is None:
        try:
            size = path.stat().st_size
            if size > MAX_DOC_BYTES:
                raise DecodeError(f"too large: {size} bytes (limit {MAX_DOC_CHARS} characters)")
            with path.open("rb") as fh:
                data = fh.read(MAX_DOC_BYTES + 1)
            text, encoding = decode_document(data)
        except OSError as exc:
            reason = _os_reason(exc)
        except DecodeError as exc:
            reason = str(exc)
        else:
            return Article(id=safe_name(path.stem), text=text, source=safe_name(str(path)), encoding=encoding)
    return InputError(id=safe_name(path.stem), source=safe_name(str(path)), reason=reason)


class LineTooLong(ValueError):
    """A JSONL line longer than ``MAX_LINE_BYTES``; its bytes were skipped, not kept."""

    def __init__(self, size: int) -> None:
        super().__init__(f"line too long: {size} bytes (limit {MAX_DOC_CHARS} characters)")


def bounded_lines(fh: IO[bytes], limit: int = MAX_LINE_BYTES) -> Iterator[bytes | LineTooLong]:
    """Lines of a binary stream; a line over ``limit`` bytes is skipped in chunks and yields LineTooLong."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        yield line if len(line) <= limit or line.endswith(b"\n") else _skip_rest(fh, line)


def _skip_rest(fh: IO[bytes], line: bytes) -> LineTooLong:
    """Read past the rest of an over-long line in bounded chunks; how long it was."""
    size = len(line)
    while not line.endswith(b"\n"):
        line = fh.readline(_CHUNK)
        if not line:
            break
        size += len(line)
    return LineTooLong(size)


def _stem(source: str) -> str:
    """The name a JSONL source lends to ids of rows that have none (``c`` for ``dir/c.jsonl.gz``)."""
    return "stdin" if source == "<stdin>" else Path(source).name.split(".")[0]


def parse_jsonl_row(line: str, *, lineno: int, source: str) -> Article | InputError | None:
    """One JSONL row (``id``, ``text``, optional ``title``, ``published``, ``source``, ``lang``, ``translation_of``)."""
    if not line.strip():
        return None
    where = f"{source}:{lineno}"
    fallback_id = f"{_stem(source)}:{lineno}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(id=fallback_id, source=where, reason=f"not JSON: {exc.msg} at column {exc.colno}")
    except RecursionError:
        return InputError(id=fallback_id, source=where, reason="not JSON: nested too deeply")
    except ValueError as exc:
        # an integer of more than 4300 digits
        return InputError(id=fallback_id, source=where, reason=f"not JSON: {exc}")
    if not isinstance(row, dict):
        return InputError(id=fallback_id, source=where, reason="row is not a JSON object")
    raw_id = row.get("id")
    doc_id = str(raw_id) if isinstance(raw_id, str | int) and str(raw_id) else fallback_id
    try:
        doc_id = check_label(doc_id, "id", MAX_ID_CHARS)
    except FieldError as exc:
        # the id itself is unusable: the row is named by its place in the file
        return InputError(id=fallback_id, source=where, reason=str(exc))
    text = row.get("text")
    if "text" not in row:
        return InputError(id=doc_id, source=where, reason="row has no 'text' field")
    if not isinstance(text, str):
        return InputError(id=doc_id, source=where, reason=f"'text' is {type(text).__name__}, not a string")
    if not text.strip():
        return InputError(id=doc_id, source=where, reason="'text' is empty")
    if len(text) > MAX_DOC_CHARS:
        return InputError(id=doc_id, source=where, reason=f"too long: {len(text)} characters (limit {MAX_DOC_CHARS})")
    try:
        text = check_text(text)
        title = optional_string(row, "title")
        published = optional_string(row, "published")
        given_source = optional_string(row, "source")
        title = check_title(title) if title is not None else None
        published = check_label(published, "published", MAX_PUBLISHED_CHARS) if published is not None else None
        given_source = check_label(given_source, "source", MAX_SOURCE_CHARS) if given_source is not None else None
        translation_of = optional_string(row, "translation_of")
        translation_of = check_label(translation_of, "translation_of", MAX_ID_CHARS) if translation_of is not None else None
    except FieldError as exc:
        return InputError(id=doc_id, source=where, reason=str(exc))
    lang = row.get("lang") if row.get("lang") in ("zh", "en") else None
    return Article(
        id=doc_id,
        text=text.removeprefix("\ufeff"),
        source=given_source or where,
        title=title,
        published=published,
        translation_of=translation_of,
        lang=lang,
        encoding="utf-8",
    )


def _parse_lines(lines: Iterable[bytes | LineTooLong], source: str, first: int = 1) -> Iterator[Article | InputError]:
    fallback = _stem(source)
    for lineno, raw in enumerate(lines, first):
        if isinstance(raw, LineTooLong):
            yield InputError(id=f"{fallback}:{lineno}", source=f"{source}:{lineno}", reason=str(raw))
            continue
        try:
            line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield InputError(id=f"{fallback}:{lineno}", source=f"{source}:{lineno}", reason=f"line is not UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        item = parse_jsonl_row(line, lineno=lineno, source=source)
        if item is not None:
            yield item


def read_jsonl(path: Path) -> Iterator[Article | InputError]:
    """Articles from a JSONL corpus (``.gz`` decompressed on the fly), one per line."""
    source = safe_name(str(path))
    reason = _check_regular(path)
    if reason is not None:
        yield InputError(id=safe_name(path.name.split(".")[0]), source=source, reason=reason)
        return
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            yield from _parse_lines(bounded_lines(fh), source)
    except (OSError, EOFError) as exc:
        # A truncated or corrupt .gz ends the file here; the rows before it were already yielded.
        reason = _os_reason(exc) if isinstance(exc, OSError) else "compressed file ends early"
        yield InputError(id=safe_name(path.name.split(".")[0]), source=source, reason=f"cannot read further: {reason}")


def read_stdin() -> Iterator[Article | InputError]:
    """Stdin: JSONL when the first non-blank character is ``{``, otherwise one plain-text article."""
    stream = sys.stdin.buffer
    pieces: list[bytes] = []
    size = 0
    while size <= MAX_DOC_BYTES:
        line = stream.readline(MAX_LINE_BYTES + 1)
        pieces.append(line)
        size += len(line)
        if not line or line.strip():
            break
    first = pieces[-1]
    if first.lstrip().removeprefix(b"\xef\xbb\xbf")[:1] == b"{":

        def lines() -> Iterator[bytes | LineTooLong]:
            yield from pieces[:-1]
            too_long = len(first) > MAX_LINE_BYTES and not first.endswith(b"\n")
            yield _skip_rest(stream, first) if too_long else first
            yield from bounded_lines(stream)

        yield from _parse_lines(lines(), "<stdin>")
        return
    data = b"".join(pieces)
    if len(data) <= MAX_DOC_BYTES:
        data += stream.read(MAX_DOC_BYTES + 1 - len(data))
    try:
        text, encoding = decode_document(data)
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
        elif _is_jsonl(path) and path.exists():
            yield from read_jsonl(path)
        elif path.exists() or path.is_symlink():
            yield read_text_file(path)
        else:
            yield InputError(id=safe_name(path.stem or str(path)), source=safe_name(str(path)), reason="no such file or directory")


def count_documents(inputs: Iterable[str | Path], *, seconds: float = 1.0) -> int | None:
    """How many documents ``inputs`` hold, for a progress bar's total and ETA; None when that is not
    cheap to know (stdin, gzip, or counting takes longer than ``seconds``)."""
    deadline = time.monotonic() + seconds
    total = 0
    for file in named_files(inputs):
        if file is None or time.monotonic() > deadline or file.name.endswith(".gz"):
            return None
        if not _is_jsonl(file):
            total += 1
            continue
        try:
            with file.open("rb") as fh:
                for chunk in iter(lambda fh=fh: fh.read(1 << 20), b""):
                    total += chunk.count(b"\n")  # a row per line (a last line without one is rare)
                    if time.monotonic() > deadline:
                        return None
        except OSError:
            total += 1  # one error line stands for it
    return total
