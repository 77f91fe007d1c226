"""Quantity stage: numbers with a measure word, currency, percent sign or counted noun (SPEC section 3).

One compiled regex per language runs over ``doc._.norm_text``; every quantifier in it is bounded,
so matching stays linear on adversarial input (a megabyte of 余万亿 or of digits).  Values come
from ``extract.numerals`` (exact ``Decimal`` arithmetic); the vocabulary (units → kind, qualifiers,
currencies, English nouns, context words) is data in ``patterns/<lang>/quantities.toml``.  The
counted ``object`` is read from a short window on either side of each match.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from schemas import Quantity

from .. import patterns
from ..doc import add_to_layer, doc_text, norm_text
from .common import _ISDIGIT_CLASS as _ISDIGIT_CLASS  # re-exported with the helpers tests check
from .common import _affix as _affix
from .common import _by_length as _by_length
from .common import _Found as _Found
from .common import _to_number
from .en import EnQuantities as EnQuantities
from .en import NounLemmatizer as NounLemmatizer
from .zh import ZhQuantities as ZhQuantities
from .zh import _zh_value as _zh_value

# ---------------------------------------------------------------------------------------------------
# spaCy component


@cache
def matcher(lang: str) -> ZhQuantities | EnQuantities | None:
    """The compiled matcher for ``lang`` (built once per process), None when there is no data."""
    data = patterns.load(lang, "quantities")
    if not data:
        return None
    return EnQuantities(data) if lang == "en" else ZhQuantities(data)


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """The quantities of a plain (already normalised) ``text``, as records."""
    m = matcher(lang)
    if m is None:
        return []
    out = []
    for f in m.find(text):
        out.append(
            Quantity(
                text=text[f.start : f.end],
                start=f.start,
                end=f.end,
                value=_to_number(f.value),
                value_max=None if f.value_max is None else _to_number(f.value_max),
                approx=f.approx,  # type: ignore[arg-type]
                unit=f.unit,
                kind=f.kind,  # type: ignore[arg-type]
                currency=f.currency,
                object=f.object,
            )
        )
    return out


def _as_written(obj: str | None, norm: str, raw: str, start: int, end: int) -> str | None:
    """The object as the article writes it (SPEC 3): read from the normalised copy, it is taken back
    from the text at the same place (違規開卡的銀行網點 stays traditional, ＡＰＰ full-width)."""
    lo, hi = max(0, start - 40), min(len(norm), end + 40)
    if not obj or norm[lo:hi] == raw[lo:hi]:
        return obj
    at = norm.rfind(obj, lo, start)
    if at < 0:
        at = norm.find(obj, end, hi)
    return raw[at : at + len(obj)] if at >= 0 else obj


@Language.factory("extract_quantities", default_config={"lang": "zh"})
def make_quantities(nlp: Language, name: str, lang: str) -> QuantityComponent:
    """spaCy factory for the quantity stage."""
    return QuantityComponent(lang)


class QuantityComponent:
    """Finds quantities in ``doc._.norm_text`` and stores them in ``doc.spans["quantities"]``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        matcher(lang)

    def __call__(self, doc: Doc) -> Doc:
        """Add the quantities of ``doc`` to its ``quantities`` layer."""
        m = matcher(self.lang)
        norm = norm_text(doc)
        found = m.find(norm) if m is not None else []
        raw = doc_text(doc)
        # Many texts need no normalising: then every object is already as written (one comparison).
        rewritten = norm != raw
        # Rows in Quantity field order (doc_to_record validates them); the span as written, values
        # from the normalised copy.
        rows = [
            {
                "text": raw[f.start : f.end],
                "start": f.start,
                "end": f.end,
                "value": f.value if isinstance(f.value, int) else float(f.value),  # _to_number, inlined
                "value_max": None if f.value_max is None else _to_number(f.value_max),
                "approx": f.approx,
                "unit": f.unit,
                "kind": f.kind,
                "currency": f.currency,
                "object": _as_written(f.object, norm, raw, f.start, f.end) if rewritten and f.object else f.object,
            }
            for f in found
        ]
        add_to_layer(doc, "quantities", rows, label_field="kind")
        return doc
