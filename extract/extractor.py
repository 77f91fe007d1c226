"""The library entry points: ``Extractor`` (pipelines built once) and ``extract_text``."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

from schemas import Document, StageError

from .budget import DEFAULT_TIME_BUDGET as DEFAULT_TIME_BUDGET  # re-exported: it was defined here first
from .budget import Budget, TooSlow
from .html import Page, looks_like_html, read_page, to_markup_offsets

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# spaCy and the stages are imported when the first document is extracted (``Extractor.nlp``), not
# with this module: a process that only reads and writes records, such as the main process of a
# ``--jobs`` run, never pays the half second they cost.


@dataclass(frozen=True)
class Article:
    """One input article: its text and what the input said about it."""

    id: str
    text: str
    source: str = ""
    title: str | None = None
    published: str | None = None
    lang: str | None = None
    encoding: str | None = None
    translation_of: str | None = None
    # For an HTML page: its visible text and the map back to the markup (set by ``as_page``).
    page: Page | None = None

    def as_page(self) -> Article:
        """This article read as an HTML page when its text is one: the stages then see the page's
        visible text, and the record's offsets are mapped back into the markup."""
        if self.page is not None or not looks_like_html(self.text):
            return self
        page = read_page(self.text)
        return replace(
            self,
            text=page.text,
            title=self.title if self.title is not None else page.title,
            published=self.published if self.published is not None else page.published,
            page=page,
        )


@dataclass
class _Job:
    """One document on its way through the stages of a batch."""

    index: int
    article: Article
    lang: str
    doc: Doc
    failures: list[StageError]
    used: float = 0.0  # seconds of stage time so far: what the budget counts
    stopped: bool = False  # a stage overran the budget: the stages after it are skipped

    def run(self, name: str, proc: Callable[[Doc], Doc], budget: Budget) -> None:
        """Run stage ``name`` on this document, recording a failure or an overrun in its errors."""
        start = time.monotonic()
        try:
            try:
                budget.arm(self.used)
                self.doc = proc(self.doc)
            finally:
                budget.disarm()
        except TooSlow:
            self.used += time.monotonic() - start
            self._too_slow(name)
            return
        except Exception as exc:  # noqa: BLE001 - one stage's bug must not cost the others' results
            self.failures.append(StageError(stage=name, error=f"{type(exc).__name__}: {exc}"))
        self.used += time.monotonic() - start
        if budget.spent(self.used):
            # Without an alarm (not the main thread, or no SIGALRM) the budget is checked between stages.
            self._too_slow(name)

    def _too_slow(self, name: str) -> None:
        self.failures.append(StageError(stage=name, error=f"too slow: stage {name} after {self.used:.1f} s"))
        self.stopped = True


class Extractor:
    """Runs the extraction pipeline; each language's spaCy pipeline is built once, on first use."""

    def __init__(self, *, lang: str | None = None, model: str | None = None,
                 time_budget: float | None = DEFAULT_TIME_BUDGET, freeze: bool = False) -> None:
        self.lang = lang
        # After building a pipeline, move every live object to the garbage collector's permanent
        # generation (gc.freeze): its collections stop walking the pipeline's tables (6-10% of a run).
        # For processes that exist to extract (the command line and its workers); it would also keep
        # a library caller's own objects of that moment out of reach of the cycle collector.
        self.freeze = freeze
        self.model = model  # a trained spaCy pipeline (package or path) whose NER fills gaps in the rules
        # Seconds per document (None or 0: no limit); a stage that overruns it is stopped and named in
        # the record's errors, and the stages after it are skipped: the document is written, not lost.
        self.time_budget = time_budget or None
        self._nlps: dict[str, Language] = {}

    def __getstate__(self) -> dict[str, object]:
        # Sent to worker processes (--jobs, Dask) as settings only: each rebuilds its pipelines once.
        return {**self.__dict__, "_nlps": {}}

    def nlp(self, lang: str) -> Language:
        """The spaCy pipeline used for ``lang`` (built on first call)."""
        if lang not in self._nlps:
            from . import pipeline

            self._nlps[lang] = pipeline.build(lang, model=self.model)
            if self.freeze:
                import gc

                gc.freeze()
        return self._nlps[lang]

    def process(self, article: Article) -> Document:
        """Extract one Article into a Document record.

        A stage that raises does not lose the article: the record keeps what every other stage
        found, and ``errors`` names the stage and the exception (degrade, don't drop).
        """
        (result,) = self.process_batch([article])
        if isinstance(result, Exception):
            raise result
        return result

    def process_batch(self, articles: Sequence[Article]) -> list[Document | Exception]:
        """Extract several Articles, each stage over all of them in turn; results in input order.

        The records are those ``process`` gives one by one, but a stage's automata and tables stay in
        the CPU's caches from one document to the next (1.3-1.5x faster over batches of 16 documents,
        ``bench/run.py``). A document that cannot be extracted at all has its exception in its place;
        a failing stage is named in the document's ``errors`` as in ``process``, and the time budget
        counts each document's own stage time.
        """
        results: dict[int, Document | Exception] = {}  # by the article's index
        jobs: dict[str, list[_Job]] = {}
        for i, article in enumerate(articles):
            try:
                job = self._prepare(i, article)
            except Exception as exc:  # noqa: BLE001 - reported in this document's place
                results[i] = exc
                continue
            jobs.setdefault(job.lang, []).append(job)
        with Budget(self.time_budget) as budget:
            for lang, group in jobs.items():
                for name, proc in self.nlp(lang).pipeline:
                    for job in group:
                        if not job.stopped:
                            job.run(name, proc, budget)
        for group in jobs.values():
            for job in group:
                try:
                    results[job.index] = self._record(job)
                except Exception as exc:  # noqa: BLE001 - reported in this document's place
                    results[job.index] = exc
        return [results[i] for i in range(len(articles))]

    def _prepare(self, index: int, article: Article) -> _Job:
        from .layout import FURNITURE_KEY
        from .normalize import detect_lang

        failures: list[StageError] = []
        try:
            article = article.as_page()
        except Exception as exc:  # noqa: BLE001 - a page the reader cannot take is still read as text
            failures.append(StageError(stage="html", error=f"{type(exc).__name__}: {exc}"))
        lang = article.lang or self.lang or detect_lang(article.text)
        doc = self.nlp(lang).make_doc(article.text)
        doc._.doc_id = article.id
        doc._.source = article.source
        doc._.title = article.title
        doc._.published = article.published
        doc._.encoding = article.encoding
        if article.page is not None:
            doc.user_data[FURNITURE_KEY] = article.page.furniture
        return _Job(index, article, lang, doc, failures)

    @staticmethod
    def _record(job: _Job) -> Document:
        from .records import doc_to_record

        article = job.article
        record = doc_to_record(job.doc, doc_id=article.id, lang=job.lang, source=article.source)
        if job.failures:
            record.errors = job.failures
        if article.translation_of is not None:
            record.translation_of = article.translation_of
        if article.page is not None:
            to_markup_offsets(record, article.page)
        return record

    def extract(
        self, text: str, *, doc_id: str = "doc", lang: str | None = None, source: str = ""
    ) -> Document:
        """Extract one text into a Document record."""
        return self.process(Article(id=doc_id, text=text, source=source, lang=lang))

    def pipe(self, items: Iterable[str | tuple[str, str] | Article], batch_size: int = 16) -> Iterator[Document]:
        """Stream Documents for texts, ``(id, text)`` pairs or Articles, in input order.

        Documents go through the stages ``batch_size`` at a time (``process_batch``); a document that
        cannot be extracted raises its exception when its turn comes, as ``process`` would.
        """
        batch: list[Article] = []
        for n, item in enumerate(items):
            if isinstance(item, Article):
                batch.append(item)
            elif isinstance(item, tuple):
                batch.append(Article(id=item[0], text=item[1]))
            else:
                batch.append(Article(id=f"doc{n}", text=item))
            if len(batch) >= batch_size:
                yield from _raising(self.process_batch(batch))
                batch = []
        yield from _raising(self.process_batch(batch))


def _raising(results: list[Document | Exception]) -> Iterator[Document]:
    for result in results:
        if isinstance(result, Exception):
            raise result
        yield result


@cache
def default_extractor() -> Extractor:
    """The process-wide Extractor that ``extract_text`` uses."""
    return Extractor()


def extract_text(text: str, *, doc_id: str = "doc", lang: str | None = None) -> Document:
    """Extract quantities, campaigns, case types and entities from ``text``."""
    return default_extractor().extract(text, doc_id=doc_id, lang=lang)
