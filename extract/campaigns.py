"""Campaign stage: named enforcement operations and their canonical names (SPEC section 4)."""

from __future__ import annotations

import regex
from spacy.language import Language
from spacy.tokens import Doc

from schemas import Campaign

from . import patterns
from .doc import add_to_layer, norm_text


def _compile(lang: str) -> regex.Pattern[str] | None:
    names = [a for c in patterns.load(lang, "campaigns").get("campaign", []) for a in c.get("aliases", [])]
    if not names:
        return None
    alts = "|".join(regex.escape(n) for n in sorted(names, key=len, reverse=True))
    return regex.compile(rf"(?P<y1>(?:19|20)\d\d)?(?P<name>{alts})(?P<y2>(?:19|20)\d\d)?")


@Language.factory("extract_campaigns", default_config={"lang": "zh"})
def make_campaigns(nlp: Language, name: str, lang: str) -> CampaignComponent:
    """spaCy factory for the campaign stage."""
    return CampaignComponent(lang)


class CampaignComponent:
    """Finds campaign names and stores them in ``doc.spans["campaigns"]``."""

    def __init__(self, lang: str) -> None:
        self.pattern = _compile(lang)

    def __call__(self, doc: Doc) -> Doc:
        """Add the campaigns of ``doc`` to its ``campaigns`` layer."""
        if self.pattern is None:
            return doc
        found = []
        for m in self.pattern.finditer(norm_text(doc)):
            year_s = m["y1"] or m["y2"]
            year = int(year_s) if year_s else None
            found.append(
                Campaign(
                    text=doc.text[m.start() : m.end()],
                    start=m.start(),
                    end=m.end(),
                    name=m["name"],
                    year=year,
                    canonical=f"{m['name']}{year or ''}",
                )
            )
        add_to_layer(doc, "campaigns", found, label_field="canonical")
        return doc
