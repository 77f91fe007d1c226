"""The library entry points: ``Extractor`` (pipelines built once) and ``extract_text``."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from schemas import Document, StageError

from . import pipeline
from .normalize import detect_lang
from .records import doc_to_record


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


class Extractor:
    """Runs the extraction pipeline; each language's spaCy pipeline is built once, on first use."""

    def __init__(self, *, lang: str | None = None, model: str | None = None) -> None:
        self.lang = lang
        self.model = model  # a trained spaCy pipeline (package or path) whose NER fills gaps in the rules
        self._nlps: dict[str, Language] = {}

    def __getstate__(self) -> dict[str, object]:
        # Sent to worker processes (--jobs, Dask) as settings only: each rebuilds its pipelines once.
        return {**self.__dict__, "_nlps": {}}

    def nlp(self, lang: str) -> Language:
        """The spaCy pipeline used for ``lang`` (built on first call)."""
        if lang not in self._nlps:
            self._nlps[lang] = pipeline.build(lang, model=self.model)
        return self._nlps[lang]

    def _prepare(self, article: Article) -> tuple[Doc, str]:
        lang = article.lang or self.lang or detect_lang(article.text)
        doc = self.nlp(lang).make_doc(article.text)
        doc._.doc_id = article.id
        doc._.source = article.source
        doc._.title = article.title
        doc._.published = article.published
        doc._.encoding = article.encoding
        return doc, lang

    def process(self, article: Article) -> Document:
        """Extract one Article into a Document record.

        A stage that raises does not lose the article: the record keeps what every other stage
        found, and ``errors`` names the stage and the exception (degrade, don't drop).
        """
        doc, lang = self._prepare(article)
        failures: list[StageError] = []
        for name, proc in self.nlp(lang).pipeline:
            try:
                doc = proc(doc)
            except Exception as exc:  # noqa: BLE001 - one stage's bug must not cost the others' results
                failures.append(StageError(stage=name, error=f"{type(exc).__name__}: {exc}"))
        record = doc_to_record(doc, doc_id=article.id, lang=lang, source=article.source)
        if failures:
            record.errors = failures
        if article.translation_of is not None:
            record.translation_of = article.translation_of
        return record

    def extract(
        self, text: str, *, doc_id: str = "doc", lang: str | None = None, source: str = ""
    ) -> Document:
        """Extract one text into a Document record."""
        return self.process(Article(id=doc_id, text=text, source=source, lang=lang))

    def pipe(self, items: Iterable[str | tuple[str, str] | Article]) -> Iterator[Document]:
        """Stream Documents for texts, ``(id, text)`` pairs or Articles, in input order."""
        for n, item in enumerate(items):
            if isinstance(item, Article):
                article = item
            elif isinstance(item, tuple):
                article = Article(id=item[0], text=item[1])
            else:
                article = Article(id=f"doc{n}", text=item)
            yield self.process(article)


@cache
def default_extractor() -> Extractor:
    """The process-wide Extractor that ``extract_text`` uses."""
    return Extractor()


def extract_text(text: str, *, doc_id: str = "doc", lang: str | None = None) -> Document:
    """Extract quantities, campaigns, case types and entities from ``text``."""
    return default_extractor().extract(text, doc_id=doc_id, lang=lang)
