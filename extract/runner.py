"""The corpus run behind ``extract PATH...``: read, extract, write, one document at a time.

A document that fails to read or to extract is reported (id, source, reason) and skipped; the
others are still written.  Output is written atomically (see ``extract.writers``).
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from schemas import Document

from .batch import extract_all as extract_all  # re-exported: the in-process backend
from .clean import counted
from .extractor import Article, Extractor
from .readers import InputError, iter_articles
from .writers import AtomicJsonlWriter, JournalWriter, Key


@dataclass
class RunSummary:
    """Counts of one run, and the errors met."""

    read: int = 0
    written: int = 0
    resumed: int = 0
    errors: list[InputError] = field(default_factory=list)
    degraded: list[InputError] = field(default_factory=list)  # written, but a stage failed on them

    @property
    def failed(self) -> int:
        """How many documents could not be read or extracted."""
        return len(self.errors)

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        line = f"extract: {counted(self.read, 'document')} read, {self.written:,} written, {self.failed:,} failed"
        if self.degraded:
            line += f", {len(self.degraded):,} written with a failed stage"
        return line + (f" ({self.resumed} already done by the interrupted run)" if self.resumed else "")


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt, so ``kill`` cleans up like Ctrl-C (journal kept, no temp files)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _skip_finished(
    items: Iterable[Article | InputError], journal: JournalWriter, order: list[Key], summary: RunSummary
) -> Iterator[Article | InputError]:
    """Drop the articles the interrupted run already finished; note every article's key, in input order."""
    for item in items:
        if isinstance(item, Article) and journal.done:
            key = journal.next_key(item.id, item.source)
            order.append(key)
            if key in journal.done:
                summary.read += 1
                summary.written += 1
                summary.resumed += 1
                continue
        yield item


def _error_row(err: InputError) -> dict[str, str]:
    return {"id": err.id, "source": err.source, "reason": err.reason}


@contextmanager
def _ignore_file_size_signal() -> Iterator[None]:
    """A file-size limit (``RLIMIT_FSIZE``) makes a write fail with EFBIG instead of killing the run."""
    xfsz = getattr(signal, "SIGXFSZ", None)
    if xfsz is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(xfsz, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(xfsz, previous)


def run(
    inputs: Iterable[str | Path],
    output: Path | None,
    *,
    extractor: Extractor | None = None,
    on_error: Callable[[InputError], None] | None = None,
    progress: bool = False,
    jobs: int = 1,
    dask: str | None = None,
    resume: bool = False,
    errors: Path | None = None,
    on_note: Callable[[str], None] | None = None,
) -> RunSummary:
    """Extract every article named by ``inputs`` into JSONL at ``output`` (stdout when None).

    ``jobs`` > 1 extracts over that many worker processes (``extract.parallel``); ``dask`` (``local``
    or a scheduler address) on a Dask cluster (``extract.dask_backend``), with one JSONL part per
    partition in ``OUTPUT.parts/``.  Either way the output order is that of a single-process run.

    With ``output`` a file, finished records go to a journal beside it first (``extract.writers``),
    promoted onto ``output`` when the run completes; ``resume`` continues an interrupted run from
    its journal.  ``errors`` receives the failures as JSONL, journaled like the output.  SIGTERM
    interrupts like Ctrl-C (KeyboardInterrupt), leaving the journal for ``resume``.  A second run
    on the same output raises ``OutputLocked``; a failing write ``OutputError`` (journal intact).
    ``on_note`` hears what the run did on its own (a stale lock taken over, a journal discarded).
    """
    extractor = extractor or Extractor()
    summary = RunSummary()
    inputs = list(inputs)
    extract: Callable[[Iterable[Article | InputError], Extractor], Iterator[Document | InputError | str]] = extract_all
    if any(str(name) == "-" for name in inputs):
        # a pipe is extracted as it arrives: a batch would wait for documents still to come
        extract = partial(extract_all, batch_docs=1)
    if jobs > 1:
        from .parallel import parallel_extract

        extract = partial(parallel_extract, jobs=jobs, encode=True)
    if dask is not None:
        from .dask_backend import dask_extract

        parts = output.with_name(output.name + ".parts") if output is not None else None
        extract = partial(dask_extract, client=dask, parts_dir=parts, n_workers=jobs, encode=True)
    order: list[Key] = []
    with _sigterm_as_interrupt(), _ignore_file_size_signal(), ExitStack() as stack:
        writer = JournalWriter(output, resume=resume) if output is not None else AtomicJsonlWriter(None)
        # --errors is journaled like the output: an interrupted run keeps the errors it met
        failures = stack.enter_context(JournalWriter(errors)) if errors is not None else None
        with writer:
            if isinstance(writer, JournalWriter) and on_note is not None:
                if writer.lock.took_over:
                    on_note(f"note: taking over {output} from run {writer.lock.took_over}, which is no longer running")
                if writer.stale:
                    on_note(f"note: discarding {writer.journal} left by an interrupted run (--resume continues it)")
            items = iter_articles(inputs)
            if isinstance(writer, JournalWriter):
                items = _skip_finished(items, writer, order, summary)
            results = extract(items, extractor)
            if progress:
                from tqdm import tqdm

                from .readers import count_documents

                # a total (hence an ETA) where the inputs can be counted within a second
                done = len(writer.done) if isinstance(writer, JournalWriter) else 0
                results = tqdm(results, desc="extract", unit="doc", file=sys.stderr, total=count_documents(inputs), initial=done)
            for result in results:
                summary.read += 1
                if isinstance(result, InputError):
                    summary.errors.append(result)
                    if failures is not None:
                        failures.write(_error_row(result))
                    if on_error is not None:
                        on_error(result)
                    continue
                writer.write(result)
                summary.written += 1
                for problem in _stage_errors(result):
                    summary.degraded.append(problem)
                    if failures is not None:
                        failures.write(_error_row(problem))
                    if on_error is not None:
                        on_error(problem)
            if isinstance(writer, JournalWriter):
                writer.finish(order)
        if failures is not None:
            failures.finish()
    return summary


# A record's JSON line holds this exact text only as its own empty ``errors`` list: inside a string
# the quotes would be escaped.  It spares parsing every line the workers send back.
_NO_STAGE_ERRORS = '"errors":[]'


def _stage_errors(result: Document | str) -> list[InputError]:
    """One InputError per document whose record names failed stages (the record itself is written)."""
    if isinstance(result, str):
        if _NO_STAGE_ERRORS in result:
            return []
        data = json.loads(result)
        doc_id, source, failures = data["id"], data.get("source", ""), data.get("errors", [])
    else:
        doc_id, source = result.id, result.source
        failures = [e.model_dump() for e in result.errors]
    if not failures:
        return []
    stages = "; ".join(f"{e['stage']}: {e['error']}" for e in failures)
    return [InputError(id=doc_id, source=source, reason=f"stage failed, record written without it ({stages})")]
