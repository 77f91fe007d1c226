"""Link stage (SPEC section 8): which quantities report enforcement results, and what each belongs to.

For every quantity the stage reads the clause around the number (the verb before it and the counted
thing), the sentence, its paragraph and the article's head (headline and opening paragraph), and
says whether it is a statistic, its ``metric``, ``scope`` (a tally or one case's figure), ``campaign``,
``place`` (official name and code), ``period_start``/``period_end`` and ``case_type``.  The cue words
are data (``patterns/<lang>/statistics.toml``); the place table is ``patterns/zh/divisions.toml``.

Resolution order for campaign, place and case type: the sentence, then its paragraph, then the
article as a whole.  Periods come from the time words nearest before the number (``今年以来``,
``截至6月底``, ``行动开展以来``, ``so far this year``) resolved against ``published``.

The package: ``linker`` reads one document (``Linker``), ``cues`` holds the cue tables compiled per
language, ``sentences`` the paragraph, sentence and clause bounds, ``periods`` the time expressions of
a paragraph and the calendar arithmetic, the reading of a pattern's text is ``extract.regexes``; this module is the spaCy component.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from ..doc import doc_text, label_ids, norm_text, records, register_extensions, row_offsets, set_layer
from ..layout import FURNITURE_KEY
from ..places import divisions
from .cues import Cues, FirstOf, cues
from .linker import NOT_STATISTIC_KINDS, Linker
from .sentences import Layout

__all__ = [
    "NOT_STATISTIC_KINDS",
    "Cues",
    "FirstOf",
    "Layout",
    "Linker",
    "StatisticsComponent",
    "cues",
    "link_rows",
]


def link_rows(doc: Doc, lang: str) -> list[dict[str, Any]]:
    """The statistic rows of a processed ``doc`` (quantities, campaigns, case types, entities set)."""
    return _linked(doc, lang)[0]


def _linked(doc: Doc, lang: str) -> tuple[list[dict[str, Any]], list[int]]:
    """The statistic rows of ``doc`` and the index of each row's quantity in the quantities layer."""
    text = norm_text(doc)
    linker = Linker(
        text,
        lang,
        title=_norm_title(doc),
        published=doc._.published,
        quantities=records(doc, "quantities"),
        campaigns=records(doc, "campaigns"),
        case_types=records(doc, "case_types"),
        entities=records(doc, "entities"),
    )
    raw = doc_text(doc)
    rows, at = linker.link_indexed()
    for row in rows:
        row["text"] = raw[row["start"] : row["end"]]
    return rows, at


def _norm_title(doc: Doc) -> str | None:
    title = doc._.title
    if not title:
        return None
    at = doc_text(doc).find(title)
    return norm_text(doc)[at : at + len(title)] if at >= 0 else title


@Language.factory("extract_statistics", default_config={"lang": "zh"})
def make_statistics(nlp: Language, name: str, lang: str) -> StatisticsComponent:
    """spaCy factory for the link stage (``doc.spans["statistics"]``)."""
    return StatisticsComponent(lang)


class StatisticsComponent:
    """Writes the ``statistics`` layer: the quantities that are enforcement results, linked."""

    def __init__(self, lang: str) -> None:
        register_extensions()
        self.lang = lang
        cues(lang)
        divisions()

    def __call__(self, doc: Doc) -> Doc:
        """Link the quantities of ``doc`` into statistics."""
        rows, at = _linked(doc, self.lang)
        if furniture := doc.user_data.get(FURNITURE_KEY):
            kept = [(r, n) for r, n in zip(rows, at, strict=True) if not any(s <= r["start"] < e for s, e in furniture)]
            rows, at = [r for r, _ in kept], [n for _, n in kept]
        group = doc.spans["quantities"] if "quantities" in doc.spans else None
        # set_layer keeps a layer's records and spans in step: the quantity's token span is at its index
        # (no char_span look-ups for the statistics, which are quantities)
        if group is not None and len(group.attrs.get("records", [])) == len(group):
            keys = list(map(row_offsets, rows))
            order = sorted(range(len(rows)), key=keys.__getitem__)
            rows = [rows[k] for k in order]
            labels = label_ids(doc, [r["metric"] for r in rows])
            spans = [Span(doc, (sp := group[at[k]]).start, sp.end, label) for k, label in zip(order, labels, strict=True)]
            doc.spans["statistics"] = SpanGroup(doc, name="statistics", spans=spans, attrs={"records": rows})
        else:
            set_layer(doc, "statistics", rows, label_field="metric")
        return doc
