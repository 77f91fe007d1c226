"""Writing JSONL output so that an interrupted run never leaves half a file, and can be resumed.

``AtomicJsonlWriter`` writes to a temporary file beside the target and renames it into place
when complete.  ``JournalWriter`` does the same through a *journal*, ``.<name>.partial`` beside
the target, that receives each record as soon as it is finished (flushed line by line, so it
survives Ctrl-C, SIGTERM and ``kill -9``); on completion the journal is renamed onto the target.
A run started with ``resume=True`` first reads the journal of an interrupted run, drops a torn
last line, and skips the documents already in it.  The target itself is only ever replaced whole.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import socket
import stat
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from pydantic import BaseModel
from pydantic_core import CoreConfig, PydanticSerializationError, SchemaSerializer

from .clean import scrub

Key = tuple[str, str, int]
"""A finished document in a journal: (id, source, how many earlier documents had that id and source)."""


# Documents are written by pydantic-core's own serializer (3x faster than model_dump + json.dumps),
# told to spell inf and nan as Python does. Its lines are the same bytes except for floats below 1e-4,
# which Python writes with a two-digit exponent (1e-05) and pydantic-core as 0.00001 or 1e-5: a line
# that may hold one (the test is loose: text such as "0.0000" also matches) is made the plain way.
_ONE_DIGIT_EXPONENT = re.compile(r"[0-9]e-[0-9](?![0-9])")


@cache
def _document_json() -> tuple[type[BaseModel], SchemaSerializer]:
    """The Document class and its serializer, made on the first record (importing schemas costs 0.05 s)."""
    from schemas import Document

    return Document, SchemaSerializer(Document.__pydantic_core_schema__, CoreConfig(ser_json_inf_nan="constants"))


def to_json_line(record: BaseModel | dict[str, Any]) -> str:
    """One compact JSON line (UTF-8 characters kept as they are) for a record."""
    if isinstance(record, BaseModel) and type(record) is (typed := _document_json())[0]:
        try:
            line = typed[1].to_json(record).decode("utf-8")
        except PydanticSerializationError:
            pass  # a lone surrogate, which UTF-8 cannot hold: the plain way below scrubs it
        else:
            # substring tests first: they run at memchr speed, the regex only on a line with an "e-"
            if "0.0000" not in line and ("e-" not in line or _ONE_DIGIT_EXPONENT.search(line) is None):
                return line + "\n"
    data = record.model_dump(mode="json") if isinstance(record, BaseModel) else record
    line = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        # Readers reject lone surrogates, but a writer must never fail on a string that reached it.
        line = scrub(line)
    return line


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _gzip_onto(journal: Path, target: Path) -> None:
    """Compress a finished journal onto ``target`` (a ``.gz`` name) via a temporary file, then drop it.

    The journal stays plain JSONL so ``--resume`` can read it; mtime=0 keeps the bytes reproducible.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as raw:
            # level 6, gzip's own default: GzipFile's 9 is slower for a barely smaller file
            with journal.open("rb") as src, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=6) as gz:
                shutil.copyfileobj(src, gz, 1 << 20)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    journal.unlink()


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
        # mkstemp makes the file private (0600); the output should get the usual permissions.
        os.chmod(fd, 0o666 & ~_umask())
        self._fh = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        if self.keep_existing and self.path.exists():
            with self.path.open(encoding="utf-8") as old:
                for line in old:
                    self._fh.write(line)
        return self

    def write(self, record: BaseModel | dict[str, Any] | str) -> None:
        """Append one record (or its JSON line, already made by ``to_json_line``)."""
        assert self._fh is not None, "writer used outside its with-block"
        self._fh.write(record if isinstance(record, str) else to_json_line(record))
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
            _fsync_dir(self.path.parent)
        else:
            self._tmp.unlink(missing_ok=True)


class OutputLocked(RuntimeError):
    """Another live run is writing the same output (it holds the output's lock)."""

    def __init__(self, output: Path, owner: str) -> None:
        pid = owner.split()[0] if owner.split() else "?"
        super().__init__(f"another run (pid {pid}) is writing {output}; wait for it or choose another -o")
        self.output = output
        self.owner = owner


class OutputError(OSError):
    """Writing the output failed (no space, quota, file too large, permission, a vanished folder)."""

    def __init__(self, output: Path, cause: OSError, kept: int, journal: Path | None) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause))
        self.output = output
        self.kept = kept
        self.journal = journal

    def line(self) -> str:
        """The one line that says what happened, what was kept and how to go on."""
        what = f"error: cannot write {self.output}: {self.strerror}"
        if self.journal is None or not self.journal.exists():
            return what
        noun = "document is" if self.kept == 1 else "documents are"
        return f"{what}; {self.kept:,} finished {noun} kept in {self.journal}; free space and rerun with --resume"


def lock_path(output: Path) -> Path:
    """The lock file of a run writing ``output`` (a hidden file beside it, holding the owner's pid and host)."""
    return output.with_name(f".{output.name}.lock")


class OutputLock:
    """An advisory lock (``flock``) on an output, so that two runs never write one file.

    The kernel drops the lock when its holder dies, whatever kills it, so a lock file left by a
    dead run is taken over (``took_over`` names that run); a live holder raises ``OutputLocked``.
    """

    def __init__(self, output: Path) -> None:
        self.output = output
        self.path = lock_path(output)
        self.took_over: str | None = None
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock or raise ``OutputLocked``; no-op where ``fcntl`` does not exist."""
        try:
            import fcntl
        except ImportError:  # not POSIX: no advisory locks
            return
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
                os.close(fd)
                raise OutputLocked(self.output, owner) from None
            # Its last holder may have removed the file between our open and our lock: lock the new one.
            try:
                current = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                current = False
            if current:
                break
            os.close(fd)
        left = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        self.took_over = left or None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {socket.gethostname()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Remove the lock file and drop the lock (idempotent)."""
        if self._fd is None:
            return
        with suppress(FileNotFoundError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None


def journal_path(output: Path) -> Path:
    """Where the journal of a run writing ``output`` lives (a hidden file beside it)."""
    return output.with_name(f".{output.name}.partial")


class JournalWriter:
    """JSONL output through a resumable journal; see the module docstring.

    Use as a context manager; ``done`` holds the keys of documents finished by an earlier,
    interrupted run (empty unless ``resume``).  ``finish(order)`` promotes the journal, in
    ``order`` (the keys of every document of this run, in input order) when it was resumed.
    Leaving the block with an exception keeps the journal for ``--resume``.
    """

    def __init__(self, path: Path, *, resume: bool = False) -> None:
        self.path = path
        self.journal = journal_path(path)
        self.resume = resume
        self.done: set[Key] = set()
        self.stale = False
        self.lock = OutputLock(path)
        self._seen: Counter[tuple[str, str]] = Counter()
        self._fh: IO[str] | None = None
        self.count = 0

    def next_key(self, doc_id: str, source: str) -> Key:
        """The key of the next document with this id and source (call once per document, in input order)."""
        n = self._seen[(doc_id, source)]
        self._seen[(doc_id, source)] += 1
        return (doc_id, source, n)

    def _load(self) -> None:
        """Read the finished documents of the journal, cutting off a torn last line."""
        good = 0
        seen: Counter[tuple[str, str]] = Counter()
        with self.journal.open("rb") as fh:
            for raw in fh:
                try:
                    row = json.loads(raw)
                    doc_id, source = str(row["id"]), str(row.get("source", ""))
                except (ValueError, KeyError, TypeError):
                    break
                if not raw.endswith(b"\n"):
                    break
                self.done.add((doc_id, source, seen[(doc_id, source)]))
                seen[(doc_id, source)] += 1
                good += len(raw)
        os.truncate(self.journal, good)

    def __enter__(self) -> JournalWriter:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # The lock first: a journal is another run's until its lock is ours.
            self.lock.acquire()
            if self.journal.exists():
                if self.resume:
                    self._load()
                else:
                    self.stale = True
                    self.journal.unlink()
            self._fh = self.journal.open("a", encoding="utf-8", newline="\n")
        except OSError as exc:
            self.lock.release()
            raise OutputError(self.path, exc, len(self.done), None) from exc
        except BaseException:
            self.lock.release()
            raise
        return self

    def _failed(self, exc: OSError) -> OutputError:
        return OutputError(self.path, exc, len(self.done) + self.count, self.journal)

    def write(self, record: BaseModel | dict[str, Any] | str) -> None:
        """Append one finished record (or its JSON line) to the journal, flushed at once."""
        assert self._fh is not None, "writer used outside its with-block"
        try:
            self._fh.write(record if isinstance(record, str) else to_json_line(record))
            self._fh.flush()
        except OSError as exc:
            raise self._failed(exc) from exc
        self.count += 1

    def finish(self, order: Iterable[Key] | None = None) -> None:
        """Promote the journal onto the target (reordered by ``order`` when the run was resumed)."""
        assert self._fh is not None, "writer used outside its with-block"
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None
            if self.done and order is not None:
                self._reorder(list(order))
            if self.path.name.endswith(".gz"):
                _gzip_onto(self.journal, self.path)
            else:
                os.replace(self.journal, self.path)
            _fsync_dir(self.path.parent)
        except OSError as exc:
            raise self._failed(exc) from exc
        finally:
            self.lock.release()

    def _reorder(self, order: list[Key]) -> None:
        """Rewrite the journal in input order: resumed records came from two runs.

        Only an index of the journal is held (each key's byte offset and length), not its records:
        a resumed run needs no more memory than an uninterrupted one.
        """
        where: dict[Key, tuple[int, int]] = {}
        seen: Counter[tuple[str, str]] = Counter()
        offset = 0
        with self.journal.open("rb") as fh:
            for raw in fh:
                row = json.loads(raw)
                pair = (str(row["id"]), str(row.get("source", "")))
                where[(*pair, seen[pair])] = (offset, len(raw))
                seen[pair] += 1
                offset += len(raw)
            with AtomicJsonlWriter(self.journal) as out:
                assert out._fh is not None
                # Records of documents that are no longer among the inputs are dropped with the journal.
                for key in order:
                    if (spot := where.pop(key, None)) is not None:
                        fh.seek(spot[0])
                        out._fh.write(fh.read(spot[1]).decode("utf-8"))

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._fh is not None:
            with suppress(OSError):  # the journal keeps what reached it; the error in flight says why
                self._fh.flush()
            with suppress(OSError):
                self._fh.close()
            self._fh = None
        self.lock.release()


@contextmanager
def atomic_file(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write; renamed onto ``path`` when the block succeeds, else removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    os.chmod(tmp, 0o666 & ~_umask())
    try:
        yield tmp
        with tmp.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _kind(mode: int) -> str:
    """What a file that is not a regular file is, in a word a user knows."""
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def target_problem(path: Path, inputs: Iterable[str | Path] = ()) -> str | None:
    """Why ``path`` cannot receive output (None when it can): only a new path or a regular file will do.

    Output is renamed into place, so a device, FIFO or socket would be replaced by a regular file,
    and an input would be replaced by records; a missing folder is created, as ``mkdir -p`` would.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    except OSError as exc:
        return f"cannot use {path}: {exc.strerror}"
    if st is not None and not stat.S_ISREG(st.st_mode):
        return f"{path} is {_kind(st.st_mode)}, not a regular file; output goes to a new path or a regular file"
    if st is None:
        return None
    from .readers import JSONL_SUFFIXES, TEXT_SUFFIXES

    for raw in inputs:
        if str(raw) == "-":
            continue
        given = Path(raw)
        try:
            if given.is_dir():
                inside = path.resolve().is_relative_to(given.resolve())
                if inside and path.name.endswith(TEXT_SUFFIXES + JSONL_SUFFIXES):
                    return f"{path} is inside the input folder {given}, where it is read as an article; choose another path"
            elif os.path.samefile(path, given):
                return f"{path} is an input of this run; choose another path"
        except OSError:
            continue
    return None
