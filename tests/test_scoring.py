"""The scorer, on hand-made predictions: perfect, empty, shifted, wrong value, duplicated."""

from __future__ import annotations

import copy

import pytest

from extract import scoring

GOLD = {
    "id": "d1",
    "lang": "zh",
    "title": "标题",
    "published": "2023-12-22",
    "quantities": [
        {"text": "2494起", "start": 10, "end": 15, "value": 2494, "value_max": None, "approx": "exact",
         "unit": "起", "kind": "case", "currency": None, "object": "涉网刑事案件"},
        {"text": "15万余元", "start": 30, "end": 35, "value": 150000, "value_max": None, "approx": "more_than",
         "unit": "元", "kind": "money", "currency": "CNY", "object": "涉案金额"},
    ],
    "campaigns": [{"text": "净网2023", "start": 1, "end": 7, "name": "净网", "year": 2023, "canonical": "净网2023"}],
    "case_types": [{"text": "侵公", "start": 40, "end": 42, "canonical": "侵犯公民个人信息"}],
    "entities": [
        {"text": "长治市", "start": 50, "end": 53, "label": "LOC"},
        {"text": "王津", "start": 60, "end": 62, "label": "PERSON"},
    ],
}


def run(pred: dict) -> scoring.Scores:
    return scoring.score([pred], {"d1": GOLD})


def test_perfect_prediction_scores_one_everywhere() -> None:
    s = run(copy.deepcopy(GOLD))
    for name in ("quantities", "campaigns", "case_types", "entities"):
        assert s.f1(name) == 1.0
        assert s.f1(f"{name}.strict") == 1.0
    assert s.attr_accuracy() == {"approx": 1.0, "unit": 1.0, "currency": 1.0, "object": 1.0, "object_exact": 1.0}
    assert (s.title_correct, s.published_correct) == (1, 1)


def test_object_accuracy_is_reported_lenient_and_exact() -> None:
    pred = copy.deepcopy(GOLD)
    pred["quantities"][0]["object"] = pred["quantities"][0]["object"] + "乘机"  # contains gold's: lenient only
    s = run(pred)
    acc = s.attr_accuracy()
    assert acc["object"] == 1.0 and acc["object_exact"] == 0.5


def test_empty_prediction_has_zero_recall() -> None:
    s = run({"id": "d1", "lang": "zh"})
    q = s.lists["quantities"].lenient
    assert (q.tp, q.fp, q.fn) == (0, 0, 2)
    assert q.recall == 0.0 and s.f1("quantities") == 0.0
    assert s.published_correct == 0


def test_shifted_span_is_lenient_match_but_strict_miss() -> None:
    pred = copy.deepcopy(GOLD)
    pred["quantities"][0].update(start=11, end=15, text="494起")
    s = run(pred)
    assert s.lists["quantities"].lenient.tp == 2
    assert s.lists["quantities"].strict.tp == 1
    assert s.f1("quantities.strict") == pytest.approx(0.5)


def test_non_overlapping_span_does_not_match() -> None:
    pred = copy.deepcopy(GOLD)
    pred["entities"][0].update(start=53, end=56)
    s = run(pred)
    assert s.lists["entities"].lenient.tp == 1
    assert s.lists["entities"].by_kind["LOC"].fn == 1 and s.lists["entities"].by_kind["LOC"].fp == 1


def test_wrong_value_or_kind_is_both_false_positive_and_miss() -> None:
    pred = copy.deepcopy(GOLD)
    pred["quantities"][1]["value"] = 15
    pred["quantities"][0]["kind"] = "count"
    q = run(pred).lists["quantities"].lenient
    assert (q.tp, q.fp, q.fn) == (0, 2, 2)


def test_duplicate_prediction_counts_once() -> None:
    pred = copy.deepcopy(GOLD)
    pred["campaigns"] = pred["campaigns"] * 2
    c = run(pred).lists["campaigns"].lenient
    assert (c.tp, c.fp, c.fn) == (1, 1, 0)
    assert c.precision == pytest.approx(0.5)


def test_attribute_accuracy_and_object_containment() -> None:
    pred = copy.deepcopy(GOLD)
    pred["quantities"][0]["object"] = "刑事案件"  # contained in the gold object: counts as right
    pred["quantities"][1]["approx"] = "exact"
    pred["quantities"][1]["object"] = "损失"
    acc = run(pred).attr_accuracy()
    assert acc["approx"] == 0.5 and acc["object"] == 0.5 and acc["unit"] == 1.0


def test_wrong_canonical_is_no_match() -> None:
    pred = copy.deepcopy(GOLD)
    pred["case_types"][0]["canonical"] = "电信网络诈骗"
    assert run(pred).f1("case_types") == 0.0


def test_missing_document_counts_as_empty_prediction() -> None:
    s = scoring.score([], {"d1": GOLD})
    assert s.missing_predictions == ["d1"]
    assert s.lists["entities"].lenient.fn == 2


def test_thresholds_parse_and_report() -> None:
    s = run({"id": "d1", "lang": "zh"})
    th = scoring.parse_thresholds("quantities=0.5, zh/entities.strict=0.1")
    assert th == {"quantities": 0.5, "zh/entities.strict": 0.1}
    assert len(scoring.below(s, th)) == 2
    with pytest.raises(ValueError):
        scoring.parse_thresholds("quantities")
    with pytest.raises(KeyError):
        s.f1("numbers")
