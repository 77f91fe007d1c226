"""Building the spaCy pipelines: blank zh (jieba segmenter) or blank en, plus the extract stages.

Importing this module registers every stage factory, so user code can also do
``nlp.add_pipe("extract_quantities", config={"lang": "zh"})`` on a pipeline of its own.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from . import campaigns, case_types, entities, layout, normalize, quantities, statistics  # noqa: F401  (factories)
from . import model as _user_model  # noqa: F401  (the extract_user_model factory)
from .segment import SafeEnglishTokenizer

# Stage order: normalise, then rule stages, then NER, then the link stage that reads them all; the
# converter in extract.records reads the layers.
RULE_STAGES: tuple[str, ...] = ("extract_quantities", "extract_campaigns", "extract_case_types")
STAGES: tuple[str, ...] = ("extract_normalizer", "extract_layout", *RULE_STAGES, "extract_entities", "extract_statistics")


def blank(lang: str) -> Language:
    """A blank spaCy pipeline for ``lang``: Chinese segmented by jieba, English by spaCy's rules."""
    if lang == "zh":
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "extract.jieba_tokenizer.v1"}}})
    if lang == "en":
        nlp = spacy.blank("en")
        nlp.tokenizer = SafeEnglishTokenizer(nlp.tokenizer)
        return nlp
    raise ValueError(f"unsupported language {lang!r} (expected 'zh' or 'en')")


def build(lang: str, stages: tuple[str, ...] = STAGES, model: str | None = None) -> Language:
    """A pipeline for ``lang`` with the named extract stages, in order, plus a user NER ``model`` if given."""
    nlp = blank(lang)
    for stage in stages:
        config = {"lang": lang} if stage not in ("extract_normalizer", "extract_layout") else {}
        nlp.add_pipe(stage, config=config)
    if model:
        # after the rule NER: the user's model only fills gaps (see extract.model)
        before = "extract_statistics" if "extract_statistics" in nlp.pipe_names else None
        nlp.add_pipe("extract_user_model", config={"model": model, "lang": lang}, before=before)
    return nlp
