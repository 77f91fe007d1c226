"""NER stage: PERSON, ORG, LOC and DATE entities (SPEC section 6)."""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from schemas import Entity

from .doc import add_to_layer, norm_text, records, token_span

_DATE_ZH = regex.compile(r"(?:\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月\d{1,2}日|今年|去年)")


@Language.factory("extract_entities", default_config={"lang": "zh"})
def make_entities(nlp: Language, name: str, lang: str) -> EntityComponent:
    """spaCy factory for the rule-based NER stage."""
    return EntityComponent(lang)


class EntityComponent:
    """Finds entities, stores exact records in ``doc.spans["entities"]`` and sets ``doc.ents``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        """Add the entities of ``doc`` to its ``entities`` layer and ``doc.ents``."""
        found: list[Entity] = []
        if self.lang == "zh":
            for m in _DATE_ZH.finditer(norm_text(doc)):
                found.append(Entity(text=m[0], start=m.start(), end=m.end(), label="DATE"))
        add_to_layer(doc, "entities", found, label_field="label")
        spans = [token_span(doc, r["start"], r["end"], r["label"]) for r in records(doc, "entities")]
        doc.ents = filter_spans([s for s in spans if s is not None])
        return doc
