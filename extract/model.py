"""User-supplied spaCy NER models, merged with the rule entities.

``Extractor(model="path/or/package")`` (``extract run --model PATH``) adds the ``extract_user_model``
component after the rule NER stage.  It loads a trained spaCy pipeline with ``spacy.load`` (a package
name or a folder written by ``nlp.to_disk``), runs it on the document text with the model's own
tokenizer, maps its labels onto PERSON/ORG/LOC/DATE and merges the result.

Merge policy: the rules win.  A model entity is added only when it overlaps no entity already on the
``entities`` layer; it fills gaps (names the rules do not know) and never splits, trims or relabels a
rule entity.  Model labels outside the mapping (``MONEY``, ``CARDINAL``…) are ignored.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from schemas import Entity

from .doc import add_to_layer, doc_text, records
from .entities import set_ents

# spaCy / OntoNotes / WikiNER labels onto the record's four.
LABEL_MAP: dict[str, str] = {
    "PERSON": "PERSON", "PER": "PERSON",
    "ORG": "ORG", "NORP": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "DATE": "DATE",
}


@cache
def load_model(name: str) -> Language:
    """The trained spaCy pipeline ``name`` (package or path), loaded once per process; it must have NER."""
    nlp = spacy.load(name)
    if "ner" not in nlp.pipe_names:
        raise ValueError(f"spaCy model {name!r} has no 'ner' component (pipes: {', '.join(nlp.pipe_names)})")
    return nlp


def model_entities(nlp: Language, text: str) -> list[Entity]:
    """The mapped entities ``nlp`` finds in ``text``, with character offsets into ``text``."""
    out: list[Entity] = []
    for ent in nlp(text).ents:
        label = LABEL_MAP.get(ent.label_)
        if label is None or not ent.text.strip():
            continue
        out.append(Entity(text=ent.text, start=ent.start_char, end=ent.end_char, label=label))  # type: ignore[arg-type]
    return out


def merge(rule_items: list[dict[str, object]], model_items: list[Entity]) -> list[Entity]:
    """The model entities that overlap no rule entity (nor an earlier kept model entity)."""
    taken = [(int(r["start"]), int(r["end"])) for r in rule_items]  # type: ignore[call-overload]
    kept: list[Entity] = []
    for ent in sorted(model_items, key=lambda e: (e.start, -(e.end - e.start))):
        if any(ent.start < e and s < ent.end for s, e in taken):
            continue
        kept.append(ent)
        taken.append((ent.start, ent.end))
    return kept


@Language.factory("extract_user_model", default_config={"model": "", "lang": "zh"})
def make_user_model(nlp: Language, name: str, model: str, lang: str) -> UserModelComponent:
    """spaCy factory for the user-model NER component (``model`` is a package name or a path)."""
    return UserModelComponent(model)


class UserModelComponent:
    """Runs a user's trained spaCy NER and adds its entities where the rules found none."""

    def __init__(self, model: str) -> None:
        if not model:
            raise ValueError("extract_user_model needs config {'model': 'package-or-path'}")
        self.model = model
        self.nlp = load_model(model)

    def __call__(self, doc: Doc) -> Doc:
        """Merge the model's entities into the ``entities`` layer and ``doc.ents``."""
        extra = merge(records(doc, "entities"), model_entities(self.nlp, doc_text(doc)))
        if extra:
            add_to_layer(doc, "entities", extra, label_field="label")
            set_ents(doc)
        return doc
