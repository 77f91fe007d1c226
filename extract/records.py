"""The one converter from a processed spaCy ``Doc`` to a ``schemas.Document`` record."""

from __future__ import annotations

from spacy.tokens import Doc

from schemas import ITEM_MODELS, LISTS, Document

from .doc import records


def doc_to_record(doc: Doc, *, doc_id: str, lang: str, source: str = "") -> Document:
    """Turn the layers and attributes that the stages left on ``doc`` into a Document record."""
    lists = {
        layer: sorted(
            (ITEM_MODELS[layer].model_validate(row) for row in records(doc, layer)),
            key=lambda it: (it.start, it.end),
        )
        for layer in LISTS
    }
    return Document(
        id=doc_id,
        source=source,
        lang=lang,  # type: ignore[arg-type]
        title=doc._.title,
        published=doc._.published,
        encoding=doc._.encoding,
        **lists,
    )
