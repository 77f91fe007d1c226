"""Numbers as people write them (issue 19), as a table in the Duckling / dateparser style: each row is a
sentence and the quantities it holds (text, value, value_max, unit, kind).  The first rows are the issue's
own examples; the rest are sentences written for these tests in other settings (other amounts, units,
places and word orders), so that no rule fits one sentence only."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import assert_quantities

from extract.normalize import normalize
from extract.quantities import find_quantities


def q(text: str, value: float, unit: str, kind: str, value_max: float | None = None, **more: Any) -> dict[str, Any]:
    return dict(text=text, value=value, value_max=value_max, unit=unit, kind=kind, **more)


ZH: list[tuple[str, list[dict[str, Any]]]] = [
    # --- the examples ---------------------------------------------------------------------
    ("涉案金额一百一十一万一千一百一十一元", [q("一百一十一万一千一百一十一元", 1111111, "元", "money", currency="CNY")]),
    ("肆佰叁拾萬圆整", [q("肆佰叁拾萬圆整", 4300000, "元", "money", currency="CNY")]),
    ("壹仟玖佰圆整", [q("壹仟玖佰圆整", 1900, "元", "money", currency="CNY")]),
    ("5万4千6百元", [q("5万4千6百元", 54600, "元", "money")]),
    ("1千零1元", [q("1千零1元", 1001, "元", "money")]),
    ("一百二十到一百五十万元", [q("一百二十到一百五十万元", 1200000, "元", "money", 1500000)]),
    ("七千到九千亿元", [q("七千到九千亿元", 7 * 10**11, "元", "money", 9 * 10**11)]),
    ("1万-5万元", [q("1万-5万元", 10000, "元", "money", 50000)]),
    ("20–100个", [q("20–100个", 20, "个", "count", 100)]),
    ("1 万(含)-5 万元", [q("1 万(含)-5 万元", 10000, "元", "money", 50000)]),
    ("-3.8%", [q("-3.8%", -3.8, "%", "percent")]),
    ("百分之负三点八", [q("百分之负三点八", -3.8, "%", "percent")]),
    ("下降了-22.2%", [q("-22.2%", -22.2, "%", "percent")]),
    ("小明拾起石子", []),
    ("这是五台山", []),
    ("详见http://www.example.com/s?q=%2D9114%29", []),
    ("%2D9114%29", []),
    ("百分之七十百分位", [q("百分之七十", 70, "%", "percent")]),
    ("一致", []), ("三思", []), ("万一", []), ("千万不要", []),
    # --- other sentences ---------------------------------------------------------------------------
    ("冻结涉案资金九千九百九十九万九千九百九十九元。", [q("九千九百九十九万九千九百九十九元", 99999999, "元", "money")]),
    ("收缴赃款人民币贰拾叁万肆仟伍佰陆拾柒元整。", [q("贰拾叁万肆仟伍佰陆拾柒元整", 234567, "元", "money")]),
    ("退赔金额壹万零伍佰圆。", [q("壹万零伍佰圆", 10500, "元", "money")]),
    ("涉案流水2亿3千万元，另有1千零50万元未追回。",
     [q("2亿3千万元", 230000000, "元", "money"), q("1千零50万元", 10500000, "元", "money")]),
    ("全国网民规模达10亿7千万人。", [q("10亿7千万人", 1070000000, "人", "person")]),
    ("他们俩人合伙作案。", [q("俩人", 2, "人", "person")]),
    ("一个账户一年流水高达三兆五千亿日元。", [q("三兆五千亿日元", 35 * 10**11, "日元", "money", currency="JPY")]),
    ("每人获利八到十二万元。", [q("八到十二万元", 80000, "元", "money", 120000)]),
    ("涉案金额三到五十万元不等。", [q("三到五十万元", 300000, "元", "money", 500000)]),
    ("损失在5000至2万元之间。", [q("5000至2万元", 5000, "元", "money", 20000)]),
    ("招募“跑分”人员30~50名。", [q("30~50名", 30, "名", "person", 50)]),
    ("查获银行卡200 - 300张。", [q("200 - 300张", 200, "张", "count", 300)]),
    ("转账金额在1000元(含)-5000元之间。", [q("1000元(含)-5000元", 1000, "元", "money", 5000)]),
    ("利润率为负5%，同比-1.5个百分点。",
     [q("负5%", -5, "%", "percent"), q("-1.5个百分点", -1.5, "个百分点", "percent")]),
    ("账户余额为-300元。", [q("-300元", -300, "元", "money")]),
    ("判处被告人有期徒刑一年至三年不等。", [q("一年至三年", 1, "年", "duration", 3)]),
    ("一起诈骗案至今未破，一名嫌疑人在逃。", []),
    ("收费30元-50元，涨幅10%-15%。", [q("30元-50元", 30, "元", "money", 50), q("10%-15%", 10, "%", "percent", 15)]),
    ("利润率在-5%至-3%之间。", [q("-5%至-3%", -5, "%", "percent", -3)]),
    ("正负3%的误差，比分3-5落后。", [q("3%", 3, "%", "percent")]),
    ("名单见第-5页，COVID-19病例5人。", [q("5人", 5, "人", "person")]),
    ("列表：-5人受伤。", [q("5人", 5, "人", "person")]),
]

EN: list[tuple[str, list[dict[str, Any]]]] = [
    # --- the examples ---------------------------------------------------------------------
    ("one hundred and six dollars", [q("one hundred and six dollars", 106, "dollar", "money", currency="USD")]),
    ("two hundred and two thousand dollars", [q("two hundred and two thousand dollars", 202000, "dollar", "money")]),
    ("one hundred percent", [q("one hundred percent", 100, "%", "percent")]),
    ("ninety five years of age", [q("ninety five years of age", 95, "year", "age")]),
    ("half a dozen phones", [q("half a dozen phones", 6, "phone", "count")]),
    ("3 dozen phones", [q("3 dozen phones", 36, "phone", "count")]),
    ("10k users", [q("10k users", 10000, "user", "person")]),
    ("$1.2b", [q("$1.2b", 1200000000, "dollar", "money", currency="USD")]),
    ("1.2b dollars", [q("1.2b dollars", 1200000000, "dollar", "money")]),
    ("US$ 1MM", [q("US$ 1MM", 1000000, "dollar", "money", currency="USD")]),
    ("-3.8%", [q("-3.8%", -3.8, "%", "percent")]),
    # --- other sentences ---------------------------------------------------------------------------
    ("The gang laundered three hundred and fifty million yuan.",
     [q("three hundred and fifty million yuan", 350000000, "yuan", "money", currency="CNY")]),
    ("Police froze one million two hundred thousand and five yuan.",
     [q("one million two hundred thousand and five yuan", 1200005, "yuan", "money")]),
    ("Officers seized a dozen laptops and two dozen phones.",
     [q("a dozen laptops", 12, "laptop", "count"), q("two dozen phones", 24, "phone", "count")]),
    ("A hundred and twenty victims came forward.", [q("A hundred and twenty victims", 120, "victim", "person")]),
    ("Losses reached half a million yuan.", [q("half a million yuan", 500000, "yuan", "money")]),
    ("The suspect, seventy-two years of age, was detained.", [q("seventy-two years of age", 72, "year", "age")]),
    ("The ring moved €5bn and HK$300k.",
     [q("€5bn", 5000000000, "euro", "money", currency="EUR"), q("HK$300k", 300000, "Hong Kong dollar", "money")]),
    ("Fines of between 1.2 and 1.5 million yuan were imposed.",
     [q("between 1.2 and 1.5 million yuan", 1200000, "yuan", "money", 1500000)]),
    ("Losses of 2-3bn dollars were reported.", [q("2-3bn dollars", 2000000000, "dollar", "money", 3000000000)]),
    ("They paid between 200 yuan and 500 yuan per card, 3 cards and 4 cards.",
     [q("200 yuan and 500 yuan", 200, "yuan", "money", 500), q("3 cards", 3, "card", "count"), q("4 cards", 4, "card", "count")]),
    ("Between two hundred and three hundred people", [q("Between two hundred and three hundred people", 200, "person", "person", 300)]),
    ("Between 500 and 1 million users were affected.",
     [q("Between 500 and 1 million users", 500, "user", "person", 1000000)]),
    ("Fraud fell minus 3.8 percent, profits -12% and revenue −0.5%.",
     [q("minus 3.8 percent", -3.8, "%", "percent"), q("-12%", -12, "%", "percent"), q("−0.5%", -0.5, "%", "percent")]),
    ("He ran the 100m race; 20 - 30 suspects were held.", [q("20 - 30 suspects", 20, "suspect", "person", 30)]),
    ("The court fined him 5mm of nothing; the file is 100MB.", []),
    ("Dozens of them left, thousands of", []),
]


@pytest.mark.parametrize(("text", "expected"), ZH, ids=[c[0][:16] for c in ZH])
def test_zh(text: str, expected: list[dict[str, Any]]) -> None:
    got = [x.model_dump() for x in find_quantities(normalize(text), "zh")]
    for item in got:
        item["text"] = text[item["start"] : item["end"]]  # as the pipeline reports it: the text as written
    assert_quantities(text, got, expected)


@pytest.mark.parametrize(("text", "expected"), EN, ids=[c[0][:20] for c in EN])
def test_en(text: str, expected: list[dict[str, Any]]) -> None:
    assert_quantities(text, [x.model_dump() for x in find_quantities(normalize(text), "en")], expected)


def test_thirty_and_six_is_no_thirty_six() -> None:
    # "and" joins a number only after hundred or a scale word (one hundred and six), never after tens.
    values = [x.value for x in find_quantities("Thirty and six people is not a number.", "en")]
    assert 36 not in values and 6 in values


def test_negative_values_pass_the_record_model(extractor: Any) -> None:
    (item,) = extractor.extract("今年前三季度，该类案件同比下降了-22.2%。", lang="zh").quantities
    assert (item.text, item.value, item.kind) == ("-22.2%", -22.2, "percent")
