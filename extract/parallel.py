"""Ordered parallel extraction over worker processes, each building its pipelines once.

``parallel_extract`` takes the lazy stream of articles (and read errors) that ``extract.readers``
yields and returns the results in exactly the input order, so ``--jobs N`` output is byte-identical
to ``--jobs 1``.  Work is cut into small batches (a few hundred thousand characters) and at most
``jobs * inflight`` batches are in flight at any moment: the corpus is never listed, so a 1 GB
JSONL file streams through in bounded memory.

Each worker runs ``extract.batch.extract_all`` on its batch with a process-wide Extractor, so a
failing document becomes an ``InputError`` in its place, exactly as in a single-process run.  A
worker that dies outright (segfault, out-of-memory kill) breaks the pool: the pool is rebuilt, the
batch that was running is retried one document at a time, and only the document that kills a
worker again is reported as failed.
"""

from __future__ import annotations

import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from schemas import Document

from .batch import extract_all
from .extractor import Article, Extractor
from .forkserver import context, die_with_parent
from .forkserver import default_jobs as default_jobs  # re-exported: it was defined here first
from .readers import InputError

Item = Article | InputError
Result = Document | InputError

# Big enough that pickling and queueing cost little next to extraction (~0.2 s of work per batch at
# 0.3 M chars/s), small enough that in-flight memory stays a few MB.
BATCH_CHARS = 50_000
BATCH_DOCS = 100
INFLIGHT_PER_JOB = 2

_worker_extractor: Extractor | None = None


def _init_worker(extractor: Extractor) -> None:
    global _worker_extractor
    die_with_parent()  # a killed run (kill -9, OOM) leaves no worker behind
    _worker_extractor = extractor


def _process_batch(batch: list[Item], encode: bool = False) -> list[Result | str]:
    from .writers import to_json_line

    assert _worker_extractor is not None, "worker not initialised"
    results = extract_all(batch, _worker_extractor)
    if not encode:
        return list(results)
    # The JSON line is made here, in parallel: the main process only writes it (no record to unpickle).
    return [r if isinstance(r, InputError) else to_json_line(r) for r in results]


def batches(
    items: Iterable[Item], *, max_chars: int = BATCH_CHARS, max_docs: int = BATCH_DOCS, parts: int = 1
) -> Iterator[list[Item]]:
    """Cut the stream into lists of at most ``max_docs`` items and about ``max_chars`` characters, lazily.

    For ``parts`` > 1 workers, the end of the stream is cut finer: ``parts`` + 1 batches' worth is held
    back, and when the stream ends that rest becomes ``2 * parts`` smaller batches, so the workers run
    out of work together instead of one waiting out the other's last full batch.
    """
    if parts <= 1:
        yield from _batches(items, max_chars, max_docs)
        return
    held: deque[Item] = deque()
    held_chars = 0
    whole = True  # the stream so far, all held: if it fits one batch, it stays one (no workers needed)
    for item in items:
        held.append(item)
        held_chars += _chars(item)
        while held_chars >= (parts + 1) * max_chars or len(held) >= (parts + 1) * max_docs:
            batch, size = _take(held, max_chars, max_docs)
            held_chars -= size
            whole = False
            yield batch
    if whole and held_chars < max_chars and len(held) < max_docs:
        if held:
            yield list(held)
        return
    tail = max(-(-held_chars // (2 * parts)), MIN_TAIL_CHARS)
    while held:
        yield _take(held, tail, max_docs)[0]


def _batches(items: Iterable[Item], max_chars: int, max_docs: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    size = 0
    for item in items:
        batch.append(item)
        size += _chars(item)
        if size >= max_chars or len(batch) >= max_docs:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


# The smallest batch the end of a stream is cut into: below this, queueing costs more than it evens out.
MIN_TAIL_CHARS = 2_000


def _chars(item: Item) -> int:
    return len(item.text) if isinstance(item, Article) else 0


def _take(held: deque[Item], max_chars: int, max_docs: int) -> tuple[list[Item], int]:
    """Pop the first batch off ``held`` (items until ``max_chars`` characters or ``max_docs`` items)
    and say how many characters it holds."""
    batch: list[Item] = []
    size = 0
    while held and size < max_chars and len(batch) < max_docs:
        item = held.popleft()
        batch.append(item)
        size += _chars(item)
    return batch, size


class _Pool:
    """A ProcessPoolExecutor that can be rebuilt after a worker dies."""

    def __init__(self, jobs: int, extractor: Extractor, start_method: str | None, encode: bool = False) -> None:
        self.jobs = jobs
        self.encode = encode
        self.extractor = extractor
        self.ctx = context(start_method)
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=self.ctx, initializer=_init_worker, initargs=(self.extractor,)
        )

    def submit(self, batch: list[Item]) -> Future[list[Result | str]]:
        """Queue one batch (a pool already broken hands back a failed future, handled when drained)."""
        try:
            return self.executor.submit(_process_batch, batch, self.encode)
        except BrokenProcessPool as exc:
            failed: Future[list[Result | str]] = Future()
            failed.set_exception(exc)
            return failed

    def rebuild(self) -> None:
        """Replace a broken executor with a fresh one."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        """Stop the workers; queued batches are dropped."""
        self.executor.shutdown(wait=True, cancel_futures=True)


def _isolate(pool: _Pool, batch: list[Item]) -> list[Result | str]:
    """Rerun a batch whose worker died one document at a time; the one that kills again is an error."""
    out: list[Result | str] = []
    for item in batch:
        try:
            out.extend(pool.submit([item]).result())
        except BrokenProcessPool:
            pool.rebuild()
            out.append(
                InputError(id=item.id, source=item.source, reason="extraction failed: worker process died")
            )
    return out


def parallel_extract(
    items: Iterable[Item],
    extractor: Extractor | None = None,
    *,
    jobs: int,
    start_method: str | None = None,
    max_chars: int = BATCH_CHARS,
    max_docs: int = BATCH_DOCS,
    inflight_per_job: int = INFLIGHT_PER_JOB,
    encode: bool = False,
) -> Iterator[Result | str]:
    """Extract ``items`` over ``jobs`` worker processes, yielding results in input order.

    ``extractor`` is pickled to each worker without its built pipelines (see ``Extractor.__getstate__``)
    and builds them there once; ``start_method`` is a multiprocessing start method (default forkserver).
    With ``encode``, records come back as their JSON lines (``extract.writers.to_json_line``), made
    in the workers.
    """
    extractor = extractor or Extractor()
    stream = batches(items, max_chars=max_chars, max_docs=max_docs, parts=jobs)
    first = next(stream, None)
    second = next(stream, None)
    if second is None:
        # A single batch of input: starting workers would cost more than extracting it here.

        yield from extract_all(first or [], extractor)
        return
    pool = _Pool(jobs, extractor, start_method, encode)
    pending: deque[tuple[list[Item], Future[list[Result | str]]]] = deque()
    limit = max(1, jobs * inflight_per_job)

    def drain_one() -> list[Result | str]:
        batch, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            # Every queued future died with the pool: rebuild, isolate this batch, requeue the rest.
            rest = [b for b, _ in pending]
            pending.clear()
            pool.rebuild()
            results = _isolate(pool, batch)
            for b in rest:
                pending.append((b, pool.submit(b)))
            return results

    try:
        for batch in itertools.chain([first, second], stream):
            pending.append((batch, pool.submit(batch)))
            while len(pending) >= limit:
                yield from drain_one()
        while pending:
            yield from drain_one()
    finally:
        pool.close()
