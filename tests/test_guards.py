"""Lexical guards (patterns/<lang>/quantities.toml [guards]): each with its sentence, each load-bearing one
shown to matter, and none of them costing a gold quantity on the development and held-out sets."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, GOLD, ROOT, assert_quantities

from extract import patterns
from extract.normalize import detect_lang, normalize
from extract.quantities import EnQuantities, ZhQuantities, _Found, find_quantities

HELDOUTS = [ROOT / "tests" / "heldout", ROOT / "tests" / "heldout2"]


def _entries(lang: str, key: str) -> list[dict[str, Any]]:
    return list(patterns.load(lang, "quantities").get("guards", {}).get(key, []))


GUARDS = [(lang, key, e) for lang in ("zh", "en") for key in ("word", "mask") for e in _entries(lang, key)]
IDS = [f"{lang}-{key}-{e.get('word') or e['example'][:16]}" for lang, key, e in GUARDS]


def _unguarded(lang: str) -> ZhQuantities | EnQuantities:
    """A matcher built from the same data with every guard removed."""
    data = copy.deepcopy(patterns.load(lang, "quantities"))
    data.pop("guards", None)
    return ZhQuantities(data) if lang == "zh" else EnQuantities(data)


def _dicts(found: list[_Found]) -> list[dict[str, Any]]:
    return [{"text": "", "start": f.start, "end": f.end, "value": f.value, "value_max": f.value_max,
             "approx": f.approx, "unit": f.unit, "kind": f.kind, "object": f.object} for f in found]  # fmt: skip


def test_every_guard_has_a_sentence() -> None:
    assert len([g for g in GUARDS if g[1] == "word"]) >= 20
    assert len([g for g in GUARDS if g[1] == "mask"]) >= 8
    for lang, key, entry in GUARDS:
        assert entry.get("example"), (lang, key, entry)
        if key == "word":
            assert entry["word"] in entry["example"], entry


@pytest.mark.parametrize(("lang", "key", "entry"), GUARDS, ids=IDS)
def test_guard_sentence(lang: str, key: str, entry: dict[str, Any]) -> None:
    text = entry["example"]
    got = [q.model_dump() for q in find_quantities(normalize(text), lang)]
    assert_quantities(text, got, entry.get("expect", []))


@pytest.mark.parametrize(("lang", "key", "entry"), [g for g in GUARDS if g[2].get("needed")],
                         ids=[i for i, g in zip(IDS, GUARDS, strict=True) if g[2].get("needed")])  # fmt: skip
def test_guard_is_needed(lang: str, key: str, entry: dict[str, Any]) -> None:
    # Without the guards the sentence yields a false number (or misses the real one): the guard is load-bearing.
    text = normalize(entry["example"])
    unguarded = [(f.start, f.end, f.value) for f in _unguarded(lang).find(text)]
    expected = [(text.index(e["text"]), text.index(e["text"]) + len(e["text"]), e["value"]) for e in entry.get("expect", [])]
    assert unguarded != expected, unguarded


def _articles() -> list[tuple[str, str, Path]]:
    out = []
    for folder, gold in [(CORPUS, GOLD)] + [(h, h / "gold") for h in HELDOUTS if h.is_dir()]:
        for path in sorted(folder.glob("*.txt")):
            out.append((path.read_text(encoding="utf-8-sig"), path.stem, gold / f"{path.stem}.json"))
    return out


def test_guards_cost_no_recall_on_development_and_heldout_sets() -> None:
    # Every gold quantity the matcher finds without guards it still finds with them.
    checked = 0
    for text, stem, gold_path in _articles():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        lang = gold.get("lang") or detect_lang(text)
        norm = normalize(text)
        spans = {(q["start"], q["end"]) for q in gold["quantities"]}
        guarded = {(f.start, f.end) for f in (ZhQuantities if lang == "zh" else EnQuantities)(
            patterns.load(lang, "quantities")).find(norm)}  # fmt: skip
        unguarded = {(f.start, f.end) for f in _unguarded(lang).find(norm)}
        lost = (unguarded - guarded) & spans
        assert not lost, (stem, [text[s:e] for s, e in lost])
        checked += len(unguarded & spans)
    assert checked > 600  # the check ran over the gold quantities of every set
