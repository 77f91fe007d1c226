"""The one converter from a processed spaCy ``Doc`` to a ``schemas.Document`` record."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc

from schemas import LISTS, Document

from .doc import records


def doc_to_record(doc: Doc, *, doc_id: str, lang: str, source: str = "") -> Document:
    """Turn the layers and attributes that the stages left on ``doc`` into a Document record."""
    # One validation of the whole record (pydantic-core walks the nested rows itself): the stages
    # store plain rows, and this is where they are checked against the SPEC's models.
    return Document.model_validate(
        {
            "id": doc_id,
            "source": source,
            "lang": lang,
            "title": doc._.title,
            "published": doc._.published,
            "encoding": doc._.encoding,
            **{layer: sorted(records(doc, layer), key=_offsets) for layer in LISTS},
        }
    )


def _offsets(row: dict[str, Any]) -> tuple[int, int]:
    return row["start"], row["end"]
