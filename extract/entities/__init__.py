"""NER stage: PERSON, ORG, LOC and DATE entities (SPEC section 6).

Rules over the normalised text (compiled regexes and gazetteer lists, see patterns/<lang>/entities.toml,
places.toml and surnames.toml); jieba's token boundaries, already on the Doc, decide where a name ends.
Overlapping candidates resolve to the longest span (重庆市公安局江北分局 is one ORG, not LOC + ORG).
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
from typing import Any, NamedTuple

import numpy
from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, IDX, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from schemas import Entity

from .. import dates
from ..doc import doc_text, label_ids, norm_text, records, row_offsets
from .common import Candidate as Candidate  # re-exported: the public names stay where they were
from .common import resolve as resolve
from .en import EnRules as EnRules
from .zh import ZhRules as ZhRules

# a row's start and end, read in C
_START, _END = operator.itemgetter("start"), operator.itemgetter("end")


@functools.cache
def rules(lang: str) -> ZhRules | EnRules:
    """The compiled rules for ``lang`` (built once per process)."""
    return ZhRules() if lang == "zh" else EnRules()


class _Tokens(NamedTuple):
    """Where each token of a Doc starts and ends (its trailing space left out), and its knowledge-base id."""

    starts: numpy.ndarray
    ends: numpy.ndarray
    kb_ids: numpy.ndarray


def _tokens(doc: Doc) -> _Tokens:
    """The token columns of ``doc`` that the stage reads, in one ``to_array`` call."""
    cols = doc.to_array([IDX, SPACY, ENT_KB_ID]).reshape(-1, 3)
    starts = cols[:, 0].astype(numpy.int64)
    # a Doc's text is its tokens, each followed by one space when SPACY is set: a token ends where the
    # next one starts, less that space (LENGTH would cost a lexeme look-up per token)
    ends = numpy.append(starts[1:], len(doc_text(doc))) - cols[:, 1].astype(numpy.int64)
    return _Tokens(starts, ends, cols[:, 2])


def _bounds(doc: Doc, tokens: _Tokens | None = None) -> bytes:
    """One byte per character offset of the text and its end: 1 where a token starts or ends.

    A byte string indexed by offset, built by numpy from the token array: a set of the same offsets
    cost three times as much to build on every document (one Python int per token edge).
    """
    n = len(doc_text(doc))
    if not len(doc):
        return b"\x01" + bytes(n)
    if tokens is None:
        tokens = _tokens(doc)
    mask = numpy.zeros(n + 1, numpy.uint8)
    mask[tokens.starts] = 1
    mask[tokens.ends] = 1
    mask[n] = 1
    return mask.tobytes()


def find_entities(doc: Doc, lang: str) -> list[Entity]:
    """Rule entities of ``doc`` as records, DATEs with their ISO ``value``."""
    return [Entity(**row) for row in entity_rows(doc, lang)]


def entity_rows(doc: Doc, lang: str, tokens: _Tokens | None = None) -> list[dict[str, Any]]:
    """Rule entities of ``doc`` as ``Entity`` rows (the layer validates them once, in the converter)."""
    text = norm_text(doc)
    published = doc._.published
    if lang == "zh":
        cands = rules("zh").find(text, _bounds(doc, tokens), published)  # type: ignore[union-attr]
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


def set_ents(doc: Doc, tokens: _Tokens | None = None) -> None:
    """Mirror the ``entities`` layer on ``doc.ents`` (token-aligned, overlaps dropped).

    What ``doc.ents = spacy.util.filter_spans(list(doc.spans["entities"]))`` sets, token by token,
    written as token columns by ``Doc.from_array``. The layer's spans are the token spans that
    ``Doc.char_span(..., alignment_mode="expand")`` gives its records; they are computed here from
    the records' offsets by binary search over the token offsets, because spaCy's setter re-creates
    every span and walks the tokens in Python, which cost more than finding the entities did.
    """
    if not len(doc):
        return
    if tokens is None:
        tokens = _tokens(doc)
    rows = records(doc, "entities")
    first, last = _token_spans(tokens, rows)
    _write_ents(doc, tokens, first, last, label_ids(doc, [str(r.get("label", "")) for r in rows]))


def _token_spans(tokens: _Tokens, rows: list[dict[str, Any]]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The first token and the token after the last of what ``Doc.char_span(start, end, alignment_mode="expand")``
    gives each row (rows that lie inside the text)."""
    char_starts = numpy.fromiter(map(_START, rows), numpy.int64, len(rows))
    char_ends = numpy.fromiter(map(_END, rows), numpy.int64, len(rows))
    # the token holding a character is the last one starting at or before it; a start in the
    # whitespace after a token moves to the next token (alignment_mode="expand")
    first = numpy.searchsorted(tokens.starts, char_starts, side="right") - 1
    first += char_starts == tokens.ends[first]
    last = numpy.searchsorted(tokens.starts, char_ends - 1, side="right")
    return first, last


def _write_ents(doc: Doc, tokens: _Tokens, first: numpy.ndarray, last: numpy.ndarray, ids: list[int]) -> None:
    """Set ``doc.ents`` to the token spans ``first[i]:last[i]`` as ``filter_spans`` would choose them."""
    with_kb = bool(tokens.kb_ids.any())  # else the knowledge-base column would be written unchanged
    # one row per column (ENT_IOB, ENT_TYPE, ENT_KB_ID), handed to from_array transposed: it wants
    # the columns contiguous and would copy a token-major array; outside any entity a token is O
    cols = numpy.zeros((3 if with_kb else 2, len(doc)), numpy.uint64)
    cols[0] = 2
    if with_kb:
        cols[2] = tokens.kb_ids  # knowledge-base ids stay outside entities, as in spaCy
    if len(first):
        labels = numpy.array(ids, numpy.uint64)
        if bool(numpy.all(first[1:] >= last[:-1])):
            # no two spans share a token: filter_spans keeps them all, in this order
            keep = (labels > 0) & (last > first)
            starts, ends, labels = first[keep], last[keep], labels[keep]
        else:
            spans = _filter_spans(list(zip(first.tolist(), last.tolist(), ids, strict=True)))
            kept = [(s, e, label) for s, e, label in spans if label and e > s]
            starts = numpy.array([s for s, _, _ in kept], numpy.int64)
            ends = numpy.array([e for _, e, _ in kept], numpy.int64)
            labels = numpy.array([label for _, _, label in kept], numpy.uint64)
        lengths = ends - starts
        # the token indices inside the entities, in order: each start repeated, plus 0, 1, … within it
        inside = numpy.repeat(starts - (numpy.cumsum(lengths) - lengths), lengths) + numpy.arange(lengths.sum())
        cols[0, inside] = 1  # I
        cols[0, starts] = 3  # B
        cols[1, inside] = numpy.repeat(labels, lengths)
        if with_kb:
            cols[2, inside] = 0  # the layer's spans carry no knowledge-base id
    doc.from_array([ENT_IOB, ENT_TYPE, ENT_KB_ID][: len(cols)], cols.T)


def _store(doc: Doc, found: list[dict[str, Any]], tokens: _Tokens) -> None:
    """``add_to_layer(doc, "entities", found, label_field="label")``, then ``set_ents(doc, tokens)``.

    ``set_layer`` asks ``Doc.char_span`` for each row's token span, which costs more than the
    rest of the stage's bookkeeping; here the spans are found for all rows at once as ``set_ents``
    finds them, built directly, and handed on to ``doc.ents``.
    """
    rows = sorted([*records(doc, "entities"), *found], key=row_offsets)
    text = doc_text(doc)
    size = len(text)
    if not len(doc):  # char_span finds no token, and there are no ents to set
        doc.spans["entities"] = SpanGroup(doc, name="entities", spans=[], attrs={"records": []})
        return
    first, last = _token_spans(tokens, rows)
    # char_span gives None for a start or an end outside the text; set_layer also drops a row whose text differs
    kept = [
        i for i, r in enumerate(rows)
        if 0 <= r["start"] < size and 0 < r["end"] <= size and text[r["start"] : r["end"]] == r["text"]
    ]
    if len(kept) < len(rows):
        rows = [rows[i] for i in kept]
        first, last = first[kept], last[kept]
    ids = label_ids(doc, [str(r.get("label", "")) for r in rows])
    spans = [Span(doc, s, e, label=label) for s, e, label in zip(first.tolist(), last.tolist(), ids, strict=True)]
    doc.spans["entities"] = SpanGroup(doc, name="entities", spans=spans, attrs={"records": rows})
    _write_ents(doc, tokens, first, last, ids)


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
        tokens = _tokens(doc)
        found = entity_rows(doc, self.lang, tokens)
        # A campaign name ("Clean Network 2024", “昆仑2023”) is an operation, not an organisation or a
        # person; the capitalised-phrase and name rules cannot tell, the campaign stage already has.
        campaigns = [(r["start"], r["end"]) for r in records(doc, "campaigns")]
        if campaigns:
            found = outside_campaigns(found, campaigns)
        _store(doc, found, tokens)
        return doc
