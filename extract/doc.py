"""Where pipeline results live on a spaCy ``Doc``: one span group per layer, exact records alongside.

jieba's tokens do not always line up with the edges of an extracted item (``15万余元`` may be
segmented as ``15`` ``万余元``, and an item can start inside a token).  We never split tokens:
each layer is a ``doc.spans[layer]`` group whose spans are the smallest token spans covering
each item (``alignment_mode="expand"``), and the group's ``attrs["records"]`` holds the item
records, in the same order, with exact character offsets.  ``records(doc, layer)`` is the one
way to read them back; the converter in ``extract.records`` uses nothing else.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel
from spacy.tokens import Doc, Span, SpanGroup

LAYERS: tuple[str, ...] = ("quantities", "campaigns", "case_types", "entities", "statistics")

_DOC_EXTENSIONS: dict[str, Any] = {
    "norm_text": None,  # same-length normalised text the rule stages match against
    "doc_id": None,
    "source": None,
    "title": None,
    "published": None,
    "encoding": None,
}


def register_extensions() -> None:
    """Register the ``Doc._`` attributes the pipeline uses (idempotent)."""
    for name, default in _DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register_extensions()

_TEXT_KEY = ("extract", "text")  # doc.user_data key of the cached text (spaCy's own keys are 4-tuples)


def norm_text(doc: Doc) -> str:
    """The normalised text of ``doc`` (same length as ``doc.text``), or the raw text if unset."""
    value = doc._.norm_text
    return value if value is not None else doc_text(doc)


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per Doc: spaCy re-joins every token on each ``doc.text`` access (O(n))."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Record ``text`` as ``doc.text`` (a tokenizer that covers every character knows it already)."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def token_span(doc: Doc, start: int, end: int, label: str = "") -> Span | None:
    """Smallest token span covering characters ``start:end`` (None when it covers nothing)."""
    return doc.char_span(start, end, label=label, alignment_mode="expand")


def set_layer(
    doc: Doc, layer: str, items: Iterable[BaseModel | dict[str, Any]], label_field: str | None = None
) -> None:
    """Store ``items`` (records with ``start``/``end``) as layer ``layer`` of ``doc``, sorted by offset.

    Items are item models or their ``model_dump()`` rows (the rule stages build rows directly: the
    converter validates every row once, ``extract.records.doc_to_record``).  Replaces what the layer
    held; items whose offsets fall outside the text are dropped.
    """
    rows: list[dict[str, Any]] = []
    spans: list[Span] = []
    text = doc_text(doc)
    data_rows = [item if isinstance(item, dict) else item.model_dump() for item in items]
    data_rows.sort(key=row_offsets)
    labels = label_ids(doc, [str(data.get(label_field, "")) for data in data_rows] if label_field else [layer] * len(data_rows))
    for data, label_id in zip(data_rows, labels, strict=True):
        start, end = data["start"], data["end"]
        span = doc.char_span(start, end, label=label_id, alignment_mode="expand")
        if span is None or text[start:end] != data["text"]:
            continue
        rows.append(data)
        spans.append(span)
    doc.spans[layer] = SpanGroup(doc, name=layer, spans=spans, attrs={"records": rows})


# a row's (start, end), read in C: the sort key of every layer's rows
row_offsets = operator.itemgetter("start", "end")


def label_ids(doc: Doc, labels: list[str]) -> list[int]:
    """The string-store id of each label (what ``Span(..., label=...)`` stores), each distinct one hashed once."""
    strings = doc.vocab.strings
    ids = {label: strings.add(label) for label in set(labels)}
    return [ids[label] for label in labels]


def add_to_layer(
    doc: Doc, layer: str, items: Iterable[BaseModel | dict[str, Any]], label_field: str | None = None
) -> None:
    """Merge ``items`` into layer ``layer``, keeping what earlier components put there."""
    # The rows already on the layer were checked when they were stored: no re-validation.
    set_layer(doc, layer, [*records(doc, layer), *items], label_field=label_field)


def records(doc: Doc, layer: str) -> list[dict[str, Any]]:
    """The exact-offset records of ``layer`` on ``doc`` (empty when no component set it)."""
    if layer not in doc.spans:
        return []
    return list(doc.spans[layer].attrs.get("records", []))
