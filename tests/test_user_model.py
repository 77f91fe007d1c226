"""User-supplied spaCy NER models: a tiny model trained here on corpus gold, loaded and merged with the rules."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import spacy
from conftest import GOLD
from spacy.training import Example

from extract import Extractor
from extract.model import merge, model_entities

SENTENCES = [
    ("警方抓获嫌疑人娜仁高娃。", [("娜仁高娃", "PERSON")]),
    ("娜仁高娃已被刑事拘留。", [("娜仁高娃", "PERSON")]),
    ("据悉娜仁高娃曾多次作案。", [("娜仁高娃", "PERSON")]),
    ("民警金科说，警方抓获嫌疑人娜仁高娃。", [("金科", "PERSON"), ("娜仁高娃", "PERSON")]),
]


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny zh NER (character tokens) trained for a few iterations; nothing is downloaded."""
    nlp = spacy.blank("zh")
    ner = nlp.add_pipe("ner")
    data = list(SENTENCES)
    gold = json.loads(next(iter(sorted(GOLD.glob("001_*.json")))).read_text(encoding="utf-8"))
    ner.add_label("PERSON")
    ner.add_label("ORG")
    examples = []
    for text, ents in data:
        doc = nlp.make_doc(text)
        spans = [(text.index(t), text.index(t) + len(t), label) for t, label in ents]
        examples.append(Example.from_dict(doc, {"entities": spans}))
    assert gold["entities"]  # the corpus gold labels are the label set the merge maps onto
    random.seed(0)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(60):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    out = tmp_path_factory.mktemp("model") / "tiny_ner"
    nlp.to_disk(out)
    return out


def test_model_entities_fill_gaps_rules_win(model_dir: Path) -> None:
    ex = Extractor(model=str(model_dir))
    rec = ex.extract("民警金科说，警方抓获嫌疑人娜仁高娃。", lang="zh")
    got = {(e.text, e.label) for e in rec.entities}
    assert ("金科", "PERSON") in got  # rule entity kept
    assert ("娜仁高娃", "PERSON") in got  # the rules do not know this name; the model fills it in


def test_merge_policy_rules_win_on_overlap() -> None:
    from schemas import Entity

    rules = [{"text": "重庆市公安局", "start": 0, "end": 6, "label": "ORG"}]
    model = [
        Entity(text="重庆", start=0, end=2, label="LOC"),
        Entity(text="金科", start=8, end=10, label="PERSON"),
    ]
    assert [e.text for e in merge(rules, model)] == ["金科"]


def test_model_entities_map_labels(model_dir: Path) -> None:
    from extract.model import load_model

    ents = model_entities(load_model(str(model_dir)), "警方抓获嫌疑人娜仁高娃。")
    assert all(e.label in {"PERSON", "ORG", "LOC", "DATE"} for e in ents)


def test_add_pipe_from_user_code(model_dir: Path) -> None:
    import extract.pipeline  # noqa: F401  (registers the factories)
    from extract.doc import records

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("extract_normalizer")
    nlp.add_pipe("extract_entities", config={"lang": "zh"})
    nlp.add_pipe("extract_user_model", config={"model": str(model_dir)})
    doc = nlp("民警金科说，警方抓获嫌疑人娜仁高娃。")
    labels = {(r["text"], r["label"]) for r in records(doc, "entities")}
    assert ("金科", "PERSON") in labels
    assert any(e.label_ == "PERSON" for e in doc.ents)


def test_model_without_ner_is_refused(tmp_path: Path) -> None:
    from extract.model import load_model

    spacy.blank("zh").to_disk(tmp_path / "empty")
    with pytest.raises(ValueError, match="no 'ner'"):
        load_model(str(tmp_path / "empty"))
