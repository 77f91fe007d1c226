"""The in-process backend: extract a stream of articles one by one, errors as items of the stream.

Every backend runs this on its share of the input (the run itself, each ``--jobs`` worker, each Dask
partition), so none of them needs the runner that drives them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from schemas import Document

from .extractor import Article, Extractor
from .readers import InputError


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
