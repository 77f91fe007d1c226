"""Case-type stage: mentions of crime and offence types with canonical names (SPEC section 5)."""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc

from schemas import CaseType

from . import patterns
from .doc import add_to_layer, norm_text


def _compile(lang: str) -> tuple[regex.Pattern[str] | None, dict[str, str]]:
    canon: dict[str, str] = {}
    for entry in patterns.load(lang, "case_types").get("case_type", []):
        for alias in entry.get("aliases", []):
            canon[alias] = entry["canonical"]
    if not canon:
        return None, canon
    alts = "|".join(regex.escape(a) for a in sorted(canon, key=len, reverse=True))
    return regex.compile(alts), canon


@Language.factory("extract_case_types", default_config={"lang": "zh"})
def make_case_types(nlp: Language, name: str, lang: str) -> CaseTypeComponent:
    """spaCy factory for the case-type stage."""
    return CaseTypeComponent(lang)


class CaseTypeComponent:
    """Finds crime-type mentions and stores them in ``doc.spans["case_types"]``."""

    def __init__(self, lang: str) -> None:
        self.pattern, self.canon = _compile(lang)

    def __call__(self, doc: Doc) -> Doc:
        """Add the case types of ``doc`` to its ``case_types`` layer."""
        if self.pattern is None:
            return doc
        found = [
            CaseType(text=doc.text[m.start() : m.end()], start=m.start(), end=m.end(), canonical=self.canon[m[0]])
            for m in self.pattern.finditer(norm_text(doc))
        ]
        add_to_layer(doc, "case_types", found, label_field="canonical")
        return doc
