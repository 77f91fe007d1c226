"""NER stage: PERSON, ORG, LOC and DATE entities (SPEC section 6).

Rules over the normalised text (compiled regexes and gazetteer lists, see patterns/<lang>/entities.toml,
places.toml and surnames.toml); jieba's token boundaries, already on the Doc, decide where a name ends.
Overlapping candidates resolve to the longest span (重庆市公安局江北分局 is one ORG, not LOC + ORG).
"""

from __future__ import annotations

import bisect
import functools
import itertools
from typing import Any

import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, IDX, LENGTH
from spacy.language import Language
from spacy.tokens import Doc

from schemas import Entity

from .. import dates
from ..doc import add_to_layer, doc_text, norm_text, records
from .common import Candidate as Candidate  # re-exported: the public names stay where they were
from .common import resolve as resolve
from .en import EnRules as EnRules
from .zh import ZhRules as ZhRules


@functools.cache
def rules(lang: str) -> ZhRules | EnRules:
    """The compiled rules for ``lang`` (built once per process)."""
    return ZhRules() if lang == "zh" else EnRules()


def _bounds(doc: Doc) -> bytes:
    """One byte per character offset of the text and its end: 1 where a token starts or ends.

    A byte string indexed by offset, built by numpy from the token array: a set of the same offsets
    cost three times as much to build on every document (one Python int per token edge).
    """
    n = len(doc_text(doc))
    if not len(doc):
        return b"\x01" + bytes(n)
    arr = doc.to_array([IDX, LENGTH])
    starts = arr[:, 0]
    mask = numpy.zeros(n + 1, numpy.uint8)
    mask[starts] = 1
    mask[starts + arr[:, 1]] = 1
    mask[n] = 1
    return mask.tobytes()


def find_entities(doc: Doc, lang: str) -> list[Entity]:
    """Rule entities of ``doc`` as records, DATEs with their ISO ``value``."""
    return [Entity(**row) for row in entity_rows(doc, lang)]


def entity_rows(doc: Doc, lang: str) -> list[dict[str, Any]]:
    """Rule entities of ``doc`` as ``Entity`` rows (the layer validates them once, in the converter)."""
    text = norm_text(doc)
    published = doc._.published
    if lang == "zh":
        cands = rules("zh").find(text, _bounds(doc), published)  # type: ignore[union-attr]
        found_dates = dates.find_zh(text, published)
    else:
        cands = rules("en").find(text, published)  # type: ignore[call-arg]
        found_dates = dates.find_en(text, published)
    cands.extend((s, e, "DATE") for s, e, _ in found_dates)
    values = {(s, e): v for s, e, v in found_dates}
    raw = doc_text(doc)
    return [
        {"text": raw[s:e], "start": s, "end": e, "label": label, "value": values.get((s, e)) if label == "DATE" else None}
        for s, e, label in resolve(cands)
    ]


def outside_campaigns(rows: list[dict[str, Any]], campaigns: list[tuple[int, int]]) -> list[dict[str, Any]]:
    """``rows`` without the ORG and PERSON rows that lie inside one of the ``campaigns`` spans."""
    spans = sorted(campaigns)
    starts = [s for s, _ in spans]
    reach = list(itertools.accumulate((t for _, t in spans), max))  # furthest end of the spans so far
    return [
        e for e in rows
        if e["label"] not in ("ORG", "PERSON")
        or not (i := bisect.bisect_right(starts, e["start"])) or reach[i - 1] < e["end"]
    ]


def set_ents(doc: Doc) -> None:
    """Mirror the ``entities`` layer on ``doc.ents`` (token-aligned, overlaps dropped).

    What ``doc.ents = spacy.util.filter_spans(spans)`` sets, token by token, written as three
    columns by ``Doc.from_array``: spaCy's setter re-creates every span and walks the tokens in
    Python, which cost more than finding the entities did.
    """
    n = len(doc)
    if not n:
        return
    # the layer's spans are already the token spans of its records, labelled by entity label
    group = doc.spans["entities"] if "entities" in doc.spans else ()
    kept = [(s, e, label) for s, e, label in _filter_spans([(s.start, s.end, s.label) for s in group]) if label]
    iob = numpy.full(n, 2, numpy.uint64)  # O: outside any entity
    types = numpy.zeros(n, numpy.uint64)
    kb_ids = doc.to_array(ENT_KB_ID)  # kept outside entities, as the setter does
    if kept:
        starts = numpy.array([s for s, _, _ in kept], numpy.int64)
        lengths = numpy.array([e for _, e, _ in kept], numpy.int64) - starts
        # the token indices inside the entities, in order: each start repeated, plus 0, 1, … within it
        inside = numpy.repeat(starts - (numpy.cumsum(lengths) - lengths), lengths) + numpy.arange(lengths.sum())
        iob[inside] = 1  # I
        iob[starts] = 3  # B
        types[inside] = numpy.repeat(numpy.array([label for _, _, label in kept], numpy.uint64), lengths)
        kb_ids[inside] = 0  # the layer's spans carry no knowledge-base id
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID], numpy.stack([iob, types, kb_ids], axis=1))


def _filter_spans(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """``spacy.util.filter_spans`` on ``(start, end, label)`` token spans: longest (then last) first, no overlaps."""
    seen: set[int] = set()
    result = []
    for span in sorted(spans, key=lambda t: (t[1] - t[0], -t[0]), reverse=True):
        s, e, _ = span
        if s not in seen and e - 1 not in seen:
            result.append(span)
            seen.update(range(s, e))
    return sorted(result, key=lambda t: t[0])


@Language.factory("extract_entities", default_config={"lang": "zh"})
def make_entities(nlp: Language, name: str, lang: str) -> EntityComponent:
    """spaCy factory for the rule-based NER stage."""
    return EntityComponent(lang)


class EntityComponent:
    """Finds entities, stores exact records in ``doc.spans["entities"]`` and sets ``doc.ents``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        rules(lang)

    def __call__(self, doc: Doc) -> Doc:
        """Add the entities of ``doc`` to its ``entities`` layer and ``doc.ents``."""
        found = entity_rows(doc, self.lang)
        # A campaign name ("Clean Network 2024", “昆仑2023”) is an operation, not an organisation or a
        # person; the capitalised-phrase and name rules cannot tell, the campaign stage already has.
        campaigns = [(r["start"], r["end"]) for r in records(doc, "campaigns")]
        if campaigns:
            found = outside_campaigns(found, campaigns)
        add_to_layer(doc, "entities", found, label_field="label")
        set_ents(doc)
        return doc
