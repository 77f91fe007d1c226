"""The one converter from a processed spaCy ``Doc`` to a ``schemas.Document`` record."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from spacy.tokens import Doc

from schemas import LISTS, Document, StageError

from .doc import records, row_offsets


def doc_to_record(doc: Doc, *, doc_id: str, lang: str, source: str = "") -> Document:
    """Turn the layers and attributes that the stages left on ``doc`` into a Document record.

    A layer whose rows break the SPEC's models (a stage's bug) is left out and named in ``errors``,
    so that the other layers are still written.
    """
    head = {
        "id": doc_id,
        "source": source,
        "lang": lang,
        "title": doc._.title,
        "published": doc._.published,
        "encoding": doc._.encoding,
    }
    layers = {layer: _in_order(records(doc, layer)) for layer in LISTS}
    try:
        # One validation of the whole record (pydantic-core walks the nested rows itself): the stages
        # store plain rows, and this is where they are checked against the SPEC's models.
        return Document.model_validate({**head, **layers})
    except ValidationError:
        pass
    errors: list[StageError] = []
    for layer in LISTS:
        try:
            Document.model_validate({**head, layer: layers[layer]})
        except ValidationError as exc:
            errors.append(StageError(stage=f"records:{layer}", error=f"ValidationError: {exc.errors()[0]['msg']}"))
            layers[layer] = []
    return Document.model_validate({**head, **layers, "errors": errors})


def _in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    try:
        return sorted(rows, key=row_offsets)
    except (KeyError, TypeError):
        return rows  # rows without offsets: validation names the layer in ``errors``
