"""Crime types named by subtype or by conduct (issue 14): telecom-fraud subtypes, English paraphrases."""

from __future__ import annotations

import pytest

from extract.case_types import recognise
from extract.catalogue import case_types
from extract.normalize import normalize


def found(lang: str, text: str) -> list[tuple[str, str]]:
    """(text, canonical) of every case-type mention in ``text``."""
    return [(text[c.start : c.end], c.canonical) for c in recognise(lang, normalize(text))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("今年以来，全省刷单返利类、虚假网络贷款类、冒充公检法类诈骗案件同比下降。",
         [("刷单返利类", "刷单返利诈骗"), ("虚假网络贷款类", "虚假贷款诈骗"), ("冒充公检法类诈骗", "冒充公检法诈骗")]),
        ("警方提醒：虚假投资理财诈骗仍是发案最多的类型。", [("虚假投资理财诈骗", "虚假投资理财诈骗")]),
        ("破获一起“杀猪盘”诈骗案。", [("杀猪盘", "杀猪盘")]),
        ("甘肃警方侦破網絡遊戲詐騙案件5起。", [("網絡遊戲詐騙", "网络游戏产品虚假交易诈骗")]),
        # the 2015-2017 umbrella term is no type
        ("持续打击电信网络新型违法犯罪。", []),
    ],
)
def test_zh_subtypes(sentence: str, expected: list[tuple[str, str]]) -> None:
    """Each subtype is its own canonical, not a generic 诈骗."""
    assert found("zh", sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police in Hefei arrested 12 people for buying and selling citizens' data.",
         [("buying and selling citizens' data", "侵犯公民个人信息")]),
        ("The theft of personal information fuels other crimes.",
         [("theft of personal information", "侵犯公民个人信息")]),
        ("The ring hired online trolls to smear rivals.", [("online trolls", "网络水军")]),
        ("Most victims lost money to pig-butchering schemes and fake investment scams.",
         [("pig-butchering", "杀猪盘"), ("fake investment scams", "虚假投资理财诈骗")]),
        ("Click-brushing rebate scams topped the list, ahead of false loan fraud.",
         [("Click-brushing rebate scams", "刷单返利诈骗"), ("false loan fraud", "虚假贷款诈骗")]),
        ("Suspects were held for telecoms fraud.", [("telecoms fraud", "电信网络诈骗")]),
    ],
)
def test_en_paraphrases(sentence: str, expected: list[tuple[str, str]]) -> None:
    """English conduct paraphrases and subtype names map to the Chinese canonicals."""
    assert found("en", sentence) == expected


def test_catalogue_lists_subtypes_with_parent() -> None:
    """`extract catalogue case-types` shows every subtype with its parent category."""
    rows = {r["canonical"]: r for r in case_types()}
    for name in ("刷单返利诈骗", "虚假投资理财诈骗", "冒充公检法诈骗", "杀猪盘", "冒充客服诈骗", "虚假贷款诈骗"):
        assert rows[name]["kind"] == "subtype"
        assert rows[name]["parent"] == "电信网络诈骗"
        assert rows[name]["parent"] in rows
    assert rows["杀猪盘"]["label_en"] == "pig-butchering"
