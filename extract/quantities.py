"""Quantity stage: numbers with a measure word, currency or percent sign (SPEC section 3)."""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc

from schemas import Quantity

from . import patterns
from .doc import add_to_layer, norm_text

_MULT = {"万": 10_000, "亿": 100_000_000}


def _compile(lang: str) -> tuple[regex.Pattern[str], dict[str, str]]:
    units: dict[str, str] = patterns.load(lang, "quantities").get("units", {})
    alts = "|".join(regex.escape(u) for u in sorted(units, key=len, reverse=True))
    pat = regex.compile(rf"(?P<num>\d+(?:\.\d+)?)(?P<mult>[万亿]?)(?P<more>余|多)?(?P<unit>{alts})")
    return pat, units


@Language.factory("extract_quantities", default_config={"lang": "zh"})
def make_quantities(nlp: Language, name: str, lang: str) -> QuantityComponent:
    """spaCy factory for the quantity stage."""
    return QuantityComponent(lang)


class QuantityComponent:
    """Finds quantities in ``doc._.norm_text`` and stores them in ``doc.spans["quantities"]``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.pattern, self.units = _compile(lang)

    def __call__(self, doc: Doc) -> Doc:
        """Add the quantities of ``doc`` to its ``quantities`` layer."""
        if not self.units:
            return doc
        text = norm_text(doc)
        found: list[Quantity] = []
        for m in self.pattern.finditer(text):
            value = float(m["num"]) * _MULT.get(m["mult"], 1)
            unit = m["unit"]
            kind = self.units[unit]
            found.append(
                Quantity(
                    text=doc.text[m.start() : m.end()],
                    start=m.start(),
                    end=m.end(),
                    value=int(value) if value.is_integer() else value,
                    approx="more_than" if m["more"] else "exact",
                    unit=unit,
                    kind=kind,  # type: ignore[arg-type]
                    currency="CNY" if kind == "money" else None,
                )
            )
        add_to_layer(doc, "quantities", found, label_field="kind")
        return doc
