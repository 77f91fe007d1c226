"""The in-process backend: extract a stream of articles one by one, errors as items of the stream.

Every backend runs this on its share of the input (the run itself, each ``--jobs`` worker, each Dask
partition), so none of them needs the runner that drives them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from schemas import Document

from .extractor import Article, Extractor
from .readers import InputError

# Documents run through the stages together (``Extractor.process_batch``): enough that each stage's
# tables stay in the CPU's caches from one document to the next, few enough that results still stream.
BATCH_DOCS = 16
BATCH_CHARS = 100_000


def extract_all(
    items: Iterable[Article | InputError], extractor: Extractor, *, batch_docs: int = BATCH_DOCS
) -> Iterator[Document | InputError]:
    """Extract each Article; errors (input or extraction) come out as InputError, in order.

    Articles are extracted ``batch_docs`` at a time; a stream that arrives slowly (a pipe) is better
    served by ``batch_docs=1``, each document as soon as it is read.
    """
    pending: list[Article] = []
    size = 0
    for item in items:
        if isinstance(item, Article):
            pending.append(item)
            size += len(item.text)
            if len(pending) < batch_docs and size < BATCH_CHARS:
                continue
        yield from _extract(pending, extractor)
        pending, size = [], 0
        if isinstance(item, InputError):
            yield item
    yield from _extract(pending, extractor)


def _extract(articles: list[Article], extractor: Extractor) -> Iterator[Document | InputError]:
    if not articles:
        return
    results = extractor.process_batch(articles)  # a document that fails is its exception, in its place
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Exception):
            yield InputError(id=article.id, source=article.source, reason=f"extraction failed: {type(result).__name__}: {result}")
        else:
            yield result
