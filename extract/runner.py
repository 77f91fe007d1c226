"""The corpus run behind ``extract PATH...``: read, extract, write, one document at a time.

A document that fails to read or to extract is reported (id, source, reason) and skipped; the
others are still written.  Output is written atomically (see ``extract.writers``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from schemas import Document

from .extractor import Article, Extractor
from .readers import InputError, iter_articles
from .writers import AtomicJsonlWriter


@dataclass
class RunSummary:
    """Counts of one run, and the errors met."""

    read: int = 0
    written: int = 0
    errors: list[InputError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """How many documents could not be read or extracted."""
        return len(self.errors)

    def line(self) -> str:
        """The one-line summary printed at the end of a run."""
        return f"extract: {self.read} documents read, {self.written} written, {self.failed} failed"


def extract_all(
    items: Iterable[Article | InputError], extractor: Extractor
) -> Iterator[Document | InputError]:
    """Extract each Article; errors (input or extraction) come out as InputError, in order."""
    for item in items:
        if isinstance(item, InputError):
            yield item
            continue
        try:
            yield extractor.process(item)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
            yield InputError(id=item.id, source=item.source, reason=f"extraction failed: {type(exc).__name__}: {exc}")


def run(
    inputs: Iterable[str | Path],
    output: Path | None,
    *,
    extractor: Extractor | None = None,
    on_error: Callable[[InputError], None] | None = None,
    progress: bool = False,
) -> RunSummary:
    """Extract every article named by ``inputs`` into JSONL at ``output`` (stdout when None)."""
    extractor = extractor or Extractor()
    summary = RunSummary()
    results = extract_all(iter_articles(inputs), extractor)
    if progress:
        from tqdm import tqdm

        results = tqdm(results, desc="extract", unit="doc", file=sys.stderr)
    with AtomicJsonlWriter(output) as writer:
        for result in results:
            summary.read += 1
            if isinstance(result, InputError):
                summary.errors.append(result)
                if on_error is not None:
                    on_error(result)
                continue
            writer.write(result)
            summary.written += 1
    return summary
