"""User-supplied spaCy NER models: a tiny model trained here, loaded through Extractor(model=) and --model."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLD, ROOT
from spacy.training import Example
from spacy.util import fix_random_seed

from extract import Extractor
from extract.model import load_model, merge, model_entities
from extract.pipeline import blank
from schemas import Entity

# A made-up platform name no rule or gazetteer knows: only the model can find it.
NEW_ORG = "阿尔法贝塔"
SYNTHETIC = [
    f"{NEW_ORG}发布公告称将配合调查。",
    f"警方约谈了{NEW_ORG}的负责人。",
    f"用户在{NEW_ORG}上发布虚假信息。",
    f"{NEW_ORG}已下架相关应用。",
    f"记者从{NEW_ORG}获悉，相关账号已被封禁。",
    f"多名嫌疑人通过{NEW_ORG}招揽客户。",
]


def _gold_lines(limit: int) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Short lines of the corpus with their gold entities, offsets relative to the line."""
    out = []
    for path in sorted(GOLD.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (ROOT / "corpus" / f"{gold['id']}.txt").read_text(encoding="utf-8-sig")
        if any("\u4e00" <= ch <= "\u9fff" for ch in text[:200]):
            pos = 0
            for line in text.split("\n"):
                end = pos + len(line)
                ents = [(e["start"] - pos, e["end"] - pos, e["label"]) for e in gold["entities"] if pos <= e["start"] and e["end"] <= end]
                if ents and len(line) < 120:
                    out.append((line, ents))
                pos = end + 1
    return out[:limit]


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Train a tiny Chinese NER model on corpus gold lines plus synthetic sentences; save it."""
    random.seed(0)
    fix_random_seed(0)
    nlp = blank("zh")
    ner = nlp.add_pipe("ner")
    synthetic = [(s, [(s.index(NEW_ORG), s.index(NEW_ORG) + len(NEW_ORG), "ORG")]) for s in SYNTHETIC]
    data = _gold_lines(20) + synthetic * 3
    examples = []
    for text, ents in data:
        doc = nlp.make_doc(text)
        spans = [doc.char_span(s, e, label=lab, alignment_mode="contract") for s, e, lab in ents]
        kept = [sp for sp in spans if sp is not None]
        kept = [sp for i, sp in enumerate(kept) if not any(sp.start < o.end and o.start < sp.end for o in kept[:i])]
        for sp in kept:
            ner.add_label(sp.label_)
        examples.append(Example.from_dict(doc, {"entities": [(sp.start_char, sp.end_char, sp.label_) for sp in kept]}))
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(30):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.1)
    path = tmp_path_factory.mktemp("model") / "tiny_ner"
    nlp.to_disk(path)
    return path


def test_model_fills_a_gap_the_rules_leave(model_path: Path) -> None:
    text = f"据了解，{NEW_ORG}发布公告称将配合调查。"
    plain = Extractor().extract(text)
    assert not any(e.text == NEW_ORG for e in plain.entities), "the rules alone must not know the name"
    rec = Extractor(model=str(model_path)).extract(text)
    found = [e for e in rec.entities if e.text == NEW_ORG]
    assert found and found[0].label == "ORG"
    assert text[found[0].start : found[0].end] == NEW_ORG


def test_rule_entities_survive_the_model(model_path: Path) -> None:
    text = "重庆市公安局江北分局破获一起案件，民警金科介绍了案情。"
    rules_only = Extractor().extract(text).entities
    with_model = Extractor(model=str(model_path)).extract(text).entities
    for ent in rules_only:
        assert ent in with_model, f"rule entity {ent.text} was changed by the model"
    assert all(text[e.start : e.end] == e.text for e in with_model)


def test_merge_policy_rules_win_model_fills_gaps() -> None:
    rules = [{"start": 0, "end": 6, "label": "ORG"}]
    model = [
        Entity(text="x", start=2, end=8, label="LOC"),  # overlaps a rule entity: dropped
        Entity(text="y", start=10, end=12, label="PERSON"),  # a gap: kept
        Entity(text="z", start=11, end=14, label="ORG"),  # overlaps a kept model entity: dropped
    ]
    assert [(e.start, e.end) for e in merge(rules, model)] == [(10, 12)]


def test_a_model_without_ner_is_refused(tmp_path: Path) -> None:
    nlp = blank("zh")
    nlp.to_disk(tmp_path / "no_ner")
    with pytest.raises(ValueError, match="no 'ner' component"):
        load_model(str(tmp_path / "no_ner"))


def test_cli_model_option(model_path: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "m1", "text": f"警方约谈了{NEW_ORG}的负责人。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    exe = str(Path(sys.executable).parent / "extract")
    res = subprocess.run([exe, str(corpus), "--model", str(model_path), "-j", "1"], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    rec = json.loads(res.stdout)
    assert any(e["text"] == NEW_ORG and e["label"] == "ORG" for e in rec["entities"])


def test_model_labels_map_onto_the_four(model_path: Path) -> None:
    ents = model_entities(load_model(str(model_path)), f"警方约谈了{NEW_ORG}的负责人。")
    assert ents and all(e.label in {"PERSON", "ORG", "LOC", "DATE"} for e in ents)


def test_add_pipe_from_user_code(model_path: Path) -> None:
    import spacy

    import extract.pipeline  # noqa: F401  (registers the factories)
    from extract.doc import records

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("extract_normalizer")
    nlp.add_pipe("extract_entities", config={"lang": "zh"})
    nlp.add_pipe("extract_user_model", config={"model": str(model_path)})
    doc = nlp(f"民警金科说，{NEW_ORG}已下架相关应用。")
    labels = {(r["text"], r["label"]) for r in records(doc, "entities")}
    assert ("金科", "PERSON") in labels
    assert (NEW_ORG, "ORG") in labels
    assert {e.text for e in doc.ents} >= {"金科", NEW_ORG}


def test_merge_policy_on_a_real_document(model_path: Path) -> None:
    """On corpus lines: rule entities kept as they are, model entities only in the gaps, nothing overlaps."""
    text = "\n".join(line for line, _ in _gold_lines(12)) + f"\n{NEW_ORG}已下架相关应用。"
    rules = Extractor().extract(text).entities
    predicted = model_entities(load_model(str(model_path)), text)
    final = Extractor(model=str(model_path)).extract(text).entities

    def overlaps(a: Entity, b: Entity) -> bool:
        return a.start < b.end and b.start < a.end

    assert all(r in final for r in rules)
    added = [e for e in final if e not in rules]
    assert added, "the model should add at least the name the rules do not know"
    for ent in added:
        assert ent in predicted and not any(overlaps(ent, r) for r in rules)
    clashing = [p for p in predicted if any(overlaps(p, r) and p != r for r in rules)]
    assert clashing, "the model should also predict something that clashes with a rule entity"
    assert not any(p in final for p in clashing if p not in rules)
    ordered = sorted(final, key=lambda e: e.start)
    assert all(a.end <= b.start for a, b in zip(ordered, ordered[1:], strict=False))
    assert all(text[e.start : e.end] == e.text for e in final)
